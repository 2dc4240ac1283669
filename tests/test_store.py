"""The SQLite store: migrations, an old database upgrading, and a killed writer leaving it valid."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from mlprep.store import MIGRATIONS, Store


def test_a_new_database_is_at_the_newest_version(tmp_path: Path):
    store = Store(tmp_path / "s.db")
    assert store.version == len(MIGRATIONS)
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_old_database_upgrades_and_keeps_its_rows(tmp_path: Path, monkeypatch):
    path = tmp_path / "s.db"
    Store(path).start_session("softmax", "/x/softmax.py", 45, "abc", now=100.0)

    def _m002_note(db: sqlite3.Connection) -> None:
        db.execute("ALTER TABLE sessions ADD COLUMN note TEXT")

    monkeypatch.setattr("mlprep.store.MIGRATIONS", [*MIGRATIONS, _m002_note])
    store = Store(path)
    assert store.version == len(MIGRATIONS) + 1
    assert [tuple(r) for r in store.db.execute("SELECT problem, note FROM sessions")] == [("softmax", None)]


def test_a_process_killed_mid_write_leaves_the_database_valid(tmp_path: Path):
    path = tmp_path / "s.db"
    Store(path).start_session("top_k", "/x/top_k.py", 30, "abc", now=5.0)
    script = f"""
import os
from mlprep.store import Store
s = Store({str(path)!r})
s.db.execute("BEGIN IMMEDIATE")
s.db.execute("INSERT INTO hints (session_id, problem, hint_index, at) VALUES (1, 'top_k', 0, 1.0)")
os._exit(9)  # killed before COMMIT
"""
    assert subprocess.run([sys.executable, "-c", script]).returncode == 9
    store = Store(path)
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert store.hints_taken(1, "top_k") == 0
    assert store.current_session().problem == "top_k"


def test_ending_an_attempt_twice_keeps_the_first_end(tmp_path: Path):
    store = Store(tmp_path / "s.db")
    session = store.start_session("attention", "/x/a.py", 45, "abc")
    store.end_session(session.id, "revealed", "revealed", now=10.0)
    store.end_session(session.id, "time_up", "failed", now=20.0)
    ended = store.session(session.id)
    assert (ended.end_reason, ended.result, ended.ended_at) == ("revealed", "revealed", 10.0)
