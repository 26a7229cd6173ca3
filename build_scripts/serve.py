"""Serve ``site/`` on http://127.0.0.1:8000 with the MIME types the runtime needs.

Any static server works (see README); this one is for the README's first command and the
tests. ``.wasm`` must be ``application/wasm`` for streaming compilation, ``.mjs`` JavaScript.
Like nginx's ``gzip_static``, it sends the build's ``<file>.gz`` to browsers that accept gzip
(``--no-precompressed`` turns that off, as on a server without it).
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import http.server
import os
import sys
import threading
from pathlib import Path
from typing import BinaryIO, ClassVar

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
    precompressed = True

    def end_headers(self) -> None:
        """Ask browsers to revalidate, so a rebuilt site is seen at once."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def send_head(self) -> BinaryIO | None:
        """The file, or its precompressed ``.gz`` when the browser accepts gzip."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        packed = path + ".gz"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.precompressed and accepts and os.path.isfile(path) and os.path.isfile(packed)):
            return super().send_head()
        stat = os.stat(packed)
        etag, modified = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"', email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return None
        stream = open(packed, "rb")  # closed by the base class after copying
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(stat.st_size))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", modified)  # Chromium revalidates HTTP/1.0 responses by date only
        self.end_headers()
        return stream

    def log_message(self, format: str, *args: object) -> None:
        """Silence per-request logs."""


class Server(http.server.ThreadingHTTPServer):
    """A threading server that does not print a traceback when a browser drops a connection."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Ignore connections the client closed (a page navigated away); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def make_server(
    directory: Path = SITE, host: str = "127.0.0.1", port: int = 8000, handler: type[Handler] = Handler
) -> Server:
    """A server for ``directory``; port 0 picks a free port."""
    return Server((host, port), functools.partial(handler, directory=str(directory)))


def serve_in_background(directory: Path = SITE, handler: type[Handler] = Handler) -> tuple[Server, str]:
    """Start a server on a free port in a daemon thread; return it and its base URL."""
    server = make_server(directory, port=0, handler=handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main() -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-precompressed", action="store_true", help="ignore the .gz files")
    args = parser.parse_args()
    handler = type("Plain", (Handler,), {"precompressed": False}) if args.no_precompressed else Handler
    server = make_server(port=args.port, handler=handler)
    print(f"Serving {SITE} at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
