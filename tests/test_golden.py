"""Machine-readable output pinned by golden files: `check --json`, `stats --json`, the mock scorecard.

Only what must vary is normalised (seconds, ratios, times, absolute paths). After an intended change,
``MLPREP_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` rewrites the files; review the diff.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import TESTS, reference

from mlprep import catalog, mock
from mlprep.engine.report import Report
from mlprep.engine.report import TestResult as Result
from mlprep.store import Session

GOLDEN = TESTS / "golden"


def matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MLPREP_UPDATE_GOLDEN") == "1":
        path.write_text(text)
    assert text == path.read_text(), f"{name} changed; if intended: MLPREP_UPDATE_GOLDEN=1 pytest {__file__}"


def mlprep(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mlprep", *args], capture_output=True, text=True, timeout=120)


def test_check_json_of_a_classic_mistake(isolated: Path):
    """docs/json.md's example: the real process, a file with the 1/sqrt(d_k) scaling missing."""
    shutil.copy(TESTS / "solutions" / "attention" / "buggy_no_sqrt_scaling.py", isolated / "attention.py")
    proc = mlprep("check", "attention.py", "--json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)  # stdout is one JSON object and nothing else
    for test in data["tests"]:
        test["seconds"] = 0.0
    for found in data["efficiency"]:
        found["ratio"] = None if found["ratio"] is None else 1.0
    text = json.dumps(data, indent=2).replace(str(isolated), "<work>") + "\n"
    matches_golden("check_attention_buggy.json", text)


def test_check_json_of_failing_examples_with_printed_output(run, write):
    """Failing visible examples carry inputs, expected and actual; each test what it printed, cut at 500."""
    from test_seeing import SOFTMAX

    write("mine.py", SOFTMAX)
    result = run("check", "mine.py", "--examples", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    for test in data["tests"]:
        test["seconds"] = 0.0
    matches_golden("check_examples.json", json.dumps(data, indent=2) + "\n")


def _times_normalised(data: Any, key: str = "") -> Any:
    """Every time of day and every duration replaced by a marker (they differ on every run)."""
    if isinstance(data, dict):
        return {k: _times_normalised(v, k) for k, v in data.items()}
    if isinstance(data, list):
        if key == "recent_passes":
            return [[problem, "<seconds>"] for problem, _ in data]
        return [_times_normalised(v, key) for v in data]
    if data is not None and (key.endswith("_s") or key.endswith("_at")):
        return "<time>"
    return data


def test_stats_json(run, isolated: Path):
    run("start", "softmax", "--minutes", "30")
    (isolated / "softmax.py").write_text(reference("softmax").replace("return grad / n", "return grad"))
    run("check")
    (isolated / "softmax.py").write_text(reference("softmax"))
    run("check")
    run("start", "top_k", "--minutes", "30")
    run("hint")
    (isolated / "scratch.py").write_text("# mlprep: attention\n" + reference("attention").replace("np.sqrt(d_k)", "d_k"))
    run("check", "scratch.py")  # outside any attempt: not one of your mistakes
    result = run("stats", "--json")
    assert result.exit_code == 0
    data = _times_normalised(json.loads(result.stdout))
    matches_golden("stats.json", json.dumps(data, indent=2) + "\n")


def test_mock_scorecard_markdown():
    problem = catalog.load(catalog.resolve("softmax", catalog.index(catalog.pack_dirs())))
    session = Session(1, "softmax", "/x/softmax.py", 0.0, 30, "h", first_pass_s=600.0, ended_at=1500.0,
                      end_reason="mock_end", result="passed")
    tests = [Result(f"p1 t{i}", 1, "hidden", "pass") for i in range(4)]
    tests += [Result("p2 t1", 2, "hidden", "pass"), Result("p2 t2", 2, "hidden", "fail", "wrong value at [0]")]
    report = Report("softmax", "softmax.py", tests)
    plan = "Subtract the row max with keepdims before exp; log-sum-exp for log_softmax.\nGradient (p - onehot) / N."
    card = mock.score(problem, report, session, hints=1, plan=plan,
                      rubric_answers=[True, False] + [None] * (len(problem.rubric) - 2),
                      mistakes_seen=["grad_not_divided_by_n"],
                      followup_answers=["Use float64 for the sums."] + [""] * (len(problem.followups) - 1),
                      now=1500.0)
    matches_golden("scorecard_softmax.md", mock.markdown(card))
