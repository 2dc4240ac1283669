"""Every test runs with its own MLPREP_HOME and working folder: the real state is never touched."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlprep.cli import app

TESTS = Path(__file__).resolve().parent
TINY_PACK = TESTS / "packs" / "tiny"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("MLPREP_HOME", str(home))
    monkeypatch.delenv("MLPREP_PROBLEMS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def marker() -> str:
    """A word unique to this test, put in the command line of processes a hostile file starts."""
    return f"mlprep-test-marker-{os.getpid()}-{os.urandom(4).hex()}"


@pytest.fixture
def run():
    """Invoke the CLI in-process: run("check", "x.py") -> Result with exit_code and output."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, list(args), input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def write(isolated: Path):
    """Write a solution file in the working folder and return its path."""

    def _write(name: str, text: str) -> Path:
        path = isolated / name
        path.write_text(text)
        return path

    return _write


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Use the tests' own pack (a one-line problem with 1.5 s per test) alongside the built-ins."""
    monkeypatch.setenv("MLPREP_PROBLEMS", str(TINY_PACK))
    return TINY_PACK


def reference(problem: str) -> str:
    from mlprep.catalog import BUILTIN

    return (BUILTIN / "solutions" / f"{problem}.py").read_text()


def _own_terminal() -> None:
    """In the child: lead a new session whose controlling terminal is the pty, so Ctrl-C there is SIGINT."""
    import fcntl
    import termios

    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    """A child process on a pty: wait for text to appear (event-driven, with a deadline), type keys."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True,
                                     preexec_fn=_own_terminal)
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
    """Start ``python -m mlprep ARGS`` on a pseudo-terminal (80x24) in the working folder."""
    env = dict(os.environ, COLUMNS="80", LINES="24", TERM="xterm")
    opened: list[Terminal] = []

    def start(*args: str) -> Terminal:
        t = Terminal([sys.executable, "-m", "mlprep", *args], isolated, env)
        opened.append(t)
        return t

    yield start
    for t in opened:
        t.close()


def marked(marker: str) -> list[int]:
    """Live processes (zombies excluded) whose command line holds ``marker``: what a hostile file started."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            cmdline = (Path("/proc") / name / "cmdline").read_bytes()
            stat = (Path("/proc") / name / "stat").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline and stat[stat.rfind(b")") + 2 :][:1] != b"Z":
            found.append(int(name))
    return found


def gone(marker: str, seconds: float = 10.0) -> bool:
    """Whether every process carrying ``marker`` is dead, polling up to ``seconds`` (no fixed sleep)."""
    deadline = time.monotonic() + seconds
    while marked(marker):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True
