"""A thin shared link for the benchmark's server: one bandwidth for all connections, a delay per response.

Static sites in China often sit on small cloud servers sold by bandwidth, or on an intranet box
behind a thin uplink (issue 13). ``ThinLink`` mixed into a request handler makes every response
wait ``delay`` seconds before its headers (the round trip), then sends its bytes through one
``Link`` shared by every connection of the server: chunks are booked one after the other at
``rate`` bytes per second, so parallel downloads split the bandwidth as they would on the wire.
"""

from __future__ import annotations

import threading
import time
from typing import Any, BinaryIO

CHUNK = 16 * 1024


class Link:
    """One link: ``rate`` bytes per second for everything sent, ``delay`` seconds before each response."""

    def __init__(self, mbit_per_s: float, delay_ms: float) -> None:
        self.mbit_per_s = mbit_per_s
        self.rate = mbit_per_s * 1_000_000 / 8
        self.delay = delay_ms / 1000
        self._lock = threading.Lock()
        self._free_at = 0.0

    def send(self, size: int) -> None:
        """Book ``size`` bytes on the link after what is already booked; return once they have passed."""
        with self._lock:
            now = time.monotonic()
            self._free_at = max(now, self._free_at) + size / self.rate
            done = self._free_at
        time.sleep(max(0.0, done - now))


class LinkWriter:
    """A handler's ``wfile`` whose writes go through ``link`` in chunks."""

    def __init__(self, raw: Any, link: Link) -> None:
        self.raw = raw
        self.link = link

    def write(self, data: bytes) -> int:
        view = memoryview(data)
        for start in range(0, len(view), CHUNK):
            chunk = view[start : start + CHUNK]
            self.link.send(len(chunk))
            self.raw.write(chunk)
        return len(view)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)  # flush, close, closed, the benchmark's byte count


class ThinLink:
    """Mixin for a ``SimpleHTTPRequestHandler`` subclass: set ``link`` on the class it is mixed into."""

    link: Link
    wfile: Any

    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        self.wfile = LinkWriter(self.wfile, self.link)

    def send_head(self) -> BinaryIO | None:
        time.sleep(self.link.delay)
        return super().send_head()  # type: ignore[misc]
