"""Page-only hints, declared once per estimator (``PAGE``) and merged into the JSON Schema."""

import pytest

import calc
from calc.engine import get
from calc.page import page


@pytest.mark.parametrize("estimator_id", [e.id for e in calc.estimators()])
def test_every_page_declaration_names_real_fields(estimator_id: str) -> None:
    calc.schema(estimator_id)  # raises ValueError on a hint for a field the model does not have
    calc.result_schema(estimator_id)


def test_hints_reach_the_schema() -> None:
    props = calc.schema("liaocheng-insurance")["properties"]
    assert props["provincial_subsidy"]["x-show-if"] == {"product": ["lukebao"]}
    assert "x-show-if" not in props["product"]
    assert calc.schema("national-guarantee")["properties"]["loss"]["x-group"] == "分险比例、担保费与代偿（可选）"
    assert calc.schema("sanming-ktd-subsidy")["properties"]["lpr_1y"]["x-lpr"] is True
    bars = calc.result_schema("sanming-ktd-compensation")["x-bars"]
    assert bars == [
        {
            "title": "损失分担",
            "parts": [
                {"field": "pool_compensation", "label": "风险分担资金池"},
                {"field": "bank_loss", "label": "合作银行"},
            ],
        }
    ]
    assert get("sanming-ktd-subsidy").page.form == "附表2"
    assert get("cbirc-npl-tolerance").page.form is None


def test_hints_stay_out_of_the_models() -> None:
    """The models carry the contract only: validation and results are the same without a page."""
    for est in calc.estimators():
        for prop in est.inputs.model_json_schema()["properties"].values():
            assert not {"x-show-if", "x-group", "x-lpr"} & set(prop)
        assert "x-bars" not in est.result.model_json_schema(mode="serialization")


def test_a_hint_for_a_missing_field_is_an_error() -> None:
    schema = get("liaocheng-insurance").inputs.model_json_schema()
    with pytest.raises(ValueError, match="no input field"):
        page(groups={"可选": ["no_such_field"]}).inputs_schema(schema)
    with pytest.raises(ValueError, match="does not have"):
        page(show_if={"premium": {"product": ["no_such_product"]}}).inputs_schema(schema)
    with pytest.raises(ValueError, match="not a rate"):
        page(lpr=["premium"]).inputs_schema(schema)
    result = get("sanming-ktd-compensation").result.model_json_schema(mode="serialization")
    with pytest.raises(ValueError, match="names no result field"):
        page(bars=[("损失", [("loss_split.bank_amount", "银行")])]).result_schema(result)


def test_headline_gate_alternatives_and_plausibility_reach_the_schemas() -> None:
    result = calc.result_schema("national-guarantee")
    assert result["x-gate"] == "eligible"
    assert result["x-headlines"] == ["loss_split.fund_amount"]
    props = calc.schema("sanming-ktd-subsidy")["properties"]
    assert props["interest_paid"]["x-one-of"] == 0
    assert props["loan_date"]["x-one-of"] == props["repaid_date"]["x-one-of"] == 1
    assert props["actual_rate"]["x-plausible"] == {"min": "0.5", "max": "24"}
    assert props["lpr_1y"]["x-plausible"] == props["actual_rate"]["x-plausible"]  # an LPR field is a rate too
    assert props["interest_paid"]["x-usual-share"] == {"of": "loan_amount", "percent": "24"}


def test_a_bad_gate_headline_or_plausibility_hint_is_an_error() -> None:
    inputs = get("sanming-ktd-subsidy").inputs.model_json_schema()
    result = get("national-guarantee").result.model_json_schema(mode="serialization")
    with pytest.raises(ValueError, match="not a rate"):
        page(interest_rates=["loan_amount"]).inputs_schema(inputs)
    with pytest.raises(ValueError, match="no input field"):
        page(usual_share={"interest_paid": ("no_such_whole", "24")}).inputs_schema(inputs)
    with pytest.raises(ValueError, match="no yes/no result field"):
        page(gate="fund_amount").result_schema(result)
    with pytest.raises(ValueError, match="names no result field"):
        page(headline=["loss_split.no_such_amount"]).result_schema(result)
