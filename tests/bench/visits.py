"""One run over loopback: pages without a calculator, ours and bare cold and warm, clicks, no ``.gz``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Page, Playwright, Worker

import calc
from build_scripts import runtime
from tests.bench.browser import (
    Problems,
    first_result,
    fresh_profile,
    measure_recompute,
    open_page,
    wait_precached,
    wait_result,
)
from tests.bench.errors import BenchError
from tests.bench.probes import INJECT_LINK_JS, PAGE_TIMES_JS
from tests.bench.server import Hit, Server
from tests.bench.settings import (
    CALC_PATH,
    CALC_QUERY,
    ENGINE_START_FILES,
    NEXT_ID,
    NEXT_LINK,
    OVERVIEW_PATH,
    POLICY_LINK,
    POLICY_PATH,
    TIMEOUT_MS,
)
from tests.screenshots import as_query


@dataclass
class Visit:
    """One visit to a page with an engine: when things happened and what the server sent."""

    ms: float  # first result, from navigation start
    value: str
    hits: list[Hit]  # to the first result
    later_hits: list[Hit]  # after it, until the network is quiet (and the service worker has cached the site)
    fcp_ms: float | None = None  # first contentful paint
    form_ms: float | None = None  # form.calc-form and its inputs in the DOM
    dcl_ms: float | None = None  # DOMContentLoaded
    controlled: bool = False  # by the service worker, at the first result
    cached: int | None = None  # files in the service worker's cache afterwards (ours)


@dataclass
class Click:
    """A click on a link to a calculator with inputs, in a tab showing another page."""

    ms: float  # from the click to the calculator's first result
    result_field: str  # data-field and data-value of the result shown
    value: str
    same_document: bool  # the page was swapped in place (instant navigation), not reloaded
    engine_workers: int  # engine workers the tab created after the click
    engine_requests: list[str]  # "<status> <path>" of ENGINE_START_FILES the server was asked for
    hits: list[Hit]  # click to first result


@dataclass
class EngineRun:
    """Cold and warm visits of one page (ours or bare); ours' recompute times and click onwards."""

    cold: Visit
    warm: Visit
    recompute_ms: list[float] = field(default_factory=list)
    onward: Click | None = None


@dataclass
class Plain:
    """Cold visits against the server without the precompressed copies."""

    ours: Visit
    bare: Visit


@dataclass
class Run:
    """Everything one run measured."""

    order: list[str]
    light: dict[str, list[Hit]]  # page without a calculator → what it loaded
    from_policy: Click
    ours: EngineRun
    bare: EngineRun
    plain: Plain | None = None


@dataclass
class Env:
    """What every measurement needs."""

    pw: Playwright
    server: Server
    plain: Server
    problems: Problems
    changes: int
    precache: int  # files listed in sw.js


def bare_url(server: Server) -> str:
    """The bare Pyodide page on ``server``."""
    return f"{server.base}__bench__/bare.html?runtime={runtime.site_path()}"


def visit_result(env: Env, server: Server, page: Page, url: str, label: str, precache: bool = False) -> Visit:
    """Load ``url`` until its first result; then let the network settle (``precache``: the service worker
    caches the site first) and note what came after."""
    mark = server.log.mark()
    ms, value = first_result(page, url, label)
    hits = server.log.since(mark)
    times = page.evaluate(PAGE_TIMES_JS)
    cached = wait_precached(page, env.precache, env.problems, label) if precache else None
    server.log.wait_quiet()
    later = server.log.since(mark)[len(hits) :]
    env.problems.add_statuses(hits + later, label)
    return Visit(ms, value, hits, later, times["fcp"], times["form"], times["dcl"], times["controlled"], cached)


def load_until_quiet(env: Env, page: Page, path: str) -> list[Hit]:
    """Load a page until ``load`` and the network is quiet; what the server sent."""
    mark = env.server.log.mark()
    page.goto(env.server.base + path, wait_until="load", timeout=TIMEOUT_MS)
    env.server.log.wait_quiet()
    hits = env.server.log.since(mark)
    env.problems.add_statuses(hits, path)
    return hits


