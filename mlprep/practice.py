"""The practice loop's rules: starting an attempt, the clock, which file a check grades, hints, reveals.

Everything here returns plain data and records in the store; the CLI decides how to show it.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlprep import catalog
from mlprep.errors import MlprepError
from mlprep.store import Check, EndReason, Result, Session, Store

if TYPE_CHECKING:
    from mlprep.problem import Problem


@dataclass
class Clock:
    elapsed_s: float
    remaining_s: float
    minutes: float

    @property
    def over(self) -> bool:
        return self.remaining_s <= 0


def clock(session: Session, now: float | None = None) -> Clock:
    """Time used and left; the clock is the start time in the database, so it survives a closed terminal.

    It stops when the attempt ends.
    """
    now = now if now is not None else time.time()
    stopped = min(now, session.ended_at) if session.ended_at is not None else now
    return Clock(stopped - session.started_at, session.deadline - stopped, session.minutes)


def digest(text: str) -> str:
    import hashlib  # here, not at the top: ``list`` imports this module and never needs it

    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Started:
    session: Session
    path: Path
    backup: Path | None
    left_open: Session | None = None  # the attempt that was active and open: its clock keeps running


def start(store: Store, problem_id: str, stub: str, directory: Path, minutes: float, force: bool,
          pack: str | None = None) -> Started:
    """Write the stub as ``<dir>/<id>.py`` and start the clock; never clobber a file without a backup.

    ``pack``: the folder of the problem's pack (None: built-in), remembered so later verbs find the problem.
    """
    directory = directory.expanduser().resolve()
    if not directory.is_dir():
        raise MlprepError(f"{directory} is not a folder")
    path = directory / f"{problem_id}.py"
    backup = None
    if path.exists():
        if not force:
            raise MlprepError(
                f"{path.name} already exists in {directory}; mlprep never overwrites your work. "
                f"Check it with `mlprep check {path.name}`, or use --force to start over (the old file is kept as a backup)"
            )
        stamp = time.strftime("%Y%m%d-%H%M%S")
        backup = path.with_name(f"{path.stem}.{stamp}.bak.py")
        n = 1
        while backup.exists():
            backup = path.with_name(f"{path.stem}.{stamp}-{n}.bak.py")
            n += 1
        import shutil

        shutil.copy2(path, backup)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(stub)
    if force:
        os.replace(tmp, path)
    else:
        try:
            os.link(tmp, path)  # fails if the file appeared meanwhile: still never overwrites
        except FileExistsError:
            raise MlprepError(f"{path.name} appeared while starting; nothing was overwritten") from None
        finally:
            tmp.unlink(missing_ok=True)
    before = finish_if_time_up(store, store.current_session())
    session = store.start_session(problem_id, str(path), minutes, digest(stub), pack=pack)
    # Started over in the same file (--force): that attempt's file is now this one's, nothing to point at.
    left_open = before if before is not None and not before.ended and Path(before.file) != path else None
    return Started(session, path, backup, left_open)


def finish_if_time_up(store: Store, session: Session | None, now: float | None = None,
                      passed_now: bool = False) -> Session | None:
    """Record the attempt's final result once its clock has run out (an untouched stub is no attempt).

    ``passed_now``: the check being recorded passed, after the clock ran out (passed over time).
    The finished attempt becomes a review in the schedule.
    """
    if session is None or session.ended or not clock(session, now).over:
        return session
    result: Result
    if session.first_pass_s is not None and session.first_pass_s <= session.minutes * 60:
        result = "passed"
    elif passed_now:
        result = "passed_over_time"
    else:
        try:
            untouched = digest(Path(session.file).read_text()) == session.stub_hash
        except OSError:
            untouched = True
        result = "no_attempt" if untouched else "failed"
    store.end_session(session.id, "time_up", result, now=session.started_at + session.minutes * 60)
    ended = store.session(session.id)
    if ended is not None:
        from mlprep import schedule

        schedule.review(store, ended)
    return ended


def end_now(store: Store, session: Session, reason: EndReason, passed_now: bool, now: float | None = None) -> Session:
    """End an open attempt now (a mock's end): passed in time, passed over time, or failed; then review it."""
    if session.ended:
        return session
    result: Result
    if session.first_pass_s is not None:
        result = "passed"
    else:
        over = clock(session, now).over
        result = "passed_over_time" if passed_now and over else ("passed" if passed_now else "failed")
    store.end_session(session.id, reason, result, now=now)
    ended = store.session(session.id)
    assert ended is not None
    from mlprep import schedule

    schedule.review(store, ended)
    return ended


def finish_expired(store: Store, now: float | None = None) -> None:
    """End every attempt whose clock has run out, so every command reads one state (time-up included)."""
    for session in store.open_sessions():
        if session.time_up(now):
            finish_if_time_up(store, session, now)


@dataclass
class Target:
    """What a check grades: a file, its problem, and the session it belongs to (if any)."""

    file: Path
    display: str
    entry: catalog.Entry
    session: Session | None


_HEADER = re.compile(r"^#\s*mlprep:\s*([A-Za-z0-9_\-]+)")


def header_id(text: str) -> str | None:
    """The problem id a solution file names on its first line (``# mlprep: attention``)."""
    found = _HEADER.match(text.split("\n", 1)[0].strip())
    return found.group(1) if found else None


def defined_names(text: str) -> set[str]:
    import ast

    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    return {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))}


