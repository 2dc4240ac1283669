"""`mlprep watch` in a real pseudo-terminal: saves re-check, a syntax error is survived, keys work."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import reference

from mlprep import catalog, practice
from mlprep.store import open_store
from mlprep.watch import Watcher


def test_watch_rechecks_on_save_survives_a_syntax_error_and_quits(run, isolated, terminal):
    run("start", "softmax", "--minutes", "30")
    solution = isolated / "softmax.py"
    screen = terminal("watch")
    screen.wait_for("0 passed, 19 failed")
    screen.wait_for("left")  # the countdown
    screen.mark()
    solution.write_text("# mlprep: softmax\ndef softmax(x):\n    return (\n")
    screen.wait_for("could not be loaded")
    screen.wait_for("softmax.py:3: SyntaxError")
    screen.mark()
    solution.write_text(reference("softmax").replace("return grad / n", "return grad"))
    screen.wait_for("16 passed, 3 failed")
    screen.wait_for("Gradient not divided by N")
    screen.mark()
    tmp = isolated / ".softmax.py.swp"
    tmp.write_text(reference("softmax"))
    tmp.replace(solution)  # an editor that saves by renaming a temporary file
    screen.wait_for("all correctness tests pass")
    screen.type("h")
    screen.wait_for("hint 1 of 3")
    screen.type("q")
    assert screen.proc.wait(timeout=20) == 0
    assert solution.read_text() == reference("softmax")
    store = open_store()
    assert store.checks_in(store.current_session().id) >= 4
    assert store.hints_taken(store.current_session().id, "softmax") == 1


def test_watch_with_polling(run, isolated, terminal):
    run("start", "top_k")
    screen = terminal("watch", "--poll")
    screen.wait_for("failed")
    screen.mark()
    (isolated / "top_k.py").write_text(reference("top_k"))
    screen.wait_for("all correctness tests pass")
    screen.type("q")
    assert screen.proc.wait(timeout=20) == 0


def test_the_watcher_reuses_inputs_and_a_warm_worker(run, isolated):
    run("start", "attention")
    (isolated / "attention.py").write_text(reference("attention"))
    store = open_store()
    entries = catalog.index(catalog.pack_dirs())
    target = practice.target(store, None, None, entries)
    watcher = Watcher(store, target, catalog.load(target.entry))
    try:
        assert watcher.check().passed
        cached = dict(watcher.cache)
        assert len(cached) == len([t for t in watcher.problem.tests if t.category != "efficiency"])
        assert watcher.check().passed
        assert all(watcher.cache[name] is cached[name] for name in cached)  # computed once
        assert watcher.standby.proc.poll() is None  # the next check's worker is already warm
    finally:
        watcher.close()
    assert watcher.standby.proc.poll() is not None


HANGS = "# mlprep: softmax\n" + "".join(
    f"def {name}(*args):\n    while True:\n        pass\n\n"
    for name in ("softmax", "log_softmax", "cross_entropy", "softmax_ce_grad")
)


def workers_of(pid: int) -> list[int]:
    """The mlprep worker processes a watch has started (Linux /proc)."""
    found = []
    for listing in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in listing.read_text().split():
            try:
                if b"mlprep.engine.worker" in Path(f"/proc/{child}/cmdline").read_bytes():
                    found.append(int(child))
            except OSError:
                continue
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


@pytest.mark.parametrize("key, code", [("q", 0), ("\x03", 130)])
def test_a_hanging_check_keeps_the_clock_on_screen_and_q_or_ctrl_c_stops_it(run, isolated, terminal, key, code):
    run("start", "softmax", "--minutes", "30")
    (isolated / "softmax.py").write_text(HANGS)
    screen = terminal("watch")
    screen.wait_for("checking...")
    screen.mark()
    screen.wait_for("s so far")  # redrawn while the check runs: the header and countdown with it
    screen.wait_for("left")
    screen.wait_for("Stable softmax and cross-entropy")  # the header
    workers = workers_of(screen.proc.pid)
    assert len(workers) == 2  # the hanging check's worker, and the warm standby for the next check
    screen.type(key)
    assert screen.proc.wait(timeout=30) == code
    assert not [pid for pid in workers if running(pid)]  # the hanging worker was ended, not left behind
    assert "passed," not in screen.seen  # stopped, not waited out: the check never finished
    store = open_store()
    assert store.checks_in(store.current_session().id) == 0  # and a stopped check is not recorded


def test_a_save_during_a_hanging_check_starts_over_on_the_new_file(run, isolated, terminal):
    run("start", "softmax", "--minutes", "30")
    solution = isolated / "softmax.py"
    solution.write_text(HANGS)
    screen = terminal("watch")
    screen.wait_for("checking...")
    solution.write_text(reference("softmax"))
    screen.wait_for("all correctness tests pass")
    screen.type("q")
    assert screen.proc.wait(timeout=30) == 0
    store = open_store()
    assert store.checks_in(store.current_session().id) == 1  # only the check that finished
