"""The benchmark's server: the site's handler plus the bare page under ``/__bench__/``, with a request log."""

from __future__ import annotations

import contextlib
import functools
import http.server
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_scripts.serve import Handler
from tests.bench.settings import ASSETS, BENCH_FILES, BENCH_PREFIX, QUIET_S


@dataclass
class Hit:
    """One response the server sent."""

    path: str
    status: int
    bytes: int


class RequestLog:
    """Thread-safe list of responses, with a way to wait until the network is quiet."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: list[Hit] = []
        self._in_flight = 0
        self._last_activity = time.monotonic()

    def started(self) -> None:
        """A request line has been read."""
        with self._lock:
            self._in_flight += 1
            self._last_activity = time.monotonic()

    def finished(self, hit: Hit) -> None:
        """A response has been written (fully or not)."""
        with self._lock:
            self._in_flight -= 1
            self._last_activity = time.monotonic()
            self._hits.append(hit)

    def mark(self) -> int:
        """A position to pass to ``since``."""
        with self._lock:
            return len(self._hits)

    def since(self, mark: int) -> list[Hit]:
        """Responses finished after ``mark``."""
        with self._lock:
            return list(self._hits[mark:])

    def wait_quiet(self, quiet: float = QUIET_S, timeout: float = 30.0) -> None:
        """Return once nothing is in flight and nothing happened for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                idle = self._in_flight == 0 and time.monotonic() - self._last_activity >= quiet
            if idle:
                return
            time.sleep(0.05)


class CountingWriter:
    """Wraps a handler's ``wfile`` and counts the bytes written to the socket."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw
        self.count = 0

    def write(self, data: bytes) -> int:
        written = self.raw.write(data)
        self.count += len(data) if written is None else written
        return written

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed


class BenchHandler(Handler):
    """The site's handler, plus the benchmark files under ``/__bench__/`` and a request log."""

    def __init__(self, *args: Any, log: RequestLog, **kwargs: Any) -> None:
        self.log = log
        self.status = 0
        self.counted = False
        super().__init__(*args, **kwargs)

    def setup(self) -> None:
        super().setup()
        self.wfile = CountingWriter(self.wfile)

    def parse_request(self) -> bool:
        ok = super().parse_request()
        if ok:
            self.counted = True
            self.log.started()
        return ok

    def handle_one_request(self) -> None:
        self.counted, self.status = False, 0
        before = self.wfile.count
        try:
            super().handle_one_request()
        finally:
            if self.counted:
                path = urllib.parse.urlsplit(self.path).path
                self.log.finished(Hit(path, self.status, self.wfile.count - before))

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        self.status = int(code) if isinstance(code, int) else 0

    def translate_path(self, path: str) -> str:
        route = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if route.startswith(BENCH_PREFIX) and route.removeprefix(BENCH_PREFIX) in BENCH_FILES:
            return str(ASSETS / route.removeprefix(BENCH_PREFIX))
        return super().translate_path(path)


class PlainHandler(BenchHandler):
    """Ignores the build's ``.gz`` copies, like a server without gzip_static."""

    precompressed = False


class QuietServer(http.server.ThreadingHTTPServer):
    """Does not print tracebacks when the browser drops a connection (e.g. a closed page)."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


@dataclass
class Server:
    """A running benchmark server: its base URL and what it sent."""

    base: str
    log: RequestLog


@contextlib.contextmanager
def serve(site: Path, handler: type[BenchHandler] = BenchHandler) -> Iterator[Server]:
    """Serve ``site`` on 127.0.0.1 (free port) in a daemon thread."""
    log = RequestLog()
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site), log=log))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(f"http://127.0.0.1:{server.server_address[1]}/", log)
    finally:
        server.shutdown()
        server.server_close()
