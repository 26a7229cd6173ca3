"""No broken link or anchor anywhere in the built site (issue 12).

Every ``href``, ``src`` and ``srcset`` of every page of ``site/`` is followed to its file and,
with a ``#``, to an element with that id, by check-html-links (an npm devDependency, run by
``tests/site/check_links.mjs``): ~1,550 internal links on 23 pages in under a second, offline.
Links the browser makes at run time (trace clauses, the matcher's rows) are checked by
``tests/unit/test_clauses.py`` from the addresses :mod:`calc.clauses` gives them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("check_links.mjs")
pytestmark = pytest.mark.cpython_only


def broken_links(site_dir: Path) -> list[dict[str, object]]:
    """The broken links of a built site, as the checker reports them (``[]`` when none)."""
    if not (ROOT / "node_modules" / "check-html-links").is_dir():
        pytest.fail("node_modules/check-html-links is missing: run `npm ci` (make setup does)")
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is needed for the link check (see README, Prerequisites)")
    done = subprocess.run(
        [node, str(SCRIPT), str(site_dir)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_no_broken_link_or_anchor_in_the_site(site_dir: Path) -> None:
    broken = broken_links(site_dir)
    assert not broken, "\n".join(f"{b['from']}:{b['line']} → {b['link']} (missing: {b['missing']})" for b in broken)


def test_the_checker_finds_a_broken_anchor_and_page(site_dir: Path, tmp_path: Path) -> None:
    """The check is live: a page with a missing anchor and a missing page is reported."""
    (tmp_path / "index.html").write_text(
        '<h1 id="top">x</h1><a href="#top">ok</a><a href="#nowhere">a</a><a href="gone/">b</a><a href=".">home</a>',
        "utf-8",
    )
    links = {b["link"] for b in broken_links(tmp_path)}
    assert links == {"#nowhere", "gone/"}
