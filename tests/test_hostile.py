"""Files that fight the checker: every one gets a verdict a candidate understands, and nothing hangs."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import gone, marked

from mlprep.engine.sandbox import landlock_abi

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


# Hostile files of tests/hostile/: each names the class of attack it stands for. ------------------

HOSTILE = Path(__file__).resolve().parent / "hostile"


def hostile(name: str, write, **replace: str) -> Path:
    """Copy a hostile file into the working folder under ``sol.py``, its placeholders filled in."""
    text = (HOSTILE / name).read_text()
    for key, value in replace.items():
        text = text.replace(key, value)
    return write("sol.py", text)


def check_file(run) -> tuple[int, dict]:
    result = run("check", "sol.py", "--json")
    return result.exit_code, json.loads(result.stdout)


def by_name(data: dict) -> dict[str, dict]:
    return {t["name"]: t for t in data["tests"]}


def test_an_exception_whose_str_fails_is_still_described(run, write, tiny):
    hostile("str_raises.py", write)
    code, data = check_file(run)
    assert code == 1
    first = data["tests"][0]
    assert first["status"] == "error"
    assert first["message"] == "sol.py:15: ShapeError: (the ShapeError's message could not be shown: its __str__ failed)"
    assert by_name(data)["halve"]["status"] == "pass"


def test_sys_exit_with_a_failing_repr_is_still_described(run, write, tiny):
    hostile("exit_bad_repr.py", write)
    code, data = check_file(run)
    assert code == 1
    assert "called sys.exit(a Code whose repr failed)" in data["tests"][0]["message"]
    assert by_name(data)["halve"]["status"] == "pass"


@pytest.mark.parametrize("name, said", [
    ("garbage_frames.py", "the file interfered with the checker (it sent "),
    ("forged_reply.py", "the file interfered with the checker (it sent a reply to a request that was not made)"),
])
def test_frames_the_file_writes_are_its_own_error_never_a_verdict(run, write, tiny, name, said):
    hostile(name, write)
    code, data = check_file(run)
    assert code == 1
    tests = by_name(data)
    for test in ("example", "vector", "matrix"):  # each in a fresh worker, each the file's own error
        assert tests[test]["status"] == "error" and tests[test]["message"].startswith(said), tests[test]
    assert tests["halve"]["status"] == "pass"  # and no other test is judged by a forged frame


def test_replacing_json_struct_and_os_write_at_import_changes_nothing(run, write, tiny):
    hostile("patches_json.py", write)
    code, data = check_file(run)
    assert code == 0 and set(statuses(data)) == {"pass"}


def test_a_fork_that_returns_twice_never_doubles_a_reply(run, write, tiny):
    hostile("forks.py", write)  # the forked copies return wrong values; only the worker's count
    code, data = check_file(run)
    assert code == 0 and statuses(data) == ["pass"] * 4


def test_a_detached_double_forked_process_does_not_outlive_the_check(run, write, tiny, marker):
    hostile("detaches.py", write, MARKER=marker)
    code, _ = check_file(run)
    assert code == 0
    assert gone(marker)


def test_temporary_files_stay_in_the_scratch_folder_and_go_with_it(run, write, tiny, marker, tmp_path, monkeypatch):
    import tempfile

    system_tmp = tmp_path / "tmp"
    system_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))  # where this process puts scratch folders
    hostile("temp_files.py", write, MARKER=marker)
    code, _ = check_file(run)
    assert code == 0
    assert list(system_tmp.iterdir()) == []  # 3,000 temp files and the scratch folder: all gone


def test_a_slow_del_is_blamed_on_the_test_that_made_it(run, write, tiny):
    hostile("slow_del.py", write)
    _, data = check_file(run)
    tests = by_name(data)
    assert tests["example"]["status"] == "timeout"  # the garbage was made (and collected) here
    assert tests["halve"]["status"] == "pass"  # not here


def test_the_whole_check_has_a_budget(run, write, tiny, monkeypatch):
    monkeypatch.setattr("mlprep.engine.runner.CHECK_SECONDS", 1.0)
    spin = "\n    while True:\n        pass\n"
    write("sol.py", HEADER + "def double(x):" + spin + "\ndef halve(x):" + spin)
    code, data = check_file(run)
    assert code == 1
    tests = by_name(data)
    assert tests["example"]["status"] == "timeout"
    assert tests["example"]["message"] == "timed out after 1 s (the check's time budget of 1 s ran out)"
    assert tests["halve"] == {**tests["halve"], "status": "skipped",
                              "message": "not run: the check's time budget (1 s) ran out"}


def test_the_budget_is_stated_in_help(run):
    from mlprep.engine.runner import CHECK_SECONDS

    assert f"A check stops after {CHECK_SECONDS:g} s in all" in " ".join(run("check", "--help").output.split())


def test_an_invalid_memory_limit_is_one_line(run, write, tiny, monkeypatch):
    monkeypatch.setenv("MLPREP_MEMORY_MB", "lots")
    write("sol.py", HEADER + "def double(x):\n    return 2 * x\n")
    result = run("check", "sol.py")
    assert result.exit_code == 2
    assert result.output.strip() == "error: MLPREP_MEMORY_MB must be a whole number of MiB (it is 'lots')"


def test_the_worker_sees_no_state_path(run, write, tiny):
    write("sol.py", HEADER + "import os\nSEEN = sorted(k for k in os.environ if k.startswith('MLPREP'))\n"
          "def double(x):\n    assert not SEEN, SEEN\n    return 2 * np.asarray(x)\n" + HALVE)
    code, data = check_file(run)
    assert code == 0, data["tests"][0]["message"]


# The CLI killed, stopped or signalled: real processes. ---------------------------------------------

def cli(args: list[str], tmp: Path, **kw) -> subprocess.Popen:
    """``mlprep ARGS`` as a real process, its scratch folders under ``tmp``."""
    env = dict(os.environ, TMPDIR=str(tmp))
    return subprocess.Popen([sys.executable, "-m", "mlprep", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kw)


def wait_for(predicate, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Path:
    """A private temporary folder for this test's checks, in process and in subprocesses alike."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signalled_check_leaves_nothing_running(write, tiny, marker, scratch, sig):
    hostile("hangs_with_child.py", write, MARKER=marker)
    proc = cli(["check", "sol.py"], scratch)
    wait_for(lambda: marked(marker))  # the file's child runs: the worker is in the test now
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert "Traceback" not in err
    assert gone(marker)
    assert list(scratch.iterdir()) == []


