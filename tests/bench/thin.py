"""Section 9, the thin link (issue 13): cold visits, ours and bare, behind one shared slow link."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.browser import fresh_profile, open_page
from tests.bench.report import fmt_bytes, fmt_bytes_spread, fmt_spread
from tests.bench.server import BenchHandler, Hit, Server, serve
from tests.bench.settings import CALC_PATH, TARGET_THIN_BYTES, TARGET_THIN_RATIO, THIN_DELAY_MS
from tests.bench.stats import is_engine_file, ratio_spread, spread, target, total
from tests.bench.thin_link import Link, ThinLink
from tests.bench.visits import Env, Visit, bare_url, visit_result


@dataclass
class ThinRun:
    """Cold visits over one thin link, ours and bare, fresh profiles (and, once, their repeat visits)."""

    mbit: float
    order: list[str]
    ours: Visit
    bare: Visit
    ours_warm: Visit | None = None
    bare_warm: Visit | None = None


def thin_handler(mbit: float) -> type[BenchHandler]:
    """The benchmark's handler behind a link of its own: ``mbit`` Mbit/s, THIN_DELAY_MS per response."""
    return type(f"Thin{mbit:g}", (ThinLink, BenchHandler), {"link": Link(mbit, THIN_DELAY_MS)})


def thin_visits(env: Env, server: Server, kind: str, label: str, repeat: bool) -> tuple[Visit, Visit | None]:
    """A cold visit in a fresh profile; with ``repeat``, the offline copy saved (ours) and a repeat visit."""
    url = server.base + CALC_PATH if kind == "ours" else bare_url(server)
    with fresh_profile(env.pw, env.problems, label) as context:
        page = open_page(context, env.problems, label)
        cold = visit_result(env, server, page, url, label, precache=repeat and kind == "ours")
        if not repeat:
            return cold, None
        page.close()
        page = open_page(context, env.problems, f"{label}, repeat")
        return cold, visit_result(env, server, page, url, f"{label}, repeat")


def measure_thin(env: Env, site: Path, mbit: float, runs: int, repeat: bool) -> list[ThinRun]:
    """``runs`` pairs of cold visits over a link of ``mbit`` Mbit/s; run 1 also the repeat visits if ``repeat``."""
    found = []
    with serve(site, thin_handler(mbit)) as server:
        for i in range(runs):
            order = ["ours", "bare"] if i % 2 == 0 else ["bare", "ours"]
            visits = {
                kind: thin_visits(env, server, kind, f"{kind} cold, {mbit:g} Mbit/s", repeat and i == 0)
                for kind in order
            }
            run = ThinRun(mbit, order, visits["ours"][0], visits["bare"][0], visits["ours"][1], visits["bare"][1])
            found.append(run)
            print(
                f"  thin link {mbit:g} Mbit/s, run {i + 1}/{runs}: ours {run.ours.ms / 1000:.1f} s "
                f"({total(run.ours.hits) / 1e6:.1f} MB), bare {run.bare.ms / 1000:.1f} s "
                f"({total(run.bare.hits) / 1e6:.1f} MB)",
                flush=True,
            )
    return found


THIN_PARTS = (
    ("runtime", lambda name, path: name.startswith("pyodide")),
    ("stdlib", lambda name, path: name == "python_stdlib.zip"),
    ("snapshot", lambda name, path: name.startswith("snapshot-")),
    ("site-packages", lambda name, path: name.startswith("site-packages-")),
    ("extension modules", lambda name, path: "/engine/" in path and name.endswith((".wasm", ".wasm.zst"))),
    ("other engine files", lambda name, path: is_engine_file(path)),
    ("page", lambda name, path: True),
)


def thin_part(path: str) -> str:
    """Which part of a visit's download ``path`` belongs to."""
    name = path.rsplit("/", 1)[-1]
    return next(part for part, matches in THIN_PARTS if matches(name, path))


def parts(hits: list[Hit]) -> dict[str, int]:
    """Bytes of ``hits`` by part, in THIN_PARTS order, parts with no bytes left out."""
    found = Counter()
    for hit in hits:
        found[thin_part(hit.path)] += hit.bytes
    return {part: found[part] for part, _ in THIN_PARTS if found[part]}


