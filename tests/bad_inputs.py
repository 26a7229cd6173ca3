"""Bad and unusual input, by kind of field, shared by the unit, command-line and browser tests.

Each field kind has spellings that must be *understood* as a canonical value (full-width digits,
thousands separators, pasted spaces: normal for Chinese users) and text that must be *rejected*
with a Chinese message on that field. ``TARGETS`` names fields of every kind in every policy,
each with a complete valid input around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import calc


def full_width(text: str) -> str:
    """ASCII as the full-width forms a Chinese input method types (``123`` → ``１２３``)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def understood(kind: str, canonical: str) -> list[str]:
    """Other spellings of ``canonical`` that a field of this kind must read as the same value."""
    if kind == "money":
        grouped = f"{Decimal(canonical):,}"
        spelled = [
            full_width(canonical),
            grouped,
            full_width(grouped),
            f" {grouped.replace(',', ' ')} ",  # pasted with spaces
            f"{canonical}\n",  # pasted with its line break
            f"{canonical}.00",
        ]
        exponent = str(Decimal(canonical).normalize()).lower()  # 2000000 → 2e+6
        return spelled + ([exponent.replace("+", "")] if "e" in exponent else [])
    if kind == "rate":
        padded = canonical + ("000" if "." in canonical else ".000")
        return [full_width(canonical), f"{canonical}%", f"{canonical} ％", f" {canonical} ", padded]
    if kind == "date":
        year, month, day = canonical.split("-")
        return [
            full_width(canonical),
            f"{year}/{int(month)}/{int(day)}",
            f"{year}年{int(month)}月{int(day)}日",
            f"{year}.{month}.{day}",
            f" {canonical} ",
            f"{canonical}\n",
        ]
    if kind == "int":
        return [full_width(canonical), f" {canonical} ", f"{canonical}.0", f"{Decimal(canonical).scaleb(-1)}e1"]
    if kind == "bool":
        return {"true": ["是", " TRUE ", "1", "yes"], "false": ["否", "FALSE", "0", "no"]}[canonical]
    if kind == "choices":
        parts = canonical.split(",")
        return ["，".join(parts), "、".join(parts), " ; ".join(parts)]
    return []  # a choice is one of its values, spelled exactly


REJECTED: dict[str, list[Any]] = {
    "money": [
        "abc",
        "一百万",  # Chinese number words
        "二百万元",
        "200万万",
        "万",  # "200万" and "2000000元" are understood (contract: amounts with 万 or 万元)
        "¥2000000",
        "-5",
        "1e20",
        "100000000000000000000",  # 10^20 元
        "1,00",  # not a thousands grouping: 100 or 1.00?
        "1.2.3",
        "0.001",  # below the fen
        "1e999999999",
        "1e-999999",
        "NaN",
        "Infinity",
        "0x10",
        True,
        [1],
        {"a": 1},
    ],
    "rate": ["abc", "三点四五", "-1", "101", "1e9", "3,45", "3.4567891", "1e-999999", "1e999999999", "NaN", True],
    "date": ["2025-02-30", "2025-13-01", "20250801", "abc", "1800-01-01", "2025-8", "2025-08-01T00:00", 20250801],
    "int": ["12.5", "-1", "十二", "12个月", "1e999999999", "-1e999999999", "99999", "abc", True],
    "bool": ["maybe", "2", 2, "是的", [True]],
    "choice": ["xyz", 1, "ENTERPRISE_X", ["x"]],
    "choices": ["bogus", "tech_sme,bogus", 1, {"a": 1}],
}


def rejected(target: Target) -> list[Any]:
    """The values a target's field must refuse: its kind's list, and for a choice its Chinese
    label instead of its value (the page shows labels; the contract takes values)."""
    values = list(REJECTED[target.kind])
    if target.kind == "choice":
        values.append(calc.schema(target.estimator)["properties"][target.field]["x-choices"][target.canonical])
    return values


