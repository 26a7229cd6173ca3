"""What each estimator for firms says to the matcher (政策匹配): how a firm's profile fits it.

An estimator module declares its rule in its ``estimator(..., match=MatchRule(...))`` decorator;
the matcher (:mod:`calc.rules.policy_match`) lists every registered estimator for firms, with its
rule or, for an estimator that declares none (a new policy's skeleton), "请在计算器中核对条件".

The rule judges the profile (:class:`Profile`, the matcher's inputs) into a :class:`Fit`:

- ``no`` when a stated fact excludes the support; its reasons are then only what excludes it;
- ``likely`` when nothing excludes it, every condition the profile can tell holds, and the firm
  said it needs what the support is for (:meth:`Fit.wants`);
- ``check`` otherwise: something to confirm, or not asked for. A support the firm did not ask
  for is never ``likely``; it says so (未提出需求) and ranks after those it asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

Status = Literal["likely", "check", "no"]

CITIES = {"sanming": "福建省三明市", "liaocheng": "山东省聊城市", "other": "其他地区"}
SERVICES = {"provincial": "省级科技特派员服务", "municipal": "市级科技特派员服务", "none": "无科技特派员服务"}
STATUS_TEXT = {"likely": "可能符合", "check": "需进一步核实", "no": "不符合"}
NOT_ASKED = "未提出需求"
NO_RULE = "请在计算器中核对条件"


class Profile(Protocol):
    """A firm's profile as the matcher reads it (its inputs, :class:`calc.rules.policy_match.MatchInputs`)."""

    city: str | None
    categories: list[str]
    sme: bool | None
    commissioner_service: str | None
    needs_loan: bool
    patent_pledge_loan: bool
    tech_transfer_loan: bool
    guarantee: bool
    tech_insurance: bool
    listing: bool


@dataclass
class Fit:
    """How one estimator fits the profile, while a rule collects the reasons."""

    status: Status = "likely"
    asked: bool = False
    notes: list[str] = field(default_factory=list)
    excluding: list[str] = field(default_factory=list)

    def exclude(self, reason: str) -> None:
        """A stated fact rules the support out."""
        self.status = "no"
        self.excluding.append(reason)

    def unsure(self, reason: str) -> None:
        """Something the profile cannot tell: to be confirmed."""
        if self.status == "likely":
            self.status = "check"
        self.notes.append(reason)

    def holds(self, reason: str) -> None:
        """A condition the profile shows to hold."""
        self.notes.append(reason)

    def wants(self, asked: bool, what: str) -> None:
        """Whether the firm said it needs what the support is for (``what``: 需要贷款, 投保科技保险 …)."""
        self.asked = asked
        if asked:
            self.holds(f"企业{what}")
        else:
            self.unsure(f"{NOT_ASKED}：企业未表示{what}")

    @property
    def reasons(self) -> list[str]:
        """A ``no`` gives what excludes it; otherwise what holds and what is to confirm."""
        return self.excluding if self.status == "no" else self.notes

    @property
    def verdict(self) -> str:
        """The status in words: 可能符合 / 需进一步核实 / 未提出需求 / 不符合."""
        if self.status == "check" and not self.asked:
            return NOT_ASKED
        return STATUS_TEXT[self.status]


def _nothing(profile: Profile) -> dict[str, str]:
    return {}


@dataclass(frozen=True)
class MatchRule:
    """An estimator's rule for the matcher: the clause it rests on, the judgement, what carries over.

    ``prefill`` gives the answers of the profile that mean the same for the estimator's own fields
    (its page opens with them filled in), as query-string values.
    """

    clause: str
    judge: Callable[[Profile, Fit], None]
    prefill: Callable[[Profile], dict[str, str]] = _nothing


def in_city(fit: Fit, profile: Profile, wanted: str) -> None:
    """The support is for firms of one city."""
    if profile.city is None:
        fit.unsure(f"请确认企业是否位于{CITIES[wanted]}")
    elif profile.city != wanted:
        fit.exclude(f"仅适用于{CITIES[wanted]}的企业")
    else:
        fit.holds(f"企业位于{CITIES[wanted]}")


def needs_tech_sme(fit: Fit, profile: Profile, name: str = "科技型中小（微）企业") -> None:
    """The support is for 科技型中小企业 (the profile's category ``tech_sme``); not ticked is not a no.

    A firm that said it is not an SME (中小企业划型标准 covers 中型、小型、微型) is excluded.
    """
    if profile.sme is False:
        fit.exclude(f"须为{name}，企业不属于中小企业")
    elif "tech_sme" in profile.categories:
        fit.holds(f"企业为{name}")
    else:
        fit.unsure(f"须为{name}")


def tech_sme_prefill(profile: Profile) -> dict[str, str]:
    """The estimator's ``tech_sme`` question, answered yes when the profile ticks 科技型中小企业."""
    return {"tech_sme": "true"} if "tech_sme" in profile.categories else {}
