"""`mlprep watch` in a real pseudo-terminal: saves re-check, a syntax error is survived, keys work."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import reference

from mlprep import catalog, practice
from mlprep.store import open_store
from mlprep.watch import Watcher


class Terminal:
    """A child process on a pty: wait for text to appear (event-driven, with a deadline), type keys."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        self.seen = ""

    def wait_for(self, text: str, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} did not appear; the screen had:\n{self.seen[-3000:]}")
            if select.select([self.master], [], [], left)[0]:
                try:
                    self.seen += os.read(self.master, 65536).decode(errors="replace")
                except OSError:
                    break

    def type(self, key: str) -> None:
        os.write(self.master, key.encode())

    def mark(self) -> None:
        self.seen = ""

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        os.close(self.master)


@pytest.fixture
def terminal(isolated: Path):
    env = dict(os.environ, COLUMNS="80", LINES="24", TERM="xterm")
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        t = Terminal([sys.executable, "-m", "mlprep", *args], isolated, env)
        opened.append(t)
        return t

    yield start
    for t in opened:
        t.close()


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
