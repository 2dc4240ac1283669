"""The practice history in one SQLite file: sessions, checks, hints and reveals.

WAL mode and a busy timeout let a watcher and a check share the file; every write is one transaction,
so a process killed mid-write leaves the previous state intact. The schema evolves through small
named migrations applied in order, recorded in ``PRAGMA user_version``, so an old database upgrades.
Usable on its own: nothing here prints or knows about the command line.
"""

from __future__ import annotations

import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal, get_args

from mlprep.errors import MlprepError

BUSY_SECONDS = 10.0  # how long a write waits for another process's lock before giving up


class StoreError(MlprepError):
    """The history could not be opened, read or written: one line that names the file and what to do."""

    def __init__(self, path: Path, exc: sqlite3.Error):
        super().__init__(explain(path, exc), code=1)


def explain(path: Path, exc: sqlite3.Error) -> str:
    """What went wrong with the database at ``path``, and what the user can do about it."""
    said = str(exc)
    if "locked" in said or "busy" in said:
        return (f"your history ({path}) is locked by another program ({said}) for more than "
                f"{BUSY_SECONDS:g} s: close other mlprep commands (a watch?) and try again")
    if "not a database" in said or "malformed" in said or "corrupt" in said:
        return (f"your history ({path}) is damaged ({said}): move it aside to start afresh, or copy back "
                f"a backup from {path.parent / 'backups'} (`mlprep reset` makes one before clearing)")
    if "readonly" in said or "read-only" in said or "unable to open" in said or "disk I/O" in said:
        return (f"your history ({path}) cannot be written ({said}): make its folder writable, free some "
                "space, or point MLPREP_HOME at a folder that is writable")
    if "full" in said:
        return f"your history ({path}) cannot grow ({said}): free some disk space (or raise `ulimit -f`)"
    return f"your history ({path}) could not be used ({said})"


def _script(db: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit it)."""
    for statement in sql.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_practice(db: sqlite3.Connection) -> None:
    _script(db,
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            file TEXT NOT NULL,
            started_at REAL NOT NULL,
            minutes REAL NOT NULL,
            stub_hash TEXT NOT NULL,
            first_pass_s REAL,
            ended_at REAL,
            end_reason TEXT,
            result TEXT
        );
        CREATE TABLE checks (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions(id),
            problem TEXT NOT NULL,
            file TEXT NOT NULL,
            at REAL NOT NULL,
            passed INTEGER NOT NULL,
            n_passed INTEGER NOT NULL,
            n_failed INTEGER NOT NULL,
            elapsed_s REAL,
            over_time INTEGER NOT NULL DEFAULT 0,
            examples_only INTEGER NOT NULL DEFAULT 0,
            mistakes TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE hints (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions(id),
            problem TEXT NOT NULL,
            hint_index INTEGER NOT NULL,
            at REAL NOT NULL
        );
        CREATE TABLE reveals (
            id INTEGER PRIMARY KEY,
            session_id INTEGER REFERENCES sessions(id),
            problem TEXT NOT NULL,
            at REAL NOT NULL,
            before_pass INTEGER NOT NULL
        );
        CREATE INDEX checks_by_session ON checks(session_id);
        CREATE INDEX sessions_by_problem ON sessions(problem);
        """
    )


def _m002_reviews(db: sqlite3.Connection) -> None:
    _script(db, """
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY,
            problem TEXT NOT NULL,
            session_id INTEGER REFERENCES sessions(id),
            rating TEXT NOT NULL,
            reviewed_at REAL NOT NULL,
            due_at REAL NOT NULL,
            card TEXT NOT NULL
        );
        CREATE INDEX reviews_by_problem ON reviews(problem, reviewed_at)
    """)


def _m003_mocks(db: sqlite3.Connection) -> None:
    _script(db, """
        CREATE TABLE mocks (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            plan TEXT NOT NULL DEFAULT '',
            parts_shown INTEGER NOT NULL DEFAULT 1,
            ended_at REAL,
            verdict TEXT,
            scorecard TEXT,
            scorecard_path TEXT
        )
    """)


