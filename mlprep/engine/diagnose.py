"""Naming the mistake: does a failing solution behave exactly like one of the problem's classic bugs?

Each listed mistake is the reference with a small patch. For every failing test we run each mistake
on the same inputs (in the parent: it is the problem's own code) and compare its outcome with the
user's. A mistake that reproduces the user's wrong answers is reported, best explanation first.
"""

from __future__ import annotations

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


AGREEMENT = 0.8


class _Labels(tuple):
    """Non-numeric content (column names, text columns): compared whole, never as numbers."""


def _column_leaf(values: Any) -> Any:
    arr = np.asarray(values)
    if arr.dtype.kind in "biuf":
        return arr
    if arr.dtype.kind in "Mm":
        return arr.astype("int64")
    return _Labels(str(v) for v in arr.tolist())


def _pandas_leaves(x: Any) -> list[Any]:
    """A frame as its column names and columns (by name, so column order does not matter)."""
    if hasattr(x, "columns"):
        names = sorted(x.columns, key=str)
        return [_Labels(map(str, names))] + [_column_leaf(x[c].to_numpy()) for c in names]
    return [_column_leaf(x.to_numpy())]


def _leaves(x: Any) -> list[Any] | None:
    if type(x).__module__.startswith("pandas") and hasattr(x, "to_numpy"):
        return _pandas_leaves(x)
    if isinstance(x, dict):
        out: list[Any] = []
        for key in sorted(x, key=repr):
            sub = _leaves(x[key])
            if sub is None:
                return None
            out += [(repr(key), None)] + sub
        return out
    if isinstance(x, (tuple, list)) and not (x and all(isinstance(v, (int, float, np.generic)) for v in x)):
        out = [len(x)]
        for v in x:
            sub = _leaves(v)
            if sub is None:
                return None
            out += sub
        return out
    return [x]


def _equal(a: Any, b: Any) -> bool:
    """Plain values equal (never raising: user objects and frames may refuse ``==``)."""
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001
        return False


_Nothing = np.zeros(0)  # stands in for an expected value where the reference raised


def agreement(user: scenario.Outcome, mistake: scenario.Outcome, expected: scenario.Outcome, tol: Tolerance) -> float:
    """How far the mistake reproduces the user's wrong answers: 1.0 is exactly, 0.0 not at all.

    Only positions where either is wrong count, so two answers that are mostly right do not "agree"
    about a bug; a variant of the same bug that differs in a corner (a NaN row against a uniform one)
    still agrees on most of them.
    """
    if user.missing or mistake.missing:
        return 0.0
    if user.raised or mistake.raised:
        a, b = user.raised, mistake.raised
        same = a is not None and b is not None and (a.type, a.message) == (b.type, b.message)
        return 1.0 if same else 0.0
    if expected.raised:  # both returned where they should have raised: compare the two answers whole
        expected = scenario.Outcome(observed={k: _Nothing for k in user.observed})
    keys = list(expected.observed)
    u, m, e = (_leaves([o.observed.get(k) for k in keys]) for o in (user, mistake, expected))
    if u is None or m is None or len(u) != len(m):
        return 0.0
    if e is None or len(e) != len(u):  # both answers have a structure the reference does not: all wrong
        e = [_Nothing] * len(u)
    union = agree = 0
    if user.mutated or mistake.mutated:  # modifying the caller's inputs is behaviour too
        union += 1
        agree += set(user.mutated) == set(mistake.mutated)
    for a, b, x in zip(u, m, e):
        arrays = [None if isinstance(v, _Labels) else as_array(v) for v in (a, b, x)]
        if any(arr is None for arr in arrays):
            if not _equal(a, b):
                return 0.0
            continue
        ua, ma, xa = (arr.astype(float) for arr in arrays)  # type: ignore[union-attr]
        if ua.shape != ma.shape:
            return 0.0
        close = lambda p, q: _close(p, q, tol)  # noqa: E731
        # Both of a shape the reference does not have: every position is wrong.
        wrong = np.ones(ua.shape, bool) if xa.shape != ua.shape else ~close(ua, xa) | ~close(ma, xa)
        if arrays[2].dtype.kind in "iub":  # type: ignore[union-attr]
            # Indices and flags agree whole or not at all: two orderings may share most positions.
            union += int(wrong.any())
            agree += int(wrong.any() and close(ua, ma).all())
            continue
        union += int(wrong.sum())
        agree += int((wrong & close(ua, ma)).sum())
    return agree / union if union else 0.0


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
    import ast

    names = set()
    for line in test.program:
        for node in ast.walk(scenario.parse(line)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                names.add(node.func.id)
    return names


def _verdict(case: Case, outcome: scenario.Outcome, tol: Tolerance, reference: dict[str, Any] | None) -> tuple[str, str]:
    return judge(case.test, case.expected, outcome, case.inputs, tol, "", 0, reference)


def fails(case: Case, outcome: scenario.Outcome, tol: Tolerance, reference: dict[str, Any] | None = None) -> bool:
    """Whether an outcome gets the case's test wrong, judged exactly as the test judges a solution."""
    return _verdict(case, outcome, tol, reference)[0] != "pass"


def explains(problem: Problem, mistake: Mistake, case: Case, tol: Tolerance, reference: dict[str, Any] | None = None) -> bool:
    """Whether a mistake reproduces the user's failure on a failing case.

    Its answers must agree with the user's wrong ones; on a repeated (statistical) test, whose draws
    depend on the generator the user picked, failing it in the same words counts as reproducing it.
    """
    outcome = _outcome(problem, mistake, case)
    if agreement(case.actual, outcome, case.expected, tol) >= AGREEMENT:
        return True
    return bool(case.test.repeat and case.message and _verdict(case, outcome, tol, reference)[1] == case.message)


def find(problem: Problem, cases: list[Case], tol: Tolerance, reference: dict[str, Any] | None = None) -> list[Diagnosis]:
    """The listed mistakes that reproduce the user's failures, best explanation first.

    ``cases`` holds every test the user's code answered, passed or not. A mistake explains a failing
    test when it reproduces the user's answer there; it is contradicted by a passing test that it would
    have failed. The ranking prefers mistakes never contradicted, then those explaining the most.
    """
    found: list[tuple[tuple[int, int, int, int], Diagnosis]] = []
    for order, mistake in enumerate(problem.mistakes):
        if mistake.expect != "fail":
            continue
        explained = [case.test.name for case in cases if not case.passed and explains(problem, mistake, case, tol, reference)]
        if not explained:
            continue  # the passing tests cannot change that: do not run them
        passing = [case.test for case in cases if case.passed and fails(case, _outcome(problem, mistake, case), tol, reference)]
        # Only a passing test of the same functions speaks against the mistake: a bug in a helper the
        # reference shares between functions need not be in the user's other functions.
        called = {name for case in cases if case.test.name in explained for name in calls(case.test)}
        contradicted = sum(1 for test in passing if calls(test) & called)
        if explained and contradicted <= len(explained):
            rank = (contradicted > 0, -len(explained), contradicted, order)
            found.append((rank, Diagnosis(mistake.id, mistake.title, mistake.explanation, explained)))
    ranked = [d for _, d in sorted(found, key=lambda t: t[0])]
    # A mistake that only explains part of what a better one explains adds nothing.
    return [d for i, d in enumerate(ranked) if not any(set(d.tests) < set(b.tests) for b in ranked[:i])]
