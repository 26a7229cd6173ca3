"""Serve ``site/`` on http://127.0.0.1:8000 with the MIME types the runtime needs.

Any static server works (see README); this one is for the README's first command and the
tests. ``.wasm`` must be ``application/wasm`` for streaming compilation, ``.mjs`` JavaScript.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
from pathlib import Path
from typing import ClassVar

SITE = Path(__file__).resolve().parents[1] / "site"
TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with explicit MIME types, revalidated on every visit, and quiet logs."""

    extensions_map: ClassVar[dict[str, str]] = {**http.server.SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def end_headers(self) -> None:
        """Ask browsers to revalidate, so a rebuilt site is seen at once."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logs."""


class Server(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser drops a connection."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore connections the client closed (a page navigated away); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(directory: Path = SITE, host: str = "127.0.0.1", port: int = 8000) -> Server:
    """A server for ``directory``; port 0 picks a free port."""
    handler = functools.partial(Handler, directory=str(directory))
    return Server((host, port), handler)


def serve_in_background(directory: Path = SITE) -> tuple[Server, str]:
    """Start a server on a free port in a daemon thread; return it and its base URL."""
    server = make_server(directory, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    server = make_server(port=args.port)
    print(f"Serving {SITE} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
