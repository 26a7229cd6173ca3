"""Command line: ``python -m calc list | run ID [--input FILE] | schema ID``.

``run`` reads one JSON object (standard input or ``--input``) and prints one JSON object; exit
code 0 on success, 2 on invalid input or an unknown estimator (contract, Conventions).
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import Any, TextIO

from .engine import UnknownEstimator, catalogue, failure, run, schema

EXIT_OK, EXIT_INTERNAL, EXIT_INVALID = 0, 1, 2


def _print(obj: Any, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def _read_inputs(estimator_id: str, source: TextIO) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The inputs object, or the error response when the text is not a JSON object."""
    try:
        # Numbers become Decimal, never binary floats.
        data = json.loads(source.read(), parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, failure(estimator_id, [{"field": None, "message": f"输入不是有效的 JSON：{exc}"}])
    if not isinstance(data, dict):
        return None, failure(estimator_id, [{"field": None, "message": "输入应为一个 JSON 对象"}])
    return data, None


def cmd_run(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Run one estimator on one JSON object."""
    if args.input:
        try:
            with open(args.input, encoding="utf-8") as handle:
                inputs, bad = _read_inputs(args.estimator, handle)
        except OSError as exc:
            inputs, bad = None, failure(args.estimator, [{"field": None, "message": f"无法读取输入文件：{exc}"}])
    else:
        inputs, bad = _read_inputs(args.estimator, stdin)
    response = bad if bad is not None else run(args.estimator, inputs or {})
    _print(response, stdout)
    return EXIT_OK if response["ok"] else EXIT_INVALID


def cmd_list(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """List the estimators."""
    if args.json:
        _print(catalogue(), stdout)
    else:
        for item in catalogue():
            stdout.write(f"{item['id']}\t{item['title']}\t{item['policy']}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Print the JSON Schema of an estimator's inputs."""
    try:
        _print(schema(args.estimator), stdout)
    except UnknownEstimator:
        _print(run(args.estimator, {}), stdout)
        return EXIT_INVALID
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser."""
    main = argparse.ArgumentParser(prog="python -m calc", description="科技金融政策计算器")
    sub = main.add_subparsers(dest="command", required=True)
    listing = sub.add_parser("list", help="列出全部计算器")
    listing.add_argument("--json", action="store_true", help="以 JSON 输出")
    listing.set_defaults(handler=cmd_list)
    running = sub.add_parser("run", help="运行一个计算器（从标准输入读取 JSON 对象）")
    running.add_argument("estimator")
    running.add_argument("--input", help="从文件读取 JSON 对象")
    running.set_defaults(handler=cmd_run)
    schemas = sub.add_parser("schema", help="输出计算器输入项的 JSON Schema")
    schemas.add_argument("estimator")
    schemas.set_defaults(handler=cmd_schema)
    return main


def main(argv: list[str] | None = None, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Entry point; returns the exit code. Unexpected failures print JSON, never a traceback."""
    args = parser().parse_args(argv)
    try:
        return args.handler(args, stdin, stdout)
    except Exception as exc:  # the contract forbids tracebacks on the command line
        _print(failure(getattr(args, "estimator", None), [{"field": None, "message": f"内部错误：{exc!r}"}]), stdout)
        return EXIT_INTERNAL
