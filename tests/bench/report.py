"""The human-readable report: number formats and sections 1–7, targets, problems."""

from __future__ import annotations

import os
import platform
from typing import TYPE_CHECKING, Any

from tests.bench.browser import Problems
from tests.bench.server import Hit
from tests.bench.settings import CALC_ID, CALC_PATH, EXPECTED_SUBSIDY, NEXT_ID, POLICY_PATH
from tests.bench.visits import Run

if TYPE_CHECKING:
    from tests.bench.thin import ThinRun  # thin imports this module's formats


def fmt_bytes(n: float) -> str:
    """Bytes with a readable unit."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.2f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n:.0f} B"


def fmt_spread(s: dict[str, float] | None, digits: int = 0, unit: str = "") -> str:
    """``median [min–max]``."""
    if s is None:
        return "n/a"
    return f"{s['median']:.{digits}f}{unit} [{s['min']:.{digits}f}–{s['max']:.{digits}f}]"


def fmt_bytes_spread(s: dict[str, float] | None) -> str:
    """``median [min–max]`` in readable byte units."""
    if s is None:
        return "n/a"
    return f"{fmt_bytes(s['median'])} [{fmt_bytes(s['min'])}–{fmt_bytes(s['max'])}]"


def print_top(s: dict[str, Any], hits: list[Hit] | None = None) -> None:
    """Run 1's requests of one visit: status counts, the five largest, every hit if ``hits``."""
    statuses = ", ".join(f"{code}×{n}" for code, n in sorted(s["statuses"].items()))
    print(f"      run 1: {s['bytes']:,} B in {s['requests']} requests [{statuses}]; largest:")
    for hit in s["top5"]:
        print(f"      {hit['bytes']:>12,} B  {hit['path']}")
    for hit in hits or []:
        print(f"        · {hit.status} {hit.bytes:>12,} B  {hit.path}")


def print_light(summary: dict[str, Any], runs: list[Run], verbose: bool) -> None:
    """Section 1: pages without a calculator."""
    print("\n1. Pages without a calculator (fresh profile, until the network is quiet): bytes, median [min–max]")
    for path, page in summary["light"].items():
        print(
            f"  {path}: total {fmt_bytes_spread(page['total'])}; search index {fmt_bytes_spread(page['search_index'])};"
            f" without the index {fmt_bytes_spread(page['without_index'])}"
        )
        print(f"      wasm/Python/engine files fetched (any run): {', '.join(page['engine_files']) or 'none'}")
        print_top(page["run1"], runs[0].light[path] if verbose else None)


MILESTONES = (
    f"  {'':6}{'first paint':>20}{'form + inputs':>20}{'DOMContentLoaded':>20}{'first result':>22}   form at FCP"
)


def print_times_row(label: str, t: dict[str, Any], runs: int) -> None:
    """One row of page milestones, ms from navigation start."""
    print(
        f"  {label:6}{fmt_spread(t['fcp_ms']):>20}{fmt_spread(t['form_ms']):>20}{fmt_spread(t['dcl_ms']):>20}"
        f"{fmt_spread(t['result_ms']):>22}   {t['form_at_first_paint']}/{runs} runs"
    )


def fmt_resent(r: dict[str, Any]) -> str:
    """Bytes sent again in full, with run 1's largest."""
    names = f" (run 1: {', '.join(r['run1_largest'])}, …)" if r["run1_largest"] else ""
    return f"{fmt_bytes_spread(r['bytes'])} in {fmt_spread(r['responses'])} responses{names}"


