"""Statistics over runs: medians, spreads, paired ratios, bytes by kind, and the targets."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict
from typing import Any

from tests.bench.server import Hit
from tests.bench.settings import (
    LIGHT_PAGES,
    SEARCH_INDEX,
    TARGET_COLD_RATIO,
    TARGET_LIGHT_BYTES,
    TARGET_RECOMPUTE_P95_MS,
    TARGET_WARM_RATIO,
)
from tests.bench.visits import Click, Plain, Run, Visit


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def spread(values: list[float | None]) -> dict[str, float] | None:
    """Median, min and max of the values that are not None; None if there are none."""
    known = [v for v in values if v is not None]
    if not known:
        return None
    return {"median": statistics.median(known), "min": min(known), "max": max(known), "n": len(known)}


def ratio_spread(ours: list[float], bare: list[float]) -> dict[str, Any]:
    """Paired ratios ours/bare (one per run), and the ratio of the medians."""
    return {
        "ours": spread(ours),
        "bare": spread(bare),
        "ratio": spread([o / b for o, b in zip(ours, bare, strict=True)]),
        "ratio_of_medians": statistics.median(ours) / statistics.median(bare),
    }


def total(hits: list[Hit]) -> int:
    """Bytes of all ``hits``."""
    return sum(hit.bytes for hit in hits)


def is_engine_file(path: str) -> bool:
    """Wasm, Python or engine files: what a page without a calculator must not fetch."""
    name = path.rsplit("/", 1)[-1]
    return (
        name.endswith((".wasm", ".wasm.zst", ".whl", ".mjs"))
        or name in ("python_stdlib.zip", "engine.json", "engine-worker.js", "pyodide-lock.json")
        or "/engine/" in path
    )


def engine_files(hits: list[Hit]) -> list[str]:
    """Paths of the engine files among ``hits``."""
    return sorted({hit.path for hit in hits if is_engine_file(hit.path)})


def bytes_summary(hits: list[Hit]) -> dict[str, Any]:
    """Total, requests by status and the five largest responses of one visit."""
    top = sorted(hits, key=lambda hit: hit.bytes, reverse=True)[:5]
    return {
        "bytes": total(hits),
        "requests": len(hits),
        "statuses": dict(Counter(str(hit.status) for hit in hits)),
        "top5": [asdict(hit) for hit in top],
    }


def light_summary(runs: list[Run]) -> dict[str, Any]:
    """Per page without a calculator: total, search index, total without it, engine files (all runs)."""
    out = {}
    for path in LIGHT_PAGES:
        visits = [run.light[path] for run in runs]
        index = [sum(hit.bytes for hit in hits if hit.path == SEARCH_INDEX) for hits in visits]
        totals = [total(hits) for hits in visits]
        out[path] = {
            "total": spread(totals),
            "search_index": spread(index),
            "without_index": spread([t - i for t, i in zip(totals, index, strict=True)]),
            "engine_files": sorted({name for hits in visits for name in engine_files(hits)}),
            "run1": bytes_summary(visits[0]),
        }
    return out


def visit_times(visits: list[Visit]) -> dict[str, Any]:
    """First paint, form in the DOM, DOMContentLoaded and first result over runs."""
    return {
        "fcp_ms": spread([v.fcp_ms for v in visits]),
        "form_ms": spread([v.form_ms for v in visits]),
        "dcl_ms": spread([v.dcl_ms for v in visits]),
        "result_ms": spread([v.ms for v in visits]),
        "form_at_first_paint": sum(
            v.form_ms is not None and v.fcp_ms is not None and v.form_ms <= v.fcp_ms for v in visits
        ),
        "controlled": sum(v.controlled for v in visits),
    }


def everything(visit: Visit) -> list[Hit]:
    """A visit's responses, to the first result and after it."""
    return visit.hits + visit.later_hits


def precache_start(visit: Visit) -> int:
    """Index in ``everything(visit)`` of the service worker's script: its precache follows (responses are
    logged as they finish, so a page request finishing after it would count as precache)."""
    hits = everything(visit)
    return next((i for i, hit in enumerate(hits) if hit.path == "/sw.js"), len(hits))


def resent(before: list[Hit], after: list[Hit]) -> list[Hit]:
    """Responses in ``after`` sent in full (200) for a file already received in full in ``before``."""
    received = {hit.path for hit in before if hit.status == 200}
    return [hit for hit in after if hit.status == 200 and hit.path in received]


def resent_summary(pairs: list[tuple[list[Hit], list[Hit]]]) -> dict[str, Any]:
    """``resent`` over runs: bytes, responses, and run 1's three largest."""
    found = [resent(before, after) for before, after in pairs]
    largest = sorted(found[0], key=lambda hit: hit.bytes, reverse=True)[:3]
    return {
        "bytes": spread([total(hits) for hits in found]),
        "responses": spread([len(hits) for hits in found]),
        "run1_largest": [hit.path.rsplit("/", 1)[-1] or hit.path for hit in largest],
    }


