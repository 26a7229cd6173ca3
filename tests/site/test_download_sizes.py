"""The sizes the page announces are those of the built files (engine.json's download, sw.js's SIZES)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from build_scripts import runtime


def sent(path: Path) -> int:
    packed = path.with_name(path.name + ".gz")
    return packed.stat().st_size if packed.is_file() else path.stat().st_size


def sw_list(site: Path, name: str) -> list:
    found = re.search(rf"^const {name} = (.*);$", (site / "sw.js").read_text("utf-8"), re.MULTILINE)
    assert found, f"sw.js has no {name}"
    return json.loads(found.group(1))


def test_engine_download_lists_what_each_start_fetches(site_dir: Path) -> None:
    target = site_dir / runtime.site_path()
    engine = json.loads((target / "engine.json").read_text("utf-8"))
    download = engine["download"]
    snapshot = [name for name, _, _ in download["snapshot"]]
    assert engine["snapshot"] in snapshot and engine["files"]["bundle"] in snapshot
    # the stdlib and the shipped modules only if an import needs them (engine_snapshot.py): not counted
    assert engine["stdlibStandIn"] in snapshot
    assert engine["stdlib"] not in snapshot and engine["lazyFiles"]["bundle"] not in snapshot
    # a first visit takes the zstd copies of the wasm files; one with the offline copy the plain ones
    assert {lib["packed"] for lib in engine["libraries"]} <= set(snapshot)
    assert {"pyodide.mjs", "pyodide.asm.mjs", engine["runtimeWasm"]["packed"]} <= set(snapshot)
    with_copy = [name for name, _, _ in download["snapshotWithCopy"]]
    assert {lib["file"] for lib in engine["libraries"]} | {"pyodide.asm.wasm"} <= set(with_copy)
    assert not [name for name in with_copy if name.endswith(".wasm.zst")]
    wheels = {path.name for path in target.glob("*.whl") if not runtime.batch_only(path.name)}
    assert wheels and wheels <= {name for name, _, _ in download["fallback"]}
    # the Excel wheels only the batch page installs, on top of either start
    batch = {path.name for path in target.glob("*.whl") if runtime.batch_only(path.name)}
    assert len(batch) == len(runtime.BATCH_PACKAGES) and batch == {name for name, _, _ in download["batch"]}
    assert not batch & {name for name, _, _ in download["fallback"]}
    # nor does the snapshot hold them (its site-packages bundles: modules and dist-info folders)
    bundled = [path for path, _ in engine["files"]["manifest"] + engine["lazyFiles"]["manifest"]]
    top = {path.split("/site-packages/")[1].split("/")[0].split("-")[0].lower() for path in bundled}
    assert "pydantic" in top and not top & {name.replace("-", "_") for name in runtime.BATCH_PACKAGES}
    everything = download["snapshot"] + download["snapshotWithCopy"] + download["fallback"] + download["batch"]
    for name, size, sent_bytes in everything:
        path = target / name.split("?")[0]
        assert (size, sent_bytes) == (path.stat().st_size, sent(path)), name
    # what a gzip_static server sends for the snapshot start: less than the files themselves
    assert sum(s for _, _, s in download["snapshot"]) < sum(s for _, s, _ in download["snapshot"])


def test_offline_size_is_the_service_workers_files(site_dir: Path) -> None:
    files, sizes = sw_list(site_dir, "FILES"), sw_list(site_dir, "SIZES")
    assert len(files) == len(sizes)
    assert not [f for f in files if f.endswith(".gz") and "/engine/" not in f]  # no precompressed copy kept
    offline = json.loads((site_dir / runtime.site_path() / "engine.json").read_text("utf-8"))["download"]["offline"]
    total = sum(s for _, s in sizes)
    assert abs(total - offline) < 10_000  # engine.json grows by its own figures after they are summed
