"""The one walk through the JSON Schema that the batch reader and the calculator pages share."""

import calc
from calc.schema_walk import walk


def test_inputs_in_the_models_order_with_their_declarations() -> None:
    fields = {f.name: f for f in walk(calc.schema("national-guarantee"))}
    assert list(fields) == list(calc.schema("national-guarantee")["properties"])
    loan = fields["loan_amount"]
    assert (loan.title, loan.kind, loan.unit, loan.clause, loan.required) == (
        "贷款金额",
        "money",
        "元",
        "二（二）",
        True,
    )
    assert not fields["fund_share"].required and fields["fund_share"].default is None
    assert ("tech_sme", "科技型中小企业") in fields["categories"].choices


def test_nested_models_and_lists_of_models_are_resolved() -> None:
    result = {f.name: f for f in walk(calc.result_schema("national-guarantee"))}
    assert [f.name for f in result["loss_split"].fields] == [
        "bank_amount",
        "fund_amount",
        "provincial_amount",
        "local_amount",
    ]
    assert result["fund_amount"].headline and not result["fund_amount"].fields
    checks = {f.name: f for f in walk(calc.result_schema("sanming-ktd-eligibility"))}["checks"]
    assert [f.name for f in checks.items] == ["id", "passed", "clause", "message"]
