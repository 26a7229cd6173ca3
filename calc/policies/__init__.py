"""The policy library: one folder per policy, discovered.

Each policy is a sub-package of this one, named after its id (``sanming-ktd`` →
``calc/policies/sanming_ktd/``), holding

- ``policy.toml``: the document's metadata, validity windows, who may apply, the plain-language
  sentences of its page's 政策要点 box (``[plain]``), and its estimators (``estimator id = module name``);
- ``params.toml``: its dated parameters (:mod:`calc.params`);
- one module per estimator, and ``examples/<module>.toml``, its worked examples as data;
- ``source.txt``: the plain-text extraction the published page is checked against (not shipped);
- ``forms/``: its attached forms (附表) as templates (not shipped).

The published text is ``docs/policies/<id>.md``. Everything that lists policies — the nav, the
home page, 政策一览, the matcher, the tests — reads :func:`all_policies`; adding a folder adds a
policy. A value written ``"待填写"`` is one ``python -m build_scripts.new_policy`` could not read
from the text: it is reported by :attr:`Policy.to_fill` and the build prints it.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from ..clauses import cite

#: What ``new_policy`` writes where it could not read a value from the text.
TO_FILL = "待填写"


@dataclass(frozen=True)
class Window:
    """A period in which the policy applies, with the clause that sets it.

    ``inferred`` says how a date the text does not print was worked out (``按通知推算``);
    pages and warnings show it next to the window.
    """

    start: date
    end: date | None
    clause: str
    text: str
    inferred: str = ""

    @property
    def span(self) -> str:
        """The window as pages and warnings write it: ``2022-07-09 至 2025-07-08``."""
        span = f"{self.start} 至 {self.end}" if self.end else f"{self.start} 起，未规定截止日期"
        return f"{span}（{self.inferred}）" if self.inferred else span

    def contains(self, day: date) -> bool:
        """True when ``day`` falls in the window (both ends included)."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class PlainItem:
    """One plain-language sentence of a policy page's 政策要点 box (``[[plain.benefits]]``, ``[[plain.who]]``).

    ``text`` may name parameters of ``params.toml`` in braces (``{s4_2.cumulative_cap}``): the page
    shows the value in force, linked to its clause (``build_scripts/plain_language.py``). ``clauses``
    are the clauses the sentence sums up; ``calculators`` the estimators that compute it.
    """

    text: str
    clauses: tuple[str, ...] = ()
    calculators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    """A policy document as the site and the estimators see it."""

    id: str
    order: int
    title: str
    short_title: str
    summary: str
    region: str
    issuers: tuple[str, ...]
    doc_numbers: tuple[str, ...]
    issued: date | None
    windows: tuple[Window, ...]
    who_may_apply: str
    who_may_apply_clauses: tuple[str, ...]
    estimators: dict[str, str]  # estimator id → module name in the policy's folder
    package: str
    to_fill: tuple[str, ...] = ()
    plain_benefits: tuple[PlainItem, ...] = ()  # 企业能得到什么
    plain_who: tuple[PlainItem, ...] = ()  # 谁可以申请, beyond ``who_may_apply``

    def in_force(self, day: date) -> bool:
        """True when ``day`` falls in one of the validity windows."""
        for window in self.windows:  # a loop, not any(…): called several times on every row of a batch
            if window.contains(day):
                return True
        return False

    @property
    def open_ended(self) -> bool:
        """True when the document states no end date."""
        return any(w.end is None for w in self.windows)

    def status(self, day: date) -> str:
        """有效 / 已失效 / 尚未生效 on ``day`` (待填写 while no window is known).

        The value pages put in ``data-status`` (a hook for styles and tests);
        :meth:`status_text` is what people read.
        """
        if not self.windows:
            return TO_FILL
        if self.in_force(day):
            return "有效"
        return "尚未生效" if day < self.windows[0].start else "已失效"

    def status_text(self, day: date) -> str:
        """The status in words people use: 现行有效（未规定截止日期） for a text with no end date."""
        status = self.status(day)
        if status == "有效" and self.open_ended:
            return "现行有效（未规定截止日期）"
        return status

    def window_cite(self, window: Window) -> str:
        """Citation of the clause that sets a window."""
        return cite(self.id, window.clause)

    def folder(self) -> Traversable:
        """The policy's folder (its data files are read from here)."""
        return resources.files(__name__).joinpath(self.package)