def _m004_active(db: sqlite3.Connection) -> None:
    """The active session as a pointer (a reset that removes it leaves none, not an older one)."""
    _script(db, """
        CREATE TABLE active (
            only INTEGER PRIMARY KEY CHECK (only = 1),
            session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL
        );
        INSERT INTO active (only, session_id)
            SELECT 1, (SELECT id FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1)
    """)


def _m005_session_pack(db: sqlite3.Connection) -> None:
    """The pack folder a session's problem came from (NULL: the built-in pack), so later verbs find it."""
    db.execute("ALTER TABLE sessions ADD COLUMN pack TEXT")


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m001_practice, _m002_reviews, _m003_mocks, _m004_active, _m005_session_pack,
]

Result = Literal["passed", "passed_over_time", "failed", "no_attempt", "revealed"]
"""How an attempt ended: passed in time, passed after the clock ran out, not passed, an untouched stub, revealed."""
EndReason = Literal["time_up", "revealed", "mock_end"]
Rating = Literal["Again", "Hard", "Good", "Easy"]


def _literal(value: str | None, kind: object) -> str | None:
    """A stored name checked against its Literal: an unknown one is a bug (or a newer mlprep's database)."""
    if value is not None and value not in get_args(kind):
        raise ValueError(f"unexpected {value!r} in the database (expected one of {get_args(kind)})")
    return value


@dataclass
class Session:
    """One timed attempt at a problem."""

    id: int
    problem: str
    file: str
    started_at: float
    minutes: float
    stub_hash: str
    first_pass_s: float | None
    ended_at: float | None
    end_reason: EndReason | None
    result: Result | None
    pack: str | None = None  # the pack folder it was started from; None for the built-in pack

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def deadline(self) -> float:
        """When the clock runs out."""
        return self.started_at + self.minutes * 60

    def time_up(self, now: float | None = None) -> bool:
        """Still open although its clock has run out (the next command that looks ends it)."""
        return not self.ended and (now if now is not None else time.time()) >= self.deadline

    @property
    def passed(self) -> bool:
        """Passed the hidden tests, in time or over it."""
        return self.first_pass_s is not None or self.result == "passed_over_time"

    @classmethod
    def _from(cls, row: sqlite3.Row) -> Session:
        data = dict(row)
        _literal(data["end_reason"], EndReason)
        _literal(data["result"], Result)
        return cls(**data)


@dataclass
class Mock:
    """A mock interview around one session: the plan typed at the start, the parts shown, the scorecard."""

    id: int
    session_id: int
    plan: str
    parts_shown: int
    ended_at: float | None
    verdict: str | None
    scorecard: str | None
    scorecard_path: str | None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None


@dataclass
class Review:
    """One spaced-repetition review of a problem: the rating, when the next is due, the fsrs card (JSON)."""

    id: int
    problem: str
    session_id: int | None
    rating: Rating
    reviewed_at: float
    due_at: float
    card: str


@dataclass
class Check:
    """One graded check, as stored: ``mistakes`` ranked, most likely first."""

    problem: str
    file: str
    at: float
    passed: bool
    n_passed: int
    n_failed: int
    session_id: int | None = None
    elapsed_s: float | None = None
    over_time: bool = False
    examples_only: bool = False
    mistakes: list[str] = field(default_factory=list)


def _mistakes(text: str) -> list[str]:
    """The ranked mistake ids of a check, stored comma-joined (ids never contain commas)."""
    return text.split(",") if text else []


@dataclass
class ProblemHistory:
    problem: str
    attempts: int
    passed: bool
    best_s: float | None
    open: bool


_OPEN: weakref.WeakSet[Store] = weakref.WeakSet()  # stores not yet closed, for close_all


