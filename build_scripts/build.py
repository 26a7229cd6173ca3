"""Build the site into ``site/``: browser wheels, the ``calc`` wheel, MkDocs, the runtime.

Run with the project's environment: ``.venv/bin/python -m build_scripts.build``. Each step is
skipped when its output is already current, so a second run is quick.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pyodide_lock import PyodideLockSpec
from pyodide_lock.utils import add_wheels_to_spec, parse_top_level_import_name

from . import downloads, engine_snapshot, precompress, runtime, service_worker

ROOT = runtime.ROOT
SITE = ROOT / "site"
CALC_WHEEL_DIR = ROOT / "build" / "calc-wheel"
PRECOMPILED_DIR = ROOT / "build" / "precompiled"
PRECOMPILE = ["node", str(ROOT / "build_scripts" / "precompile.mjs")]
# pydantic-core's Emscripten wheel uses the PEP 783 platform tag; the runtime only checks
# abi_version, but pyodide-lock accepts such wheels only for this lock platform.
LOCK_PLATFORM = "pyemscripten_2026_0"
WHEEL_PLATFORM = "pyemscripten_2026_0_wasm32"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_wheels(listing: Path) -> list[tuple[str, str]]:
    """(requirement, sha256) pairs of a ``name==version --hash=sha256:…`` list."""
    pins = []
    for line in listing.read_text("utf-8").splitlines():
        match = re.match(r"^([\w.-]+==[\w.]+)\s+--hash=sha256:([0-9a-f]{64})", line.strip())
        if match:
            pins.append((match.group(1), match.group(2)))
    return pins


def download_wheels(listing: Path = runtime.WHEEL_LIST, target: Path = runtime.WHEELS_DIR) -> list[Path]:
    """The pinned Pyodide wheels of ``listing``, downloaded once from PyPI and checked by hash."""
    target.mkdir(parents=True, exist_ok=True)
    pins = pinned_wheels(listing)
    have = {_sha256(p): p for p in target.glob("*.whl")}
    if not all(digest in have for _, digest in pins):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
                "--require-hashes",
                "--platform",
                WHEEL_PLATFORM,
                "--python-version",
                "3.14",
                "--implementation",
                "cp",
                "-r",
                str(listing),
                "-d",
                str(target),
            ],
            check=True,
        )
        have = {_sha256(p): p for p in target.glob("*.whl")}
    return [have[digest] for _, digest in pins]


def build_calc_wheel() -> Path:
    """The ``calc`` wheel, built from this repository (pure Python: loads in Pyodide as is)."""
    shutil.rmtree(CALC_WHEEL_DIR, ignore_errors=True)
    # A fixed timestamp makes the wheel reproducible, so an unchanged package is not precompiled again.
    env = {**os.environ, "SOURCE_DATE_EPOCH": "315532800"}
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(CALC_WHEEL_DIR), str(ROOT)],
        check=True,
        stdout=subprocess.DEVNULL,
        env=env,
    )
    return next(CALC_WHEEL_DIR.glob("calc-*.whl"))


def precompile(wheels: list[Path]) -> dict[Path, Path]:
    """The wheels with bytecode instead of sources (see ``precompile.py``), cached by input hash."""
    outputs = {w: PRECOMPILED_DIR / _sha256(w)[:16] / w.name for w in wheels}
    missing = [w for w, out in outputs.items() if not out.exists()]
    if missing:
        staging = PRECOMPILED_DIR / "staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        subprocess.run([*PRECOMPILE, "wheels", str(runtime.NPM_DIR), str(staging), *map(str, missing)], check=True)
        for wheel in missing:
            outputs[wheel].parent.mkdir(parents=True, exist_ok=True)
            (staging / wheel.name).replace(outputs[wheel])
    return outputs


def precompile_stdlib(target: Path) -> None:
    """Replace the runtime's stdlib zip by one where the modules ``calc`` needs are bytecode.

    Only modules the bare runtime does not already import are compiled, so the zip grows by
    little; cached by the hash of everything that decides the result.
    """
    tools = [ROOT / "build_scripts" / "precompile.py", ROOT / "build_scripts" / "precompile.mjs"]
    inputs = [*sorted(target.glob("*.whl")), runtime.NPM_DIR / "python_stdlib.zip", *tools]
    key = hashlib.sha256("".join(_sha256(p) for p in inputs).encode()).hexdigest()[:16]
    cached = PRECOMPILED_DIR / f"python_stdlib-{key}.zip"
    if not cached.exists():
        PRECOMPILED_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run([*PRECOMPILE, "stdlib", str(target), str(cached), *runtime.PACKAGES], check=True)
    shutil.copy2(cached, target / "python_stdlib.zip")


def build_pages() -> None:
    """MkDocs builds the pages (and the generated calculator pages) into ``site/``."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet"], cwd=ROOT, check=True)