def package_of(policy_id: str) -> str:
    """``sanming-ktd`` → ``sanming_ktd``: the folder of a policy."""
    return policy_id.replace("-", "_")


def _missing(meta: dict[str, Any]) -> list[str]:
    """The keys of ``policy.toml`` still marked to be filled."""
    found = []
    for key, value in meta.items():
        values = value if isinstance(value, list) else [value]
        if any(v == TO_FILL for v in values):
            found.append(key)
        if key == "who_may_apply" and value.get("text") == TO_FILL:
            found.append(key)
        if key == "validity" and any(TO_FILL in w.values() for w in value):
            found.append(key)
        if key == "plain":
            found += [f"plain.{part}" for part, items in value.items() if any(i.get("text") == TO_FILL for i in items)]
    return found


def _plain(items: list[dict[str, Any]]) -> tuple[PlainItem, ...]:
    """The sentences of one part of ``[plain]``, those still to be filled in left out."""
    return tuple(
        PlainItem(item["text"], tuple(item.get("clauses", ())), tuple(item.get("calculators", ())))
        for item in items
        if item.get("text") != TO_FILL
    )


def _filled(value: Any) -> Any:
    """None for a value marked to be filled."""
    return None if value == TO_FILL else value


def _load(package: str) -> Policy:
    meta = tomllib.loads(resources.files(__name__).joinpath(package, "policy.toml").read_text("utf-8"))
    if package_of(meta["id"]) != package:
        raise ValueError(f"calc/policies/{package}/policy.toml names the id {meta['id']!r}")
    windows = tuple(
        Window(w["from"], w.get("to"), w["clause"], w["text"], w.get("inferred", ""))
        for w in meta.get("validity", ())
        if TO_FILL not in w.values()
    )
    who = meta.get("who_may_apply", {})
    plain = meta.get("plain", {})
    unknown = set(plain) - {"benefits", "who"}
    if unknown:
        raise ValueError(f"calc/policies/{package}/policy.toml: [plain] holds benefits and who, not {sorted(unknown)}")
    return Policy(
        id=meta["id"],
        order=meta["order"],
        title=meta["title"],
        short_title=meta.get("short_title") or meta["title"],
        summary=meta.get("summary", TO_FILL),
        region=meta.get("region", TO_FILL),
        issuers=tuple(i for i in meta.get("issuers", ()) if i != TO_FILL),
        doc_numbers=tuple(meta.get("doc_numbers", ())),
        issued=_filled(meta.get("issued")),
        windows=windows,
        who_may_apply=who.get("text", TO_FILL),
        who_may_apply_clauses=tuple(who.get("clauses", ())),
        estimators=dict(meta.get("estimators", {})),
        package=package,
        to_fill=tuple(_missing(meta)),
        plain_benefits=_plain(plain.get("benefits", [])),
        plain_who=_plain(plain.get("who", [])),
    )


@cache
def _library() -> dict[str, Policy]:
    """Every policy folder (one holding a ``policy.toml``), in the site's order."""
    found = [
        _load(entry.name)
        for entry in resources.files(__name__).iterdir()
        if entry.is_dir() and entry.joinpath("policy.toml").is_file()
    ]
    return {p.id: p for p in sorted(found, key=lambda p: (p.order, p.id))}


def ids() -> tuple[str, ...]:
    """Every policy id, in the site's order."""
    return tuple(_library())


def get(policy_id: str) -> Policy:
    """A policy by id (``KeyError`` for an unknown one)."""
    return _library()[policy_id]


def all_policies() -> list[Policy]:
    """Every policy, in the site's order."""
    return list(_library().values())