def target(store: Store, file: str | None, problem: str | None, entries: list[catalog.Entry]) -> Target:
    """The file and problem a check is about: --problem, else the file's header, else the session, else its names."""
    current = store.current_session()
    if file is None:
        if current is None:
            raise MlprepError("no active session: run `mlprep start PROBLEM` first, or give a FILE to check")
        path = Path(current.file)
        display = os.path.relpath(path) if not os.path.relpath(path).startswith("..") else str(path)
    else:
        path = Path(file).expanduser()
        display = file
    if path.is_dir():
        raise MlprepError(f"{display} is a folder: name the solution file in it (for example {display}/attention.py)")
    if not path.is_file():
        raise MlprepError(f"{display}: no such file")
    path = path.resolve()
    session = current if current is not None and Path(current.file) == path else None
    if problem is None:
        text = path.read_text(errors="replace")
        problem = header_id(text) or (session.problem if session else None)
        if problem is None:
            found = catalog.by_names(defined_names(text), entries)
            if found is None:
                raise MlprepError(
                    f"cannot tell which problem {display} is for: add `# mlprep: ID` as its first line or pass --problem ID"
                )
            problem = found.id
    entry = catalog.resolve(problem, entries)
    if session is not None and session.problem != entry.id:
        session = None
    if session is None:
        latest = store.latest_session(entry.id)
        if latest is not None and Path(latest.file) == path:
            session = latest
    return Target(path, display, entry, session)


def record_check(store: Store, target: Target, passed: bool, counts: tuple[int, int], mistakes: list[str],
                 examples_only: bool, now: float | None = None) -> Clock | None:
    """Store a check; a full pass within the clock marks the attempt's time to pass."""
    now = now if now is not None else time.time()
    session = target.session
    tick = clock(session, now) if session else None
    store.record_check(Check(
        problem=target.entry.id, file=str(target.file), at=now, passed=passed, n_passed=counts[0],
        n_failed=counts[1], session_id=session.id if session else None, elapsed_s=tick.elapsed_s if tick else None,
        over_time=bool(tick and tick.over), examples_only=examples_only, mistakes=mistakes,
    ))
    if session and tick and passed and not examples_only and not session.ended and not tick.over:
        store.mark_passed(session.id, tick.elapsed_s)
    return tick


def reveal_needs_confirmation(session: Session | None, now: float | None = None) -> bool:
    """Revealing early ends an attempt: ask first while the attempt is open, unpassed and in time."""
    return bool(session and not session.ended and session.first_pass_s is None and not clock(session, now).over)


def reveal(store: Store, problem: str, session: Session | None) -> None:
    """Record a reveal; it ends the attempt (as revealed, unless it had already passed)."""
    before_pass = session is None or session.first_pass_s is None
    store.record_reveal(session.id if session else None, problem, before_pass)
    if session and not session.ended:
        store.end_session(session.id, "revealed", "revealed" if before_pass else "passed")
        ended = store.session(session.id)
        if ended is not None:
            from mlprep import schedule

            schedule.review(store, ended)


@dataclass
class HintShown:
    """A hint as shown: its number of ``total``; ``after_pass``: the attempt had passed (the rating ignores it)."""

    number: int
    total: int
    text: str
    after_pass: bool = False


def next_hint(store: Store, problem: Problem, session: Session | None) -> HintShown:
    """The next hint of this attempt, recorded (outside an open attempt: the problem's own hint count)."""
    if not problem.hints:
        raise MlprepError(f"{problem.id} has no hints")
    session_id = session.id if session and not session.ended else None
    taken = store.hints_taken(session_id, problem.id)
    index = min(taken, len(problem.hints) - 1)
    if taken < len(problem.hints):
        store.record_hint(session_id, problem.id, index)
    after_pass = bool(session_id is not None and session and session.first_pass_s is not None)
    return HintShown(index + 1, len(problem.hints), problem.hints[index], after_pass)


def taken_hints(store: Store, problem: Problem, session: Session | None) -> list[str]:
    """Every hint this attempt has seen, in order (outside an open attempt: the problem's own); none taken."""
    session_id = session.id if session and not session.ended else None
    return problem.hints[: store.hints_taken(session_id, problem.id)]


@dataclass
class Cleared:
    """What ``reset`` did: attempts removed, and the backup that undoes it (copy it over ``database``)."""

    removed: int
    backup: Path
    database: Path


def reset(store: Store, problem: str | None, now: float | None = None) -> Cleared:
    """Back the database up into ``backups/`` beside it, then forget one problem's history (or all)."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(now))
    backup = store.path.parent / "backups" / f"mlprep-{stamp}.db"
    n = 1
    while backup.exists():
        backup = backup.with_name(f"mlprep-{stamp}-{n}.db")
        n += 1
    store.backup(backup)  # makes the folder; a folder that cannot be written is a one-line error
    return Cleared(store.reset(problem), backup, store.path)
