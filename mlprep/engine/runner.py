"""The parent side of a check: owns the truth, runs the user's file in a limited child, builds a Report.

The parent builds each test's inputs, computes the expected outcome with the reference solution, sends
the inputs to a worker process and judges what comes back. The worker runs in its own session under
memory, CPU and file-size limits; a test that hangs or crashes costs that test only: the worker is
killed with its whole process group and a fresh one runs the remaining tests.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from mlprep.checks import generators
from mlprep.engine import diagnose, scenario, wire
from mlprep.engine.compare import Tolerance
from mlprep.engine.examples import Example
from mlprep.engine.examples import code as example_code
from mlprep.engine.examples import inputs as example_inputs
from mlprep.engine.literal import readable
from mlprep.engine.loader import load_module
from mlprep.engine.process import IMPORT_SECONDS, Worker, memory_mb
from mlprep.engine.report import EfficiencyResult, Report, TestResult
from mlprep.engine.verdict import judge, labelled, raised_message, said
from mlprep.errors import MlprepError
from mlprep.problem import Problem, Test


class _Pool:
    """The current worker for one check, replaced after a timeout or crash."""

    def __init__(self, file: Path, worker: Worker | None):
        self.file = file
        self.worker = worker
        self.load_error: str | None = None
        self.load_output = ""

    def ready(self) -> Worker | None:
        if self.load_error is not None:
            return None
        if self.worker is None:
            self.worker = Worker(self.file)
        name = os.path.basename(self.worker.file)
        try:
            hello = self.worker.greet()
        except wire.WireTimeout:
            self.load_error = (
                f"importing {name} did not finish within {IMPORT_SECONDS:.0f} s: "
                "does code at the top level of the file loop or wait for input?"
            )
        except wire.WireClosed:
            self.load_error = f"{name} could not be imported: {self.worker.crash_message()}"
        else:
            if hello["type"] == "load_error":
                exc = hello["raised"]
                _, said = raised_message(exc, memory_mb())
                self.load_error = f"{name} could not be imported: {said}" if not exc.where else said
            else:
                self.load_output = hello.get("stdout", "")
                return self.worker
        self.drop()
        return None

    def drop(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def ask(self, message: dict[str, Any], seconds: float) -> tuple[str, Any]:
        """("ok", reply) or ("timeout" | "crashed" | "load", message)."""
        self.send(message, seconds)
        return self.reply()

    def send(self, message: dict[str, Any], seconds: float) -> None:
        """Start a request; the parent may work while the worker runs it, then call ``reply``."""
        self.pending: tuple[str, Any] | None = None
        self.seconds = seconds
        worker = self.ready()
        if worker is None:
            self.pending = ("load", self.load_error)
            return
        try:
            worker.send(message)
        except wire.WireClosed:
            self.pending = ("crashed", worker.crash_message())
            self.drop()
            return
        self.deadline = time.monotonic() + seconds

    def reply(self) -> tuple[str, Any]:
        if self.pending is not None:
            return self.pending
        worker = self.worker
        assert worker is not None
        try:
            return "ok", worker.reply(self.deadline)
        except wire.WireTimeout:
            self.drop()
            return "timeout", self.seconds
        except wire.WireClosed:
            said = worker.crash_message()
            self.drop()
            return "crashed", said


def _detail(test: Test, inputs: dict[str, Any], expected: scenario.Outcome,
            actual: scenario.Outcome | None) -> dict[str, str]:
    """A failing test in full: its inputs (an example's as pasteable code), the expected and your values."""
    def values(outcome: scenario.Outcome) -> str:
        return said(outcome) or readable(labelled(test, outcome.observed))

    return {
        "inputs": example_code(test, inputs) if test.category == "example" else readable(inputs),
        "expected": values(expected),
        "actual": values(actual) if actual else "(no value: the test did not finish)",
    }


def expected_outcome(problem: Problem, test: Test, reference: dict[str, Any], inputs: dict[str, Any]) -> scenario.Outcome:
    """What the reference does on a test; a reference that fails its own test is a broken problem."""
    outcome = scenario.run(test.program, test.observed, reference, scenario.fresh(inputs), repeat=test.repeat)
    if outcome.missing or (outcome.raised and not test.raises):
        raise MlprepError(
            f"problem {problem.id} is broken: its reference solution fails test {test.name!r} "
            f"({outcome.missing or outcome.raised}); run `mlprep validate`", code=1,
        )
    return outcome


def _expected_file(problem: Problem) -> Path:
    """Where a problem's inputs and expected outcomes are cached: keyed by everything that decides them."""
    import hashlib

    from mlprep import __version__
    from mlprep.home import home

    digest = hashlib.sha256(__version__.encode())
    checks = Path(generators.__file__).parent
    for path in [problem.path, problem.solution_path, Path(scenario.__file__), *sorted(checks.glob("*.py"))]:
        digest.update(Path(path).read_bytes())  # type: ignore[arg-type]
    return home() / "cache" / "expected" / f"{problem.id}-{digest.hexdigest()[:20]}.bin"


def _load_expected(problem: Problem) -> dict[str, Any]:
    try:
        data = wire.decode(_expected_file(problem).read_bytes()[8:])
        return {name: (inputs, scenario.Outcome(**outcome)) for name, (inputs, outcome) in data.items()}
    except Exception:  # noqa: BLE001 - a missing or damaged cache only means computing again
        return {}


def _save_expected(problem: Problem, cache: dict[str, Any]) -> None:
    path = _expected_file(problem)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(wire.encode({name: (inputs, expected.__dict__) for name, (inputs, expected) in cache.items()}))
        os.replace(tmp, path)
    except OSError:
        pass


def check(
    problem: Problem, file: Path, *, display: str | None = None, worker: Worker | None = None,
    examples_only: bool = False, efficiency: bool = True, ended: bool = False, diagnose_mistakes: bool = True,
    cache: dict[str, Any] | None = None,
) -> Report:
    """Grade ``file`` against ``problem``'s tests. ``worker`` may already be importing the file.

    ``cache`` (kept by a caller that checks repeatedly, like ``watch``) holds each test's inputs and
    expected outcome, which depend only on the problem: they are computed once. Without one, they
    come from a file in the state folder keyed by the problem's content (written on first use). Efficiency tests run
    after the correctness tests.
    """
    assert problem.solution_path is not None
    tol = Tolerance(problem.tolerance.rtol, problem.tolerance.atol, problem.tolerance.equal_nan)
    reference = load_module(problem.solution_path, f"_mlprep_reference_{problem.id}")
    report = Report(problem=problem.id, file=display or str(file), parts=[p.title for p in problem.parts])
    pool = _Pool(file, worker)
    filename = str(Path(file).resolve())
    persistent = cache is None
    if cache is None:
        cache = _load_expected(problem)
    known = len(cache)
    cases: list[diagnose.Case] = []
    tests = problem.examples() if examples_only else problem.tests
    plan = [test for test in tests if test.category != "efficiency"]

    def start(test: Test) -> tuple[dict[str, Any], Any, float, float]:
        cached = cache.get(test.name) if cache is not None else None
        inputs = cached[0] if cached else generators.build([r.as_dict() for r in test.inputs], test.given)
        seconds = test.seconds or problem.seconds_per_test
        pool.send({"type": "test", "steps": test.program, "observe": test.observed, "inputs": inputs,
                   "repeat": test.repeat}, seconds)
        return inputs, cached, seconds, time.monotonic()

    try:
        running = start(plan[0]) if plan else None
        for index, test in enumerate(plan):
            assert running is not None
            inputs, cached, seconds, started = running
            # The reference runs here while the worker runs the same test: two cores, one wait.
            expected = cached[1] if cached else expected_outcome(problem, test, reference, inputs)
            if cache is not None and not cached:
                cache[test.name] = (inputs, expected)
            kind, reply = pool.reply()
            waited = time.monotonic() - started
            # The next test starts before this one is judged, so judging overlaps the worker's run.
            running = start(plan[index + 1]) if index + 1 < len(plan) else None
            result = TestResult(test.name, test.part, test.category, "error", seconds=waited)
            actual = None
            if kind == "load":
                result.message = reply
            elif kind == "timeout":
                result.status, result.message = "timeout", f"timed out after {seconds:g} s (the test's limit)"
            elif kind == "crashed":
                result.status, result.message = "crashed", reply
            else:
                actual = scenario.Outcome(**reply["outcome"])
                result.seconds, result.output = reply["seconds"], reply["stdout"]
                result.status, result.message = judge(
                    test, expected, actual, inputs, tol, filename, memory_mb(), reference
                )
                for variant in problem.variants if result.status != "pass" else []:
                    alternative = scenario.run(
                        test.program, test.observed, diagnose.mistake_namespace(problem, variant),
                        scenario.fresh(inputs), repeat=test.repeat,
                    )
                    verdict = judge(test, alternative, actual, inputs, tol, filename, memory_mb(), reference)
                    if verdict[0] == "pass":
                        result.status, result.message = verdict
                        break
            if actual is not None:
                cases.append(diagnose.Case(test, inputs, expected, actual, result.passed, result.message))
            if not result.passed and (ended or test.category == "example"):
                result.detail = _detail(test, inputs, expected, actual)
            report.tests.append(result)
        for test in tests if efficiency and not examples_only else []:
            if test.category != "efficiency":
                continue
            _efficiency(problem, test, pool, report)
    finally:
        report.load_error = pool.load_error
        report.load_output = pool.load_output
        pool.drop()
    if persistent and len(cache) > known and not examples_only:
        _save_expected(problem, cache)
    if diagnose_mistakes and any(not case.passed for case in cases):
        report.diagnosis = diagnose.find(problem, cases, tol, reference)
    return report


def _efficiency(problem: Problem, test: Test, pool: _Pool, report: Report) -> None:
    seconds = test.seconds or 60.0
    kind, reply = pool.ask(
        {
            "type": "efficiency", "steps": test.program, "observe": test.observed,
            "inputs": [r.as_dict() for r in test.inputs], "given": test.given,
            "reference": str(problem.solution_path), "max_ratio": test.max_ratio,
        },
        seconds,
    )
    slow_note = f": {test.slow_message}" if test.slow_message else ""
    if kind == "ok" and "error" in reply:
        raise MlprepError(f"problem {problem.id} is broken: efficiency test {test.name!r}: {reply['error']}", code=1)
    if kind == "load":
        found = EfficiencyResult(test.name, test.part, "skipped", None, "not timed: the file could not be imported")
    elif kind == "timeout":
        found = EfficiencyResult(test.name, test.part, "slow", None, f"stopped after {seconds:g} s{slow_note}")
    elif kind == "crashed":
        found = EfficiencyResult(test.name, test.part, "skipped", None, f"not timed: {reply}")
    elif reply.get("failed"):
        found = EfficiencyResult(test.name, test.part, "skipped", None, "not timed: the function fails on this input")
    elif "slow_cap" in reply:
        found = EfficiencyResult(
            test.name, test.part, "slow", reply["slow_cap"],
            f"stopped at {reply['slow_cap']:.0f}x the reference's time{slow_note}",
        )
    else:
        ratio = reply["ratio"]
        slow = ratio > test.max_ratio
        found = EfficiencyResult(
            test.name, test.part, "slow" if slow else "ok", ratio,
            f"{ratio:.1f}x the reference's time (limit {test.max_ratio:g}x){slow_note if slow else ''}",
        )
    status = {"ok": "pass", "slow": "fail", "skipped": "skipped"}[found.status]
    report.efficiency.append(found)
    report.tests.append(TestResult(test.name, test.part, "efficiency", status, found.message))  # type: ignore[arg-type]


def examples(problem: Problem) -> list[Example]:
    """The visible examples as the prompt shows them: pasteable code and what the reference returns."""
    assert problem.solution_path is not None
    reference = load_module(problem.solution_path, f"_mlprep_reference_{problem.id}")
    shown = []
    for test in problem.examples():
        values = example_inputs(test)
        outcome = expected_outcome(problem, test, reference, values)
        result = said(outcome) if outcome.raised else readable(labelled(test, outcome.observed))
        shown.append(Example(test.name, test.part, example_code(test, values), result))
    return shown
