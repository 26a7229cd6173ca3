"""The clause anchor scheme (calc.clauses) that traces, parameters and pages share."""

import re
from pathlib import Path

import pytest

from calc.clauses import anchor, cn_int, href, site_address, source_address

ROOT = Path(__file__).resolve().parents[2]


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


def test_site_and_source_addresses() -> None:
    assert site_address("sanming-ktd", "四（二）") == "policies/sanming-ktd/#s4-2"
    assert site_address("cbirc-2021", "（十二）", base="../../") == "../../policies/cbirc-2021/#p12"
    assert site_address("sanming-ktd") == "policies/sanming-ktd/"
    assert source_address("sanming-ktd", "附表2") == "policies/sanming-ktd.md#form2"
    assert source_address("liaocheng-2024") == "policies/liaocheng-2024.md"


# A clause's address written out by hand: "policies/" then a placeholder, then "#" or ".md".
HAND_MADE = re.compile(r"policies/(\{[^}]*\}|\$\{[^}]*\}|\{\{[^}]*\}\})/?(#|\.md)")


@pytest.mark.cpython_only
def test_only_calc_clauses_writes_where_a_clause_lives() -> None:
    sources = [
        *(ROOT / "calc").rglob("*.py"),
        *(ROOT / "build_scripts").rglob("*.py"),
        *(ROOT / "build_scripts").rglob("*.j2"),
        *(ROOT / "docs" / "assets").rglob("*.js"),
    ]
    offenders = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in sources
        if path != ROOT / "calc" / "clauses.py"
        for match in HAND_MADE.finditer(path.read_text("utf-8"))
    ]
    assert offenders == []
