"""The SQLite store: migrations, an old database upgrading, and a killed writer leaving it valid."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

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


# The history when the file or its folder misbehaves: one line, never a traceback, never a lost verdict.

GOOD = (
    "# mlprep: double\nimport numpy as np\n\ndef double(x):\n    return 2 * np.asarray(x)\n\n\n"
    "def halve(x):\n    return np.asarray(x) / 2.0\n"
)


def test_a_locked_database_costs_a_warning_never_the_verdict(run, write, tiny, monkeypatch):
    import json
    import os

    monkeypatch.setattr("mlprep.store.BUSY_SECONDS", 0.2)
    write("sol.py", GOOD)
    assert run("list").exit_code == 0
    locker = sqlite3.connect(Path(os.environ["MLPREP_HOME"]) / "mlprep.db", isolation_level=None)
    locker.execute("BEGIN IMMEDIATE")  # another process holds the write lock past the busy timeout
    result = run("check", "sol.py", "--json")
    locker.execute("ROLLBACK")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["passed"] is True  # the JSON is whole
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("warning: this check was not recorded: your history (")
    assert "is locked by another program (database is locked)" in line
    assert Store(Path(os.environ["MLPREP_HOME"]) / "mlprep.db").db.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 0


@pytest.mark.parametrize("args", [["list"], ["reset", "--all", "--yes"], ["stats"], ["check", "sol.py"]])
def test_a_corrupt_database_is_one_line_that_says_what_to_do(run, write, tiny, args):
    import os

    write("sol.py", GOOD)
    path = Path(os.environ["MLPREP_HOME"]) / "mlprep.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database, whatever its name says" * 100)
    result = run(*args)
    assert result.exit_code == 1
    (line,) = result.output.strip().splitlines()
    assert line == (
        f"error: your history ({path}) is damaged (file is not a database): move it aside to start afresh, "
        f"or copy back a backup from {path.parent / 'backups'} (`mlprep reset` makes one before clearing)"
    )


def _read_only_home(folder: Path):
    """A process confined (Landlock, which binds root too) to writing inside ``folder`` only."""
    from mlprep.engine.sandbox import restrict_writes

    return lambda: restrict_writes(str(folder))


needs_landlock = pytest.mark.skipif(
    __import__("mlprep.engine.sandbox", fromlist=["x"]).landlock_abi() < 1,
    reason="a read-only state folder is simulated with Landlock (this runs as root), absent here",
)


@needs_landlock
def test_a_read_only_state_folder_grades_and_warns(run, write, tiny, tmp_path):
    import json
    import os

    write("sol.py", GOOD)
    assert run("check", "sol.py").exit_code == 0  # the history exists, one check in it
    writable = tmp_path / "writable"
    writable.mkdir()
    env = dict(os.environ, TMPDIR=str(writable))
    mlprep = [sys.executable, "-m", "mlprep"]
    checked = subprocess.run([*mlprep, "check", "sol.py", "--json"], env=env, capture_output=True, text=True,
                             preexec_fn=_read_only_home(writable), timeout=120)
    assert checked.returncode == 0 and json.loads(checked.stdout)["passed"]
    (line,) = checked.stderr.strip().splitlines()
    assert line.startswith("warning: this check was not recorded: your history (") and "cannot be written" in line
    listed = subprocess.run([*mlprep, "list"], env=env, capture_output=True, text=True,
                            preexec_fn=_read_only_home(writable), timeout=120)
    assert listed.returncode == 0 and "double" in listed.stdout
    reset = subprocess.run([*mlprep, "reset", "--all", "--yes"], env=env, capture_output=True, text=True,
                           preexec_fn=_read_only_home(writable), timeout=120)
    assert reset.returncode == 1 and "Traceback" not in reset.stderr
    assert len(reset.stderr.strip().splitlines()) == 1 and "nothing was cleared" in reset.stderr


def test_a_file_size_limit_costs_a_warning_never_the_verdict(run, write, tiny):
    import json
    import os
    import resource

    write("sol.py", GOOD)
    assert run("check", "sol.py").exit_code == 0
    home = Path(os.environ["MLPREP_HOME"])
    size = sum(p.stat().st_size for p in home.glob("mlprep.db*"))

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    checked = subprocess.run([sys.executable, "-m", "mlprep", "check", "sol.py", "--json"], capture_output=True,
                             text=True, preexec_fn=small_files, timeout=120)
    assert checked.returncode == 0 and json.loads(checked.stdout)["passed"]
    assert "Traceback" not in checked.stderr
    assert len(checked.stderr.strip().splitlines()) <= 1
