"""Watch mode: re-check one file on every save, fast, without giving up isolation or the screen.

Two kinds of reuse make a check after a save quick: a standby worker (a fresh process per check,
started ahead with numpy and the engine already imported, told the file's name when the save comes)
and cached inputs and expected values (they depend only on the problem). A check runs on its own
thread, so the header, the countdown and the keys stay live while a slow or hanging check runs, and
stopping it ends its worker at once. Only the calling thread touches the store. Nothing here prints:
the loop draws through the callback it is given.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlprep import practice
from mlprep.engine.process import Worker, live_pids
from mlprep.engine.report import Report
from mlprep.keys import Keys
from mlprep.problem import Problem
from mlprep.store import Session, Store

STOP_SECONDS = 1.0  # how long stopping a check waits for its thread before leaving it to die with the process


class _Job:
    """One check on its own thread, with the worker it started on."""

    def __init__(self, worker: Worker, grade: Callable[[Worker], Report]):
        self.worker = worker
        self.started = time.monotonic()
        self.seconds = 0.0
        self.report: Report | None = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(grade,), daemon=True)
        self.thread.start()

    def _run(self, grade: Callable[[Worker], Report]) -> None:
        try:
            self.report = grade(self.worker)
        except BaseException as exc:  # noqa: BLE001 - handed to the watching thread, which raises it
            self.error = exc
        finally:
            if self.worker.proc.poll() is None:  # the runner closes the workers it used; this one it never reached
                self.worker.close()
            self.seconds = time.monotonic() - self.started

    def stop(self, keep: int | None) -> None:
        """End the check now: kill its workers (every replacement the runner starts too), then wait briefly."""
        deadline = time.monotonic() + STOP_SECONDS
        while True:
            _kill_group(self.worker.proc.pid if self.worker.proc.returncode is None else None)
            for pid in live_pids():  # the runner may have replaced the worker it was given
                if pid != keep:
                    _kill_group(pid)
            self.thread.join(0.05)
            if not self.thread.is_alive() or time.monotonic() > deadline:
                return


def _kill_group(pid: int | None) -> None:
    if pid is None:
        return
    try:
        os.killpg(pid, signal.SIGKILL)  # a worker leads its own process group
    except (ProcessLookupError, PermissionError):
        pass


class Watcher:
    """The state of a watch: the latest report, the latest hint, the check running, the warm standby worker."""

    def __init__(self, store: Store, target: practice.Target, problem: Problem):
        self.store, self.target, self.problem = store, target, problem
        self.cache: dict[str, Any] = {}
        self.standby = Worker(None)
        self.report: Report | None = None
        self.hint: practice.HintShown | None = None
        self.checked_at: float | None = None
        self.seconds = 0.0
        self.checks = 0
        self._job: _Job | None = None

    @property
    def session(self) -> Session | None:
        return self.store.session(self.target.session.id) if self.target.session else None

    @property
    def running_for(self) -> float | None:
        """Seconds the running check has taken so far; None when no check is running."""
        return time.monotonic() - self._job.started if self._job is not None else None

    def start_check(self) -> None:
        """Grade the file now on a fresh, already-warm worker, off this thread (a running check is stopped)."""
        from mlprep.engine.runner import check

        self.stop()
        worker, self.standby = self.standby, Worker(None)
        worker.assign(self.target.file)
        session = self.session
        ended = bool(session and (session.ended or practice.clock(session).over))

        def grade(w: Worker) -> Report:
            return check(self.problem, self.target.file, display=self.target.display, worker=w,
                         cache=self.cache, ended=ended)  # efficiency timed as `mlprep check` times it

        self._job = _Job(worker, grade)

    def collect(self) -> Report | None:
        """Record the check that has just finished, if one has (here, on the thread that owns the store)."""
        job = self._job
        if job is None or job.thread.is_alive():
            return None
        self._job = None
        if job.error is not None:
            raise job.error
        report = job.report
        assert report is not None
        self.seconds = job.seconds
        practice.record_check(self.store, self.target, report.passed, report.counts,
                              report.named, False)
        practice.finish_if_time_up(self.store, self.session, passed_now=report.passed)
        self.report, self.checked_at, self.checks = report, time.time(), self.checks + 1
        return report

    def check(self) -> Report:
        """Grade the file and wait for the result."""
        self.start_check()
        assert self._job is not None
        self._job.thread.join()
        report = self.collect()
        assert report is not None
        return report

    def stop(self) -> None:
        """Stop a running check (nothing is recorded for it); its worker ends at once."""
        job, self._job = self._job, None
        if job is not None:
            job.stop(keep=self.standby.proc.pid)

    def next_hint(self) -> practice.HintShown:
        self.hint = practice.next_hint(self.store, self.problem, self.session)
        return self.hint

    def close(self) -> None:
        self.stop()
        self.standby.close()


QUIT, INTERRUPT = 0, 130  # exit codes: q (or the end of piped keys), Ctrl-C


def run(watcher: Watcher, keys: Keys, draw: Callable[[Watcher], None], poll: bool = False) -> int:
    """The event loop: redraw, re-check on a save or ``r``, a hint on ``h``; ``q`` or Ctrl-C stops (exit code)."""
    saved = threading.Event()
    stop = threading.Event()
    file = watcher.target.file
    threading.Thread(target=_watch_saves, args=(file, saved, stop, poll), daemon=True).start()
    seen = _signature(file)
    try:
        watcher.start_check()
        while True:
            watcher.collect()
            draw(watcher)
            key = keys.read(timeout=0.25 if watcher.running_for is not None else 0.5)
            if key == "\x03":
                return INTERRUPT
            if key in ("q", "Q", "\x04") or key is None and keys.closed and watcher.running_for is None:
                return QUIT
            if key in ("h", "H"):
                watcher.next_hint()
            now = _signature(file)  # also catches a save the file watcher missed (or saw before it started)
            if saved.is_set() or key in ("r", "R") or now != seen:
                saved.clear()
                seen = now
                watcher.start_check()
    except KeyboardInterrupt:
        return INTERRUPT
    finally:
        stop.set()
        watcher.close()


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def _watch_saves(path: Path, saved: threading.Event, stop: threading.Event, poll: bool) -> None:
    """Set ``saved`` whenever ``path`` is written (editors that save by rename included)."""
    from watchfiles import watch as watch_files

    name = str(path)
    for _ in watch_files(path.parent, watch_filter=lambda _change, p: p == name, stop_event=stop,
                         force_polling=poll, poll_delay_ms=100, debounce=50, step=20):
        saved.set()
