"""Command line: ``python -m calc list | run ID [--input FILE] | batch ID FILE [-o OUT] | template ID | schema ID``.

``run`` reads one JSON object (standard input or ``--input``) and prints one JSON object; exit
code 0 on success, 2 on invalid input or an unknown estimator (contract, Conventions). ``batch``
writes one output row per input row (errors per row, never stopping); its exit code is 2 when
any row had invalid input, or the file could not be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from . import batch, jsonio
from .batch import dumps
from .engine import UnknownEstimator, catalogue, failure, get, run, schema
from .sheets import SheetError

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


def _refuse(estimator_id: str, message: str, stdout: TextIO) -> int:
    _print(failure(estimator_id, [{"field": None, "message": message}]), stdout)
    return EXIT_INVALID


def cmd_batch(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Run one estimator on every row of a CSV, an .xlsx or a JSON-lines file."""
    try:
        get(args.estimator)
    except UnknownEstimator:
        _print(run(args.estimator, {}), stdout)
        return EXIT_INVALID
    if batch.input_format(args.input, args.format) == "jsonl":
        return _batch_jsonl(args, stdout)
    try:
        data = Path(args.input).read_bytes()
    except OSError as exc:
        return _refuse(args.estimator, f"无法读取输入文件：{exc}", stdout)
    try:
        table, plan = batch.read(args.estimator, data, Path(args.input).name, args.encoding)
    except SheetError as exc:
        return _refuse(args.estimator, f"无法读取输入文件：{exc.message}", stdout)
    for note in plan.notes:
        sys.stderr.write(note + "\n")
    progress = Progress(len(table.rows), sys.stderr)
    outcomes = batch.compute(table, plan)
    try:
        if args.output and Path(args.output).suffix.lower() == ".xlsx":
            from . import workbooks

            content, summary = workbooks.results_xlsx(plan, outcomes, progress)
            Path(args.output).write_bytes(content)
        elif args.output:
            with open(args.output, "w", encoding="utf-8-sig", newline="") as out:
                summary = batch.to_csv(out, plan, outcomes, progress)
        else:
            summary = batch.to_csv(stdout, plan, outcomes, progress)
    except OSError as exc:
        return _refuse(args.estimator, f"无法写入输出文件：{exc}", stdout)
    finally:
        progress.close()
    if summary.invalid:
        sys.stderr.write(f"共 {summary.rows} 行，其中 {summary.invalid} 行输入有误（见“输入错误”列）。\n")
    return EXIT_INVALID if summary.invalid else EXIT_OK


def _batch_jsonl(args: argparse.Namespace, stdout: TextIO) -> int:
    """JSON lines in, JSON lines out (each the contract's response with its trace, plus ``row``)."""
    try:
        with open(args.input, encoding=args.encoding or "utf-8-sig") as handle:
            lines = handle.readlines()
    except (OSError, UnicodeDecodeError, LookupError) as exc:
        return _refuse(args.estimator, f"无法读取输入文件：{exc}", stdout)
    progress = Progress(sum(1 for line in lines if line.strip()), sys.stderr)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else stdout
    try:
        failed = batch.write_jsonl(out, batch.run_rows(args.estimator, batch.json_lines(iter(lines)), progress))
    finally:
        progress.close()
        if out is not stdout:
            out.close()
    return EXIT_INVALID if failed else EXIT_OK


def cmd_template(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    """Write an estimator's .xlsx template."""
    try:
        get(args.estimator)
    except UnknownEstimator:
        _print(run(args.estimator, {}), stdout)
        return EXIT_INVALID
    from . import workbooks

    target = Path(args.output or f"{args.estimator}.xlsx")
    try:
        target.write_bytes(workbooks.template_xlsx(args.estimator))
    except OSError as exc:
        return _refuse(args.estimator, f"无法写入文件：{exc}", stdout)
    stdout.write(f"{target}\n")
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
    batches = sub.add_parser("batch", help="逐行计算 Excel（.xlsx）、CSV 或 JSON Lines 文件（每行一笔）")
    batches.add_argument("estimator")
    batches.add_argument(
        "input", help="输入文件：.xlsx 或 .csv（首行为表头：字段代码或模板的中文表头），或 .jsonl（每行一个 JSON 对象）"
    )
    batches.add_argument("--output", "-o", help="输出文件：.xlsx 或 .csv（默认以 CSV 写到标准输出）")
    batches.add_argument(
        "--format", choices=["csv", "xlsx", "jsonl"], help="输入格式（默认：.jsonl 按扩展名，其余按内容识别）"
    )
    batches.add_argument("--encoding", help="CSV 的文字编码（默认自动识别 UTF-8 或 GBK）")
    batches.set_defaults(handler=cmd_batch)
    templates = sub.add_parser("template", help="生成计算器的 Excel 模板（.xlsx）")
    templates.add_argument("estimator")
    templates.add_argument("--output", "-o", help="输出文件（默认 <计算器代码>.xlsx）")
    templates.set_defaults(handler=cmd_template)
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