def assemble_runtime(wheels: dict[Path, Path]) -> Path:
    """Copy the runtime and the wheels into ``site/pyodide/<version>/`` and write its lock.

    ``wheels`` maps each source wheel to the wheel shipped (precompiled). The lock lists exactly
    the wheels shipped, so ``loadPackage`` resolves everything from the site's own folder and
    never reaches for a CDN.
    """
    target = SITE / runtime.site_path()
    target.mkdir(parents=True, exist_ok=True)
    for name in runtime.RUNTIME_FILES:
        shutil.copy2(runtime.NPM_DIR / name, target / name)
    decoder = SITE / runtime.DECODER_SITE_PATH
    decoder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(runtime.DECODER, decoder)
    shipped = [Path(shutil.copy2(w, target / w.name)) for w in wheels.values()]
    upstream = PyodideLockSpec.from_json(runtime.NPM_DIR / "pyodide-lock.json")
    empty = PyodideLockSpec(info=upstream.info, packages={})
    empty.info.platform = LOCK_PLATFORM
    logging.getLogger("pyodide_lock").setLevel(logging.ERROR)  # it looks for .py files to name imports
    lock = add_wheels_to_spec(empty, shipped, base_path=target)
    # Import names are read from the sources: the shipped wheels hold only bytecode.
    imports = {w.name: parse_top_level_import_name(w) or [] for w in wheels}
    for package in lock.packages.values():
        package.imports = imports[package.file_name]
    lock.to_json(target / "pyodide-lock.json", indent=1)
    return target


def main() -> None:
    """All steps, in order."""
    wheels = download_wheels()
    calc_wheel = build_calc_wheel()
    build_pages()
    target = assemble_runtime(precompile([*wheels, calc_wheel]))
    precompile_stdlib(target)
    engine = engine_snapshot.build(target)
    packed, saved = precompress.precompress(SITE)
    # The sizes are those of the files and their .gz copies: known only now. engine.json is
    # counted in the offline copy before they are added to it (a few hundred bytes less).
    offline = service_worker.offline_bytes(SITE, str(engine["stdlib"]))
    download = downloads.write(target, engine, offline)
    precompress.compress(target / "engine.json")
    kept = service_worker.write(SITE, str(engine["stdlib"]))
    precompress.compress(SITE / "sw.js")
    originals = [p for p in target.rglob("*") if p.is_file() and not p.with_suffix("").is_file()]  # not .gz copies
    size = sum(p.stat().st_size for p in originals)
    print(
        f"site/ built; runtime {runtime.version()} with {len(wheels) + 1} wheels, {size / 1e6:.1f} MB; "
        f"service worker keeps {kept} files ({offline / 1e6:.1f} MB sent); {packed} .gz copies save "
        f"{saved / 1e6:.1f} MB; the engine's download: {downloads.total(download['snapshot']) / 1e6:.1f} MB "
        f"from the snapshot, {downloads.total(download['fallback']) / 1e6:.1f} MB without"
    )


if __name__ == "__main__":
    main()
