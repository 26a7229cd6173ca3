"""The clause anchor scheme (calc.clauses) that traces, parameters and pages share."""

import pytest

from calc.clauses import anchor, cn_int, href


@pytest.mark.parametrize(("numeral", "value"), [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20)])
def test_chinese_numerals(numeral: str, value: int) -> None:
    assert cn_int(numeral) == value


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("四（二）", "s4-2"),
        ("四(二)", "s4-2"),  # the Sanming text mixes half- and full-width brackets
        ("三（三）4", "s3-3-4"),
        ("三（一）1(1)", "s3-1-1-1"),
        ("（十二）", "p12"),  # cbirc numbers its sub-clauses across sections
        ("附表2", "form2"),
        ("通知", "notice"),
        ("六", "s6"),
    ],
)
def test_anchor(clause: str, expected: str) -> None:
    assert anchor(clause) == expected


@pytest.mark.parametrize("bad", ["", "abc", "四（二）x", "第四条"])
def test_not_a_clause(bad: str) -> None:
    with pytest.raises(ValueError, match="not a clause"):
        anchor(bad)


def test_href_of_a_citation() -> None:
    assert href("sanming-ktd 四（二）") == "policies/sanming-ktd/#s4-2"
