"""The built site on the servers offices have, and when the engine cannot start.

Hosting variants (each its own server): under a sub-path, with ``.wasm`` sent as
``application/octet-stream``, without any compression. In each, a calculator gives calc.run's
figures, a policy page and the search work, and no request fails.

Engine failures: a missing runtime file, a wheel that fails its hash with the snapshot gone, a
browser without WebAssembly. The page says so in Chinese, keeps the form usable, offers a retry,
and the retry works once the file is back.
"""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

import calc
from build_scripts import runtime
from build_scripts.serve import Handler, serve_in_background
from tests.browser.test_every_calculator import as_page_values, shown, wait_result
from tests.browser.test_offline import accept_offline_copy
from tests.page_run import page_run
from tests.screenshots import as_query

RUNTIME = f"/{runtime.site_path()}"
SUBSIDY = calc.engine.get("sanming-ktd-subsidy")


class SubPath(Handler):
    """The site under /kejijinrong/, as on a shared host; anything else is 404."""

    prefix: ClassVar[str] = "/kejijinrong/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path.removeprefix(self.prefix))


class OctetWasm(Handler):
    """A server that does not know .wasm."""

    extensions_map: ClassVar[dict[str, str]] = {**Handler.extensions_map, ".wasm": "application/octet-stream"}


class Uncompressed(Handler):
    """A server without precompressed files or compression."""

    precompressed = False


class Failing(Handler):
    """Answers 404 for the paths in ``missing`` and garbles those in ``garbled`` (class-wide, changeable)."""

    missing: ClassVar[set[str]] = set()
    garbled: ClassVar[set[str]] = set()

    def send_head(self) -> BinaryIO | None:
        path = self.path.split("?")[0]
        if path in self.missing:
            self.send_error(404)
            return None
        if any(path.endswith(suffix) for suffix in self.garbled):
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", "4")
            self.end_headers()
            self.wfile.write(b"PK\x03\x04")
            return None
        return super().send_head()


@pytest.fixture
def served(site_dir: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The site's address on a server with the handler given as parameter."""
    server, base = serve_in_background(site_dir, request.param)
    yield base + getattr(request.param, "prefix", "/").lstrip("/")
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """Without the service worker, so that every visit asks the server."""
    context = browser.new_context(service_workers="block")
    yield context
    context.close()


def calculator_url(base: str) -> str:
    return f"{base}calculators/{SUBSIDY.id}/?{as_query(SUBSIDY.example)}"


@pytest.mark.parametrize("served", [SubPath, OctetWasm, Uncompressed], indirect=True, ids=lambda h: h.__name__)
def test_site_works_on_this_server(browser: Browser, served: str) -> None:
    context = browser.new_context()  # with the service worker, which must find its files here too
    base = served
    failed: list[str] = []
    context.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    context.on("requestfailed", lambda r: failed.append(f"failed {r.url}"))
    page = context.new_page()
    page.goto(calculator_url(base))
    wait_result(page)
    assert shown(page) == as_page_values(page_run(SUBSIDY.id, SUBSIDY.example)["result"])
    accept_offline_copy(page)
    expect(page.locator(".engine-offline")).to_contain_text("离线副本已保存", timeout=120_000)
    page.goto(f"{base}policies/sanming-ktd/")
    expect(page.locator("article h1")).to_have_count(1)
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("贴息")
    box.press("End")
    page.wait_for_selector(".md-search-result__item a", timeout=30_000)
    context.close()
    assert failed == []


def engine_failed(page: Page) -> None:
    expect(page.locator(".calculator")).to_have_attribute("data-engine", "error", timeout=120_000)
    expect(page.locator(".engine-retry")).to_be_visible()
    page.fill("#in-loan_amount", "1000000")  # the form stays usable
    expect(page.locator("#in-loan_amount")).to_have_value("1000000")


@pytest.mark.parametrize("served", [Failing], indirect=True, ids=["missing-runtime"])
def test_missing_runtime_file_says_so_and_retry_works(context: BrowserContext, served: str, site_dir: Path) -> None:
    # the runtime's wasm, and its zstd copy that a first visit fetches instead
    packed = json.loads((site_dir / runtime.site_path() / "engine.json").read_text("utf-8"))["runtimeWasm"]["packed"]
    Failing.missing = {f"{RUNTIME}pyodide.asm.wasm", f"{RUNTIME}{packed}"}
    try:
        page = context.new_page()
        page.goto(calculator_url(served))
        engine_failed(page)
        expect(page.locator(".engine-message")).to_contain_text("无法下载计算引擎的文件")
        expect(page.locator(".engine-message")).to_contain_text("重试")
        Failing.missing = set()
        page.click(".engine-retry")
        wait_result(page)
        changed = {**SUBSIDY.example, "loan_amount": "1000000"}
        assert shown(page) == as_page_values(page_run(SUBSIDY.id, changed)["result"])
    finally:
        Failing.missing = set()


@pytest.mark.parametrize("served", [Failing], indirect=True, ids=["bad-wheel"])
def test_a_wheel_failing_its_hash_says_so(context: BrowserContext, served: str) -> None:
    Failing.missing = {f"{RUNTIME}engine.json"}  # the snapshot is gone: the engine installs wheels
    Failing.garbled = {".whl"}
    try:
        page = context.new_page()
        page.goto(calculator_url(served))
        engine_failed(page)
        expect(page.locator(".engine-message")).to_contain_text("计算引擎加载失败")
        expect(page.locator(".engine-detail")).to_be_visible()
    finally:
        Failing.missing, Failing.garbled = set(), set()


def test_a_browser_without_webassembly_is_told(context: BrowserContext, base_url: str) -> None:
    context.add_init_script("delete globalThis.WebAssembly")
    page = context.new_page()
    page.goto(calculator_url(base_url))
    engine_failed(page)
    expect(page.locator(".engine-message")).to_contain_text("不支持 WebAssembly")
    page.goto(f"{base_url}policies/sanming-ktd/#s4-2")  # the policy text does not need the engine
    expect(page.locator("#s4-2")).to_be_visible()
