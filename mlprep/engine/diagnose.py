"""Naming the mistake: does a failing solution behave exactly like one of the problem's classic bugs?

Each listed mistake is the reference with a small patch. For every failing test we run each mistake
on the same inputs (in the parent: it is the problem's own code) and compare its outcome with the
user's. A mistake that reproduces the user's wrong answers is reported, best explanation first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from mlprep.engine import scenario
from mlprep.engine.compare import Tolerance, as_array
from mlprep.engine.loader import load_module
from mlprep.engine.report import Diagnosis
from mlprep.engine.verdict import judge
from mlprep.problem import Mistake, Problem, Test


@dataclass
class Case:
    """One test the user's code answered: its inputs, the reference's outcome and the user's."""

    test: Test
    inputs: dict[str, Any]
    expected: scenario.Outcome
    actual: scenario.Outcome
    passed: bool
    message: str = ""  # what the test said about the user's answer


@lru_cache(maxsize=256)
def _mistake_module(path: Path, mistake_id: str, source: str) -> dict[str, Any]:
    return load_module(path, f"mistake:{mistake_id}", source)


def mistake_namespace(problem: Problem, mistake: Mistake) -> dict[str, Any]:
    """The reference solution with ``mistake`` (or an accepted variant) applied, as a module namespace."""
    assert problem.solution_path is not None
    return _mistake_module(problem.solution_path, mistake.id, mistake.apply(problem.reference_source()))


def applies(problem: Problem, mistake: Mistake) -> bool:
    """Whether the mistake's patch applies to the reference (a pack being written may have one that does not)."""
    try:
        mistake.apply(problem.reference_source())
    except ValueError:
        return False
    return True


AGREEMENT = 0.8
DIFFERS = 0.5  # a failing test a mistake fails otherwise: weaker evidence against it than a contradiction
_MISSING = object()  # a leaf one answer has and the other does not


class _Labels(tuple):
    """Non-numeric content (column names, text columns): compared whole, never as numbers."""


def _column_leaf(values: Any) -> Any:
    arr = np.asarray(values)
    if arr.dtype.kind in "biuf":
        return arr
    if arr.dtype.kind in "Mm":
        return arr.astype("datetime64[ns]" if arr.dtype.kind == "M" else "timedelta64[ns]").astype("int64")
    return _Labels(str(v) for v in arr.tolist())


