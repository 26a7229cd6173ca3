"""The clause anchor scheme (calc.clauses) that traces, parameters and pages share."""

import re
from pathlib import Path

import pytest

from calc.clauses import anchor, cn_int, href, resolve, site_address, source_address

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零一", 101),
        ("一百一十", 110),
        ("一百二十", 120),
        ("三百零五", 305),
        ("九百九十九", 999),
    ],
)
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
        # chapters, sections, articles and their items (documents numbered 第X章/第X条)
        ("第一章", "c1"),
        ("第十二章", "c12"),
        ("第一章第二节", "c1-2"),
        ("第二节", "sec2"),
        ("第十二条", "a12"),
        ("第一百零一条", "a101"),
        ("第三条（一）", "a3-1"),
        ("第三条(一)", "a3-1"),
        ("第三条第（一）项", "a3-1"),
        ("第三条（一）2", "a3-1-2"),
        ("第三条2", "a3-2"),
        ("第三条（一）2(3)", "a3-1-2-3"),
        # attachments and forms
        ("附件", "plan"),
        ("附件1", "annex1"),
        ("附件 2", "annex2"),
        ("附件2第三条", "annex2-a3"),
        ("附件1二（三）", "annex1-s2-3"),
        ("附表3", "form3"),
        ("附表 3", "form3"),
        ("结尾", "closing"),
        ("落款", "signoff"),
    ],
)
def test_anchor(clause: str, expected: str) -> None:
    assert anchor(clause) == expected


@pytest.mark.parametrize(
    "bad", ["", "abc", "四（二）x", "第四条x", "第四条一", "第一章x", "第四款", "附件x", "一百零", "十十"]
)
def test_not_a_clause(bad: str) -> None:
    with pytest.raises(ValueError, match="not a clause"):
        anchor(bad)


def test_href_of_a_citation() -> None:
    assert href("sanming-ktd 四（二）") == "policies/sanming-ktd/#s4-2"


def test_a_clause_declared_in_full_names_its_own_policy() -> None:
    # the matcher (policy "all", no page) cites its fields' clauses in full
    assert resolve("all", "national-guarantee 二（一）") == ("national-guarantee", "二（一）")
    assert resolve("sanming-ktd", "四（二）") == ("sanming-ktd", "四（二）")
    assert resolve("sanming-ktd", "") == ("sanming-ktd", "")


@pytest.mark.parametrize("bad", ["百", "十十", "一百零", "一二", "甲"])
def test_not_a_numeral(bad: str) -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        cn_int(bad)


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
