"""Files that fight the checker: every one gets a verdict a candidate understands, and nothing hangs."""

from __future__ import annotations

import json
import time

import pytest
from conftest import gone

HEADER = "# mlprep: double\nimport numpy as np\n\n"
HALVE = "\n\ndef halve(x):\n    return np.asarray(x) / 2.0\n"


def check(run, text: str, write) -> dict:
    write("sol.py", HEADER + text)
    result = run("check", "sol.py", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == (0 if data["passed"] else 1)
    return data


def statuses(data: dict) -> list[str]:
    return [t["status"] for t in data["tests"]]


def test_correct_solution_passes(run, write, tiny):
    data = check(run, "def double(x):\n    return 2 * np.asarray(x)\n" + HALVE, write)
    assert data["passed"] and set(statuses(data)) == {"pass"}


def test_syntax_error_names_the_line(run, write, tiny):
    data = check(run, "def double(x):\n    return 2 *\n", write)
    assert set(statuses(data)) == {"error"}
    assert data["tests"][0]["message"].startswith("sol.py:5: ")
    assert "syntax" in data["tests"][0]["message"].lower()


def test_missing_name_is_reported_per_part(run, write, tiny):
    data = check(run, "def double(x):\n    return 2 * np.asarray(x)\n", write)
    by_name = {t["name"]: t for t in data["tests"]}
    assert by_name["vector"]["status"] == "pass"
    assert by_name["halve"]["message"] == "sol.py does not define halve"


def test_exception_points_at_the_users_line(run, write, tiny):
    data = check(run, "def double(x):\n    y = 1 / 0\n    return y\n" + HALVE, write)
    assert data["tests"][0]["message"] == "sol.py:5: ZeroDivisionError: division by zero"


def test_infinite_loop_costs_one_test_per_function_and_the_rest_still_run(run, write, tiny):
    data = check(run, "def double(x):\n    while True:\n        pass\n" + HALVE, write)
    by_name = {t["name"]: t for t in data["tests"]}
    assert by_name["example"]["status"] == "timeout"
    assert "timed out after 1.5 s (the test's limit)" in by_name["example"]["message"]
    for name in ("vector", "matrix"):  # the same function: not run, and the reason said
        assert by_name[name]["status"] == "skipped"
        assert by_name[name]["message"] == (
            "skipped: double timed out on test 'example', so it would time out here too"
        )
    assert by_name["halve"]["status"] == "pass"  # a fresh worker ran the other function's test
    assert not data["passed"]


def test_loop_at_import_is_reported_once(run, write, tiny, monkeypatch):
    monkeypatch.setattr("mlprep.engine.process.IMPORT_SECONDS", 1.0)
    monkeypatch.setattr("mlprep.engine.runner.IMPORT_SECONDS", 1.0)
    start = time.monotonic()
    data = check(run, "while True:\n    pass\n", write)
    assert time.monotonic() - start < 20
    assert set(statuses(data)) == {"error"}
    assert "did not finish within 1 s" in data["tests"][0]["message"]


def test_memory_bomb_is_reported_as_memory(run, write, tiny, monkeypatch):
    monkeypatch.setenv("MLPREP_MEMORY_MB", "512")
    data = check(run, "def double(x):\n    big = np.ones((1 << 31,))\n    return big\n" + HALVE, write)
    assert data["tests"][1]["status"] == "memory"
    assert "ran out of memory (the limit is 512 MiB)" in data["tests"][1]["message"]
    assert data["tests"][-1]["status"] == "pass"


@pytest.mark.parametrize(
    "body, words",
    [
        ("import sys\n    sys.exit(0)", "called sys.exit(0)"),
        ("raise SystemExit(3)", "called sys.exit(3)"),
        ("raise KeyboardInterrupt", "raised KeyboardInterrupt"),
    ],
)
def test_exiting_is_an_error_not_a_pass(run, write, tiny, body, words):
    data = check(run, f"def double(x):\n    {body}\n" + HALVE, write)
    assert not data["passed"]
    assert words in data["tests"][0]["message"]


def test_os_exit_zero_is_a_crash_not_a_pass(run, write, tiny):
    data = check(run, "import os\ndef double(x):\n    os._exit(0)\n" + HALVE, write)
    assert data["tests"][0]["status"] == "crashed"
    assert "exited (code 0)" in data["tests"][0]["message"]
    assert data["tests"][-1]["status"] == "pass"


def test_segfault_is_a_crash_with_the_line(run, write, tiny):
    data = check(run, "import ctypes\ndef double(x):\n    return ctypes.string_at(0)\n" + HALVE, write)
    assert data["tests"][0]["status"] == "crashed"
    assert "segmentation fault at sol.py:6" in data["tests"][0]["message"]
    assert data["tests"][-1]["status"] == "pass"


def test_huge_output_is_cut_and_the_check_survives(run, write, tiny):
    data = check(run, "def double(x):\n    print('x' * 50_000_000)\n    return 2 * np.asarray(x)\n" + HALVE, write)
    assert data["passed"]


def test_leftover_grandchild_is_killed(run, write, tiny, marker):
    text = (
        "import subprocess, sys\n"
        "def double(x):\n"
        f"    subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)', {marker!r}])\n"
        "    return 2 * np.asarray(x)\n" + HALVE
    )
    data = check(run, text, write)
    assert data["passed"]
    assert gone(marker)


def test_monkeypatching_numpy_changes_nothing(run, write, tiny):
    text = "np.allclose = lambda *a, **k: True\nnp.isclose = lambda a, b, **k: np.ones(np.shape(a), bool)\n"
    data = check(run, text + "def double(x):\n    return 3 * np.asarray(x)\n" + HALVE, write)
    assert not data["passed"]
    assert data["tests"][1]["message"].startswith("wrong value at [")


def test_mutating_the_input_is_reported(run, write, tiny):
    data = check(run, "def double(x):\n    x *= 2\n    return x\n" + HALVE, write)
    assert data["passed"]
    assert "modified its input x in place" in data["tests"][1]["message"]


def test_wrong_shape_is_not_broadcast(run, write, tiny):
    data = check(run, "def double(x):\n    return (2 * np.asarray(x))[..., None]\n" + HALVE, write)
    assert data["tests"][1]["message"] == "expected shape (5,), got (5, 1)"


def test_returning_a_custom_object_is_described(run, write, tiny):
    data = check(run, "class Box:\n    pass\ndef double(x):\n    return Box()\n" + HALVE, write)
    assert "got a Box" in data["tests"][1]["message"]


def test_the_users_file_is_untouched(run, write, tiny, isolated):
    text = HEADER + "def double(x):\n    return 1 / 0\n"
    path = write("sol.py", text)
    run("check", "sol.py")
    assert path.read_text() == text
    assert sorted(p.name for p in isolated.iterdir()) == ["sol.py"]  # no __pycache__ left behind


def test_a_real_subprocess_check(tiny, isolated):
    import subprocess
    import sys

    (isolated / "sol.py").write_text(HEADER + "def double(x):\n    return 2 * np.asarray(x)\n")
    proc = subprocess.run(
        [sys.executable, "-m", "mlprep", "check", "sol.py", "--json"], capture_output=True, text=True, timeout=120
    )
    data = json.loads(proc.stdout)
    assert proc.returncode == 1 and not data["passed"]
    assert [t["status"] for t in data["tests"]] == ["pass", "pass", "pass", "error"]


@pytest.mark.parametrize("name", ["numpy.py", "json.py", "random.py"])
def test_a_file_named_like_a_module_shadows_nothing(run, write, name):
    from conftest import reference

    write(name, reference("top_k"))
    result = run("check", name, "--json")
    assert result.exit_code == 0, result.stdout
