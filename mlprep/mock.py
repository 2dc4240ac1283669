"""Mock interviews: which problem to pose, and the scorecard an interviewer would write.

The flow spans commands (``mlprep mock`` starts, ``mlprep check`` reveals the follow-up part when
part 1 passes, ``mlprep mock --end`` scores), so everything lives in the store and survives a closed
terminal. This module decides and computes; it never prints or asks.
"""

from __future__ import annotations

import bisect
import functools
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mlprep.words import plural

if TYPE_CHECKING:
    from mlprep.catalog import Entry
    from mlprep.engine.report import Report
    from mlprep.problem import Problem
    from mlprep.store import Mock, Session, Store

VERDICTS = ["Strong No Hire", "No Hire", "Lean No Hire", "Lean Hire", "Hire", "Strong Hire"]
VERDICT_CEILINGS = [0, 2, 3, 4, 6]  # most points for each verdict but the last: 0 or less is Strong No Hire
HINT_COST = 1
FAST_FRACTION = 0.5


def choose(store: Store, entries: list[Entry], now: float | None = None) -> Entry:
    """Due first (most overdue), then the weakest (never passed, fewest passes), never the one just practised."""
    from mlprep.errors import MlprepError

    now = now if now is not None else time.time()
    current = store.current_session()
    just = current.problem if current else None
    pool = [e for e in entries if e.id != just] or entries
    if not pool:
        raise MlprepError("there are no problems to choose from")
    due = store.due_dates()
    history = store.history()
    overdue = sorted((e for e in pool if e.id in due and due[e.id] <= now), key=lambda e: due[e.id])
    if overdue:
        return overdue[0]

    def weakness(e: Entry) -> tuple[int, int, int]:
        h = history.get(e.id)
        return (int(bool(h and h.passed)), h.attempts if h else 0, e.number)

    return min(pool, key=weakness)


_SPELLING = {"\u00b2": "^2", "\u00b3": "^3", "\u2212": "-", "\u2013": "-", "\u2014": " - ", "\u00d7": "*", "**": "^",
             "\u221a": "sqrt"}
_PIECE = re.compile(r"\^2(?![0-9])|\d+(?:\.\d+)?(?:e[-+]?\d+)?(?![a-z])|[a-z0-9]+|[^\sa-z0-9_]")
_HYPHENATED = re.compile(r"(?<=[a-z0-9])(?<!\de)-(?=[a-z0-9])")  # one-hot, k-means; not 1e-6


def _plain(text: str) -> str:
    """Lower case, with the symbols people type in several ways written one way (n\u00b2 is n^2, \u2212 is -)."""
    for written, plain in _SPELLING.items():
        text = text.replace(written, plain)
    return unicodedata.normalize("NFKC", text).lower()


_SPOKEN = {"-": (r"\-", "minus"), "+": (r"\+", "plus"), "/": ("/", "divided by|over"), "=": ("=", "equals|is"),
           "*": (r"\*", "times"), ">": (">", "greater than|larger than|more than"),
           "<": ("<", "less than|smaller than|fewer than"), "^2": (r"\^\s*2", "squared")}
_NUMBERS = "zero one two three four five six seven eight nine ten".split()


def _word(piece: str) -> str:
    """A regex for one piece of a term: plural and singular (and -ed), -ise or -ize, a digit or its word, a
    symbol or how it is said (``n - 1`` is also ``n minus 1``)."""
    if piece in _SPOKEN:
        symbol, said = _SPOKEN[piece]
        return rf"(?:{symbol}|(?<![a-z0-9])(?:{said})(?![a-z0-9]))"
    if piece in _NUMBERS or piece.isdigit() and int(piece) < len(_NUMBERS):
        number = piece if piece.isdigit() else str(_NUMBERS.index(piece))
        return f"(?:{number}|{_NUMBERS[int(number)]})"
    if not piece.isalpha() or len(piece) < 3:
        return re.escape(piece)
    forms = [piece[:-3] + "y", piece] if piece.endswith("ies") else [piece]
    if piece.endswith("y"):
        forms.append(piece[:-1] + "ies")
    elif piece.endswith("s") and not piece.endswith("ss"):
        forms.append(piece[:-1])
    stems = "|".join(re.sub(r"i[sz](?=e|ing|ation)", "i[sz]", re.escape(f)) for f in forms)
    return f"(?:{stems})(?:e?s|e?d)?"


