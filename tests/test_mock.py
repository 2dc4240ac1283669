"""Mock interviews: the whole flow from the command line, the problem choice and the scorecard."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import reference

from mlprep import catalog, mock
from mlprep.engine.report import Report
from mlprep.engine.report import TestResult as Result
from mlprep.store import Session, Store


def db(isolated: Path) -> sqlite3.Connection:
    return sqlite3.connect(str(isolated.parent / "home" / "mlprep.db"))


def test_a_whole_mock_interview(run, isolated):
    started = run("mock", "--problem", "softmax", input="I subtract the row max for a stable softmax\n\n")
    assert started.exit_code == 0
    assert "Part 1" in started.stdout and "Part 2" not in started.stdout  # the follow-up stays hidden
    assert "interview has started" in started.stdout
    solution = isolated / "softmax.py"
    solution.write_text(reference("softmax").replace("    shifted = x - x.max(axis=-1, keepdims=True)\n    e = np.exp(shifted)",
                                                    "    e = np.exp(x)"))
    assert run("check").exit_code == 1
    assert "hint 1" in run("hint").stdout
    solution.write_text(reference("softmax").replace("return grad / n", "return grad"))
    follow_up = run("check")
    assert "The follow-up, part 2" in follow_up.stdout  # part 1 passes: part 2 is revealed
    solution.write_text(reference("softmax"))
    assert "Run mlprep mock --end" in run("check").stdout.replace("`", "")
    answers = "y\n" * 7 + "Because (p - onehot)/N is the gradient\n\n" + "\n" * 6
    ended = run("mock", "--end", input=answers)
    assert ended.exit_code == 0 and "Verdict:" in ended.stdout
    card = (isolated / "softmax.scorecard.md").read_text()
    assert "Part 1" in card and "Hints: 1" in card and "Stable softmax" in card
    assert "Softmax without subtracting the row maximum" in card  # the mistake diagnosed along the way
    assert "subtract the row max" in card
    with db(isolated) as conn:
        verdict, path = conn.execute("SELECT verdict, scorecard_path FROM mocks").fetchone()
        assert verdict in mock.VERDICTS and path.endswith("softmax.scorecard.md")
        assert conn.execute("SELECT end_reason, result FROM sessions").fetchone() == ("mock_end", "passed")
        assert conn.execute("SELECT rating FROM reviews").fetchone()[0] == "Hard"  # passed with a hint
    assert run("mock", "--end").exit_code == 2  # nothing in progress any more


def test_no_input_mock_and_state_that_survives_a_closed_terminal(run, isolated):
    assert run("mock", "--problem", "top_k", "--no-input", "--minutes", "20").exit_code == 0
    again = run("mock")  # a new terminal: the mock is where it was
    assert "in progress" in again.stdout and "top_k" in again.stdout and "left" in again.stdout
    ended = run("mock", "--end", "--no-input")
    assert ended.exit_code == 0 and "Strong No Hire" in ended.stdout  # an untouched stub
    assert "(not answered)" in (isolated / "top_k.scorecard.md").read_text()


def test_a_scorecard_never_overwrites_an_earlier_one(run, isolated):
    (isolated / "softmax.scorecard.md").write_text("mine")
    run("mock", "--problem", "softmax", "--no-input")
    run("mock", "--end", "--no-input")
    assert (isolated / "softmax.scorecard.md").read_text() == "mine"
    assert len(list(isolated.glob("softmax.scorecard.*.md"))) == 1


def test_choice_prefers_due_then_weakest_and_never_the_last_one(tmp_path):
    store = Store(tmp_path / "s.db")
    entries = catalog.index(catalog.pack_dirs())
    first = mock.choose(store, entries)
    assert first.id == min(entries, key=lambda e: e.number).id
    store.start_session(first.id, "/x.py", 45, "h")
    assert mock.choose(store, entries).id != first.id  # never the one just practised
    store.record_review("top_k", None, "Again", 0.0, 1.0, "{}")  # overdue
    assert mock.choose(store, entries).id == "top_k"


def test_verdicts_follow_the_evidence():
    problem = catalog.load(catalog.resolve("softmax", catalog.index(catalog.pack_dirs())))
    session = Session(1, "softmax", "/x.py", 0.0, 30, "h", first_pass_s=300.0, ended_at=900.0,
                      end_reason="mock_end", result="passed")

    def report(part1_ok: bool) -> Report:
        tests = [Result(f"t{i}", 1, "hidden", "pass" if part1_ok else "fail") for i in range(4)]
        return Report("softmax", "x.py", tests + [Result("u", 2, "hidden", "pass")])

    plan = ("shift by the max per row with keepdims to avoid overflow, over the last axis; log_softmax via "
            "log-sum-exp so no -inf from underflow; mean of exact losses from logits, no epsilon; gradient in closed "
            "form (p - y) / N with one_hot; gradient check with finite difference, rows sum to 1, no nan at 1e4")
    strong = mock.score(problem, report(True), session, hints=0, plan=plan,
                        rubric_answers=[True] * len(problem.rubric), mistakes_seen=[], followup_answers=[], now=900.0)
    weak = mock.score(problem, report(False), session, hints=2, plan="", rubric_answers=[False] * len(problem.rubric),
                      mistakes_seen=["a", "b", "c"], followup_answers=[], now=900.0)
    assert strong.verdict in ("Hire", "Strong Hire") and weak.verdict in ("Strong No Hire", "No Hire")
    assert any("key terms" in r for r in strong.reasons)
    assert any("core task is not done" in r for r in weak.reasons)
    assert mock.covered_terms("I use log-sum-exp and -inf masks", ["log-sum-exp", "-inf", "max"]) == ["log-sum-exp", "-inf"]


def test_ending_early_while_failing_asks_first_and_can_be_declined(run, isolated):
    run("mock", "--problem", "top_k", "--minutes", "30", input="\n")
    declined = run("mock", "--end", input="n\n")
    assert declined.exit_code == 0 and "do not pass yet" in declined.stdout
    assert "The interview goes on" in declined.stdout and "Verdict" not in declined.stdout
    assert "in progress" in run("mock").stdout
    with db(isolated) as conn:
        assert conn.execute("SELECT ended_at FROM sessions").fetchone()[0] is None
        assert conn.execute("SELECT ended_at FROM mocks").fetchone()[0] is None
    ended = run("mock", "--end", input="y\n" + "n\n" * 20)
    assert ended.exit_code == 0 and "Verdict:" in ended.stdout


def test_ctrl_c_during_the_self_assessment_ends_nothing_and_a_later_end_works(run, isolated, terminal):
    run("mock", "--problem", "softmax", "--minutes", "30", input="\n")
    (isolated / "softmax.py").write_text(reference("softmax"))  # passing: no question before the self-assessment
    screen = terminal("mock", "--end")
    screen.wait_for("Self-assessment")
    screen.wait_for("[y/N]")
    screen.type("\x03")
    screen.wait_for("nothing was scored")
    assert screen.proc.wait(timeout=30) == 130
    with db(isolated) as conn:  # all or nothing: neither the attempt nor the mock ended
        assert conn.execute("SELECT ended_at FROM sessions").fetchone()[0] is None
        assert conn.execute("SELECT ended_at, verdict FROM mocks").fetchone() == (None, None)
        assert conn.execute("SELECT COUNT(*) FROM reviews").fetchone()[0] == 0
    assert "in progress" in run("mock").stdout
    assert not list(isolated.glob("*.scorecard*.md"))
    again = run("mock", "--end", "--no-input")
    assert again.exit_code == 0 and "Verdict:" in again.stdout
    assert (isolated / "softmax.scorecard.md").exists()


def test_the_plan_score_hears_the_plans_that_were_missed():
    """Issue 11's plans: `(p - onehot)/N` names one_hot and / n; "finite differences" names finite difference."""
    backprop = catalog.load(catalog.resolve("backprop", catalog.index(catalog.pack_dirs())))
    terms = {point.point: point.key_terms for point in backprop.rubric}
    gradient = next(t for p, t in terms.items() if "fused output gradient" in p)
    tests = next(t for p, t in terms.items() if p.startswith("Proposes tests"))
    assert set(mock.covered_terms("dz2 = (p - onehot)/N", gradient)) >= {"one_hot", "/ n"}
    assert "finite difference" in mock.covered_terms("Test with finite differences.", tests)