def _leaves(x: Any, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """An answer as its comparable parts by path: a frame's columns by name, a dict's values by key.

    Paths make column order and extra columns incidental: parts are matched by name, not position.
    """
    if type(x).__module__.startswith("pandas") and hasattr(x, "to_numpy"):
        if hasattr(x, "columns"):
            return {path + (f"column {c!r}",): _column_leaf(x[c].to_numpy()) for c in x.columns}
        return {path: _column_leaf(x.to_numpy())}
    if isinstance(x, dict):
        out: dict[tuple[str, ...], Any] = {}
        for key, sub in x.items():
            out.update(_leaves(sub, path + (repr(key),)))
        return out
    if isinstance(x, (tuple, list)) and not (x and all(isinstance(v, (int, float, np.generic)) for v in x)):
        out = {path + ("len",): len(x)}
        for i, v in enumerate(x):
            out.update(_leaves(v, path + (f"[{i}]",)))
        return out
    return {path: x}


def _equal(a: Any, b: Any) -> bool:
    """Plain values equal (never raising: user objects and frames may refuse ``==``)."""
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001
        return False


@dataclass
class Agreement:
    """How far a mistake reproduces the user's wrong answer on one test.

    ``exact``: the share of wrong positions where the two answers agree within the tolerance; ``loose``
    the same, counting index arrays holding the same indices in another order; ``whole``: no part of
    the answer is wrong in one of them and right in the other.
    """

    exact: float
    loose: float
    whole: bool = True

    @property
    def strength(self) -> float:
        """1 for a full reproduction; less when only the set of indices, or only some parts, agree."""
        level = 1.0 if self.exact >= AGREEMENT else 0.5 if self.loose >= AGREEMENT else 0.0
        return level if self.whole else level / 2


_NONE = Agreement(0.0, 0.0)


def _numbers(leaf: Any) -> np.ndarray | None:
    arr = None if isinstance(leaf, _Labels) or leaf is _MISSING else as_array(leaf)
    return None if arr is None else arr.astype(float)


def compare(user: scenario.Outcome, mistake: scenario.Outcome, expected: scenario.Outcome, tol: Tolerance) -> Agreement:
    """How far a mistake reproduces the user's wrong answers, judged on what the mistake gets wrong.

    Only the parts the mistake gets wrong are its concern (a frame's columns, a tuple's outputs), and
    within them only the positions where either answer is wrong: two mostly right answers do not
    "agree" about a bug, and the user's extra columns or other outputs are not this mistake's doing.
    """
    if user.missing or mistake.missing:
        return _NONE
    if user.raised or mistake.raised:
        a, b = user.raised, mistake.raised
        if a is None or b is None or a.type != b.type:
            return _NONE
        return Agreement(1.0, 1.0) if a.message == b.message else Agreement(0.0, 1.0)
    keys = list(expected.observed)
    u, m = (_leaves([o.observed.get(k) for k in keys]) for o in (user, mistake))
    e = {} if expected.raised else _leaves([expected.observed[k] for k in keys])
    union = agree = loose = 0.0
    if mistake.mutated:  # modifying the caller's inputs is behaviour too
        union += 1
        agree += set(user.mutated) == set(mistake.mutated)
        loose += set(user.mutated) == set(mistake.mutated)
    whole = set(user.mutated) == set(mistake.mutated)
    for path in sorted(set(e) | set(m), key=str):
        a, b, x = (d.get(path, _MISSING) for d in (u, m, e))
        ua, ma, xa = (_numbers(v) for v in (a, b, x))
        if ua is None or ma is None:  # labels, text, objects: compared whole
            user_wrong, mistake_wrong, same = not _equal(a, x), not _equal(b, x), _equal(a, b)
        else:
            fits = xa is not None and xa.shape == ma.shape
            wrong_m = ~_close(ma, xa, tol) if fits else np.ones(ma.shape, bool)  # type: ignore[arg-type]
            wrong_u = ~_close(ua, xa, tol) if xa is not None and xa.shape == ua.shape else np.ones(ua.shape, bool)
            user_wrong, mistake_wrong = bool(wrong_u.any()), bool(wrong_m.any())
            if mistake_wrong and user_wrong and ua.shape == ma.shape:
                close = _close(ua, ma, tol)
                if np.asarray(x if x is not _MISSING else a).dtype.kind in "iub":
                    # Indices and flags agree whole or not at all: two orderings may share most positions.
                    union += 1
                    agree += bool(close.all())
                    loose += bool(close.all()) or (ua.ndim == 1 and np.array_equal(np.sort(ua), np.sort(ma)))
                else:
                    wrong = wrong_m | wrong_u
                    union += float(wrong.sum())
                    agree += float((wrong & close).sum())
                    loose += float((wrong & close).sum())
                continue
            same = False
        if mistake_wrong and user_wrong:
            union += 1
            agree += same
            loose += same
        whole &= user_wrong == mistake_wrong  # a part only one of them gets wrong: a partial explanation
    if not union:
        return _NONE
    return Agreement(agree / union, loose / union, whole)


def agreement(user: scenario.Outcome, mistake: scenario.Outcome, expected: scenario.Outcome, tol: Tolerance) -> float:
    """How far the mistake reproduces the user's wrong answers: 1.0 is exactly, 0.0 not at all."""
    return compare(user, mistake, expected, tol).exact


_OUTCOMES: dict[tuple[str, str, str, str], scenario.Outcome] = {}


def _outcome(problem: Problem, mistake: Mistake, case: Case) -> scenario.Outcome:
    """What a mistake does on a test; the inputs are the test's own, so it is computed once per process."""
    key = (str(problem.solution_path), problem.id, mistake.id, case.test.name)
    if key not in _OUTCOMES:
        _OUTCOMES[key] = scenario.run(case.test.program, case.test.observed, mistake_namespace(problem, mistake),
                                      scenario.fresh(case.inputs), repeat=case.test.repeat)
    return _OUTCOMES[key]


def _close(p: np.ndarray, q: np.ndarray, tol: Tolerance) -> np.ndarray:
    """np.isclose with NaN equal to NaN, without its overhead (this runs on thousands of small arrays)."""
    with np.errstate(invalid="ignore", over="ignore"):
        near = np.isfinite(p) & np.isfinite(q) & (np.abs(p - q) <= tol.atol + tol.rtol * np.abs(q))
    return near | (p == q) | (np.isnan(p) & np.isnan(q))  # p == q: equal infinities


def calls(test: Test) -> set[str]:
    """The names a test's steps call (the functions or classes under test)."""
    return set(scenario.called(test.program))


def _verdict(case: Case, outcome: scenario.Outcome, tol: Tolerance, reference: dict[str, Any] | None) -> tuple[str, str]:
    return judge(case.test, case.expected, outcome, case.inputs, tol, "", 0, reference)


def fails(case: Case, outcome: scenario.Outcome, tol: Tolerance, reference: dict[str, Any] | None = None) -> bool:
    """Whether an outcome gets the case's test wrong, judged exactly as the test judges a solution."""
    return _verdict(case, outcome, tol, reference)[0] != "pass"


_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
_POSITION = re.compile(r"\[[-\d, ]*\]")


def same_words(said: str, other: str, rtol: float = 0.25) -> bool:
    """Two verdicts in the same words, their numbers within ``rtol`` of each other (positions aside).

    Where the answer depends on random draws (a statistical test, a random split), two ways of making
    the same mistake fail in the same words with nearby numbers, never with the same values.
    """
    said, other = _POSITION.sub("[]", said), _POSITION.sub("[]", other)
    if _NUMBER.sub("#", said) != _NUMBER.sub("#", other):
        return False
    pairs = zip(map(float, _NUMBER.findall(said)), map(float, _NUMBER.findall(other)))
    return all(abs(a - b) <= rtol * max(abs(a), abs(b)) for a, b in pairs)


def evidence(problem: Problem, mistake: Mistake, case: Case, tol: Tolerance, reference: dict[str, Any] | None = None) -> float:
    """How strongly a mistake reproduces the user's failure on a failing case (0 when it does not).

    Where draws decide the answer (a repeated, statistical test, or a mistake marked ``random``),
    failing in the same words counts: fully on a statistical test, which is built to be read that
    way, half for a random mistake, whose words are all it has to go on.
    """
    outcome = _outcome(problem, mistake, case)
    found = compare(case.actual, outcome, case.expected, tol).strength
    if not found and (case.test.repeat or mistake.random) and case.message:
        if same_words(_verdict(case, outcome, tol, reference)[1], case.message):
            found = 1.0 if case.test.repeat else 0.5
    return found


def explains(problem: Problem, mistake: Mistake, case: Case, tol: Tolerance, reference: dict[str, Any] | None = None) -> bool:
    """Whether a mistake reproduces the user's failure on a failing case."""
    return evidence(problem, mistake, case, tol, reference) > 0


def find(problem: Problem, cases: list[Case], tol: Tolerance, reference: dict[str, Any] | None = None) -> list[Diagnosis]:
    """The listed mistakes that best explain the user's failures: one, or several explaining them equally.

    ``cases`` holds every test the user's code answered, passed or not. A mistake earns its evidence
    on each failing test it reproduces; it loses half a point for each failing test it fails differently
    and a whole one for each passing test (of the same functions) that it would have failed. Only mistakes with
    more evidence for than against count, and only the best of them are named: when several tie, the
    evidence cannot tell them apart, and all are returned as equally likely.
    """
    scored: list[tuple[float, Diagnosis]] = []
    for mistake in problem.mistakes:
        if mistake.expect != "fail" or not applies(problem, mistake):
            continue  # a patch that does not apply names nothing (validate reports it in words)
        failing = [case for case in cases if not case.passed]
        strengths = {case.test.name: evidence(problem, mistake, case, tol, reference) for case in failing}
        explained = [name for name, found in strengths.items() if found]
        if not explained:
            continue  # the other tests cannot change that: do not run them
        differs = sum(1 for case in failing if not strengths[case.test.name]
                      and fails(case, _outcome(problem, mistake, case), tol, reference))
        passing = [case.test for case in cases if case.passed and fails(case, _outcome(problem, mistake, case), tol, reference)]
        # Only a passing test of the same functions speaks against the mistake: a bug in a helper the
        # reference shares between functions need not be in the user's other functions.
        called = {name for case in failing if case.test.name in explained for name in calls(case.test)}
        contradicted = sum(1 for test in passing if calls(test) & called)
        score = sum(strengths.values()) - DIFFERS * differs - contradicted
        if score > 0:
            scored.append((score, Diagnosis(mistake.id, mistake.title, mistake.explanation, explained)))
    best = max((score for score, _ in scored), default=0.0)
    return [d for score, d in scored if score == best]