def print_calculator(summary: dict[str, Any], runs: list[Run], verbose: bool) -> None:
    """Sections 2 and 3: our calculator's cold and repeat visits."""
    c = summary["calculator"]
    first = runs[0]
    n = len(runs)
    print(f"\n2. Calculator page {CALC_PATH}, cold (fresh profile)")
    print("  ms from navigation start, median [min–max]; form at FCP: form.calc-form and its inputs in the DOM by then")
    print(MILESTONES)
    print_times_row("cold", c["cold_times"], n)
    cold = c["cold_bytes"]
    print(
        f"  bytes to the first result: ours {fmt_bytes_spread(cold['ours'])}, bare (to 1+1) "
        f"{fmt_bytes_spread(cold['bare'])}, ours/bare {fmt_spread(cold['ratio'], 2, 'x')} (paired)"
    )
    print_top(c["run1"]["calculator"], first.ours.cold.hits if verbose else None)
    print(
        f"  after the first result, until the service worker had cached every file ({fmt_spread(c['cached'])} of "
        f"{c['precache_files']}) and the network was quiet: {fmt_bytes_spread(c['after_result_bytes'])} in "
        f"{fmt_spread(c['after_result_requests'])} requests"
    )
    print_top(c["run1"]["after_result"], first.ours.cold.later_hits if verbose else None)
    print(
        f"  the precache as a whole (every response from /sw.js on): {fmt_bytes_spread(c['precache_bytes'])} in "
        f"{fmt_spread(c['precache_requests'])} requests, of which before the first result "
        f"{fmt_bytes_spread(c['precache_before_result'])}"
    )
    print(f"      sent again in full (200) although this visit had received them: {fmt_resent(c['precache_resent'])}")
    print("  bare Pyodide page, cold:")
    print_top(c["run1"]["bare"], first.bare.cold.hits if verbose else None)

    print("\n3. Repeat visit (same profile, new tab; ours once the service worker had cached every file)")
    print(f"  controlled by the service worker: ours {c['warm_times']['controlled']}/{n} runs")
    print(MILESTONES)
    print_times_row("warm", c["warm_times"], n)
    warm = c["warm_bytes"]
    print(
        f"  bytes from the server to the first result: ours {fmt_bytes_spread(warm['ours'])}, "
        f"bare {fmt_bytes_spread(warm['bare'])}; ours after the first result until quiet "
        f"{fmt_bytes_spread(c['warm_later_bytes'])}"
    )
    print_top(c["run1"]["calculator_warm"], first.ours.warm.hits if verbose else None)
    print("  bare Pyodide page, warm:")
    print_top(c["run1"]["bare_warm"], first.bare.warm.hits if verbose else None)
    print("  sent again in full (200) although unchanged and received on the cold visit:")
    for kind in ("ours", "bare"):
        print(f"      {kind}: {fmt_resent(c['warm_resent'][kind])}")


def print_times(summary: dict[str, Any], runs: list[Run]) -> None:
    """Section 4: time to the first result, ours and bare, paired."""
    print("\n4. Time from navigation start to the first result, ms: median [min–max]")
    print(f"  {'':6}{'ours (calculator)':>26}{'bare Pyodide':>26}{'ours/bare, paired':>24}{'ratio of medians':>18}")
    for phase in ("cold", "warm"):
        s = summary[phase]
        print(
            f"  {phase:6}{fmt_spread(s['ours']):>26}{fmt_spread(s['bare']):>26}"
            f"{fmt_spread(s['ratio'], 2, 'x'):>24}{s['ratio_of_medians']:>17.2f}x"
        )
    print("  per run (order; ours cold/warm; bare cold/warm):")
    for i, run in enumerate(runs, 1):
        print(
            f"    run {i} ({' then '.join(run.order)}): ours {run.ours.cold.ms:.0f} / {run.ours.warm.ms:.0f}; "
            f"bare {run.bare.cold.ms:.0f} / {run.bare.warm.ms:.0f}"
        )
    if "recompute_ms" in summary:
        r = summary["recompute_ms"]
        print(f"\n5. Recompute (submit → new data-value, in the page), {r['count']} changes over {len(runs)} runs:")
        print(f"  median {r['median']:.1f} ms, p95 {r['p95']:.1f} ms, min–max {r['min']:.1f}–{r['max']:.1f} ms")


