"""The practice loop through the command line, as a candidate uses it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from conftest import reference

from mlprep import __version__


def db(isolated: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(isolated.parent / "home" / "mlprep.db"))


def age_session(isolated: Path, seconds: float) -> None:
    """Move the active session's start back in time, as if the candidate had been working."""
    with db(isolated) as conn:
        conn.execute("UPDATE sessions SET started_at = started_at - ?", (seconds,))


def test_version_and_help(run):
    assert run("--version").stdout.strip() == f"mlprep {__version__}"
    out = run("--help").stdout
    for verb in ("list", "start", "check", "hint", "status", "reveal", "validate"):
        assert verb in out
    assert "--json" in run("check", "--help").stdout


def test_list_shows_the_problems(run):
    out = run("list").stdout
    for pid in ("attention", "softmax", "top_k"):
        assert pid in out
    assert "new" in out


def test_start_writes_a_headed_stub_and_shows_the_prompt(run, isolated):
    result = run("start", "attention")
    assert result.exit_code == 0
    stub = (isolated / "attention.py").read_text()
    assert stub.startswith("# mlprep: attention\n")
    assert "def scaled_dot_product_attention(Q, K, V, mask=None):" in stub
    assert "def causal_mask(seq_len):" in stub
    assert "45 minutes" in result.stdout
    assert "Q = np.array([[1.0, 0.0], [0.0, 1.0]])" in result.stdout and "Think aloud" in result.stdout


@pytest.mark.parametrize("query", ["1", "att", "top-k", "TOP_K", "11", "soft"])
def test_problems_resolve_by_number_prefix_and_dash(run, isolated, query):
    assert run("start", query).exit_code == 0


@pytest.mark.parametrize("query, words", [("nope", "unknown problem"), ("99", "no problem number 99")])
def test_unknown_problem_is_a_usage_error(run, query, words):
    result = run("start", query)
    assert result.exit_code == 2 and words in result.stderr


def test_start_never_overwrites(run, isolated):
    run("start", "softmax")
    mine = isolated / "softmax.py"
    mine.write_text("# mlprep: softmax\n# my work\n")
    result = run("start", "softmax")
    assert result.exit_code == 2 and "never overwrites" in result.stderr
    assert mine.read_text() == "# mlprep: softmax\n# my work\n"
    result = run("start", "softmax", "--force")
    assert result.exit_code == 0
    backups = list(isolated.glob("softmax.*.bak.py"))
    assert len(backups) == 1 and backups[0].read_text() == "# mlprep: softmax\n# my work\n"
    assert backups[0].name in result.stdout


def test_check_the_stub_fails_then_the_reference_passes(run, isolated):
    run("start", "attention", "--minutes", "30")
    failing = run("check")
    assert failing.exit_code == 1
    assert "NotImplementedError" in failing.stdout and "0 passed" in failing.stdout
    (isolated / "attention.py").write_text(reference("attention"))
    passing = run("check")
    assert passing.exit_code == 0
    assert "All correctness tests passed" in passing.stdout
    assert "left" in passing.stdout  # the clock
    status = run("status").stdout
    assert "attention" in status and "passed at" in status and "checks" in status


def test_check_json_has_the_stable_shape(run, isolated):
    run("start", "top_k")
    data = json.loads(run("check", "--json").stdout)
    assert set(data) == {"problem", "file", "passed", "tests", "efficiency", "diagnosis", "elapsed_s", "remaining_s"}
    assert data["problem"] == "top_k" and data["passed"] is False
    assert data["elapsed_s"] >= 0 and data["remaining_s"] > 0
    hidden = next(t for t in data["tests"] if t["category"] == "hidden")
    assert set(hidden) == {"name", "part", "category", "status", "message", "seconds", "output"}
    example = data["tests"][0]  # a failing visible example shows its values, before the attempt ends too
    assert example["category"] == "example" and example["status"] == "error"
    assert set(example) == set(hidden) | {"inputs", "expected", "actual"}
    categories = {t["category"] for t in data["tests"]}
    assert {"example", "hidden", "edge", "efficiency"} <= categories
    assert data["efficiency"][0]["status"] == "skipped"


