"""The practice schedule (fsrs), `next`, `stats` and `reset`."""

from __future__ import annotations

import gc
import json
import shlex
import sqlite3
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fsrs import Card, Rating, Scheduler

from mlprep import practice, schedule
from mlprep.store import Store, close_all

T0 = 1_800_000_000.0
DAY = 86400.0


@pytest.fixture(autouse=True)
def no_fuzz(monkeypatch):
    monkeypatch.setenv("MLPREP_FSRS_FUZZ", "0")


def attempt(store: Store, tmp_path: Path, problem: str, start: float, *, pass_at: float | None = None,
            hints: int = 0, minutes: float = 45, reveal: bool = False) -> None:
    """One scripted attempt: the file differs from the stub, so a failure is a failure, not 'no attempt'."""
    work = tmp_path / f"{problem}-{start}.py"
    work.write_text("# my attempt\n")
    session = store.start_session(problem, str(work), minutes, "stub-hash", now=start)
    for i in range(hints):
        store.record_hint(session.id, problem, i, now=start + 60 * (i + 1))
    if pass_at is not None:
        store.mark_passed(session.id, pass_at)
    if reveal:
        practice.reveal(store, problem, store.session(session.id))
    else:
        practice.finish_if_time_up(store, store.session(session.id), now=start + minutes * 60 + 1)


@pytest.mark.parametrize("pass_at, hints, reveal, expected", [
    (600.0, 0, False, "Easy"), (2000.0, 0, False, "Good"), (2000.0, 2, False, "Hard"),
    (None, 0, False, "Again"), (None, 1, True, "Again"), (600.0, 0, True, "Easy"),
])
def test_each_outcome_gets_its_rating(tmp_path, pass_at, hints, reveal, expected):
    store = Store(tmp_path / "s.db")
    attempt(store, tmp_path, "softmax", T0, pass_at=pass_at, hints=hints, reveal=reveal)
    assert store.latest_review("softmax").rating == expected


def test_an_untouched_stub_is_not_reviewed(tmp_path):
    store = Store(tmp_path / "s.db")
    stub = tmp_path / "top_k.py"
    stub.write_text("stub")
    session = store.start_session("top_k", str(stub), 30, practice.digest("stub"), now=T0)
    ended = practice.finish_if_time_up(store, session, now=T0 + 31 * 60)
    assert ended.result == "no_attempt" and store.latest_review("top_k") is None


def test_the_schedule_matches_fsrs_for_scripted_outcomes(tmp_path):
    store = Store(tmp_path / "s.db")
    script = [(T0, 600.0, 0), (T0 + 3 * DAY, None, 0), (T0 + 5 * DAY, 2000.0, 1), (T0 + 20 * DAY, 1500.0, 0)]
    for start, pass_at, hints in script:
        attempt(store, tmp_path, "attention", start, pass_at=pass_at, hints=hints)
    rows = store.db.execute("SELECT rating, reviewed_at, due_at FROM reviews ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["Easy", "Again", "Hard", "Good"]
    fsrs = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card()
    for rating, reviewed_at, due_at in rows:
        card, _ = fsrs.review_card(card, Rating[rating], review_datetime=datetime.fromtimestamp(reviewed_at, timezone.utc))
        assert card.due.timestamp() == pytest.approx(due_at)
    assert store.due_dates()["attention"] == pytest.approx(card.due.timestamp())


def test_plan_puts_due_problems_first_then_one_new(tmp_path):
    from mlprep import catalog

    store = Store(tmp_path / "s.db")
    attempt(store, tmp_path, "softmax", T0, pass_at=None)        # Again: due soon
    attempt(store, tmp_path, "top_k", T0, pass_at=300.0, minutes=30)   # Easy: due much later
    entries = catalog.index(catalog.pack_dirs())
    plan = schedule.plan(store, entries, T0 + 30 * DAY)
    assert [s.entry.id for s in plan][:2] == ["softmax", "top_k"]
    assert "due" in plan[0].reason and plan[-1].reason.startswith("new")
    assert plan[-1].entry.id not in ("softmax", "top_k")
    soon = schedule.plan(store, entries, T0 + DAY / 2)
    assert [s.entry.id for s in soon] == [plan[-1].entry.id]  # nothing due yet: just one new problem


def test_next_stats_and_list_from_the_command_line(run, isolated):
    from conftest import reference

    run("start", "softmax", "--minutes", "1")
    (isolated / "softmax.py").write_text(reference("softmax"))
    assert run("check").exit_code == 0
    with sqlite3.connect(str(isolated.parent / "home" / "mlprep.db")) as conn:
        conn.execute("UPDATE sessions SET started_at = started_at - 120")
    out = run("next").stdout
    assert "Practise today" in out and "new" in out
    listed = run("list").stdout
    row = next(line for line in listed.splitlines() if " softmax " in line)
    assert "passed" in row and ("in " in row or "tomorrow" in row)
    data = json.loads(run("stats", "--json").stdout)
    assert data["attempts"] == 1 and data["passes"] == 1 and data["pass_rate"] == 1.0
    assert data["problems"][0]["problem"] == "softmax" and data["problems"][0]["due_at"] is not None
    text = run("stats").stdout
    assert "1 attempt, 1 passed (100%)" in text and "█" in text


def test_reset_asks_backs_up_clears_and_says_how_to_restore(run, isolated):
    run("start", "top_k")
    declined = run("reset", "top_k", input="n\n")
    assert declined.exit_code == 0 and "Nothing was cleared." in declined.stdout and not declined.stderr
    assert "top_k" in run("status").stdout
    done = run("reset", "top_k", "--yes")
    assert done.exit_code == 0 and "backed up" in done.stdout, (done.stdout, done.stderr)
    backups = list((isolated.parent / "home" / "backups").glob("*.db"))
    assert len(backups) == 1
    with sqlite3.connect(str(backups[0])) as conn:
        assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    assert run("status").exit_code == 2  # no session any more
    restore = next(line.strip() for line in done.stdout.splitlines() if line.strip().startswith("cp "))
    database = str(isolated.parent / "home" / "mlprep.db")
    assert shlex.split(restore) == ["cp", str(backups[0]), database, "&&", "rm", "-f", database + "-wal", database + "-shm"]
    gc.collect()  # "with no mlprep command running": the commands run in this process leave connections behind
    close_all()
    subprocess.run(restore, shell=True, check=True)  # the printed command undoes the reset
    assert "top_k" in run("status").stdout
    assert run("reset").exit_code == 2 and run("reset", "top_k", "--all").exit_code == 2
