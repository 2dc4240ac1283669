"""The bench runs on the repository as it is (its paths follow the layout); its figures are for people."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_bench_times_a_problem_beside_its_floor():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--runs", "1", "--only", "softmax"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    line = next(ln for ln in done.stdout.splitlines() if "mlprep check softmax.py" in ln)
    assert "import numpy, typer" in line and "x " in line
