"""Add an estimator skeleton to a policy: ``python -m build_scripts.new_estimator ESTIMATOR_ID --policy POLICY_ID``.

Writes, in ``calc/policies/<policy>/``:

- ``<module>.py``: an inputs model, a result model and a rule citing its clause;
- a parameter in ``params.toml``: the first amount or percentage the clause states, with the
  clause and the quoted text (pick another clause with ``--clause``);
- ``examples/<module>.toml``: one worked example as data;
- the line ``<estimator id> = "<module>"`` in ``policy.toml``'s ``[estimators]``.

The skeleton builds a calculator page, is listed by ``python -m calc list`` and runs in the
browser as it is; then replace its rule with the clause's (CONTRIBUTING.md walks through it).
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from calc.clauses import anchor
from calc.policies import package_of
from calc.rules import GENERAL

from .policy_pages import add_anchors, texts_by_anchor
from .templates import render

ROOT = Path(__file__).resolve().parents[1]
ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
#: An amount or a share as policy texts write them: ``15 万元``, ``300万元``, ``0.2%``.
NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|%|％)")
SCALE = {"亿元": Decimal(100_000_000), "万元": Decimal(10_000), "元": Decimal(1), "%": Decimal(1), "％": Decimal(1)}
EXAMPLE_AMOUNT = Decimal(1_000_000)


class Refused(Exception):
    """The estimator cannot be added as asked (the message says why)."""


@dataclass(frozen=True)
class Quote:
    """A number a clause states: its clause, the words, the value in the parameter's unit."""

    clause: str
    text: str
    value: Decimal
    unit: str  # 元 or %
    sentence: str  # the sentence that states it, for the rule's docstring


def _numbers(clause: str, text: str) -> list[Quote]:
    found = []
    for sentence in re.findall(r"[^。；\n]+[。；]?", text):
        sentence = re.sub(r"\s+", "", re.sub(r"^#+|\{[:#][^}]*\}", "", sentence.strip()))
        for m in NUMBER.finditer(sentence):
            unit = "%" if m.group(2) in "%％" else "元"
            found.append(Quote(clause, m.group(0), Decimal(m.group(1)) * SCALE[m.group(2)], unit, sentence))
    return found


def find_quote(markdown: str, continuous: bool, clause: str | None) -> Quote:
    """The first amount or share stated in ``clause``, or in the first clause that states one."""
    _, clause_of = add_anchors(markdown, continuous=continuous)
    texts = texts_by_anchor(markdown, continuous)
    if clause is not None:
        key = anchor(clause)
        if key not in texts:
            raise Refused(f"the policy has no clause {clause} (anchor #{key})")
        candidates = [(clause, texts[key])]
    else:
        # a clause's own words only: its sub-clauses come later in document order anyway
        candidates = [(clause_of[key], texts[key]) for key in clause_of if key in texts]
    for name, text in candidates:
        found = _numbers(name, text)
        if found:
            return _deepest(found[0], texts, clause_of) if clause is None else found[0]
    raise Refused("no amount (元/万元) or percentage found in the clause: choose one with --clause")


def _wrapped(text: str, indent: str, width: int = 45) -> str:
    """A Chinese sentence cut into lines of ``width`` characters (wide characters count double for ruff)."""
    return f"\n{indent}".join(text[i : i + width] for i in range(0, len(text), width))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _deepest(quote: Quote, texts: dict[str, str], clause_of: dict[str, str]) -> Quote:
    """The innermost clause whose text holds the quoted number (a section's text holds its items')."""
    key = anchor(quote.clause)
    while True:
        inner = next((k for k in clause_of if k.startswith(key + "-") and quote.text in _squash(texts[k])), None)
        if inner is None:
            return Quote(clause_of.get(key, quote.clause), quote.text, quote.value, quote.unit, quote.sentence)
        key = inner


def _policy_toml(root: Path, policy_id: str) -> Path:
    path = root / "calc" / "policies" / package_of(policy_id) / "policy.toml"
    if not path.is_file():
        raise Refused(f"no policy {policy_id} ({path.relative_to(root)} is missing)")
    return path


def _known_estimators(root: Path) -> set[str]:
    known = set(GENERAL)  # the estimators across policies
    for path in (root / "calc" / "policies").glob("*/policy.toml"):
        known |= set(tomllib.loads(path.read_text("utf-8")).get("estimators", {}))
    return known


def _register(policy_toml: Path, estimator_id: str, module: str) -> None:
    """Add ``estimator_id = "module"`` at the end of the ``[estimators]`` table."""
    lines = policy_toml.read_text("utf-8").rstrip("\n").split("\n")
    if "[estimators]" not in lines:
        lines += ["", "[estimators]"]
    start = lines.index("[estimators]")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines))
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    lines.insert(end, f'{estimator_id} = "{module}"')
    policy_toml.write_text("\n".join(lines) + "\n", "utf-8")


