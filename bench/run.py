"""Speed of the commands a candidate waits for, as ratios against this machine's floors (DESIGN.md).

Each figure is the median wall time of several runs of a fresh process. Ratios, not seconds, are the
point: the floors are measured in the same run, so a slower or busier machine moves both.

    python bench/run.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MLPREP = [sys.executable, "-m", "mlprep"]
SOLUTIONS = ROOT / "mlprep" / "pack" / "solutions"


def median_time(cmd: list[str], runs: int, env: dict[str, str], cwd: str, ok: tuple[int, ...] = (0,)) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        times.append(time.perf_counter() - start)
        if proc.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="mlprep-bench-")
    env = dict(os.environ, MLPREP_HOME=os.path.join(scratch, "home"), NO_COLOR="1", COLUMNS="120")
    env.pop("MLPREP_PROBLEMS", None)
    problems = sorted(p.stem for p in SOLUTIONS.glob("*.py"))
    for pid in problems:
        shutil.copy(SOLUTIONS / f"{pid}.py", os.path.join(scratch, f"{pid}.py"))
    subprocess.run(MLPREP + ["list"], env=env, cwd=scratch, stdout=subprocess.DEVNULL, check=True)  # warm caches

    def t(cmd: list[str], ok: tuple[int, ...] = (0,)) -> float:
        return median_time(cmd, args.runs, env, scratch, ok)

    floors = {
        "python -c pass": t([sys.executable, "-c", "pass"]),
        "import typer, rich": t([sys.executable, "-c", "import typer, rich"]),
        "import numpy, typer": t([sys.executable, "-c", "import numpy, typer"]),
        "import pandas, typer": t([sys.executable, "-c", "import pandas, typer"]),
    }
    pandas_problems = {"pit_features", "target_encoding"}
    rows = [
        ("mlprep --help", t(MLPREP + ["--help"]), "import typer, rich", 1.5),
        ("mlprep list", t(MLPREP + ["list"]), "import typer, rich", 1.5),
    ]
    for pid in problems:
        floor, limit = ("import pandas, typer", 2.0) if pid in pandas_problems else ("import numpy, typer", 3.0)
        has_efficiency = "category: efficiency" in (ROOT / "mlprep" / "pack" / "problems" / f"{pid}.yaml").read_text()
        rows.append((f"mlprep check {pid}.py", t(MLPREP + ["check", f"{pid}.py", "--no-efficiency"]), floor, limit))
        if has_efficiency:
            rows.append((f"  (with its efficiency test)", t(MLPREP + ["check", f"{pid}.py"]), floor, None))
    print(f"medians of {args.runs} runs; floors measured now")
    for name, secs in floors.items():
        print(f"  floor  {name:42s} {secs * 1000:7.0f} ms")
    worst = 0.0
    for name, secs, floor, limit in rows:
        ratio = secs / floors[floor]
        verdict = "" if limit is None else ("ok" if ratio <= limit else "OVER")
        target = f"(target <= {limit:g}x)" if limit else "(beside: timing runs)"
        print(f"  {name:38s} {secs * 1000:6.0f} ms {ratio:5.2f}x {floor:20s} {target} {verdict}")
        if limit:
            worst = max(worst, ratio / limit)
    shutil.rmtree(scratch, ignore_errors=True)
    print("all within target" if worst <= 1 else "SOME FIGURES ARE OVER TARGET")


if __name__ == "__main__":
    main()
