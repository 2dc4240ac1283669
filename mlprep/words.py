"""How mlprep says things in English: counts with their nouns, attempt results and endings in words."""

from __future__ import annotations


def plural(n: float, word: str) -> str:
    """``1 minute``, ``2 minutes``, ``0 hints``: a count with its noun."""
    return f"{n:g} {word}" + ("" if n == 1 else "s")


_RESULTS = {
    "passed": "passed", "passed_over_time": "passed after the clock ran out", "failed": "not passed",
    "no_attempt": "no attempt", "revealed": "solution revealed before passing",
}
_ENDINGS = {
    ("time_up", "no_attempt"): "time ran out before any attempt (the stub was never changed)",
    ("time_up", "failed"): "time ran out before the tests passed",
    ("time_up", "passed"): "passed in time",
    ("time_up", "passed_over_time"): "passed after the clock ran out",
    ("revealed", "revealed"): "solution revealed before passing",
    ("revealed", "passed"): "passed, then the solution was revealed",
    ("mock_end", "passed"): "mock interview ended, passing",
    ("mock_end", "failed"): "mock interview ended, not passing",
}


def result_words(result: str | None) -> str:
    """An attempt's result code (``passed_over_time``) in words."""
    return "open" if result is None else _RESULTS.get(result, result.replace("_", " "))


def ended_words(reason: str | None, result: str | None) -> str:
    """How an attempt ended, in words: ``time ran out before any attempt``, never ``time_up: no_attempt``."""
    said = _ENDINGS.get((reason or "", result or ""))
    return said or f"{(reason or 'ended').replace('_', ' ')}, {result_words(result)}"
