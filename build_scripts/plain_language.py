"""The 政策要点 box of a policy page: 企业能得到什么 / 谁可以申请 / 何时有效, in plain words.

The sentences are data, in the policy's ``policy.toml`` (``[[plain.benefits]]``,
``[[plain.who]]``): short Chinese sentences that name the policy's parameters in braces,
``{s4_2.cumulative_cap}``. Each placeholder becomes the parameter's value in force on the build
date, written for people (150000 元 → ``15 万元``, 50 % → ``50%``), linked to the clause that
states it (:func:`calc.clauses.site_address`): the box can never disagree with the text or the
calculators. 谁可以申请 starts from ``[who_may_apply]``; 何时有效 is written from the validity
windows. A placeholder that names no parameter, or a calculator that does not exist, stops the
build with :class:`PlainLanguageError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from calc import estimators, params
from calc.clauses import site_address
from calc.params import Parameter
from calc.policies import TO_FILL, PlainItem, Policy, Window, get

from .lpr_page import cn_date
from .overview import format_value, value_shown
from .templates import render

#: From a policy page (``policies/<id>/``) to the site root.
PAGE_BASE = "../../"
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class PlainLanguageError(ValueError):
    """A sentence of ``[plain]`` that cannot be rendered (unknown parameter or calculator, stray brace)."""


@dataclass(frozen=True)
class Figure:
    """A parameter's value inside a sentence, with the clause that states it."""

    text: str
    href: str
    clause: str
    quote: str


@dataclass(frozen=True)
class Link:
    """A link with its label (a clause, a calculator)."""

    text: str
    href: str


@dataclass(frozen=True)
class Sentence:
    """One line of the box: text and figures, the clauses it sums up, the calculators that compute it."""

    parts: tuple[str | Figure, ...]
    clauses: tuple[Link, ...] = ()
    calculators: tuple[Link, ...] = ()


def figure(param: Parameter, today: date) -> Figure:
    """A parameter's value in force on ``today`` (:func:`build_scripts.overview.value_shown`), linked."""
    shown = value_shown(param, today)
    assert shown.amount is not None  # value_shown never returns an end
    return Figure(
        text=format_value(shown.amount, param.unit, wan_only=True),
        href=site_address(param.policy, shown.clause, base=PAGE_BASE),
        clause=shown.clause,
        quote=shown.text,
    )


def sentence(policy: Policy, item: PlainItem, today: date, where: str) -> Sentence:
    """One ``[plain]`` sentence with its placeholders replaced; ``where`` names it in errors."""
    known = params.parameters(policy.id)
    parts: list[str | Figure] = []
    position = 0
    for match in PLACEHOLDER.finditer(item.text):
        name = match.group(1).strip()
        if name not in known:
            raise PlainLanguageError(
                f"calc/policies/{policy.package}/policy.toml {where}: {{{name}}} names no parameter of "
                f"params.toml (known: {', '.join(sorted(known)) or 'none'})"
            )
        parts += [item.text[position : match.start()], figure(known[name], today)]
        position = match.end()
    parts.append(item.text[position:])
    for text in parts:
        if isinstance(text, str) and ("{" in text or "}" in text):
            raise PlainLanguageError(
                f"calc/policies/{policy.package}/policy.toml {where}: a brace without its pair in {item.text!r}"
            )
    titles = {e.id: e.title for e in estimators() if e.policy == policy.id}
    for estimator_id in item.calculators:
        if estimator_id not in titles:
            raise PlainLanguageError(
                f"calc/policies/{policy.package}/policy.toml {where}: {estimator_id!r} is not a calculator "
                f"of {policy.id} (known: {', '.join(titles) or 'none'})"
            )
    return Sentence(
        parts=tuple(p for p in parts if p != ""),
        clauses=tuple(Link(c, site_address(policy.id, c, base=PAGE_BASE)) for c in item.clauses),
        calculators=tuple(Link(titles[e], f"{PAGE_BASE}calculators/{e}/") for e in item.calculators),
    )


def window_words(window: Window) -> str:
    """A validity window in words: ``2022年7月9日至2025年7月8日``, ``2021年11月26日起，未规定截止日期``."""
    if window.end is None:
        return f"{cn_date(window.start)}起，未规定截止日期"
    return f"{cn_date(window.start)}至{cn_date(window.end)}"


def status_words(policy: Policy, today: date) -> str:
    """The policy's status on ``today`` as a sentence: 现行有效，有效期至…; 已失效…; 尚未生效…."""
    status = policy.status(today)
    if status == TO_FILL:
        return "有效期待填写。"
    if status == "尚未生效":
        return f"尚未生效，自{cn_date(policy.windows[0].start)}起施行。"
    if status == "已失效":
        return f"已失效：有效期已于{cn_date(max(w.end for w in policy.windows if w.end))}结束。"
    current = next(w for w in policy.windows if w.contains(today))
    if current.end is None:
        return f"{policy.status_text(today)}，自{cn_date(current.start)}起施行。"
    return f"现行有效，有效期至{cn_date(current.end)}。"


def box(policy_id: str, today: date) -> str:
    """The 政策要点 box (HTML) shown under a policy page's metadata block."""
    policy = get(policy_id)
    benefits = [
        sentence(policy, item, today, f"[[plain.benefits]] {n}") for n, item in enumerate(policy.plain_benefits, 1)
    ]
    who = Sentence(
        parts=(policy.who_may_apply,),
        clauses=tuple(Link(c, site_address(policy.id, c, base=PAGE_BASE)) for c in policy.who_may_apply_clauses),
    )
    more = [sentence(policy, item, today, f"[[plain.who]] {n}") for n, item in enumerate(policy.plain_who, 1)]
    windows = [
        (window_words(w), w.inferred, Link(f"{w.clause}“{w.text}”", site_address(policy.id, w.clause, base=PAGE_BASE)))
        for w in policy.windows
    ]
    return render(
        "policy_plain.html.j2",
        benefits=benefits,
        who=[who, *more],
        status=policy.status(today),
        status_words=status_words(policy, today),
        windows=windows,
        today=cn_date(today),
        to_fill=TO_FILL,
    )