@functools.lru_cache(maxsize=2048)
def term_pattern(term: str) -> re.Pattern[str]:
    """The regex a key term matches: case, spacing and punctuation free (``one_hot``, ``one-hot``,
    ``onehot``, ``One hot``), plurals and -ise/-ize, as whole words (``he`` is not in ``the``)."""
    pieces = _PIECE.findall(_HYPHENATED.sub(" ", _plain(term)))
    if not pieces:
        return re.compile(r"(?!)")
    out = "(?<![a-z0-9])" if pieces[0][0].isalnum() else ""
    for before, piece in zip([None, *pieces], pieces):
        if before is not None:
            out += r"[\s_-]*" if before[-1].isalnum() and piece[0].isalnum() else r"\s*"
        out += _word(piece)
    return re.compile(out + ("(?![a-z0-9])" if pieces[-1][-1].isalnum() else ""))


def covered_terms(plan: str, terms: list[str]) -> list[str]:
    """The rubric key terms a typed plan mentions, however it spells them (see ``term_pattern``)."""
    text = _plain(plan)
    return [t for t in terms if term_pattern(t).search(text)]


@dataclass
class Scorecard:
    problem: str
    title: str
    verdict: str
    points: int
    reasons: list[str] = field(default_factory=list)
    parts: list[tuple[str, int, int]] = field(default_factory=list)  # title, passed, total
    efficiency: list[tuple[str, str]] = field(default_factory=list)
    time_used_s: float = 0.0
    minutes: float = 45.0
    first_pass_s: float | None = None
    hints: int = 0
    rubric: list[tuple[str, bool | None]] = field(default_factory=list)
    plan: str = ""
    plan_terms: list[tuple[str, list[str], list[str]]] = field(default_factory=list)  # point, covered, all
    mistakes: list[str] = field(default_factory=list)
    followups: list[tuple[str, str, str]] = field(default_factory=list)  # question, answer given, model answer


