"""The practice history at a glance, computed from the store as plain data."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlprep.catalog import Entry
    from mlprep.store import Result, Store


@dataclass
class ProblemRow:
    problem: str
    attempts: int
    passes: int
    best_s: float | None
    last_result: Result | None
    due_at: float | None


@dataclass
class Stats:
    attempts: int
    passes: int
    pass_rate: float | None
    median_time_to_pass_s: float | None
    hints_per_attempt: float | None
    top_mistakes: list[tuple[str, int]]
    streak_days: int
    practice_days: int
    problems: list[ProblemRow] = field(default_factory=list)
    recent_passes: list[tuple[str, float]] = field(default_factory=list)


def _day(ts: float) -> str:
    return time.strftime("%Y-%m-%d", time.localtime(ts))


def streak(days: set[str], now: float) -> int:
    """Consecutive practice days ending today (or yesterday, when today has no practice yet)."""
    count, cursor = 0, now
    if _day(cursor) not in days:
        cursor -= 86400
    while _day(cursor) in days:
        count += 1
        cursor -= 86400
    return count


def compute(store: Store, entries: list[Entry], now: float | None = None) -> Stats:
    """The summary ``mlprep stats`` shows: attempts exclude untouched stubs; mistakes count once per attempt."""
    now = now if now is not None else time.time()
    sessions = store.sessions()
    attempts = [s for s in sessions if s.result != "no_attempt"]
    passed = [s for s in attempts if s.passed]
    times = [s.first_pass_s for s in passed if s.first_pass_s is not None]
    mistakes: Counter[str] = Counter()
    for seen in store.mistakes_per_session().values():
        mistakes.update(seen)
    days = {_day(s.started_at) for s in sessions} | {_day(at) for at in store.check_times()}
    due = store.due_dates()
    rows = []
    for e in entries:
        mine = [s for s in attempts if s.problem == e.id]
        wins = [s.first_pass_s for s in mine if s.first_pass_s is not None]
        if mine or e.id in due:
            rows.append(ProblemRow(e.id, len(mine), len(wins), min(wins, default=None),
                                   mine[-1].result if mine else None, due.get(e.id)))
    hints = store.hints_in_sessions()
    return Stats(
        attempts=len(attempts), passes=len(passed),
        pass_rate=len(passed) / len(attempts) if attempts else None,
        median_time_to_pass_s=statistics.median(times) if times else None,
        hints_per_attempt=hints / len(attempts) if attempts else None,
        top_mistakes=mistakes.most_common(5), streak_days=streak(days, now), practice_days=len(days),
        problems=rows, recent_passes=[(s.problem, s.first_pass_s) for s in passed if s.first_pass_s][-10:],
    )