def test_a_killed_check_is_cleaned_up_by_the_next(run, write, tiny, marker, scratch):
    hostile("hangs_with_child.py", write, MARKER=marker)
    proc = cli(["check", "sol.py"], scratch)
    wait_for(lambda: marked(marker))
    proc.kill()
    proc.wait()
    # The worker dies with its parent (its parent-death signal)...
    wait_for(lambda: not [p for p in marked(marker) if "mlprep.engine.worker" in _cmdline(p)])
    assert len(list(scratch.iterdir())) == 1  # ...leaving its scratch folder and the file's child
    write("other.py", HEADER + "def double(x):\n    return 2 * np.asarray(x)\n" + HALVE)
    assert run("check", "other.py").exit_code == 0
    assert gone(marker)  # the next check ended them
    assert list(scratch.iterdir()) == []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.mark.skipif(landlock_abi() < 6, reason=f"Landlock ABI 6+ (signal scoping) is needed; this kernel has {landlock_abi()}")
@pytest.mark.parametrize("name", ["SIGKILL", "SIGSTOP", "SIGTERM"])
def test_the_file_cannot_signal_the_checker(write, tiny, scratch, name):
    hostile("signals_parent.py", write, SIGNAME=name)
    proc = cli(["check", "sol.py", "--json"], scratch)
    out, err = proc.communicate(timeout=60)
    data = json.loads(out)
    assert proc.returncode == 1
    assert data["tests"][0]["message"].startswith("sol.py:10: PermissionError")
    assert by_name(data)["halve"]["status"] == "pass"
    assert list(scratch.iterdir()) == []


