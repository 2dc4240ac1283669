"""Every test runs with its own MLPREP_HOME and working folder: the real state is never touched."""

from __future__ import annotations

import os
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


def pids_alive(pids: list[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            continue
        alive.append(pid)
    return alive