@dataclass(frozen=True)
class Target:
    """A field of an estimator, a canonical value for it, and valid inputs around it."""

    estimator: str
    field: str
    canonical: str
    base: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """The field's kind (``x-kind`` of the schema)."""
        return calc.schema(self.estimator)["properties"][self.field]["x-kind"]

    @property
    def label(self) -> str:
        """The field's Chinese label."""
        return calc.schema(self.estimator)["properties"][self.field]["title"]

    @property
    def required(self) -> bool:
        """True when the estimator cannot run without this field."""
        return self.field in calc.schema(self.estimator).get("required", [])

    def inputs(self, value: Any) -> dict[str, Any]:
        """The base inputs with this field set to ``value``."""
        return {**self.base, self.field: value}

    def __str__(self) -> str:
        return f"{self.estimator}.{self.field}"


SUBSIDY = {"loan_amount": "2000000", "actual_rate": "3", "interest_paid": "60000", "lpr_1y": "3.45"}
ELIGIBILITY = {
    "located_in_sanming": "true",
    "entity_type": "enterprise",
    "commissioner_service": "municipal",
    "loan_amount": "2000000",
    "term_months": "36",
    "financing_cost_rate": "2.9",
    "application_date": "2025-09-01",
}
COMPENSATION = {
    "overdue_principal": "1000000",
    "overdue_interest": "30000",
    "principal_overdue_date": "2025-09-01",
    "application_date": "2025-10-15",
    "acceleration_declared": "true",
}
PLEDGE = {
    "loan_amount": "1000000",
    "loan_date": "2024-06-01",
    "repaid_date": "2025-06-01",
    "repaid_on_time": "true",
    "pledge_registered": "true",
    "tech_sme": "true",
}
GUARANTEE = {"loan_amount": "10000000", "categories": "specialized_sme,tech_sme", "guarantee_fee_rate": "0.8"}

TARGETS = [
    # 三明“科特贷”
    Target("sanming-ktd-subsidy", "interest_paid", "60000", SUBSIDY),
    Target("sanming-ktd-subsidy", "loan_amount", "2000000", SUBSIDY),
    Target("sanming-ktd-subsidy", "actual_rate", "3.6", SUBSIDY),
    Target("sanming-ktd-subsidy", "loan_date", "2025-08-01", {**SUBSIDY, "repaid_date": "2026-01-31"}),
    Target("sanming-ktd-eligibility", "term_months", "36", ELIGIBILITY),
    Target("sanming-ktd-eligibility", "entity_type", "farmer_coop", ELIGIBILITY),
    Target("sanming-ktd-eligibility", "located_in_sanming", "false", ELIGIBILITY),
    Target("sanming-ktd-compensation", "overdue_principal", "1000000", COMPENSATION),
    Target("sanming-ktd-compensation", "application_date", "2025-11-03", COMPENSATION),
    Target("sanming-ktd-portfolio", "overdue_balance", "2100000", {"total_balance": "40000000"}),
    # 支持科技创新专项担保计划
    Target("national-guarantee", "loan_amount", "6000000", GUARANTEE),
    Target("national-guarantee", "bank_share", "25", GUARANTEE),
    Target("national-guarantee", "categories", "high_tech,tech_sme", GUARANTEE),
    # 金融支持科技创新（原银保监会 2021）
    Target("cbirc-npl-tolerance", "overall_npl_ratio", "1.75", {"tech_micro_npl_ratio": "3.2"}),
    # 聊城
    Target("liaocheng-patent-pledge", "loan_amount", "1500000", PLEDGE),
    Target("liaocheng-patent-pledge", "lpr", "3.45", PLEDGE),
    Target("liaocheng-patent-pledge", "loan_date", "2024-09-20", PLEDGE),
    Target("liaocheng-patent-pledge", "repaid_on_time", "false", PLEDGE),
    Target("liaocheng-listing", "venue", "neeq_basic", {"financing_amount": "20000000"}),
    Target("liaocheng-listing", "financing_amount", "20000000", {"venue": "neeq_innovation"}),
    Target("liaocheng-insurance", "product", "first_batch", {"premium": "300000", "sum_insured": "20000000"}),
    Target("liaocheng-risk-compensation", "npl_principal", "2000000", {"loan_kind": "early_stage_rd"}),
    # 政策匹配
    Target("policy-match", "city", "liaocheng", {"sme": "true", "patent_pledge_loan": "true"}),
]