@pytest.mark.skipif(landlock_abi() < 1, reason="Landlock is not available here: writes are not confined")
def test_the_file_cannot_change_caches_or_history(run, write, tiny, isolated):
    home = Path(os.environ["MLPREP_HOME"])
    write("good.py", HEADER + "def double(x):\n    return 2 * np.asarray(x)\n" + HALVE)
    assert run("check", "good.py").exit_code == 0  # every cache now exists
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file() and "cache" in p.parts}
    rows = sqlite3.connect(home / "mlprep.db").execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    hostile("writes_state.py", write, STATE=str(home))
    code, data = check_file(run)
    assert code == 1 and by_name(data)["vector"]["message"].startswith("wrong value")
    assert {p: p.read_bytes() for p in before} == before  # not one byte of a cache changed
    assert sqlite3.connect(home / "mlprep.db").execute("SELECT COUNT(*) FROM checks").fetchone()[0] == rows + 1
    assert run("check", "good.py").exit_code == 0  # and later verdicts stand


# Damaged caches: verified by digest and shape, rebuilt, never trusted, never a crash. ----------------

GOOD = HEADER + "def double(x):\n    return 2 * np.asarray(x)\n" + HALVE
WRONG = HEADER + "def double(x):\n    return 3 * np.asarray(x)\n" + HALVE


