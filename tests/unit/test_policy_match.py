"""政策匹配 over the four policies: each firm estimator listed once, the most promising first.

The candidates come from the registry (each estimator for firms declares its own match rule);
a "no" gives the reasons that exclude; a support the firm did not ask for is never "likely" and
ranks after those it asked for.
"""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calc
from calc import estimators
from calc.registry import REGISTRY
from calc.rules import policy_match
from calc.rules.matching import NO_RULE, NOT_ASKED
from calc.rules.policy_match import CATEGORIES

ID = "policy-match"
RULED = {"sanming-ktd", "national-guarantee", "liaocheng-2024"}  # policies whose estimators have match rules
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
    assert {e.id for e in estimators() if e.audience == "bank"} == FOR_BANKS
    # the first policies' estimators have rules of their own; a new policy's skeleton may not yet
    assert all(e.match is not None for e in estimators() if e.id in listed and e.policy in RULED)


def test_the_candidates_come_from_the_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    # A new policy's skeleton estimator for firms, without a rule of its own, is listed as "check";
    # one for banks is not.
    base = REGISTRY["liaocheng-listing"]
    skeleton = replace(base, id="new-policy-support", policy="liaocheng-2024", clauses=("二（三）",), match=None)
    for_banks = replace(base, id="new-policy-bank-tool", audience="bank", match=None)
    for est in (skeleton, for_banks):
        monkeypatch.setitem(REGISTRY, est.id, est)
    real = policy_match.modules()
    monkeypatch.setattr(policy_match, "modules", lambda: {**real, skeleton.id: "", for_banks.id: ""})
    found = matches(city="liaocheng", listing=True)
    assert found[skeleton.id]["status"] == "check" and found[skeleton.id]["reasons"] == [NO_RULE]
    assert found[skeleton.id]["clause"] == "liaocheng-2024 二（三）"
    assert for_banks.id not in found


def test_sanming_firm_with_a_commissioner_and_a_loan() -> None:
    # 二: served by a provincial or municipal commissioner, in Sanming → the 科特贷 is likely.
    found = matches(city="sanming", commissioner_service="municipal", needs_loan=True)
    assert found["sanming-ktd-eligibility"]["status"] == "likely"
    assert found["sanming-ktd-eligibility"]["clause"] == "sanming-ktd 二"
    assert all(found[e]["status"] == "no" for e in found if e.startswith("liaocheng-"))


def test_no_commissioner_is_to_check_since_an_interest_community_also_qualifies() -> None:
    # 二 also admits a 科技特派员利益共同体 (an entity a commissioner leads, founds or joins), which the
    # profile does not ask about: "check", saying so, not "no".
    found = matches(city="sanming", commissioner_service="none", needs_loan=True)
    for estimator_id in ("sanming-ktd-eligibility", "sanming-ktd-subsidy"):
        assert found[estimator_id]["status"] == "check"
        assert any("利益共同体" in r and "（二）" in r for r in found[estimator_id]["reasons"])


def test_a_no_gives_the_reasons_that_exclude() -> None:
    found = matches(city="liaocheng", commissioner_service="municipal", needs_loan=True, sme=False)
    assert found["sanming-ktd-eligibility"]["reasons"] == ["仅适用于福建省三明市的企业"]  # not "由市级科技特派员服务"
    assert found["national-guarantee"]["status"] == "no"
    assert all("中小企业" in r for r in found["national-guarantee"]["reasons"])  # not "企业需要贷款或融资担保"


def test_support_not_asked_for_is_never_likely_and_says_so() -> None:
    out = calc.run(ID, {"city": "liaocheng", "categories": "tech_sme", "sme": True, "listing": True})
    found = {m["estimator"]: m for m in out["result"]["matches"]}
    assert found["liaocheng-listing"]["status"] == "likely" and found["liaocheng-listing"]["asked"] is True
    insurance = found["liaocheng-insurance"]
    assert insurance["status"] == "check" and insurance["asked"] is False
    assert any(r.startswith(NOT_ASKED) for r in insurance["reasons"])
    step = next(s for s in out["trace"] if s["label"] == "聊城科技保险保费补贴")
    assert step["value"] == NOT_ASKED


def test_what_the_firm_asked_for_ranks_first_within_a_status() -> None:
    # A patent-pledge loan asked for (tech-SME status unknown: "check") ranks above the guarantee
    # plan the firm did not ask for (also "check").
    order = [
        m["estimator"] for m in calc.run(ID, {"city": "liaocheng", "patent_pledge_loan": True})["result"]["matches"]
    ]
    assert order[0] == "liaocheng-patent-pledge"
    assert order.index("liaocheng-patent-pledge") < order.index("national-guarantee")


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
    ranks = [(order[m["status"]], not m["asked"]) for m in out["result"]["matches"]]
    assert ranks == sorted(ranks)
    assert all(m["reasons"] and m["clause"] for m in out["result"]["matches"])
    assert not any(m["status"] == "likely" and not m["asked"] for m in out["result"]["matches"])
    if profile.get("city") == "other":
        ruled = [m for m in out["result"]["matches"] if m["policy"] in RULED - {"national-guarantee"}]
        assert ruled and all(m["status"] == "no" for m in ruled)


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
