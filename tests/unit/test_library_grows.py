"""A policy the project has never seen, published with the two commands and no other edit.

In a copy of the checkout: ``new_policy`` on a text with 第X条 articles, ``new_estimator`` on it,
then MkDocs builds the pages. The new policy is in the navigation, on the home page and in
政策一览, its page carries every line of the text and an anchor per article, the search index
holds it, its calculator page exists, and ``calc`` lists and runs the new estimator. (The full
site with the engine, and the browser, are tried by hand: see CONTRIBUTING.md.)
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.policy_text import normalize

ROOT = Path(__file__).resolve().parents[2]
TEXT = ROOT / "tests" / "fixtures" / "policy_letterhead_articles.txt"
POLICY, ESTIMATOR = "fixture-county-ipr", "fixture-county-ipr-subsidy"  # ids no real policy takes
pytestmark = pytest.mark.cpython_only  # copies the checkout and runs the build tools


def run(copy: Path, *command: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(copy), "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1780000000"}
    done = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    copy = tmp_path_factory.mktemp("checkout")
    for part in ("calc", "docs", "build_scripts"):
        shutil.copytree(ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "package.json", "pyproject.toml"):
        shutil.copy2(ROOT / name, copy / name)
    run(copy, sys.executable, "-m", "build_scripts.new_policy", POLICY, str(TEXT))
    run(copy, sys.executable, "-m", "build_scripts.new_estimator", ESTIMATOR, "--policy", POLICY)
    log = run(copy, sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(copy / "site"))
    return copy, log


def test_the_policy_page_has_every_line_and_an_anchor_per_article(built: tuple[Path, str]) -> None:
    copy, _ = built
    html = (copy / "site" / "policies" / POLICY / "index.html").read_text("utf-8")
    squashed = normalize(html)
    for line in TEXT.read_text("utf-8").splitlines():
        for cell in line.split("\t"):
            assert normalize(cell) in squashed, cell
    for n in range(1, 10):
        assert f'id="a{n}"' in html
    assert 'data-status="有效"' in html  # 2026-02-01 to 2028-12-31, built on 2026-05-28
    box = html[html.index('<section class="policy-plain"') : html.index("</section>")]
    assert "企业能得到什么" in box and "待填写" in box  # the 政策要点 box, its sentences still to write
    assert "现行有效，有效期至2028年12月31日" in box


def test_the_policy_is_in_the_nav_home_overview_and_search(built: tuple[Path, str]) -> None:
    copy, log = built
    home = (copy / "site" / "index.html").read_text("utf-8")
    assert f'href="policies/{POLICY}/"' in home  # the home page's list (and the nav)
    overview = (copy / "site" / "overview" / "index.html").read_text("utf-8")
    assert "永安市科技型企业知识产权质押融资贴息管理办法" in overview
    index = json.loads((copy / "site" / "search" / "search_index.json").read_text("utf-8"))
    assert any(doc["location"].startswith(f"policies/{POLICY}/") for doc in index["docs"])
    assert "待填写" in log and POLICY in log  # the build says what is still to fill in
    assert "plain.benefits" in log  # the 政策要点 sentences among them


def test_the_new_files_are_ruff_clean(built: tuple[Path, str]) -> None:
    copy, _ = built
    run(copy, sys.executable, "-m", "ruff", "check", f"calc/policies/{POLICY.replace('-', '_')}")


def test_the_calculator_page_exists_and_calc_runs_the_estimator(built: tuple[Path, str]) -> None:
    copy, _ = built
    page = (copy / "site" / "calculators" / ESTIMATOR / "index.html").read_text("utf-8")
    assert f"policies/{POLICY}/#a4" in page  # 第四条 states the skeleton's 50 %
    code = f"import json, calc; print(json.dumps(calc.run({ESTIMATOR!r}, {{'amount': '300000'}})))"
    out = json.loads(run(copy, sys.executable, "-c", code))
    assert out["ok"] and out["result"]["support"] == "150000.00"
