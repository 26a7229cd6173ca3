"""The benchmark's arithmetic (``tests/bench/stats.py``), on figures worked by hand."""

import pytest

from tests.bench.stats import is_engine_file, percentile, ratio_spread

pytestmark = pytest.mark.cpython_only  # the benchmark imports the build tools (not collected in Pyodide: see conftest)


def test_percentile_is_linear_between_closest_ranks() -> None:
    # 4 values: rank of the 95th percentile (4 - 1) * 0.95 = 2.85, so 3 + (4 - 3) * 0.85.
    assert percentile([4.0, 1.0, 3.0, 2.0], 95) == pytest.approx(3.85)
    assert percentile([7.0], 95) == 7.0
    assert percentile([1.0, 2.0, 3.0], 50) == 2.0


def test_ratios_are_paired_run_by_run() -> None:
    # Runs (ours, bare): (2, 4) and (3, 2) give 0.5 and 1.5, median 1.0; the medians' ratio 2.5 / 3.
    figures = ratio_spread([2.0, 3.0], [4.0, 2.0])
    assert figures["ratio"] == {"median": 1.0, "min": 0.5, "max": 1.5, "n": 2}
    assert figures["ratio_of_medians"] == pytest.approx(2.5 / 3)


@pytest.mark.parametrize(
    ("path", "engine"),
    [
        ("/pyodide/314.0.7/pyodide.asm.wasm", True),
        ("/pyodide/314.0.7/pyodide.asm.wasm.zst", True),  # a first visit's zstd copy
        ("/pyodide/314.0.7/engine.json", True),
        ("/assets/calc/engine-worker.js", True),
        ("/policies/sanming-ktd/", False),
        ("/assets/site.css", False),
    ],
)
def test_engine_files_are_told_from_page_files(path: str, engine: bool) -> None:
    assert is_engine_file(path) is engine
