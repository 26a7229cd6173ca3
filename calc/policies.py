"""The four policies: metadata and validity windows, read from each ``[policy]`` table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from . import params
from .clauses import cite

POLICY_IDS = ("sanming-ktd", "national-guarantee", "cbirc-2021", "liaocheng-2024")


@dataclass(frozen=True)
class Window:
    """A period in which the policy applies, with the clause that sets it."""

    start: date
    end: date | None
    clause: str
    text: str

    @property
    def span(self) -> str:
        """The window as pages and warnings write it: ``2022-07-09 至 2025-07-08``."""
        return f"{self.start} 至 {self.end}" if self.end else f"{self.start} 起，未规定截止日期"

    def contains(self, day: date) -> bool:
        """True when ``day`` falls in the window (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Policy:
    """A policy document as the site and the estimators see it."""

    id: str
    title: str
    short_title: str
    summary: str
    region: str
    issuers: tuple[str, ...]
    doc_numbers: tuple[str, ...]
    issued: date | None
    source: str
    windows: tuple[Window, ...]

    def in_force(self, day: date) -> bool:
        """True when ``day`` falls in one of the validity windows."""
        return any(w.contains(day) for w in self.windows)

    @property
    def open_ended(self) -> bool:
        """True when the document states no end date."""
        return any(w.end is None for w in self.windows)

    def status(self, day: date) -> str:
        """有效 / 已失效 / 尚未生效 / 未规定期限 on ``day``."""
        if self.open_ended and day >= self.windows[0].start:
            return "未规定期限"
        if self.in_force(day):
            return "有效"
        return "尚未生效" if day < self.windows[0].start else "已失效"

    def window_cite(self, window: Window) -> str:
        """Citation of the clause that sets a window."""
        return cite(self.id, window.clause)


@cache
def get(policy_id: str) -> Policy:
    """A policy by id."""
    meta = params.document(policy_id)["policy"]
    return Policy(
        id=policy_id,
        title=meta["title"],
        short_title=meta["short_title"],
        summary=meta["summary"],
        region=meta["region"],
        issuers=tuple(meta["issuers"]),
        doc_numbers=tuple(meta.get("doc_numbers", ())),
        issued=meta.get("issued"),
        source=meta["source"],
        windows=tuple(Window(w["from"], w.get("to"), w["clause"], w["text"]) for w in meta["validity"]),
    )


def all_policies() -> list[Policy]:
    """The four policies in the site's order."""
    return [get(p) for p in POLICY_IDS]