def thin_summary(runs: list[ThinRun]) -> dict[str, Any]:
    """Per link: time and bytes to the first result, paired ours/bare; bytes after it; run 1's parts."""
    out: dict[str, Any] = {}
    for mbit in dict.fromkeys(run.mbit for run in runs):
        mine = [run for run in runs if run.mbit == mbit]
        first = mine[0]
        entry = {
            "ms": ratio_spread([r.ours.ms for r in mine], [r.bare.ms for r in mine]),
            "bytes": ratio_spread([total(r.ours.hits) for r in mine], [total(r.bare.hits) for r in mine]),
            "after": {kind: spread([total(getattr(r, kind).later_hits) for r in mine]) for kind in ("ours", "bare")},
            "parts": {kind: parts(getattr(first, kind).hits) for kind in ("ours", "bare")},
            "parts_after": {kind: parts(getattr(first, kind).later_hits) for kind in ("ours", "bare")},
        }
        if first.ours_warm and first.bare_warm:
            entry["repeat"] = {
                kind: {"ms": visit.ms, "bytes": total(visit.hits), "controlled": visit.controlled}
                for kind, visit in (("ours", first.ours_warm), ("bare", first.bare_warm))
            }
        out[f"{mbit:g}"] = entry
    return out


def fmt_parts(found: dict[str, int]) -> str:
    """``part 1.23 MiB, …``."""
    return ", ".join(f"{part} {fmt_bytes(size)}" for part, size in found.items()) or "nothing"


def print_thin(summary: dict[str, Any], runs: int) -> None:
    """Section 9: the thin link."""
    thin = summary.get("thin")
    if not thin:
        return
    print(
        f"\n9. Thin link: one shared link, {THIN_DELAY_MS:.0f} ms added to each response, .gz served as gzip_static;"
        f" cold visits in fresh profiles, {runs} runs per link; median [min–max]"
    )
    print(f"  {'':10}{'first result, s: ours':>26}{'bare':>22}{'ours/bare':>22}   bytes to it: ours / bare (ratio)")
    for mbit, t in thin.items():
        ms, size = t["ms"], t["bytes"]
        seconds = {kind: {key: value / 1000 for key, value in ms[kind].items()} for kind in ("ours", "bare")}
        print(
            f"  {mbit + ' Mbit/s':10}{fmt_spread(seconds['ours'], 1):>26}{fmt_spread(seconds['bare'], 1):>22}"
            f"{fmt_spread(ms['ratio'], 2, 'x'):>22}   {size['ours']['median'] / 1e6:.2f} / "
            f"{size['bare']['median'] / 1e6:.2f} MB ({fmt_spread(size['ratio'], 2, 'x')})"
        )
    for mbit, t in thin.items():
        print(f"  {mbit} Mbit/s, run 1, bytes to the first result by part:")
        for kind in ("ours", "bare"):
            print(f"      {kind}: {fmt_parts(t['parts'][kind])}")
        print(
            f"      after the first result until quiet: ours {fmt_bytes_spread(t['after']['ours'])} "
            f"(run 1: {fmt_parts(t['parts_after']['ours'])}), bare {fmt_bytes_spread(t['after']['bare'])}"
        )
        if "repeat" in t:
            r = t["repeat"]
            print(
                f"      repeat visit (ours after saving the offline copy; same profile, new tab): ours "
                f"{r['ours']['ms'] / 1000:.2f} s, {fmt_bytes(r['ours']['bytes'])} from the server"
                f" (service worker in control: {r['ours']['controlled']}); bare {r['bare']['ms'] / 1000:.2f} s,"
                f" {fmt_bytes(r['bare']['bytes'])}"
            )


def thin_targets(thin: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 13's rows of the targets table."""
    rows = []
    for mbit, t in thin.items():
        limit = TARGET_THIN_RATIO.get(float(mbit))
        ratio = t["ms"]["ratio"]["median"]
        if limit is not None:
            rows.append(
                target(
                    f"thin link {mbit} Mbit/s, {THIN_DELAY_MS:.0f} ms: first result <= {limit}x bare "
                    "(median of paired ratios)",
                    f"{ratio:.2f}x",
                    ratio <= limit,
                )
            )
        size = t["bytes"]["ratio"]["median"]
        rows.append(
            target(
                f"thin link {mbit} Mbit/s: bytes to the first result <= {TARGET_THIN_BYTES}x bare's",
                f"{size:.2f}x",
                size <= TARGET_THIN_BYTES,
            )
        )
    return rows