def test_check_names_a_classic_mistake(run, write):
    buggy = reference("softmax").replace("    return grad / n", "    return grad")
    write("mine.py", buggy)
    data = json.loads(run("check", "mine.py", "--json").stdout)
    assert [d["mistake"] for d in data["diagnosis"]] == ["grad_not_divided_by_n"]
    assert data["elapsed_s"] is None and data["remaining_s"] is None
    out = run("check", "mine.py").stdout
    assert "Gradient not divided by N" in out and "Part 1 passed" in out


def test_check_examples_only(run, write):
    write("mine.py", reference("softmax"))
    data = json.loads(run("check", "mine.py", "--examples", "--json").stdout)
    assert data["passed"] and {t["category"] for t in data["tests"]} == {"example"}


def test_problem_comes_from_option_header_or_names(run, write):
    body = reference("top_k").split("\n", 1)[1]  # no header line
    write("anon.py", body)
    assert json.loads(run("check", "anon.py", "--json").stdout)["problem"] == "top_k"
    assert json.loads(run("check", "anon.py", "--problem", "11", "--json").stdout)["problem"] == "top_k"
    write("nothing.py", "x = 1\n")
    result = run("check", "nothing.py")
    assert result.exit_code == 2 and "--problem" in result.stderr


def test_usage_errors_exit_2(run):
    assert run("check").exit_code == 2  # no session, no file
    result = run("check", "missing.py")
    assert result.exit_code == 2 and "no such file" in result.stderr
    assert run("status").exit_code == 2
    assert run("check", "--problem", "nope", "x.py").exit_code == 2


def test_hints_come_in_order_and_are_recorded(run, isolated):
    run("start", "softmax")
    first, second = run("hint").stdout, run("hint").stdout
    assert "hint 1 of" in first and "hint 2 of" in second
    hints_row = next(line for line in run("status").stdout.splitlines() if "│ hints" in line)
    assert hints_row.split("│")[2].strip() == "2"
    with db(isolated) as conn:
        assert [r[0] for r in conn.execute("SELECT hint_index FROM hints ORDER BY id")] == [0, 1]


def test_reveal_asks_first_and_can_be_declined(run, isolated):
    run("start", "attention")
    declined = run("reveal", input="n\n")
    assert declined.exit_code == 0 and "Reference solution" not in declined.stdout
    assert "Not revealed: your attempt goes on" in declined.stdout and not declined.stderr  # information, not an error
    shown = run("reveal", input="y\n")
    assert shown.exit_code == 0
    for section in ("thinks aloud", "Reference solution", "Senior insights", "Follow-up questions", "Common mistakes"):
        assert section.lower() in shown.stdout.lower()
    assert "def scaled_dot_product_attention" in shown.stdout
    assert "revealed" in run("status").stdout
    with db(isolated) as conn:
        assert conn.execute("SELECT before_pass FROM reveals").fetchone()[0] == 1


def test_reveal_does_not_ask_after_a_pass(run, isolated):
    run("start", "softmax")
    (isolated / "softmax.py").write_text(reference("softmax"))
    assert run("check").exit_code == 0
    assert run("reveal").exit_code == 0


def test_after_the_attempt_ends_failures_show_inputs_and_expected(run, isolated):
    run("start", "softmax")
    (isolated / "softmax.py").write_text(reference("softmax").replace("return grad / n", "return grad"))
    hidden = json.loads(run("check", "--json").stdout)
    assert all("expected" not in t for t in hidden["tests"] if t["category"] != "example")
    run("reveal", "--yes")
    shown = json.loads(run("check", "--json").stdout)
    failing = [t for t in shown["tests"] if t["status"] != "pass"]
    assert failing and all({"inputs", "expected", "actual"} <= set(t) for t in failing)


def test_time_up_records_no_attempt_for_an_untouched_stub(run, isolated):
    run("start", "top_k", "--minutes", "1")
    age_session(isolated, 120)
    out = run("status").stdout
    assert "ended: time ran out before any attempt" in out and "over time" in out and "time_up:" not in out
    assert run("reveal").exit_code == 0  # no confirmation once time is up


def test_time_up_after_a_failed_attempt_and_checks_marked_over_time(run, isolated):
    run("start", "top_k", "--minutes", "1")
    (isolated / "top_k.py").write_text(reference("top_k").replace("sorted(heap, reverse=True)", "sorted(heap)"))
    age_session(isolated, 90)
    result = run("check")
    assert result.exit_code == 1 and "Over time" in result.stdout
    assert "ended: time ran out before the tests passed" in run("status").stdout
    with db(isolated) as conn:
        assert conn.execute("SELECT over_time FROM checks").fetchone()[0] == 1


