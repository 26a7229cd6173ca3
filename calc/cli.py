"""Command line: ``python -m calc list | run ID [--input FILE] | batch ID FILE | schema ID``.

``run`` reads one JSON object (standard input or ``--input``) and prints one JSON object; exit
code 0 on success, 2 on invalid input or an unknown estimator (contract, Conventions). ``batch``
writes one output row per input row (errors per row, never stopping); its exit code is 2 when
any row had invalid input, or the file could not be read.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any, TextIO

from . import batch, jsonio
from .batch import dumps
from .engine import UnknownEstimator, catalogue, failure, get, run, schema

EXIT_OK, EXIT_INTERNAL, EXIT_INVALID = 0, 1, 2


def _print(obj: Any, out: TextIO) -> None:
    out.write(dumps(obj, indent=2) + "\n")


def _read_inputs(estimator_id: str, source: TextIO) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The inputs object, or the error response when the text is not a JSON object."""
    try:
        # Numbers become Decimal, never binary floats.
        data = jsonio.loads(source.read())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return None, failure(estimator_id, [{"field": None, "message": f"输入不是有效的 JSON：{exc}"}])
    except (ValueError, RecursionError):  # a number of thousands of digits, [[[[… nested too deep
        return None, failure(
            estimator_id, [{"field": None, "message": "输入不是可处理的 JSON（数字位数或嵌套层数过多）"}]
        )
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


class Progress:
    """A one-line progress counter on a terminal's standard error (silent otherwise)."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total, self.stream = total, stream
        self.active = stream.isatty()

    def __call__(self, done: int) -> None:
        """Show that ``done`` rows are finished."""
        if self.active and (done % 100 == 0 or done == self.total):
            share = f"（{done * 100 // self.total}%）" if self.total else ""
            self.stream.write(f"\r已处理 {done}/{self.total} 行{share}")
            self.stream.flush()

    def close(self) -> None:
        """End the progress line."""
        if self.active:
            self.stream.write("\n")


def cmd_batch(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Run one estimator on every row of a CSV or JSON-lines file."""
    try:
        get(args.estimator)
    except UnknownEstimator:
        _print(run(args.estimator, {}), stdout)
        return EXIT_INVALID
    fmt = batch.input_format(args.input, args.format)
    try:
        with open(args.input, encoding=args.encoding, newline="") as handle:
            total = sum(1 for line in handle if line.strip()) - (fmt == "csv")
        handle = open(args.input, encoding=args.encoding, newline="")
    except (OSError, UnicodeDecodeError) as exc:
        hint = "（如为 GBK 编码，请加 --encoding gbk）" if isinstance(exc, UnicodeDecodeError) else ""
        _print(failure(args.estimator, [{"field": None, "message": f"无法读取输入文件：{exc}{hint}"}]), stdout)
        return EXIT_INVALID
    progress = Progress(max(total, 0), sys.stderr)
    out = (
        open(args.output, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="") if args.output else stdout
    )
    try:
        columns, rows = batch.read_rows(handle, fmt)
        ignored = batch.extra_columns(args.estimator, columns)
        if ignored:
            sys.stderr.write(f"以下列不是本计算器的输入项，已原样保留、不参与计算：{'、'.join(ignored)}\n")
        responses = batch.run_rows(args.estimator, rows, progress, ignored)
        failed = (
            batch.write_csv(out, args.estimator, responses, columns)
            if fmt == "csv"
            else batch.write_jsonl(out, responses)
        )
    except (batch.BatchInputError, UnicodeDecodeError, csv.Error) as exc:
        _print(failure(args.estimator, [{"field": None, "message": f"无法读取输入文件：{exc}"}]), stdout)
        return EXIT_INVALID
    finally:
        progress.close()
        handle.close()
        if out is not stdout:
            out.close()
    if failed:
        sys.stderr.write(f"共 {total} 行，其中 {failed} 行输入有误（见 errors 列）。\n")
    return EXIT_INVALID if failed else EXIT_OK


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
    batches = sub.add_parser("batch", help="逐行计算 CSV 或 JSON Lines 文件（每行一笔）")
    batches.add_argument("estimator")
    batches.add_argument("input", help="输入文件：.csv（首行为字段名）或 .jsonl（每行一个 JSON 对象）")
    batches.add_argument("--output", "-o", help="输出文件（默认标准输出）")
    batches.add_argument("--format", choices=["csv", "jsonl"], help="输入格式（默认按扩展名）")
    batches.add_argument("--encoding", default="utf-8-sig", help="输入文件编码（默认 UTF-8；Excel 导出的可能是 gbk）")
    batches.set_defaults(handler=cmd_batch)
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
