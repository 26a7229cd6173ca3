"""Add a policy from its plain-text extraction, with no code to write.

``python -m build_scripts.new_policy POLICY_ID TEXT_FILE [--root DIR]`` writes, under the
repository root (or ``DIR``):

* ``docs/policies/<id>.md``: the page, from :func:`build_scripts.policy_import.to_markdown`;
* ``calc/policies/<package>/__init__.py``: a one-line docstring naming the policy
  (``<package>`` is the id with ``-`` → ``_``);
* ``calc/policies/<package>/policy.toml``: the metadata :func:`~build_scripts.policy_import.read_metadata`
  could read, ``"待填写"`` for the rest (summary, who may apply and the 政策要点 sentences
  ``[[plain.benefits]]`` are never guessed);
* ``calc/policies/<package>/params.toml``: an empty parameter file with its header;
* ``calc/policies/<package>/source.txt``: the text file, byte for byte.

It prints what it wrote and the fields left ``待填写``. A bad id, a policy that already exists
or a file that cannot be read as UTF-8 text exit with status 2 and nothing written.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from .policy_import import MISSING, read_metadata, to_markdown

ROOT = Path(__file__).resolve().parents[1]
POLICY_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
PARAMS_HEADER = '# Dated parameters of this policy: see CONTRIBUTING.md ("Parameters").\n'


class UsageError(Exception):
    """A reason to refuse: bad id, existing policy, unreadable file."""


def package(policy_id: str) -> str:
    """The policy's package name: ``my-policy`` → ``my_policy``."""
    return policy_id.replace("-", "_")


def check_id(policy_id: str, root: Path) -> None:
    """Raise :class:`UsageError` unless ``policy_id`` is well formed and not taken under ``root``."""
    if not POLICY_ID.fullmatch(policy_id) or keyword.iskeyword(package(policy_id)):
        raise UsageError(
            f"bad policy id {policy_id!r}: lower-case letters and digits in words joined by '-', "
            "starting with a letter (e.g. shandong-transfer-2026)"
        )
    taken = [
        root / "docs" / "policies" / f"{policy_id}.md",
        root / "calc" / "policies" / package(policy_id),
        root / "calc" / "params" / f"{package(policy_id)}.toml",
    ]
    for path in taken:
        if path.exists():
            raise UsageError(f"policy {policy_id!r} already exists: {path}")


def next_order(root: Path) -> int:
    """One more than the largest ``order`` of the policies under ``root``; 10 when there are none."""
    orders = []
    for path in sorted((root / "calc" / "policies").glob("*/policy.toml")):
        try:
            order = tomllib.loads(path.read_text("utf-8")).get("order")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        if isinstance(order, int):
            orders.append(order)
    return max(orders) + 1 if orders else 10


def _value(value: Any) -> str:
    """A TOML value: strings as JSON strings (valid TOML basic strings), dates bare, lists inline."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def policy_toml(policy_id: str, meta: dict[str, Any], order: int) -> str:
    """The ``policy.toml`` text for what ``read_metadata`` found (``待填写`` for the rest)."""
    title = meta.get("title", MISSING)
    lines = [
        '# Metadata of the policy, read by calc.policies. "待填写" marks what new_policy could not read: fill it in.',
        f"id = {_value(policy_id)}",
        f"order = {order}",
        f"title = {_value(title)}",
        f"short_title = {_value(meta.get('short_title', MISSING))}",
        f"summary = {_value(MISSING)}  # one-sentence plain-language summary: never guessed",
        f"region = {_value(meta.get('region', MISSING))}",
        f"issuers = {_value(meta.get('issuers') or [MISSING])}",
        f"doc_numbers = {_value(meta.get('doc_numbers', []))}",
        f"issued = {_value(meta.get('issued', MISSING))}",
        "",
        "[who_may_apply]",
        f"text = {_value(MISSING)}",
        "clauses = []",
        "",
        "# 政策要点 on the policy page: what a firm gets, in short plain sentences (one [[plain.benefits]]",
        "# each; [[plain.who]] adds conditions to who_may_apply). {s4_2.cumulative_cap} inserts a parameter",
        "# of params.toml, its value in force linked to its clause. Never guessed.",
        "[[plain.benefits]]",
        f"text = {_value(MISSING)}",
        "clauses = []",
        "calculators = []",
    ]
    windows = meta.get("validity") or [{"from": MISSING, "clause": MISSING, "text": MISSING}]
    for window in windows:
        lines += ["", "[[validity]]", f"from = {_value(window['from'])}"]
        if "to" in window:
            lines.append(f"to = {_value(window['to'])}")
        lines += [f"clause = {_value(window['clause'])}", f"text = {_value(window['text'])}"]
    lines += [
        "",
        "[estimators]",
        "# estimator id = module name in this folder; python -m build_scripts.new_estimator adds lines here",
    ]
    return "\n".join(lines) + "\n"


def missing_fields(meta: dict[str, Any]) -> list[str]:
    """The policy.toml fields written as ``待填写``."""
    missing = [key for key in ("title", "short_title") if key not in meta]
    missing.append("summary")
    missing += [key for key in ("region", "issuers", "issued") if key not in meta]
    missing.append("who_may_apply.text")
    missing.append("plain.benefits")
    windows = meta.get("validity")
    if not windows:
        missing.append("validity")
    elif any(window["clause"] == MISSING for window in windows):
        missing.append("validity.clause")
    return missing


def files(policy_id: str, source: bytes, root: Path) -> tuple[dict[Path, bytes], list[str]]:
    """Every file to write (path → content) and the fields left ``待填写``."""
    check_id(policy_id, root)
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"the text file is not UTF-8: {error}") from error
    meta = read_metadata(text)
    folder = root / "calc" / "policies" / package(policy_id)
    docstring = f'"""Policy ``{policy_id}``: metadata in policy.toml, parameters in params.toml, estimators here."""\n'
    content = {
        root / "docs" / "policies" / f"{policy_id}.md": to_markdown(policy_id, text).encode(),
        folder / "__init__.py": docstring.encode(),
        folder / "policy.toml": policy_toml(policy_id, meta, next_order(root)).encode(),
        folder / "params.toml": PARAMS_HEADER.encode(),
        folder / "source.txt": source,
    }
    return content, missing_fields(meta)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: write the files, print them and the fields to fill in."""
    parser = argparse.ArgumentParser(prog="python -m build_scripts.new_policy", description=__doc__.split("\n")[0])
    parser.add_argument("policy_id", help="the new policy's id, e.g. shandong-transfer-2026")
    parser.add_argument("text_file", type=Path, help="the plain-text extraction of the document (UTF-8)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository root (default: this repository)")
    args = parser.parse_args(argv)
    try:
        check_id(args.policy_id, args.root)  # before reading the file: the id is the first thing to get right
        try:
            source = args.text_file.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {args.text_file}: {error.strerror or error}") from error
        content, missing = files(args.policy_id, source, args.root)
    except UsageError as error:
        print(f"new_policy: {error}", file=sys.stderr)
        return 2
    for path, data in content.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path}")
    if missing:
        toml = args.root / "calc" / "policies" / package(args.policy_id) / "policy.toml"
        print(f"left 待填写 in {toml}: {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
