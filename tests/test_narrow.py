"""Readable at 60 columns: nothing a candidate needs is cut (no `...` or `…`), every line fits.

Real processes with COLUMNS set, as a terminal of that width would run them.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import reference

from mlprep import catalog

WIDTH = 60


def mlprep(*args: str, width: int = WIDTH) -> str:
    env = {**os.environ, "COLUMNS": str(width)}
    done = subprocess.run([sys.executable, "-m", "mlprep", *args], capture_output=True, text=True, env=env, timeout=120)
    assert done.stderr == "" or done.returncode != 0, done.stderr
    return done.stdout


def fits(out: str, width: int = WIDTH, code: tuple[str, ...] = ()) -> None:
    """Nothing cut, no line wider than the terminal (but ``code``: calls printed whole, for pasting,
    which the terminal wraps)."""
    assert "…" not in out
    too_wide = [line for line in out.splitlines() if len(line) > width and line not in code]
    assert not too_wide, too_wide


def flowing(out: str) -> str:
    """The text with borders and line breaks gone, so wrapped words read as one line again."""
    text = re.sub(r"[│┃╭╮╰╯─━┏┓┗┛┡┩└┘┌┐]", " ", out)
    return " ".join(text.split())


@pytest.fixture
def attempt(isolated: Path) -> Path:
    """An attention attempt with the classic unscaled-scores mistake, checked once."""
    mlprep("start", "attention")
    (isolated / "attention.py").write_text(reference("attention").replace(" / np.sqrt(d_k)", ""))
    return isolated


@pytest.mark.parametrize("width", [60, 80])
def test_help_lists_every_command_with_its_whole_description(width):
    from mlprep.cli import app

    out = mlprep("--help", width=width)
    fits(out, width)
    assert not re.search(r"\w\.\.\.\s*$", out, re.M)  # a cut description; the usage line ends in [ARGS]...
    text = flowing(out)
    for command in app.registered_commands:
        first = " ".join((command.callback.__doc__ or "").split()).split(". ")[0]
        assert first.rstrip(".") in text, first


@pytest.mark.parametrize("width", [60, 80])
def test_list_fits_without_wrapping_a_row(width):
    out = mlprep("list", width=width)
    fits(out, width)
    for entry in catalog.index(catalog.pack_dirs([])):
        assert f"{entry.id}  {entry.title}" in out or re.search(rf"{entry.id}\s+{re.escape(entry.title)}", out)


def test_list_is_one_line_per_problem_when_it_fits():
    lines = mlprep("list", width=200).splitlines()
    assert len([line for line in lines if re.match(r"\s*\d+\s", line)]) == len(catalog.index(catalog.pack_dirs([])))


def test_start_at_60_columns(isolated):
    from mlprep.engine.examples import program

    start = mlprep("start", "pit_features")
    problem = catalog.load(catalog.resolve("pit_features", catalog.index(catalog.pack_dirs([]))))
    fits(start, code=tuple(line for test in problem.examples() for line in program(test)[0]))
    assert '"date": pd.to_datetime([' in start and "Your file: pit_features.py" in start


def test_check_and_reveal_at_60_columns(attempt):
    check = mlprep("check", "--no-efficiency")
    fits(check)
    text = flowing(check)
    assert "This looks like a classic mistake: Scores are not scaled by 1/sqrt(d_k)" in text
    assert "two tokens, no mask" in text

    reveal = mlprep("reveal", "--yes")
    fits(reveal)
    text = flowing(reveal)
    for line in reference("attention").splitlines():
        for token in line.split():
            assert token in text, line


def test_status_and_stats_at_60_columns(attempt):
    mlprep("check", "--no-efficiency")
    mlprep("reveal", "--yes")
    status, stats = mlprep("status"), mlprep("stats")
    fits(status)
    fits(stats)
    assert "attention" in stats and "solution revealed" in stats and "before passing" in stats  # a cell wraps
    assert "Scores are not scaled by 1/sqrt(d_k) (1 time)" in flowing(stats)