def print_click(title: str, s: dict[str, Any], compare: str, runs: int) -> None:
    """One kind of click to a calculator."""
    print(f"  {title}")
    print(
        f"      click → first result {fmt_spread(s['ms'])} ms ({', '.join(s['values'])}); "
        f"{compare} {fmt_spread(s['compare_ms'])} ms; saved {fmt_spread(s['saved_ms'])} ms (paired)"
    )
    print(
        f"      same document (scripts and engine kept): {s['same_document']}/{runs} runs; engine started: "
        f"{s['engine_started']}/{runs} runs, engine workers created {fmt_spread(s['engine_workers'])}; "
        f"from the server to the result {fmt_bytes_spread(s['bytes'])} in {fmt_spread(s['requests'])} requests"
    )
    print(f"      engine start files requested from the server after the click (run 1): {s['run1_requests'] or 'none'}")


def print_clicks(summary: dict[str, Any], runs: int, sitemap: int) -> None:
    """Section 6: clicking into a calculator (instant navigation)."""
    clicks = summary["clicks"]
    print("\n6. Clicking a link to a calculator (navigation.instant): ms from the click, in the page, to the result")
    print_click(
        f"warm tab showing a result → {NEXT_ID} (example inputs):",
        clicks["onward"],
        "new-tab repeat visit",
        runs,
    )
    print_click(f"freshly loaded {POLICY_PATH} (fresh profile) → {CALC_ID}:", clicks["from_policy"], "cold visit", runs)
    if clicks["onward"]["same_document"] < runs:
        print(
            f"  note: sitemap.xml lists {sitemap} pages; Material 9's instant navigation intercepts only links to "
            "pages listed there (mkdocs writes them when site_url is set), the others load a new page"
        )


def print_plain(summary: dict[str, Any]) -> None:
    """Section 7: bytes with and without the precompressed copies."""
    p = summary.get("precompressed")
    if not p:
        return
    print("\n7. Precompressed .gz copies (run 1, fresh profiles): bytes from the server")
    print(f"  {'':44}{'with .gz':>14}{'without':>14}{'saved':>8}")
    rows = (
        ("calculator, to the first result", p["calculator"]),
        ("calculator, with the precache, until quiet", p["calculator_with_precache"]),
        ("bare Pyodide, to 1+1", p["bare"]),
    )
    for label, (gz, plain) in rows:
        print(f"  {label:44}{fmt_bytes(gz):>14}{fmt_bytes(plain):>14}{1 - gz / plain:>8.0%}")


def print_targets(summary: dict[str, Any]) -> None:
    """The targets table."""
    print("\nTargets (issues 5 and 13)")
    for row in summary["targets"]:
        print(f"  [{'MET' if row['met'] else 'NOT MET':>7}] {row['target']}: {row['value']}")


def print_report(runs: list[Run], summary: dict[str, Any], verbose: bool, sitemap: int) -> None:
    """Everything but the batch, targets and problems, human-readable."""
    print_light(summary, runs, verbose)
    print_calculator(summary, runs, verbose)
    print_times(summary, runs)
    print_clicks(summary, len(runs), sitemap)
    print_plain(summary)


def check_values(runs: list[Run], thin: list[ThinRun]) -> None:
    """Print first results that are not what the pages should show."""
    ours = {v.value for run in runs for v in (run.ours.cold, run.ours.warm)} | {run.from_policy.value for run in runs}
    ours |= {v.value for run in thin for v in (run.ours, run.ours_warm) if v}
    if ours != {EXPECTED_SUBSIDY}:
        print(f"  unexpected first result: {sorted(ours)} (expected {EXPECTED_SUBSIDY})")
    bare = {v.value for run in runs for v in (run.bare.cold, run.bare.warm)}
    bare |= {v.value for run in thin for v in (run.bare, run.bare_warm) if v}
    if bare != {"2"}:
        print(f"  unexpected bare answer: {sorted(bare)} (expected 2)")


def print_problems(problems: Problems) -> None:
    """Console errors, the site's warnings, page errors, failed requests and HTTP errors, with counts."""
    print("\nProblems noticed while measuring")
    if not problems.seen:
        print("  none (no console errors or warnings of the site, page errors, failed requests or HTTP errors)")
    for (kind, where, text), n in sorted(problems.seen.items()):
        print(f"  {kind} [{where}] ×{n}: {text}")


def machine_info() -> dict[str, Any]:
    """CPU count, platform, load."""
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "loadavg": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
