"""Watch mode's engine: re-check one file on every save, fast, without giving up isolation.

Two kinds of reuse make a check after a save quick: a standby worker (a fresh process per check,
started ahead with numpy and the engine already imported, told the file's name when the save comes)
and cached inputs and expected values (they depend only on the problem). Nothing here prints.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from mlprep import practice
from mlprep.engine.process import Worker
from mlprep.engine.report import Report
from mlprep.problem import Problem
from mlprep.store import Store


@dataclass
class Hint:
    number: int
    total: int
    text: str


class Watcher:
    """The state of a watch: the latest report, the latest hint, the warm standby worker."""

    def __init__(self, store: Store, target: practice.Target, problem: Problem):
        self.store, self.target, self.problem = store, target, problem
        self.cache: dict[str, Any] = {}
        self.standby = Worker(None)
        self.report: Report | None = None
        self.hint: Hint | None = None
        self.checked_at: float | None = None
        self.seconds = 0.0
        self.checks = 0

    @property
    def session(self) -> Any:
        return self.store.session(self.target.session.id) if self.target.session else None

    def check(self) -> Report:
        """Grade the file now (a fresh, already-warm process), record it, and warm the next one."""
        from mlprep.engine.runner import check

        worker, self.standby = self.standby, Worker(None)
        start = time.perf_counter()
        worker.assign(self.target.file)
        session = self.session
        ended = bool(session and (session.ended or practice.clock(session).over))
        try:
            report = check(self.problem, self.target.file, display=self.target.display, worker=worker,
                           cache=self.cache, ended=ended, time_only_if_correct=True)
        finally:
            worker.close()
        self.seconds = time.perf_counter() - start
        practice.record_check(self.store, self.target, report.passed, report.counts,
                              [d.mistake for d in report.diagnosis], False)
        practice.finish_if_time_up(self.store, self.session, passed_now=report.passed)
        self.report, self.checked_at, self.checks = report, time.time(), self.checks + 1
        return report

    def next_hint(self) -> Hint:
        session = self.session
        session_id = session.id if session and not session.ended else None
        taken = self.store.hints_taken(session_id, self.problem.id)
        index = min(taken, len(self.problem.hints) - 1)
        if taken < len(self.problem.hints):
            self.store.record_hint(session_id, self.problem.id, index)
        self.hint = Hint(index + 1, len(self.problem.hints), self.problem.hints[index])
        return self.hint

    def close(self) -> None:
        self.standby.close()
