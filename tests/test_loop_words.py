"""The loop around the verdict: the prompt and the hints again, and states said in words, not ids."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import reference

from mlprep.words import ended_words, plural, result_words


def test_prompt_shows_the_active_problem_again_with_the_file_and_clock(run, isolated):
    run("start", "attention")
    out = run("prompt").stdout
    assert "Part 1: Scaled dot-product attention" in out and "Part 2: Causal mask" in out
    assert "Q = np.array([[1.0, 0.0], [0.0, 1.0]])" in out
    tail = "\n".join(out.rstrip().splitlines()[-3:])
    assert "Your file: attention.py" in tail and "left" in tail


def test_prompt_of_a_named_problem_needs_no_session(run):
    result = run("prompt", "softmax")
    assert result.exit_code == 0 and "x = np.array([[1.0, 2.0, 3.0]])" in result.stdout
    assert "Your file" not in result.stdout


def test_prompt_without_a_session_or_a_problem_is_a_usage_error(run):
    result = run("prompt")
    assert result.exit_code == 2 and "no active session" in result.stderr


def test_prompt_in_a_mock_shows_only_the_parts_shown_so_far(run, isolated):
    assert run("mock", "--problem", "attention", "--no-input").exit_code == 0
    out = run("prompt").stdout
    assert "Part 1: Scaled dot-product attention" in out and "Causal mask" not in out and "causal_mask(3)" not in out


def test_hint_all_shows_every_hint_taken_without_taking_one(run, isolated):
    run("start", "softmax")
    assert "No hints taken yet" in run("hint", "--all").stdout
    first, second = run("hint").stdout, run("hint").stdout
    assert "hint 1 of" in first and "hint 2 of" in second
    again = run("hint", "--all").stdout
    assert "hint 1 of" in again and "hint 2 of" in again and "hint 3 of" not in again
    assert "hint 3 of" in run("hint").stdout  # --all took none: the next is the third


def _db(isolated: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(isolated.parent / "home" / "mlprep.db"))


def test_stats_name_mistakes_and_results_in_words(run, isolated):
    run("start", "softmax")
    (isolated / "softmax.py").write_text(reference("softmax").replace("    return grad / n", "    return grad"))
    run("check")
    run("reveal", "--yes")
    out = run("stats").stdout
    assert "Gradient not divided by N (1 time)" in out and "grad_not_divided_by_n" not in out
    assert "solution revealed before passing" in out
    assert "1 day" in out and "day(s)" not in out


def test_words_for_counts_results_and_endings():
    assert plural(1, "minute") == "1 minute" and plural(45, "minute") == "45 minutes" and plural(0, "hint") == "0 hints"
    assert plural(1.5, "minute") == "1.5 minutes"
    assert ended_words("time_up", "no_attempt").startswith("time ran out before any attempt")
    assert ended_words("mock_end", "failed") == "mock interview ended, not passing"
    assert ended_words("something_new", "passed_over_time") == "something new, passed after the clock ran out"
    assert result_words(None) == "open" and result_words("no_attempt") == "no attempt"


def test_a_mock_scorecard_counts_hints_in_words(run, isolated):
    run("mock", "--problem", "top_k", "--no-input")
    run("hint")
    out = run("mock", "--end", "--no-input").stdout
    assert "Used 1 hint." in out and "hint(s)" not in out