class Store:
    """The database, migrated to the newest schema on open."""

    def __init__(self, path: Path, read_only: bool = False):
        """Open (creating and migrating) the database at ``path``; StoreError if it cannot be used.

        ``read_only`` opens a file in a folder that cannot be written (no WAL index can be made there).
        """
        self.path = path
        try:
            if read_only:
                self.db = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
            else:
                self.db = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None)
            _OPEN.add(self)
            self.db.row_factory = sqlite3.Row
            self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            if not read_only:
                self.db.execute("PRAGMA journal_mode = WAL")
            # In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash still leaves a valid
            # database, and a check does not wait on the disk three times.
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # reads the schema: a damaged file says so now
            self.migrate()
        except sqlite3.Error as exc:
            raise StoreError(path, exc) from None

    def close(self) -> None:
        if hasattr(self, "db"):
            self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write, all or nothing; a database that refuses it (locked, read-only, full) is a StoreError."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self.path, exc) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as exc:
            if self.db.in_transaction:
                try:
                    self.db.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
            if isinstance(exc, sqlite3.Error):
                raise StoreError(self.path, exc) from None
            raise

    @property
    def version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply every migration newer than the file's version, each in its own transaction."""
        if self.version >= len(MIGRATIONS):
            return
        with self.transaction() as db:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])  # re-read under the lock
            for number, step in enumerate(MIGRATIONS[current:], start=current + 1):
                step(db)
                db.execute(f"PRAGMA user_version = {number}")

    # Sessions -----------------------------------------------------------------------------------

    def start_session(self, problem: str, file: str, minutes: float, stub_hash: str, now: float | None = None,
                      pack: str | None = None) -> Session:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO sessions (problem, file, started_at, minutes, stub_hash, pack) VALUES (?, ?, ?, ?, ?, ?)",
                (problem, file, now if now is not None else time.time(), minutes, stub_hash, pack),
            )
            db.execute("INSERT OR REPLACE INTO active (only, session_id) VALUES (1, ?)", (cur.lastrowid,))
        session = self.session(int(cur.lastrowid))  # type: ignore[arg-type]
        assert session is not None
        return session

    def session(self, session_id: int) -> Session | None:
        row = self.db.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return Session._from(row) if row else None

    def current_session(self) -> Session | None:
        """The active session, ended or not: the one ``check`` grades by default (none after a reset removes it)."""
        row = self.db.execute(
            "SELECT s.* FROM active a JOIN sessions s ON s.id = a.session_id WHERE a.only = 1"
        ).fetchone()
        return Session._from(row) if row else None

    def sessions(self) -> list[Session]:
        """Every session, oldest first."""
        return [Session._from(r) for r in self.db.execute("SELECT * FROM sessions ORDER BY started_at, id")]

    def remembered_packs(self) -> list[str]:
        """The pack the current session was started from, unless built-in: where to find its problem."""
        current = self.current_session()
        return [current.pack] if current is not None and current.pack else []

    def latest_session(self, problem: str) -> Session | None:
        row = self.db.execute(
            "SELECT * FROM sessions WHERE problem = ? ORDER BY started_at DESC, id DESC LIMIT 1", (problem,)
        ).fetchone()
        return Session._from(row) if row else None

    def mark_passed(self, session_id: int, elapsed_s: float) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET first_pass_s = ? WHERE id = ? AND first_pass_s IS NULL", (elapsed_s, session_id)
            )

    def end_session(self, session_id: int, reason: EndReason, result: Result, now: float | None = None) -> None:
        """End an attempt once; a second end (a race between two commands) changes nothing."""
        with self.transaction() as db:
            db.execute(
                "UPDATE sessions SET ended_at = ?, end_reason = ?, result = ? WHERE id = ? AND ended_at IS NULL",
                (now if now is not None else time.time(), reason, result, session_id),
            )

    # Events -------------------------------------------------------------------------------------

    def record_check(self, check: Check) -> None:
        row = asdict(check)
        row["mistakes"] = ",".join(check.mistakes)
        cols = ", ".join(row)
        with self.transaction() as db:
            db.execute(f"INSERT INTO checks ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values()))

    def checks_in(self, session_id: int) -> int:
        return int(self.db.execute("SELECT COUNT(*) FROM checks WHERE session_id = ?", (session_id,)).fetchone()[0])

    def record_hint(self, session_id: int | None, problem: str, hint_index: int, now: float | None = None) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO hints (session_id, problem, hint_index, at) VALUES (?, ?, ?, ?)",
                (session_id, problem, hint_index, now if now is not None else time.time()),
            )

    def hints_taken(self, session_id: int | None, problem: str, before: float | None = None) -> int:
        """How many hints this attempt has seen (outside a session: for the problem, ever); ``before``: by then."""
        args: tuple[object, ...]
        if session_id is None:
            sql, args = "SELECT MAX(hint_index) + 1 FROM hints WHERE problem = ? AND session_id IS NULL", (problem,)
        else:
            sql, args = "SELECT MAX(hint_index) + 1 FROM hints WHERE session_id = ?", (session_id,)
        if before is not None:
            sql, args = sql + " AND at <= ?", (*args, before)
        return int(self.db.execute(sql, args).fetchone()[0] or 0)

    def hints_in_sessions(self) -> int:
        """Hints taken inside attempts (a hint for a scratch file belongs to no attempt)."""
        return int(self.db.execute("SELECT COUNT(*) FROM hints WHERE session_id IS NOT NULL").fetchone()[0])

    def record_reveal(self, session_id: int | None, problem: str, before_pass: bool) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reveals (session_id, problem, at, before_pass) VALUES (?, ?, ?, ?)",
                (session_id, problem, time.time(), int(before_pass)),
            )

    def record_review(self, problem: str, session_id: int | None, rating: Rating, reviewed_at: float,
                      due_at: float, card: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO reviews (problem, session_id, rating, reviewed_at, due_at, card) VALUES (?, ?, ?, ?, ?, ?)",
                (problem, session_id, rating, reviewed_at, due_at, card),
            )

    def latest_review(self, problem: str) -> Review | None:
        row = self.db.execute(
            "SELECT * FROM reviews WHERE problem = ? ORDER BY reviewed_at DESC, id DESC LIMIT 1", (problem,)
        ).fetchone()
        if row is None:
            return None
        _literal(row["rating"], Rating)
        return Review(**dict(row))

    def due_dates(self) -> dict[str, float]:
        """Each reviewed problem's next due time (from its latest review)."""
        rows = self.db.execute(
            "SELECT problem, due_at FROM reviews r WHERE id = "
            "(SELECT id FROM reviews WHERE problem = r.problem ORDER BY reviewed_at DESC, id DESC LIMIT 1)"
        )
        return {r["problem"]: r["due_at"] for r in rows}

    def open_sessions(self) -> list[Session]:
        return [Session._from(r) for r in self.db.execute("SELECT * FROM sessions WHERE ended_at IS NULL")]

    def backup(self, dest: Path) -> None:
        """A consistent copy of the whole database (SQLite's online backup)."""
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            target = sqlite3.connect(str(dest))
            try:
                self.db.backup(target)
            finally:
                target.close()
        except OSError as exc:
            raise MlprepError(f"cannot write the backup {dest} ({exc.strerror}): nothing was cleared", code=1) from None
        except sqlite3.Error as exc:
            raise StoreError(dest, exc) from None

    def reset(self, problem: str | None) -> int:
        """Forget the history of one problem (or all): every table, one transaction. Returns sessions removed."""
        where, args = ("WHERE problem = ?", (problem,)) if problem else ("", ())
        with self.transaction() as db:
            removed = db.execute(f"SELECT COUNT(*) FROM sessions {where}", args).fetchone()[0]
            if problem:
                db.execute("DELETE FROM mocks WHERE session_id IN (SELECT id FROM sessions WHERE problem = ?)", args)
            else:
                db.execute("DELETE FROM mocks")
            for table in ("reviews", "reveals", "hints", "checks", "sessions"):
                db.execute(f"DELETE FROM {table} {where}", args)
        return int(removed)

    def start_mock(self, session_id: int, plan: str) -> int:
        with self.transaction() as db:
            cur = db.execute("INSERT INTO mocks (session_id, plan) VALUES (?, ?)", (session_id, plan))
        return int(cur.lastrowid)  # type: ignore[arg-type]

    def mock_for(self, session_id: int) -> Mock | None:
        row = self.db.execute("SELECT * FROM mocks WHERE session_id = ?", (session_id,)).fetchone()
        return Mock(**dict(row)) if row else None

    def open_mock(self) -> Mock | None:
        """The mock interview not yet scored, if any (at most one runs at a time)."""
        row = self.db.execute("SELECT * FROM mocks WHERE ended_at IS NULL ORDER BY id DESC LIMIT 1").fetchone()
        return Mock(**dict(row)) if row else None

    def show_part(self, mock_id: int, parts: int) -> None:
        with self.transaction() as db:
            db.execute("UPDATE mocks SET parts_shown = MAX(parts_shown, ?) WHERE id = ?", (parts, mock_id))

    def end_mock(self, mock_id: int, verdict: str, scorecard: str, path: str | None) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE mocks SET ended_at = ?, verdict = ?, scorecard = ?, scorecard_path = ? WHERE id = ? AND ended_at IS NULL",
                (time.time(), verdict, scorecard, path, mock_id),
            )

    def session_mistakes(self, session_id: int) -> list[str]:
        """Every mistake diagnosed (first-ranked) by the checks of one attempt, in order, once each."""
        seen: list[str] = []
        for row in self.db.execute("SELECT mistakes FROM checks WHERE session_id = ? ORDER BY at", (session_id,)):
            first = _mistakes(row["mistakes"])[:1]
            if first and first[0] not in seen:
                seen.append(first[0])
        return seen

    def mistakes_per_session(self) -> dict[int, list[str]]:
        """Per attempt, its first-ranked mistakes once each; checks of scratch files (no attempt) are left out."""
        out: dict[int, list[str]] = {}
        for row in self.db.execute(
            "SELECT DISTINCT session_id FROM checks WHERE session_id IS NOT NULL AND mistakes != ''"
        ):
            out[row["session_id"]] = self.session_mistakes(row["session_id"])
        return out

    def check_times(self) -> list[float]:
        """When every check ran (practice days count checks of scratch files too)."""
        return [r[0] for r in self.db.execute("SELECT at FROM checks")]

    def history(self) -> dict[str, ProblemHistory]:
        """Per problem: attempts, whether it was ever passed, the best time to pass, an open attempt."""
        out: dict[str, ProblemHistory] = {}
        rows = self.db.execute(
            """SELECT problem, COUNT(*) AS attempts, MIN(first_pass_s) AS best,
                      MAX(first_pass_s IS NOT NULL) AS passed, MAX(ended_at IS NULL) AS open
               FROM sessions GROUP BY problem"""
        )
        for r in rows:
            out[r["problem"]] = ProblemHistory(r["problem"], r["attempts"], bool(r["passed"]), r["best"], bool(r["open"]))
        for r in self.db.execute("SELECT problem, MAX(passed) AS passed FROM checks GROUP BY problem"):
            if r["problem"] not in out:
                out[r["problem"]] = ProblemHistory(r["problem"], 0, bool(r["passed"]), None, False)
            elif r["passed"]:
                out[r["problem"]].passed = True
        return out


def close_all() -> None:
    """Close every store still open (before a fast exit skips the interpreter's own clean-up)."""
    for store in list(_OPEN):
        store.close()


def open_store() -> Store:
    """The user's store in the state folder; read-only (every write a StoreError) if the folder is."""
    from mlprep.home import home

    path = home() / "mlprep.db"
    try:
        return Store(path)
    except StoreError:
        if not path.is_file():
            raise
        try:
            return Store(path, read_only=True)
        except StoreError:
            pass
        raise