def test_key_terms_match_however_they_are_spelled():
    said = {
        "one_hot": ["one-hot", "One Hot", "onehot", "ONE_HOT", "1-hot"],
        "o(n k d)": ["O(nkd)", "O(N K D)", "o( n k d )"],
        "(n, k)": ["(N,K)", "( n , k )"],
        "n - 1": ["n-1", "N minus 1"],
        "k > n": ["k>n", "k greater than n"],
        "d^2": ["D²", "d**2", "d squared"],
        "sum to 1": ["rows sums to one"],
        "finite difference": ["Finite-differences"],
        "restarts": ["one restart"],
        "vectorised": ["vectorized"],
        "frequency": ["frequencies"],
        "transpose": ["a1 transposed"],
        "-inf": ["set to -inf"],
        "lr * weight_decay": ["lr times weight_decay", "lr*weight_decay"],
    }
    for term, plans in said.items():
        for plan in plans:
            assert mock.covered_terms(plan, [term]) == [term], (term, plan)
    unsaid = {"he": "the weights", "one_hot": "someone hot", "/ n": "moreover n", "1e-6": "1e6", "-=": "p = q",
              "k > n": "k < n", "state": "statement"}
    for term, plan in unsaid.items():
        assert mock.covered_terms(plan, [term]) == [], (term, plan)


def test_the_verdict_states_its_scale_and_what_moved_it():
    problem = catalog.load(catalog.resolve("softmax", catalog.index(catalog.pack_dirs())))
    session = Session(1, "softmax", "/x.py", 0.0, 30, "h", first_pass_s=300.0, ended_at=900.0,
                      end_reason="mock_end", result="passed")
    report = Report("softmax", "x.py", [Result(f"t{i}", 1, "hidden", "fail") for i in range(4)])
    card = mock.score(problem, report, session, hints=1, plan="shift by the max", rubric_answers=[True] * 6,
                      mistakes_seen=[], followup_answers=[], now=900.0)
    text = mock.markdown(card)
    assert ("Strong No Hire (0 or less) < No Hire (1 to 2) < Lean No Hire (3) < Lean Hire (4) < Hire (5 to 6) "
            "< Strong Hire (7 or more)") in text
    assert "- +1 Fast: part 1 passed at 5:00 of 30:00." in text and "- -1 Used 1 hint." in text
    assert "- +1 Communication: covered 6 of 6 rubric points." in text
    assert card.points == 1 and card.verdict == "No Hire"
