"""``python -m build_scripts.new_estimator``: a skeleton that is listed, runs and passes its example."""

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.cpython_only  # copies the package and runs subprocesses


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A copy of the package and the policy pages, as a clean checkout has them."""
    shutil.copytree(ROOT / "calc", tmp_path / "calc", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs" / "policies", tmp_path / "docs" / "policies")
    return tmp_path


def new_estimator(root: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "build_scripts.new_estimator", *args, "--root", str(root)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def in_copy(root: Path, code: str) -> str:
    """Run Python with the copied package first on the path."""
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


def test_skeleton_is_listed_runs_and_passes_its_example(checkout: Path) -> None:
    done = new_estimator(checkout, "liaocheng-2024-demo", "--policy", "liaocheng-2024")
    assert done.returncode == 0, done.stderr
    folder = checkout / "calc" / "policies" / "liaocheng_2024"
    assert tomllib.loads((folder / "policy.toml").read_text("utf-8"))["estimators"]["liaocheng-2024-demo"] == "demo"
    code = (
        "import json, calc, calc.examples as ex;"
        f"assert calc.__file__.startswith({str(checkout)!r});"
        "found = [e for e in ex.all_examples() if e.estimator == 'liaocheng-2024-demo'];"
        "print(json.dumps({'listed': [e['id'] for e in calc.catalogue()],"
        " 'problems': [ex.check(e, calc.run(e.estimator, e.inputs)) for e in found],"
        " 'run': calc.run('liaocheng-2024-demo', {'amount': '2000000'}),"
        " 'schema': calc.schema('liaocheng-2024-demo')}, ensure_ascii=False))"
    )
    out = json.loads(in_copy(checkout, code))
    assert "liaocheng-2024-demo" in out["listed"]
    assert out["problems"] == [[]]  # one example, and it holds
    assert "× 35% =" in (folder / "examples" / "demo.toml").read_text("utf-8")
    # 一（一）'s first share is 35 % (科技成果转化贷款的风险补偿): 2,000,000 × 35 % = 700,000.
    assert out["run"]["ok"] and out["run"]["result"] == {"support": "700000.00"}
    assert out["run"]["trace"][0]["clause"] == "liaocheng-2024 一（一）"
    assert out["schema"]["properties"]["amount"]["title"]


def test_a_second_run_and_bad_ids_are_refused(checkout: Path) -> None:
    assert new_estimator(checkout, "liaocheng-2024-demo", "--policy", "liaocheng-2024").returncode == 0
    again = new_estimator(checkout, "liaocheng-2024-demo", "--policy", "liaocheng-2024")
    assert again.returncode == 2 and "exists" in again.stderr
    assert new_estimator(checkout, "Bad_Id", "--policy", "liaocheng-2024").returncode == 2
    assert new_estimator(checkout, "x-demo", "--policy", "no-such-policy").returncode == 2
    assert new_estimator(checkout, "x-demo", "--policy", "liaocheng-2024", "--clause", "九十九").returncode == 2


def test_a_named_clause_is_used(checkout: Path) -> None:
    done = new_estimator(checkout, "liaocheng-2024-fee", "--policy", "liaocheng-2024", "--clause", "一（二）")
    assert done.returncode == 0, done.stderr
    params = tomllib.loads((checkout / "calc" / "policies" / "liaocheng_2024" / "params.toml").read_text("utf-8"))
    (value,) = params["s1_2"]["fee_share"]["values"]
    assert value["clause"] == "一（二）" and value["text"] == "0.5%"  # 一（二）'s first figure: 0.5%/年