def click_to_calculator(env: Env, page: Page, selector: str, query: str, label: str) -> Click:
    """Click a copy of the link ``selector`` with ``query`` added; ms from the click to the first result."""
    workers: list[str] = []

    def on_worker(worker: Worker) -> None:
        workers.append(worker.url)

    page.on("worker", on_worker)
    link = page.evaluate(INJECT_LINK_JS, [selector, query])
    if link is None:
        raise BenchError(f"{label}: no link matches {selector} on {page.url}")
    origin = page.evaluate("() => window.__benchRearm()")
    mark = env.server.log.mark()
    if link["visible"]:
        page.click("#bench-next")
    else:
        page.evaluate("() => document.getElementById('bench-next').click()")
    bench = wait_result(page, label)
    clicked = page.evaluate("() => Number(sessionStorage.getItem('__benchClick'))")
    hits = env.server.log.since(mark)
    page.remove_listener("worker", on_worker)
    if not clicked:
        raise BenchError(f"{label}: the click was not recorded")
    env.server.log.wait_quiet()
    env.problems.add_statuses(env.server.log.since(mark), label)
    if bench["origin"] != origin and bench["origin"] < clicked:
        env.problems.add("clock", label, f"the new page started {clicked - bench['origin']:.1f} ms before the click")
    return Click(
        ms=bench["origin"] + bench["result"] - clicked,
        result_field=str(bench["field"]),
        value=str(bench["value"]),
        same_document=bench["origin"] == origin,
        engine_workers=sum(url.endswith("/engine-worker.js") for url in workers),
        engine_requests=[
            f"{h.status} {h.path}" for h in hits if h.path.rsplit("/", 1)[-1].startswith(ENGINE_START_FILES)
        ],
        hits=hits,
    )


def measure_light_pages(env: Env) -> tuple[dict[str, list[Hit]], Click]:
    """Each page without a calculator in its own fresh profile; from the policy page, a click into ours."""
    light: dict[str, list[Hit]] = {}
    with fresh_profile(env.pw, env.problems, OVERVIEW_PATH) as context:
        light[OVERVIEW_PATH] = load_until_quiet(env, open_page(context, env.problems, OVERVIEW_PATH), OVERVIEW_PATH)
    with fresh_profile(env.pw, env.problems, POLICY_PATH) as context:
        page = open_page(context, env.problems, POLICY_PATH)
        light[POLICY_PATH] = load_until_quiet(env, page, POLICY_PATH)
        label = "policy page → calculator"
        click = click_to_calculator(env, page, POLICY_LINK, CALC_QUERY, label)
        wait_precached(page, env.precache, env.problems, label)  # closing the profile earlier would cut requests
        env.server.log.wait_quiet()
    return light, click


def measure_ours(env: Env) -> EngineRun:
    """Cold visit until the site is precached; warm visit in a new tab; recomputes; a click onwards."""
    url = env.server.base + CALC_PATH
    with fresh_profile(env.pw, env.problems, "ours") as context:
        page = open_page(context, env.problems, "ours cold")
        cold = visit_result(env, env.server, page, url, "ours cold", precache=True)
        page.close()
        page = open_page(context, env.problems, "ours warm")
        warm = visit_result(env, env.server, page, url, "ours warm")
        recompute = measure_recompute(page, env.changes) if env.changes else []
        query = as_query(calc.engine.get(NEXT_ID).example)
        onward = click_to_calculator(env, page, NEXT_LINK, query, "ours warm → next calculator")
        page.close()
    return EngineRun(cold, warm, recompute, onward)


def measure_bare(env: Env) -> EngineRun:
    """Cold visit in a fresh profile, then a warm visit in a new tab."""
    with fresh_profile(env.pw, env.problems, "bare") as context:
        page = open_page(context, env.problems, "bare cold")
        cold = visit_result(env, env.server, page, bare_url(env.server), "bare cold")
        page.close()
        page = open_page(context, env.problems, "bare warm")
        warm = visit_result(env, env.server, page, bare_url(env.server), "bare warm")
        page.close()
    return EngineRun(cold, warm)


def measure_plain(env: Env) -> Plain:
    """Cold visits, ours (until precached) and bare, against the server without the ``.gz`` copies."""
    visits = []
    for kind, url in (("ours", env.plain.base + CALC_PATH), ("bare", bare_url(env.plain))):
        label = f"{kind} cold, no .gz"
        with fresh_profile(env.pw, env.problems, label) as context:
            page = open_page(context, env.problems, label)
            visits.append(visit_result(env, env.plain, page, url, label, precache=kind == "ours"))
    return Plain(*visits)


MEASURE: dict[str, Callable[[Env], EngineRun]] = {"ours": measure_ours, "bare": measure_bare}


def run_once(env: Env, index: int) -> Run:
    """One run; ours and bare alternate who goes first; run 1 also compares against plain files."""
    order = ["ours", "bare"] if index % 2 == 0 else ["bare", "ours"]
    light, from_policy = measure_light_pages(env)
    engines = {kind: MEASURE[kind](env) for kind in order}
    plain = measure_plain(env) if index == 0 else None
    return Run(order, light, from_policy, engines["ours"], engines["bare"], plain)