def module_name(estimator_id: str, policy_id: str) -> str:
    """``lc-2026-loan-subsidy`` of ``lc-2026`` → ``loan_subsidy``: the id without the policy's prefix."""
    name = estimator_id.removeprefix(policy_id + "-") if estimator_id != policy_id else "estimate"
    return name.replace("-", "_")


def create(
    root: Path, estimator_id: str, policy_id: str, clause: str | None = None, title: str | None = None
) -> list[Path]:
    """Write the skeleton; return the files written or changed."""
    if not ID.match(estimator_id):
        raise Refused(f"bad estimator id {estimator_id!r}: lower-case letters, digits and hyphens")
    policy_toml = _policy_toml(root, policy_id)
    if estimator_id in _known_estimators(root):
        raise Refused(f"an estimator {estimator_id} exists already")
    meta = tomllib.loads(policy_toml.read_text("utf-8"))
    folder = policy_toml.parent
    module = module_name(estimator_id, policy_id)
    if not module.isidentifier() or (folder / f"{module}.py").exists():
        raise Refused(f"module {module}.py cannot be created in {folder.relative_to(root)}")
    page = (root / "docs" / "policies" / f"{policy_id}.md").read_text("utf-8")
    quote = find_quote(page, "clause_numbering: continuous" in page.split("---", 2)[1], clause)
    percent = quote.unit == "%"
    param_name = f"{anchor(quote.clause).replace('-', '_')}.{module}_{'share' if percent else 'cap'}"
    starts = [w["from"] for w in meta.get("validity", []) if not isinstance(w["from"], str)]
    start = min(starts) if starts else meta.get("issued")
    if start is None or isinstance(start, str):
        raise Refused("the policy has no start date yet: fill in [[validity]] in policy.toml first")
    value = quote.value.normalize()
    expected = EXAMPLE_AMOUNT * value / 100 if percent else min(EXAMPLE_AMOUNT, value)
    expected = expected.quantize(Decimal("0.01"), ROUND_HALF_UP)
    context = {
        "policy_id": policy_id,
        "estimator_id": estimator_id,
        "module": module,
        "function": module,
        "cls": "".join(part.title() for part in module.split("_")),
        "clause": quote.clause,
        "quote": _wrapped(re.sub(rf"^{re.escape(quote.clause)}", "", quote.sentence), "    "),
        "title": title or f"{meta.get('short_title') or meta['title']}：{quote.clause}支持估算",
        "amount_label": "计算基数",
        "percent": percent,
        "param_name": param_name,
        "example_amount": f"{EXAMPLE_AMOUNT}",
        "example_date": start.isoformat(),
        "expected": f"{expected}",
        "explanation": (
            f"{quote.clause}写明“{quote.text}”。计算基数 {EXAMPLE_AMOUNT:,} 元 × {value:f}% = {expected:,} 元。"
            if percent
            else f"{quote.clause}写明“{quote.text}”（{value:,f} 元）。计算基数 {EXAMPLE_AMOUNT:,} 元，"
            f"不超过上限，取较小者 {expected:,} 元。"
        ),
        "description": (
            "待完善：本条规定的支持比例（骨架参数，请写成不含数字的完整句子）。"
            if percent
            else "待完善：本条规定的金额上限（骨架参数，请写成不含数字的完整句子）。"
        ),
        "unit": quote.unit,
        "start": start.isoformat(),
        "value": f"{value:f}",
        "text": quote.text,
    }
    written = [folder / f"{module}.py", folder / "examples" / f"{module}.toml", folder / "params.toml", policy_toml]
    written[0].write_text(render("skeleton/estimator.py.j2", **context) + "\n", "utf-8")
    written[1].parent.mkdir(exist_ok=True)
    written[1].write_text(render("skeleton/example.toml.j2", **context) + "\n", "utf-8")
    params = written[2].read_text("utf-8") if written[2].exists() else ""
    written[2].write_text(params.rstrip("\n") + "\n" + render("skeleton/param.toml.j2", **context) + "\n", "utf-8")
    _register(policy_toml, estimator_id, module)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line; exit code 2 with a message when the estimator cannot be added."""
    parser = argparse.ArgumentParser(prog="python -m build_scripts.new_estimator", description=__doc__.split("\n")[0])
    parser.add_argument("estimator_id")
    parser.add_argument("--policy", required=True, help="the policy id (its folder is calc/policies/<policy>/)")
    parser.add_argument("--clause", help="the clause the estimator implements, as numbered (第三条, 四（二）)")
    parser.add_argument("--title", help="the calculator's Chinese title")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        written = create(args.root, args.estimator_id, args.policy, args.clause, args.title)
    except (Refused, ValueError, OSError) as exc:
        print(f"new_estimator: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(f"wrote {path.relative_to(args.root)}")
    print("Next: replace the rule and the example with the clause's own (see CONTRIBUTING.md), then make site.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