def test_list_shows_progress(run, isolated):
    run("start", "softmax")
    (isolated / "softmax.py").write_text(reference("softmax"))
    run("check")
    row = next(line for line in run("list").stdout.splitlines() if "softmax" in line)
    assert "passed" in row and "0:0" in row


def test_problem_pack_from_option_and_environment(run, write, tiny):
    out = run("list").stdout
    numbers = {line.split()[1]: int(line.split()[0]) for line in out.splitlines() if line.split()[:1] != ["#"]
               and line.split()[:1] and line.split()[0].isdigit()}
    assert numbers["double"] == max(n for pid, n in numbers.items() if pid not in ("double", "spread")) + 1  # after the built-ins
    write("d.py", "# mlprep: double\ndef double(x):\n    return 2 * x\n\ndef halve(x):\n    return x / 2\n")
    assert run("check", "d.py").exit_code == 0


def test_problem_pack_option(run, tiny, monkeypatch):
    monkeypatch.delenv("MLPREP_PROBLEMS")
    assert "double" not in run("list").stdout
    assert "double" in run("--problems", str(tiny), "list").stdout
    bad = run("--problems", "/nonexistent", "list")
    assert bad.exit_code == 2 and "not a problem pack" in bad.stderr


def test_brackets_in_messages_and_mistakes_are_shown_not_eaten(run, write, tiny, tmp_path, monkeypatch):
    import shutil

    from conftest import TINY_PACK

    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    yaml_path = pack / "problems" / "double.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("title: Multiplied by three", "title: params[name] times three"))
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    write("d.py", "# mlprep: double\nimport numpy as np\ndef double(x):\n    return 3.0 * np.asarray(x)\n")
    out = run("check", "d.py").stdout
    assert "params[name] times three" in out
    write("e.py", "# mlprep: double\ndef double(x):\n    raise KeyError('[bold]w[/bold]')\n")
    assert "[bold]w[/bold]" in run("check", "e.py").stdout
    write("f.py", "# mlprep: double\ndef double(x):\n    raise ValueError('ratio:smile: in row 3')\n")
    assert "ratio:smile: in row 3" in run("check", "f.py").stdout  # text, never an emoji


def mlprep(*args: str) -> subprocess.CompletedProcess[str]:
    """The console script as a shell runs it, in a real process."""
    import sys

    return subprocess.run([sys.executable, "-m", "mlprep", *args], capture_output=True, text=True, timeout=120)


def test_the_real_process_says_everything_keeps_its_exit_code_and_closes_the_database(isolated):
    (isolated / "softmax.py").write_text(reference("softmax"))
    proc = mlprep("check", "softmax.py", "--json")
    assert proc.returncode == 0 and json.loads(proc.stdout)["passed"], proc.stderr
    home = isolated.parent / "home"
    assert not (home / "mlprep.db-wal").exists()  # closed, so checkpointed, before the process left
    with db(isolated) as conn:
        assert conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 1
    start = mlprep("start", "softmax")  # the file exists: a usage error, said in full
    assert start.returncode == 2 and "softmax.py" in start.stderr + start.stdout
    listed = mlprep("list")
    assert listed.returncode == 0 and listed.stdout.rstrip().endswith("(an id, a number or a unique prefix).")


def test_a_bug_in_mlprep_still_shows_its_traceback(isolated, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(isolated))
    (isolated / "sitecustomize.py").write_text(
        "import mlprep.catalog\n"
        "def broken(*a, **k):\n    raise RuntimeError('a bug in mlprep')\n"
        "mlprep.catalog.index = broken\n"
    )
    proc = mlprep("list")
    assert proc.returncode == 1 and "Traceback" in proc.stderr and "a bug in mlprep" in proc.stderr


def test_a_near_miss_suggests_the_closest_id(run):
    result = run("start", "attentoin")
    assert result.exit_code == 2 and "did you mean attention?" in result.stderr


def test_checking_a_folder_says_it_is_a_folder(run, isolated):
    (isolated / "adir").mkdir()
    result = run("check", "adir")
    assert result.exit_code == 2 and "adir is a folder" in result.stderr and "no such file" not in result.stderr


def test_shell_completion_follows_typers_convention(run):
    assert "--install-completion" in run("--help").stdout
    script = run("--show-completion", "bash").stdout
    assert "complete -o default -F" in script and "_COMPLETE=complete_bash" in script