def calculator_summary(runs: list[Run], precache_files: int) -> dict[str, Any]:
    """Bytes and page times of our calculator's visits, and bare's bytes, over runs."""
    colds = [run.ours.cold for run in runs]
    starts = [precache_start(visit) for visit in colds]
    return {
        "cold_bytes": ratio_spread(
            [total(run.ours.cold.hits) for run in runs], [total(run.bare.cold.hits) for run in runs]
        ),
        "after_result_bytes": spread([total(visit.later_hits) for visit in colds]),
        "after_result_requests": spread([len(visit.later_hits) for visit in colds]),
        "cached": spread([visit.cached for visit in colds]),
        "precache_files": precache_files,
        "precache_bytes": spread([total(everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_requests": spread([len(everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_before_result": spread([total(v.hits[i:]) for v, i in zip(colds, starts, strict=True)]),
        "precache_resent": resent_summary(
            [(everything(v)[:i], everything(v)[i:]) for v, i in zip(colds, starts, strict=True)]
        ),
        "warm_bytes": {
            "ours": spread([total(run.ours.warm.hits) for run in runs]),
            "bare": spread([total(run.bare.warm.hits) for run in runs]),
        },
        "warm_later_bytes": spread([total(run.ours.warm.later_hits) for run in runs]),
        "warm_resent": {
            kind: resent_summary([(everything(e.cold), everything(e.warm)) for e in engines])
            for kind, engines in (("ours", [run.ours for run in runs]), ("bare", [run.bare for run in runs]))
        },
        "cold_times": visit_times(colds),
        "warm_times": visit_times([run.ours.warm for run in runs]),
        "run1": {
            "calculator": bytes_summary(runs[0].ours.cold.hits),
            "after_result": bytes_summary(runs[0].ours.cold.later_hits),
            "bare": bytes_summary(runs[0].bare.cold.hits),
            "calculator_warm": bytes_summary(runs[0].ours.warm.hits),
            "bare_warm": bytes_summary(runs[0].bare.warm.hits),
        },
    }


def click_summary(clicks: list[Click], compare: list[float]) -> dict[str, Any]:
    """Click to result over runs, against the visit it may save (paired differences)."""
    return {
        "ms": spread([c.ms for c in clicks]),
        "compare_ms": spread(compare),
        "saved_ms": spread([v - c.ms for c, v in zip(clicks, compare, strict=True)]),
        "same_document": sum(c.same_document for c in clicks),
        "engine_workers": spread([c.engine_workers for c in clicks]),
        "engine_started": sum(c.engine_workers > 0 or bool(c.engine_requests) for c in clicks),
        "bytes": spread([total(c.hits) for c in clicks]),
        "requests": spread([len(c.hits) for c in clicks]),
        "run1_requests": ", ".join(clicks[0].engine_requests),
        "values": sorted({f"{c.result_field}={c.value}" for c in clicks}),
    }


def plain_summary(plain: Plain, run: Run) -> dict[str, Any]:
    """Bytes with and without the precompressed copies (run 1)."""
    return {
        "calculator": (total(run.ours.cold.hits), total(plain.ours.hits)),
        "calculator_with_precache": (
            total(run.ours.cold.hits + run.ours.cold.later_hits),
            total(plain.ours.hits + plain.ours.later_hits),
        ),
        "bare": (total(run.bare.cold.hits), total(plain.bare.hits)),
        "plain_cached": plain.ours.cached,
    }


def summarize(runs: list[Run], precache_files: int) -> dict[str, Any]:
    """Medians, spreads, paired ratios and targets over all runs."""
    summary: dict[str, Any] = {
        phase: ratio_spread(
            [getattr(run.ours, phase).ms for run in runs], [getattr(run.bare, phase).ms for run in runs]
        )
        for phase in ("cold", "warm")
    }
    recompute = [ms for run in runs for ms in run.ours.recompute_ms]
    if recompute:
        summary["recompute_ms"] = {**spread(recompute), "p95": percentile(recompute, 95), "count": len(recompute)}
    summary["light"] = light_summary(runs)
    summary["calculator"] = calculator_summary(runs, precache_files)
    onward = [run.ours.onward for run in runs if run.ours.onward]
    summary["clicks"] = {
        "onward": click_summary(onward, [run.ours.warm.ms for run in runs]),
        "from_policy": click_summary([run.from_policy for run in runs], [run.ours.cold.ms for run in runs]),
    }
    if runs[0].plain:
        summary["precompressed"] = plain_summary(runs[0].plain, runs[0])
    summary["targets"] = targets(summary, len(runs))
    return summary


def target(name: str, value: str, met: bool) -> dict[str, Any]:
    """One row of the targets table."""
    return {"target": name, "value": value, "met": met}


def targets(summary: dict[str, Any], runs: int) -> list[dict[str, Any]]:
    """The issue's targets, each with the figure it is judged on and whether it is met."""
    cold, warm = summary["cold"]["ratio"]["median"], summary["warm"]["ratio"]["median"]
    rows = [
        target(
            f"first result, cold load <= {TARGET_COLD_RATIO}x bare cold start (median of paired ratios)",
            f"{cold:.2f}x",
            cold <= TARGET_COLD_RATIO,
        ),
        target(
            f"first result, repeat visit <= {TARGET_WARM_RATIO}x bare repeat start (median of paired ratios)",
            f"{warm:.2f}x",
            warm <= TARGET_WARM_RATIO,
        ),
    ]
    if "recompute_ms" in summary:
        p95 = summary["recompute_ms"]["p95"]
        rows.append(
            target(
                f"recompute <= {TARGET_RECOMPUTE_P95_MS:.0f} ms at p95", f"{p95:.1f} ms", p95 <= TARGET_RECOMPUTE_P95_MS
            )
        )
    for path, page in summary["light"].items():
        worst = page["without_index"]["max"]
        files = page["engine_files"]
        rows.append(
            target(
                f"{path}: no wasm/Python/engine file, < {TARGET_LIGHT_BYTES // 1000} kB without the search index "
                f"(worst of {runs} runs)",
                f"{worst / 1000:.1f} kB; engine files: {', '.join(files) or 'none'}",
                worst < TARGET_LIGHT_BYTES and not files,
            )
        )
    return rows