def _expected_cache_damages():
    import hashlib

    from mlprep.engine import wire

    def forged(raw: bytes) -> bytes:  # a "3x" expectation, digest left as it was
        data = wire.decode(raw[40:])
        for _inputs, outcome in data.values():
            outcome["observed"] = {k: 3 * v for k, v in outcome["observed"].items()}
        return raw[:32] + wire.encode(data)

    def sealed_but_malformed(raw: bytes) -> bytes:  # a whole file whose entries lack their fields
        body = wire.encode({"vector": ({"x": 1}, {"observed": {}})})
        return hashlib.sha256(body).digest() + body

    return {
        "flipped byte": lambda raw: raw[:60] + bytes([raw[60] ^ 0xFF]) + raw[61:],
        "truncated": lambda raw: raw[: len(raw) // 2],
        "forged values": forged,
        "sealed but malformed": sealed_but_malformed,
        "empty": lambda raw: b"",
    }


def cache_after_a_check(run, write, pattern: str) -> Path:
    """The one cache file matching ``pattern`` once good.py has passed (wrong.py is written beside it)."""
    write("good.py", GOOD)
    write("wrong.py", WRONG)
    assert run("check", "good.py").exit_code == 0
    (cache,) = (Path(os.environ["MLPREP_HOME"]) / "cache").glob(pattern)
    return cache


@pytest.mark.parametrize("damage", list(_expected_cache_damages()))
def test_a_damaged_expected_values_cache_is_rebuilt(run, write, tiny, damage):
    cache = cache_after_a_check(run, write, "expected/double-*.bin")
    whole = cache.read_bytes()
    cache.write_bytes(_expected_cache_damages()[damage](whole))
    assert run("check", "wrong.py").exit_code == 1
    assert run("check", "good.py").exit_code == 0
    assert cache.read_bytes() == whole  # rebuilt


def test_a_damaged_problem_cache_is_rebuilt(run, write, tiny):
    cache = cache_after_a_check(run, write, "problems/double-*.json")
    whole = cache.read_text()
    digest, body = whole.split("\n", 1)
    data = json.loads(body)
    data["tolerance"]["rtol"] = data["tolerance"]["atol"] = 1e9  # would let any answer pass
    cache.write_text(digest + "\n" + json.dumps(data))
    assert run("check", "wrong.py").exit_code == 1
    assert cache.read_text() == whole
    import hashlib

    malformed = json.dumps({"tests": 3})
    cache.write_text(hashlib.sha256(malformed.encode()).hexdigest() + "\n" + malformed)
    assert run("check", "wrong.py").exit_code == 1  # whole but not a problem: rebuilt, no KeyError
    assert cache.read_text() == whole


@pytest.mark.parametrize("text", ["", "not json", "0" * 64 + "\n{}", '{"version": 2}'])
def test_a_damaged_catalog_cache_is_rebuilt(run, write, tiny, text):
    home = Path(os.environ["MLPREP_HOME"])
    assert run("list").exit_code == 0
    cache = home / "cache" / "catalog.json"
    whole = cache.read_text()
    cache.write_text(text)
    result = run("list")
    assert result.exit_code == 0 and "double" in result.output
    assert cache.read_text() == whole


# Live progress: a slow file never looks like a hung tool. ------------------------------------------

def test_the_runner_reports_progress_test_by_test(write, tiny):
    from mlprep import catalog
    from mlprep.engine.runner import check as run_check

    path = write("sol.py", HEADER + "def double(x):\n    while True:\n        pass\n" + HALVE)
    entries = catalog.index(catalog.pack_dirs([str(tiny)]))
    heard: list[tuple[int, int, str | None]] = []
    run_check(catalog.load(catalog.resolve("double", entries)), path, progress=lambda *a: heard.append(a))
    assert heard == [
        (0, 4, "example"),  # running: the spinning test
        (3, 4, "halve"),  # it timed out, vector and matrix were skipped (double hangs)
        (4, 4, None),  # all done
    ]


def test_progress_is_drawn_live_on_a_terminal(monkeypatch):
    import io

    from rich.console import Console

    from mlprep import render

    out = io.StringIO()
    monkeypatch.setitem(render._consoles, True, Console(file=out, force_terminal=True, width=120))
    monkeypatch.setattr(render._Progress, "QUIET_SECONDS", 0.0)
    with render.progress("sol.py [kept]") as tell:
        assert tell is not None
        tell(3, 14, "vector [1]")
        line = tell.__rich__().plain
    assert line.startswith("checking sol.py [kept]: 3/14 tests · running vector [1] · ")
    assert line.endswith(" s")
    assert "3/14" in out.getvalue()


def test_no_progress_when_nobody_sees_it(run, write, tiny):
    from mlprep import render

    with render.progress("sol.py") as tell:  # the tests' stderr is no terminal
        assert tell is None
    with render.progress("sol.py", enabled=False) as tell:
        assert tell is None


def test_a_reference_that_fails_beside_the_file_is_the_files_doing(run, write):
    from conftest import reference

    # The file's own functions keep the real argpartition; the reference, timed beside it, gets None.
    text = reference("top_k").replace("np.argpartition(", "_argpartition(")
    text = text.replace("import numpy as np\n", "import numpy as np\n\n_argpartition = np.argpartition\n", 1)
    write("top_k.py", text + "\nnp.argpartition = None\n")
    result = run("check", "top_k.py", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["passed"]  # efficiency never changes the verdict
    timed = [t for t in data["tests"] if t["category"] == "efficiency"]
    assert timed and all(t["status"] == "skipped" for t in timed)
    assert all(t["message"].startswith("not timed: the file interfered with the checker (the reference, run beside it, "
                                       "failed: TypeError") for t in timed)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signalled_watch_leaves_nothing_running(write, tiny, marker, terminal, sig):
    hostile("hangs_with_child.py", write, MARKER=marker)
    screen = terminal("watch", "sol.py")
    wait_for(lambda: marked(marker))  # the check is running the spinning file
    screen.proc.send_signal(sig)
    assert screen.proc.wait(timeout=30) == 130  # ended like Ctrl-C
    assert "Traceback" not in screen.seen
    assert gone(marker)


def test_running_out_of_memory_on_the_efficiency_input_is_a_slow_finding(run, write, monkeypatch):
    """An O(n^2)-memory answer fails only on the big input: that is how it is slow, said as such, not skipped."""
    from conftest import reference

    monkeypatch.setenv("MLPREP_MEMORY_MB", "512")
    text = reference("top_k").replace(
        "def top_k_partition(scores, k):\n",
        "def top_k_partition(scores, k):\n    if len(scores) > 1_000_000:\n        np.ones((1 << 31,))\n", 1,
    )
    write("top_k.py", text)
    result = run("check", "top_k.py", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["passed"]  # efficiency never changes the verdict
    found = next(e for e in data["efficiency"] if e["name"].startswith("partition of 2,000,000"))
    said = next(t for t in data["tests"] if t["name"] == found["name"])
    assert found["status"] == "slow" and said["status"] == "fail"
    assert said["message"].startswith("ran out of memory on this input (the limit is 512 MiB): a full sort is O(n log n)")
