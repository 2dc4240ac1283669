"""A session remembers the pack it was started from: later verbs find its problem without --problems."""

from __future__ import annotations

import sqlite3

from conftest import TINY_PACK

from mlprep.store import MIGRATIONS, Store


def test_hint_check_status_and_reveal_find_a_pack_problem_without_problems(run, isolated):
    started = run("--problems", str(TINY_PACK), "start", "double")
    assert started.exit_code == 0, started.stdout
    solution = "# mlprep: double\nimport numpy as np\n\ndef double(x):\n    return 2.0 * np.asarray(x)\n"
    (isolated / "double.py").write_text(solution)
    hint = run("hint")
    assert hint.exit_code == 0 and "hint 1 of 3" in hint.stdout
    checked = run("check", "--no-efficiency")
    assert "unknown problem" not in checked.stderr and "3 passed, 1 failed" in checked.stdout
    assert "double" in run("status").stdout
    assert run("reveal", "--yes").exit_code == 0


def test_a_builtin_session_remembers_no_pack(run, isolated):
    run("start", "softmax")
    store = Store(isolated.parent / "home" / "mlprep.db")
    assert store.current_session().pack is None


def test_a_pack_that_is_gone_is_skipped_and_the_error_is_the_usual_one(run, isolated, tmp_path):
    import shutil

    pack = tmp_path / "gone"
    shutil.copytree(TINY_PACK, pack)
    run("--problems", str(pack), "start", "double")
    shutil.rmtree(pack)
    result = run("hint")
    assert result.exit_code == 2 and "unknown problem 'double'" in result.stderr


def test_an_old_database_gains_the_pack_column(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path, isolation_level=None)
    for step in MIGRATIONS[:3]:
        step(db)
    db.execute("PRAGMA user_version = 3")
    db.execute("INSERT INTO sessions (problem, file, started_at, minutes, stub_hash) VALUES ('softmax', '/x.py', 1, 45, 'h')")
    db.close()
    store = Store(path)
    assert store.version == len(MIGRATIONS)
    assert store.session(1).pack is None