def score(problem: Problem, report: Report, session: Session, *, hints: int, plan: str,
          rubric_answers: list[bool | None], mistakes_seen: list[str], followup_answers: list[str],
          now: float | None = None) -> Scorecard:
    """The scorecard: correctness per part, efficiency, time, hints, communication, mistakes, a verdict."""
    now = now if now is not None else time.time()
    end = min(now, session.ended_at or now)
    card = Scorecard(problem.id, problem.title, "", 0, minutes=session.minutes, hints=hints, plan=plan,
                     time_used_s=end - session.started_at, first_pass_s=session.first_pass_s)
    moves: list[tuple[int, str]] = []  # (points, why): every reason says what it moved

    def moved(delta: int, why: str) -> None:
        moves.append((delta, why))

    for number, part in enumerate(problem.parts, start=1):
        tests = [t for t in report.correctness if t.part == number]
        card.parts.append((part.title, sum(t.passed for t in tests), len(tests)))
    core_passed = bool(card.parts) and card.parts[0][1] == card.parts[0][2]
    followups_passed = sum(1 for _, ok, total in card.parts[1:] if total and ok == total)
    if core_passed:
        moved(3, f"Part 1 ({card.parts[0][0]}) passes every hidden test.")
    else:
        failed = card.parts[0][2] - card.parts[0][1] if card.parts else 0
        moved(0, f"Part 1 fails {plural(failed, 'hidden test')}: the core task is not done.")
    if followups_passed:
        moved(followups_passed, f"{plural(followups_passed, 'follow-up part')} solved too.")
    card.efficiency = [(e.name, e.status) for e in report.efficiency]
    if any(status == "slow" for _, status in card.efficiency):
        moved(-1, "An efficiency test flags the solution as slow.")
    elif card.efficiency and all(status == "ok" for _, status in card.efficiency):
        moved(1, "Efficient: within the reference's time on the large input.")
    limit = session.minutes * 60
    if session.first_pass_s is not None and session.first_pass_s <= FAST_FRACTION * limit:
        moved(1, f"Fast: part 1 passed at {_mmss(session.first_pass_s)} of {_mmss(limit)}.")
    elif card.time_used_s > limit and not (session.first_pass_s is not None and session.first_pass_s <= limit):
        moved(-1, "Ran over time before passing.")
    if hints:
        moved(-(HINT_COST * min(hints, 2)), f"Used {plural(hints, 'hint')}.")
    card.rubric = list(zip([r.point for r in problem.rubric], rubric_answers + [None] * len(problem.rubric)))
    answered = [a for _, a in card.rubric if a is not None]
    if answered:
        share = sum(answered) / len(answered)
        if share >= 0.7:
            moved(1, f"Communication: covered {sum(answered)} of {len(answered)} rubric points.")
        elif share < 0.4:
            moved(-1, f"Communication: covered only {sum(answered)} of {len(answered)} rubric points.")
    for point in problem.rubric:
        card.plan_terms.append((point.point, covered_terms(plan, point.key_terms), list(point.key_terms)))
    all_terms = sum(len(t) for _, _, t in card.plan_terms)
    hit = sum(len(c) for _, c, _ in card.plan_terms)
    if plan.strip() and all_terms and hit / all_terms >= 0.3:
        moved(1, f"The plan named {hit} of {all_terms} key terms an interviewer listens for.")
    elif not plan.strip():
        moved(0, "No plan was typed: say the approach and the shapes before coding.")
    titles = {m.id: m.title for m in problem.mistakes}
    card.mistakes = [titles.get(m, m) for m in mistakes_seen]
    if len(mistakes_seen) > 2:
        moved(-1, f"Made {len(mistakes_seen)} classic mistakes along the way.")
    card.followups = [(f.question, a, f.answer) for f, a in zip(problem.followups, followup_answers)]
    points = sum(delta for delta, _ in moves)
    index = bisect.bisect_left(VERDICT_CEILINGS, points)
    if not core_passed and index > 1:
        index = 1
        moved(0, f"Capped at {VERDICTS[1]}: a verdict above it needs part 1 to pass.")
    card.reasons = [f"{delta:+d} {why}" if delta else why for delta, why in moves]
    card.points, card.verdict = points, VERDICTS[index]
    return card


def scale() -> str:
    """The verdict scale with the points each verdict takes, lowest first."""
    spans, low = [], None
    for verdict, high in zip(VERDICTS, [*VERDICT_CEILINGS, None]):
        span = f"{high} or less" if low is None else f"{low} or more" if high is None else (
            f"{low}" if low == high else f"{low} to {high}")
        spans.append(f"{verdict} ({span})")
        low = None if high is None else high + 1
    return " < ".join(spans)


