#!/usr/bin/env python3
"""Set-up and everyday tasks, needing nothing but Python 3.10+ and pip.

    python3 tasks.py run      # set up, then extract the records of corpus/ into out/
    python3 tasks.py test     # set up, then run the test suite
    python3 tasks.py docs     # set up, then build the documentation site (warnings are errors)
    python3 tasks.py bench    # set up, then run the benchmarks in benchmarks/

Every task is idempotent: it creates the virtual environment `.venv/` if missing, installs
zhpoverty into it (again only when pyproject.toml changed), fetches the segmentation model with
`zhpoverty download` (a no-op once done), then does its job.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / ("python.exe" if os.name == "nt" else "python")
EXTRAS = "test,docs"


def sh(*args: str | Path) -> None:
    """Run a command, echoing it; stop with its exit status if it fails."""
    print("+", " ".join(str(a) for a in args), flush=True)
    result = subprocess.run([str(a) for a in args], cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.returncode)


def setup() -> None:
    """The virtual environment with zhpoverty installed, and the segmentation model."""
    if not PY.exists():
        print(f"creating {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + EXTRAS.encode()).hexdigest()
    stamp = VENV / ".zhpoverty-installed"
    if not stamp.exists() or stamp.read_text() != digest:
        sh(PY, "-m", "pip", "install", "--upgrade", "pip")
        sh(PY, "-m", "pip", "install", "-e", f".[{EXTRAS}]")
        stamp.write_text(digest)
    sh(PY, "-m", "zhpoverty", "download")


def run() -> None:
    """The main job: records of every article in corpus/ as CSV (table) and JSONL (full)."""
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    sh(PY, "-m", "zhpoverty", "extract", "corpus/", "-o", out / "records.csv", "--force")
    sh(PY, "-m", "zhpoverty", "extract", "corpus/", "-o", out / "articles.jsonl", "--force")
    sh(PY, "-m", "zhpoverty", "evaluate", "corpus/")


def test() -> None:
    """Lint, then the whole test suite (model, corpus scores, CLI, Dask included)."""
    sh(PY, "-m", "ruff", "check", "zhpoverty", "tests", "benchmarks", "docs", "tasks.py")
    sh(PY, "-m", "pytest")


def docs() -> None:
    """Build the documentation site into site/ (warnings are errors)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # mkdocs-material's banner, not a warning
    sh(PY, "-m", "mkdocs", "build", "--strict")


def bench() -> None:
    """Speed and memory benchmarks, printed as ratios to baselines measured in the same run."""
    for script in sorted((ROOT / "benchmarks").glob("*.py")):
        sh(PY, script)


TASKS = {"run": run, "test": test, "docs": docs, "bench": bench, "setup": lambda: None}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in TASKS:
        sys.exit(__doc__)
    setup()
    TASKS[sys.argv[1]]()
