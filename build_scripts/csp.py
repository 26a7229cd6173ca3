"""The site's Content-Security-Policy: only its own origin, plus what WebAssembly needs.

Every page carries it as a ``<meta>`` tag (added by the MkDocs hooks), with the hashes of the
page's own inline scripts (mkdocs-material's few lines and ours); servers should also send it as
a header, which covers the Web Workers and the service worker too (a ``<meta>`` tag does not) and
can forbid framing. ``python -m build_scripts.csp`` prints that header for the built site: the
same policy with the hashes of every page's inline scripts.

- ``'wasm-unsafe-eval'`` lets the engine compile WebAssembly; nothing may run ``eval``.
- ``blob:`` in ``connect-src``: the page hands mkdocs-material the sitemap rewritten for the host
  (``overrides/sitemap_shim.js``).
- ``data:`` images: the theme's icons in its stylesheet.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self' blob:",
    "worker-src": "'self'",
    "manifest-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
HEADER_ONLY = {"frame-ancestors": "'self'"}  # ignored (with a console error) in a <meta> tag
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
NOT_JAVASCRIPT = re.compile(r"""\b(src|type\s*=\s*["']?application/(ld\+)?json)""")
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?>", re.IGNORECASE)


def script_hashes(html: str) -> list[str]:
    """``'sha256-…'`` of every inline script of ``html`` that the browser runs, in order, unique."""
    found = []
    for match in INLINE_SCRIPT.finditer(html):
        if NOT_JAVASCRIPT.search(match["attrs"]):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in found:
            found.append(f"'sha256-{digest}'")
    return found


def policy(hashes: list[str], header: bool = False) -> str:
    """The policy text with these script hashes (and, for a header, the header-only directives)."""
    directives = {**POLICY, **(HEADER_ONLY if header else {})}
    directives["script-src"] = " ".join([directives["script-src"], *hashes])
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def add_meta(html: str) -> str:
    """``html`` with its policy as a ``<meta>`` tag right after the charset."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes(html))}">'
    marked, count = CHARSET.subn(lambda m: m[0] + "\n    " + tag, html, count=1)
    if not count:
        raise ValueError("page without <meta charset>: cannot place its Content-Security-Policy")
    return marked


def header(site: Path) -> str:
    """The header for every page of ``site``."""
    hashes: list[str] = []
    for page in sorted(site.rglob("*.html")):
        hashes += [h for h in script_hashes(page.read_text("utf-8")) if h not in hashes]
    return policy(hashes, header=True)


if __name__ == "__main__":
    print(f"Content-Security-Policy: {header(Path(sys.argv[1]) if len(sys.argv) > 1 else Path('site'))}")
