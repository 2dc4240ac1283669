"""The verdict on one test: the reference's outcome and the solution's, judged by the test's checks."""

from __future__ import annotations

import os
from typing import Any

from mlprep.engine.compare import Tolerance, describe, value
from mlprep.engine.report import Status
from mlprep.engine.scenario import Outcome
from mlprep.engine.wire import Raised
from mlprep.problem import Test


def labelled(test: Test, observed: dict[str, Any]) -> dict[str, Any]:
    """Observations by the names the prompt uses (``context``, ``weights``) rather than ``result``."""
    out: dict[str, Any] = {}
    for key, val in observed.items():
        names = test.returns if key == "result" and not test.repeat else None  # repeated: a list of trials
        if isinstance(names, list) and isinstance(val, (tuple, list)) and len(val) == len(names):
            out.update(zip(names, val))
        else:
            out[names if isinstance(names, str) else key] = val
    return out


def raised_message(exc: Raised, memory_mb: int) -> tuple[Status, str]:
    """A user's exception as a candidate should read it: ``attention.py:14: ZeroDivisionError: ...``."""
    at = f"{exc.where}: " if exc.where else ""
    if "MemoryError" in exc.mro:
        return "memory", f"{at}ran out of memory (the limit is {memory_mb} MiB)"
    if exc.type == "SystemExit":
        return "error", f"{at}called {exc.message}: a solution must return its result, not exit"
    if exc.type == "KeyboardInterrupt":
        return "error", f"{at}raised KeyboardInterrupt"
    return "error", f"{at}{exc.type}" + (f": {exc.message}" if exc.message else "")


def said(outcome: Outcome) -> str:
    """What stopped a run, in words (``raised NotImplementedError: softmax (softmax.py:9)``), or ""."""
    if outcome.missing:
        return f"{outcome.missing.name} is not defined"
    exc = outcome.raised
    if exc is None:
        return ""
    return f"raised {exc.type}" + (f": {exc.message}" if exc.message else "") + (f" ({exc.where})" if exc.where else "")


def judge(
    test: Test, expected: Outcome, actual: Outcome, inputs: dict[str, Any], tol: Tolerance,
    filename: str, memory_mb: int, reference: dict[str, Any] | None = None,
) -> tuple[Status, str]:
    """Pass, fail or error for one test, with the one sentence that explains it."""
    from mlprep.checks.generators import find
    from mlprep.checks.properties import PROPERTIES, Context

    about = f" for {test.about}" if test.about else ""
    if actual.missing:
        return "error", f"{os.path.basename(filename)} does not define {actual.missing.name}"
    if test.raises:
        if actual.raised and test.raises in actual.raised.mro:
            return "pass", ""
        if actual.raised:
            _, said = raised_message(actual.raised, memory_mb)
            return "fail", f"should raise {test.raises}{about}, but: {said}"
        got = next(iter(actual.observed.values()), None)
        return "fail", f"should raise {test.raises}{about}, but returned {describe(got)}"
    if actual.raised:
        return raised_message(actual.raised, memory_mb)

    names = test.returns if isinstance(test.returns, list) else None
    for key in test.observed:
        label = test.returns if key == "result" and isinstance(test.returns, str) else ("" if key == "result" else key)
        problem = value(expected.observed[key], actual.observed.get(key), tol, label, names, shape_only=True)
        if problem:
            return "fail", problem + about
    exp, act = labelled(test, expected.observed), labelled(test, actual.observed)
    ctx = Context(inputs=inputs, actual=act, expected=exp, tol=tol, about=test.about, reference=reference)
    for check in test.judged_by:
        if check.name == "match":
            for label in exp:
                problem = value(exp[label], act[label], tol, "" if label == "result" else label)
                if problem:
                    return "fail", problem + about
        else:
            problem = find(PROPERTIES, check.name)(ctx, **check.params)
            if problem:
                return "fail", problem
    if actual.mutated:
        which = ", ".join(actual.mutated)
        if test.forbid_mutation:
            return "fail", f"modified its input {which} in place: the caller's data must not change"
        return "pass", f"passed, but modified its input {which} in place (a caller would not expect that)"
    return "pass", ""
