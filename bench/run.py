"""Speed of the commands a candidate waits for, as ratios against this machine's floors.

The floors and targets are in docs/architecture.md, "Speed".

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
SOLUTIONS = ROOT / "solutions"


def _run(cmd: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.decode()[-500:]}")
    return elapsed


def paired(cmd: list[str], floor: list[str], runs: int, env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Median times of ``cmd`` and of its floor, run alternately so a busy moment weighs on both."""
    mine, base = [], []
    for _ in range(runs):
        base.append(_run(floor, env, cwd))
        mine.append(_run(cmd, env, cwd))
    return statistics.median(mine), statistics.median(base)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--only", nargs="*", help="problem ids to time (default: all)")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="mlprep-bench-")
    env = dict(os.environ, MLPREP_HOME=os.path.join(scratch, "home"), NO_COLOR="1", COLUMNS="120")
    env.pop("MLPREP_PROBLEMS", None)
    # Byte-compiled, as pip leaves a regular install: an editable install under PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module on every run, which no user pays twice.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "mlprep")], check=True)
    problems = sorted(p.stem for p in (ROOT / "problems").glob("*.yaml") if not args.only or p.stem in args.only)
    for pid in problems:
        shutil.copy(SOLUTIONS / f"{pid}.py", os.path.join(scratch, f"{pid}.py"))
    subprocess.run(MLPREP + ["list"], env=env, cwd=scratch, stdout=subprocess.DEVNULL, check=True)  # warm caches
    for pid in problems:  # the first check of a problem writes its cache of expected values
        subprocess.run(MLPREP + ["check", f"{pid}.py", "--no-efficiency"], env=env, cwd=scratch,
                       stdout=subprocess.DEVNULL, check=True)

    floors = {
        "import typer, rich": [sys.executable, "-c", "import typer, rich"],
        "import numpy, typer": [sys.executable, "-c", "import numpy, typer"],
        "import pandas, typer": [sys.executable, "-c", "import pandas, typer"],
    }
    pandas_problems = {"pit_features", "target_encoding"}
    plan: list[tuple[str, list[str], str, float | None]] = []
    if not args.only:
        plan += [("mlprep --help", MLPREP + ["--help"], "import typer, rich", 1.5),
                 ("mlprep list", MLPREP + ["list"], "import typer, rich", 1.5)]
    for pid in problems:
        floor, limit = ("import pandas, typer", 2.0) if pid in pandas_problems else ("import numpy, typer", 3.0)
        has_efficiency = "category: efficiency" in (ROOT / "problems" / f"{pid}.yaml").read_text()
        plan.append((f"mlprep check {pid}.py", MLPREP + ["check", f"{pid}.py", "--no-efficiency"], floor, limit))
        if has_efficiency:
            plan.append(("  (with its efficiency test)", MLPREP + ["check", f"{pid}.py"], floor, None))
    print(f"medians of {args.runs} runs, each run beside one of its floor")
    worst = 0.0
    for name, cmd, floor, limit in plan:
        secs, base = paired(cmd, floors[floor], args.runs, env, scratch)
        ratio = secs / base
        verdict = "" if limit is None else ("ok" if ratio <= limit else "OVER")
        target = f"(target <= {limit:g}x)" if limit else "(beside: timing runs)"
        print(f"  {name:38s} {secs * 1000:6.0f} ms {ratio:5.2f}x {floor:20s} {base * 1000:4.0f} ms {target} {verdict}",
              flush=True)
        if limit:
            worst = max(worst, ratio / limit)
    shutil.rmtree(scratch, ignore_errors=True)
    print("all within target" if worst <= 1 else "SOME FIGURES ARE OVER TARGET")


if __name__ == "__main__":
    main()