def _mmss(seconds: float) -> str:
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def markdown(card: Scorecard) -> str:
    """The scorecard as a Markdown document (saved next to the solution and in the database)."""
    lines = [f"# Mock interview scorecard: {card.title}", "", f"**Verdict: {card.verdict}** ({plural(card.points, 'point')})",
             "", f"Scale, in points: {scale()}.", "", "What moved it:", ""]
    lines += [f"- {r}" for r in card.reasons] + ["", "## Correctness", ""]
    lines += [f"- Part {i}: {title}: {ok}/{total} tests" for i, (title, ok, total) in enumerate(card.parts, start=1)]
    lines += ["", "## Efficiency", ""] + ([f"- {n}: {s}" for n, s in card.efficiency] or ["- (no efficiency test)"])
    passed_at = _mmss(card.first_pass_s) if card.first_pass_s is not None else "not passed in time"
    lines += ["", "## Time and hints", "", f"- Time used: {_mmss(card.time_used_s)} of {_mmss(card.minutes * 60)}",
              f"- Part 1 passed at: {passed_at}", f"- Hints: {card.hints}", "", "## Communication", ""]
    for point, claimed in card.rubric:
        mark = {True: "yes", False: "no", None: "not answered"}[claimed]
        lines.append(f"- {point} ({mark})")
    lines += ["", "Your plan:", "", "> " + ("\n> ".join(card.plan.strip().splitlines()) if card.plan.strip() else "(none)"), ""]
    for point, covered, terms in card.plan_terms:
        if terms:
            lines.append(f"- {point.rstrip('.')}: mentioned {', '.join(covered) or 'none'} of {', '.join(terms)}")
    lines += ["", "## Mistakes diagnosed along the way", ""] + ([f"- {m}" for m in card.mistakes] or ["- none"])
    if card.followups:
        lines += ["", "## Follow-up questions", ""]
        for q, given, model in card.followups:
            lines += [f"**{q}**", "", f"Your answer: {given or '(none)'}", "", f"A strong answer: {' '.join(model.split())}", ""]
    return "\n".join(lines).rstrip() + "\n"


@dataclass
class Step:
    """What a check moved in a mock: the next ``part`` is now shown, or every part passes (``ready``)."""

    kind: Literal["part", "ready"]
    part: int = 0


def parts_shown(store: Store, session: Session) -> int | None:
    """How many parts a running mock on this attempt has shown so far; None outside a mock."""
    row = store.mock_for(session.id)
    return row.parts_shown if row is not None and not row.ended else None


def after_check(store: Store, session: Session, problem: Problem, report: Report) -> Step | None:
    """Passing every part shown so far shows the next one (the follow-up); passing them all makes it ready to end."""
    row = store.mock_for(session.id)
    if row is None or row.ended:
        return None
    shown = row.parts_shown
    if shown < len(problem.parts) and all(report.part_passed(n) for n in range(1, shown + 1)):
        store.show_part(row.id, shown + 1)
        return Step("part", shown + 1)
    return Step("ready") if report.passed else None


def scorecard_path(solution: Path, problem: str, now: float | None = None) -> Path:
    """``<id>.scorecard.md`` beside the solution; a timestamped name when that exists (never overwritten)."""
    path = solution.with_name(f"{problem}.scorecard.md")
    if path.exists():
        path = path.with_name(f"{problem}.scorecard.{time.strftime('%Y%m%d-%H%M%S', time.localtime(now))}.md")
    return path


@dataclass
class Ended:
    card: Scorecard
    text: str
    saved: Path | None  # None: the folder could not be written (the scorecard is still in the database)


def finish(store: Store, row: Mock, problem: Problem, report: Report, *, checked_at: float,
           rubric_answers: list[bool | None], followup_answers: list[str]) -> Ended:
    """End the mock as of the final check: the attempt, its review, the scorecard (file and database).

    Called once every answer is in, so an interrupted self-assessment ends nothing.
    """
    from mlprep import practice

    session = store.session(row.session_id)
    assert session is not None
    session = practice.end_now(store, session, "mock_end", report.passed, now=checked_at)
    card = score(problem, report, session, hints=store.hints_taken(session.id, problem.id), plan=row.plan,
                 rubric_answers=rubric_answers, mistakes_seen=store.session_mistakes(session.id),
                 followup_answers=followup_answers)
    text = markdown(card)
    target = scorecard_path(Path(session.file), problem.id)
    saved: Path | None = target
    try:
        with open(target, "x") as out:  # "x": a file that appeared meanwhile is never overwritten
            out.write(text)
    except OSError:
        saved = None
    store.end_mock(row.id, card.verdict, text, str(saved) if saved else None)
    return Ended(card, text, saved)