@pytest.mark.parametrize("args", [["--help"], ["list"]])
def test_help_and_list_import_no_engine_numpy_pandas_or_rich(isolated, args):
    import sys

    mlprep("list")  # the first run in a new state folder builds the problem index; later ones read it
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "mlprep", *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    imported = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if line.startswith("import time:")}
    heavy = {m for m in imported if m.split(".")[0] in ("numpy", "pandas", "rich", "pydantic", "fsrs")}
    assert not heavy and not {m for m in imported if m.startswith("mlprep.engine")}, sorted(heavy)


def test_after_resetting_the_active_problem_there_is_no_active_session(run, isolated):
    (isolated / "old").mkdir()
    run("start", "softmax", "--dir", "old")
    run("start", "batchnorm")
    assert run("reset", "batchnorm", "-y").exit_code == 0
    for verb in ("status", "check", "hint"):
        result = run(verb)
        assert result.exit_code == 2 and "no active session" in result.stderr, (verb, result.stderr)
    with db(isolated) as conn:
        assert conn.execute("SELECT COUNT(*) FROM hints").fetchone()[0] == 0
        assert conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 0
    assert "softmax" in run("check", "old/softmax.py").stdout  # the old attempt is still there, by name


def test_starting_another_problem_says_what_happens_to_the_open_attempt(run, isolated):
    run("start", "softmax", "--minutes", "30")
    second = run("start", "top_k")
    assert second.exit_code == 0
    said = " ".join(second.stdout.split())
    assert "Your attempt at softmax stays open" in said and "keeps running" in said
    assert "mlprep check" in said and "softmax.py" in said
    assert "top_k" in run("status").stdout
    (isolated / "top_k.py").write_text(reference("top_k"))
    run("check")
    third = run("start", "attention")  # top_k passed, but its attempt is open until its clock runs out
    assert "Your attempt at top_k stays open" in " ".join(third.stdout.split())
    over = run("start", "attention", "--force")  # starting over in the same file: nothing left to point at
    assert over.exit_code == 0 and "stays open" not in over.stdout


def test_every_command_agrees_on_an_attempt_whose_time_is_up(run, isolated):
    run("start", "top_k", "--minutes", "1")
    (isolated / "top_k.py").write_text(reference("top_k").replace("sorted(heap, reverse=True)", "sorted(heap)"))
    age_session(isolated, 600)  # ten minutes later, no command has run since the clock ran out
    row = next(line for line in run("list").stdout.splitlines() if " top_k " in line)
    assert "open" not in row  # list already counts it as ended, like the others
    with db(isolated) as conn:
        assert conn.execute("SELECT end_reason, result FROM sessions").fetchone() == ("time_up", "failed")
    data = json.loads(run("stats", "--json").stdout)
    assert data["problems"][0]["last_result"] == "failed"
    assert "top_k" not in run("next").stdout  # reviewed as failed: due again tomorrow, not new
    status = run("status").stdout
    assert "1:00" in status and "10:00" not in status  # the clock stopped when the attempt ended


def test_a_hint_after_passing_does_not_change_the_rating_and_says_so(run, isolated, monkeypatch):
    monkeypatch.setenv("MLPREP_FSRS_FUZZ", "0")
    run("start", "top_k", "--minutes", "30")
    (isolated / "top_k.py").write_text(reference("top_k"))
    assert run("check").exit_code == 0
    after = run("hint")
    assert "hint 1 of" in after.stdout and "does not change its rating" in " ".join(after.stdout.split())
    age_session(isolated, 3600)
    run("status")  # time is up: the attempt becomes a review
    with db(isolated) as conn:
        assert conn.execute("SELECT rating FROM reviews").fetchone()[0] == "Easy"  # the hint came after the pass


def test_checks_of_scratch_files_do_not_count_as_your_mistakes(run, isolated, write):
    write("scratch.py", "# mlprep: softmax\n" + reference("softmax").replace("return grad / n", "return grad"))
    assert run("check", "scratch.py").exit_code == 1
    assert json.loads(run("stats", "--json").stdout)["top_mistakes"] == []
    run("start", "softmax")
    (isolated / "softmax.py").write_text(reference("softmax").replace("return grad / n", "return grad"))
    run("check")
    run("check")
    assert json.loads(run("stats", "--json").stdout)["top_mistakes"] == [["grad_not_divided_by_n", 1]]
