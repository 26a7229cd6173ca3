"""政策匹配 over the four policies: each firm estimator listed once, the most promising first."""

from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import estimators
from calc.rules.policy_match import CATEGORIES, RULES

ID = "policy-match"
FOR_BANKS = {"sanming-ktd-compensation", "sanming-ktd-portfolio", "liaocheng-risk-compensation", "cbirc-npl-tolerance"}


def matches(**profile: object) -> dict[str, dict]:
    out = calc.run(ID, profile)
    assert out["ok"], out
    return {m["estimator"]: m for m in out["result"]["matches"]}


def test_every_estimator_for_firms_is_listed_once_and_none_for_banks() -> None:
    listed = list(matches())
    assert len(listed) == len(set(listed))
    every = {e.id for e in estimators()}
    assert set(listed) == every - FOR_BANKS - {ID}
    assert set(RULES) <= every


def test_sanming_firm_with_a_commissioner_and_a_loan() -> None:
    # 二: served by a provincial or municipal commissioner, in Sanming → the 科特贷 is likely.
    found = matches(city="sanming", commissioner_service="municipal", needs_loan=True)
    assert found["sanming-ktd-eligibility"]["status"] == "likely"
    assert found["sanming-ktd-eligibility"]["clause"] == "sanming-ktd 二"
    assert all(found[e]["status"] == "no" for e in found if e.startswith("liaocheng-"))


def test_no_commissioner_excludes_the_sanming_plan() -> None:
    found = matches(city="sanming", commissioner_service="none", needs_loan=True)
    assert found["sanming-ktd-eligibility"]["status"] == "no"
    assert any("科技特派员" in r for r in found["sanming-ktd-eligibility"]["reasons"])


def test_unknown_answers_are_never_a_no() -> None:
    # Nothing said: nothing excluded, everything to check.
    assert {m["status"] for m in matches().values()} == {"check"}


def test_national_plan_needs_a_category_and_an_sme() -> None:
    assert matches(sme=True, categories="high_tech", guarantee=True)["national-guarantee"]["status"] == "likely"
    assert matches(sme=True, guarantee=True)["national-guarantee"]["status"] == "check"
    assert matches(sme=False, categories="high_tech", guarantee=True)["national-guarantee"]["status"] == "no"


def test_liaocheng_patent_pledge_for_a_tech_sme() -> None:
    found = matches(city="liaocheng", categories=["tech_sme"], patent_pledge_loan=True)
    assert found["liaocheng-patent-pledge"]["status"] == "likely"
    assert found["sanming-ktd-eligibility"]["status"] == "no"


def test_bad_answers_get_chinese_messages() -> None:
    out = calc.run(ID, {"city": "beijing", "categories": "unicorn"})
    fields = {e["field"]: e["message"] for e in out["errors"]}
    assert not out["ok"] and "请从以下选项中选择" in fields["city"] and "科技型中小企业" in fields["categories"]


profiles = st.fixed_dictionaries(
    {},
    optional={
        "city": st.sampled_from(["sanming", "liaocheng", "other"]),
        "categories": st.lists(st.sampled_from(sorted(CATEGORIES)), unique=True),
        "sme": st.booleans(),
        "commissioner_service": st.sampled_from(["provincial", "municipal", "none"]),
        "needs_loan": st.booleans(),
        "patent_pledge_loan": st.booleans(),
        "tech_transfer_loan": st.booleans(),
        "guarantee": st.booleans(),
        "tech_insurance": st.booleans(),
        "listing": st.booleans(),
    },
)


@settings(max_examples=200, deadline=None)
@given(profiles)
def test_most_promising_first_and_every_match_explained(profile: dict) -> None:
    out = calc.run(ID, profile)
    order = {"likely": 0, "check": 1, "no": 2}
    ranks = [order[m["status"]] for m in out["result"]["matches"]]
    assert ranks == sorted(ranks)
    assert all(m["reasons"] and m["clause"] for m in out["result"]["matches"])
    if profile.get("city") == "other":
        assert all(m["status"] == "no" for m in out["result"]["matches"] if m["policy"] != "national-guarantee")


def test_known_answers_carry_over_to_each_estimator() -> None:
    found = matches(city="sanming", commissioner_service="provincial", categories="tech_sme,high_tech", sme=False)
    assert found["sanming-ktd-eligibility"]["prefill"] == {
        "located_in_sanming": "true",
        "commissioner_service": "provincial",
    }
    assert found["national-guarantee"]["prefill"] == {
        "categories": "tech_sme,high_tech",
        "sme_basic_conditions": "false",
    }
    assert found["liaocheng-patent-pledge"]["prefill"] == {"tech_sme": "true"}
    for match in found.values():  # every carried value is valid input for its estimator
        assert calc.schema(match["estimator"])["properties"].keys() >= match["prefill"].keys()
