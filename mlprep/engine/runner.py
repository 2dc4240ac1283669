"""The parent side of a check: owns the truth, runs the user's file in a limited child, builds a Report.

The parent builds each test's inputs, computes the expected outcome with the reference solution, sends
the inputs to a worker process and judges what comes back. The worker runs in its own session under
memory, CPU and file-size limits; a test that hangs or crashes costs that test only: the worker is
killed with its whole process group and a fresh one runs the remaining tests.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlprep.checks import generators
from mlprep.engine import diagnose, probes, scenario, wire
from mlprep.engine.compare import Tolerance
from mlprep.engine.examples import Example
from mlprep.engine.examples import code as example_code
from mlprep.engine.examples import inputs as example_inputs
from mlprep.engine.examples import shown as shown_as
from mlprep.engine.literal import readable
from mlprep.engine.loader import load_module
from mlprep.engine.process import IMPORT_SECONDS, INTERFERED, Worker, memory_mb, valid_outcome
from mlprep.engine.report import EfficiencyResult, Report, TestResult
from mlprep.engine.verdict import judge, raised_message, said
from mlprep.errors import MlprepError
from mlprep.problem import Problem, Test

CHECK_SECONDS = 60.0  # a whole check's budget (stated in `mlprep check --help`)
Progress = Callable[[int, int, "str | None"], None]  # (tests done, tests in all, the test running now)


class _Pool:
    """The current worker for one check, replaced after a timeout, a crash or a garbled frame."""

    def __init__(self, file: Path, worker: Worker | None, budget_ends: float):
        self.file = file
        self.worker = worker
        self.budget_ends = budget_ends
        self.load_error: str | None = None
        self.load_output = ""
        self.landlock = 0

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
        except wire.WireGarbled as garbled:
            self.load_error = f"{name} could not be imported: {INTERFERED} ({garbled})"
        else:
            if hello["type"] == "load_error":
                exc = hello["raised"]
                _, said = raised_message(exc, memory_mb())
                self.load_error = f"{name} could not be imported: {said}" if not exc.where else said
            else:
                self.load_output = hello["stdout"]
                self.landlock = hello["landlock"]
                return self.worker
        self.drop()
        return None

    def drop(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None

    def ask(self, message: dict[str, Any], seconds: float) -> tuple[str, Any]:
        """("ok", reply) or ("timeout" | "crashed" | "interfered" | "load", message)."""
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
            reply = worker.reply(self.deadline)
        except wire.WireTimeout:
            self.drop()
            return "timeout", self.seconds
        except wire.WireClosed:
            said = worker.crash_message()
            self.drop()
            return "crashed", said
        except wire.WireGarbled as exc:
            self.drop()  # the stream can no longer be trusted: the next test gets a fresh worker
            return "interfered", f"{INTERFERED} (it sent {exc})"
        if reply["type"] == "unsendable":
            return "interfered", f"{INTERFERED}: what it returned could not be read ({reply['message']})"
        if reply["type"] == "internal_error":
            # The worker runs the user's code, so its failure may be theirs (a patched module); its
            # traceback is in the worker's log for a bug report, and the test says what happened.
            self.drop()
            return "interfered", f"{INTERFERED}: the worker failed on this test ({reply['message']})"
        return "ok", reply


def _function(test: Test) -> str:
    """The function (or class) a test calls first: a timeout in it dooms its other tests too."""
    return next(iter(scenario.called(test.program)), test.name)


def _detail(test: Test, inputs: dict[str, Any], expected: scenario.Outcome,
            actual: scenario.Outcome | None) -> dict[str, str]:
    """A failing test in full: its inputs (an example's as pasteable code), the expected and your values."""
    def values(outcome: scenario.Outcome) -> str:
        return said(outcome) or readable(shown_as(test, outcome.observed))

    return {
        "inputs": example_code(test, inputs) if test.category == "example" else readable(inputs),
        "expected": values(expected),
        "actual": values(actual) if actual else "(no value: the test did not finish)",
    }


def reference_module(problem: Problem) -> dict[str, Any]:
    """The reference solution's namespace; one that cannot be imported is a broken problem, said in words."""
    assert problem.solution_path is not None
    try:
        return load_module(problem.solution_path, f"_mlprep_reference_{problem.id}")
    except Exception as exc:  # noqa: BLE001 - the pack's code may raise anything at import
        line = f" (line {exc.lineno})" if isinstance(exc, SyntaxError) and exc.lineno else ""
        said = exc.msg if isinstance(exc, SyntaxError) else str(exc)
        raise MlprepError(
            f"problem {problem.id} is broken: its reference solution {problem.solution_path.name} cannot be "
            f"imported: {type(exc).__name__}{line}: {said}; run `mlprep validate`", code=1,
        ) from None


def expected_outcome(problem: Problem, test: Test, reference: dict[str, Any], inputs: dict[str, Any]) -> scenario.Outcome:
    """What the reference does on a test; a reference that fails its own test is a broken problem."""
    outcome = scenario.run(test.program, test.observed, reference, scenario.fresh(inputs), repeat=test.repeat)
    if outcome.missing or (outcome.raised and not test.raises):
        raise MlprepError(
            f"problem {problem.id} is broken: its reference solution fails test {test.name!r}: "
            f"{outcome.failure()}; run `mlprep validate`", code=1,
        )
    return outcome


def _expected_file(problem: Problem) -> Path:
    """Where a problem's inputs and expected outcomes are cached: keyed by everything that decides them."""
    from mlprep import __version__
    from mlprep.home import home

    digest = hashlib.sha256(__version__.encode())
    for path in deciding_files(problem):
        digest.update(path.read_bytes())
    return home() / "cache" / "expected" / f"{problem.id}-{digest.hexdigest()[:20]}.bin"


def deciding_files(problem: Problem) -> list[Path]:
    """Every file whose text decides a problem's inputs and expected outcomes: the cache's key."""
    assert problem.path is not None and problem.solution_path is not None
    checks = Path(generators.__file__).parent
    return [problem.path, problem.solution_path, Path(scenario.__file__), Path(probes.__file__), *sorted(checks.glob("*.py"))]


def _load_expected(problem: Problem) -> dict[str, Any]:
    """The cached expected values, if the file is whole (its digest matches) and well-formed; else nothing.

    An entry that fails a check is rebuilt by the caller, never trusted and never a crash.
    """
    try:
        raw = _expected_file(problem).read_bytes()
        body = raw[32:]
        if hashlib.sha256(body).digest() != raw[:32]:
            return {}
        data = wire.decode(body[8:])
        names = {t.name for t in problem.tests}
        if not isinstance(data, dict) or not set(data) <= names:
            return {}
        cache = {}
        for name, entry in data.items():
            inputs, outcome = entry
            if not (isinstance(inputs, dict) and all(isinstance(k, str) for k in inputs) and valid_outcome(outcome)):
                return {}
            cache[name] = (inputs, scenario.Outcome(**outcome))
        return cache
    except Exception:  # noqa: BLE001 - a missing or damaged cache only means computing again
        return {}


def _save_expected(problem: Problem, cache: dict[str, Any]) -> None:
    path = _expected_file(problem)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        body = wire.encode({name: (inputs, expected.__dict__) for name, (inputs, expected) in cache.items()})
        tmp.write_bytes(hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
    except OSError:
        pass


def check(
    problem: Problem, file: Path, *, display: str | None = None, worker: Worker | None = None,
    examples_only: bool = False, efficiency: bool = True, ended: bool = False, diagnose_mistakes: bool = True,
    cache: dict[str, Any] | None = None, progress: Progress | None = None,
) -> Report:
    """Grade ``file`` against ``problem``'s tests. ``worker`` may already be importing the file.

    ``cache`` (kept by a caller that checks repeatedly, like ``watch``) holds each test's inputs and
    expected outcome, which depend only on the problem: they are computed once. Without one, they
    come from a file in the state folder keyed by the problem's content (written on first use). Efficiency tests run
    after the correctness tests. After a timeout, the other tests of the same function are skipped;
    the whole check stops at ``CHECK_SECONDS``. ``progress`` hears (done, total, current test) as tests
    start and end.
    """
    assert problem.solution_path is not None
    budget_ends = time.monotonic() + CHECK_SECONDS
    tol = Tolerance(problem.tolerance.rtol, problem.tolerance.atol, problem.tolerance.equal_nan)
    reference = reference_module(problem)
    report = Report(problem=problem.id, file=display or str(file), parts=[p.title for p in problem.parts])
    pool = _Pool(file, worker, budget_ends)
    filename = str(Path(file).resolve())
    persistent = cache is None
    if cache is None:
        cache = _load_expected(problem)
    known = len(cache)
    cases: list[diagnose.Case] = []
    tests = problem.examples() if examples_only else problem.tests
    plan = [test for test in tests if test.category != "efficiency"]
    timed = [t for t in tests if t.category == "efficiency"] if efficiency and not examples_only else []
    total = len(plan) + len(timed)
    hung: dict[str, str] = {}  # function -> the test it timed out on

    def tell(current: str | None) -> None:
        if progress is not None:
            progress(len(report.tests), total, current)

    def why_not(test: Test) -> str | None:
        """Why ``test`` will not run, or None if it will."""
        if _function(test) in hung:
            return (f"skipped: {_function(test)} timed out on test {hung[_function(test)]!r}, "
                    "so it would time out here too")
        if time.monotonic() >= budget_ends:
            return f"not run: the check's time budget ({CHECK_SECONDS:g} s) ran out"
        return None

    def start(index: int) -> tuple[Test, dict[str, Any], Any, float, float] | None:
        for test in plan[index:]:
            if why_not(test) is None:
                break
        else:
            return None
        cached = cache.get(test.name) if cache is not None else None
        inputs = cached[0] if cached else generators.build([r.as_dict() for r in test.inputs], test.given)
        seconds = min(test.seconds or problem.seconds_per_test, max(0.0, budget_ends - time.monotonic()))
        pool.send({"type": "test", "steps": test.program, "observe": test.observed, "inputs": inputs,
                   "repeat": test.repeat}, seconds)
        return test, inputs, cached, seconds, time.monotonic()

    try:
        running = start(0)
        for index, test in enumerate(plan):
            if running is None or running[0] is not test:
                report.tests.append(TestResult(test.name, test.part, test.category, "skipped", why_not(test) or ""))
                continue
            tell(test.name)
            _, inputs, cached, seconds, started = running
            # The reference runs here while the worker runs the same test: two cores, one wait.
            expected = cached[1] if cached else expected_outcome(problem, test, reference, inputs)
            if cache is not None and not cached:
                cache[test.name] = (inputs, expected)
            kind, reply = pool.reply()
            waited = time.monotonic() - started
            if kind == "timeout":
                hung[_function(test)] = test.name
            # The next test starts before this one is judged, so judging overlaps the worker's run.
            running = start(index + 1)
            result = TestResult(test.name, test.part, test.category, "error", seconds=waited)
            actual = None
            if kind in ("load", "interfered"):
                result.message = reply
            elif kind == "timeout":
                limit = test.seconds or problem.seconds_per_test
                why = "the test's limit" if seconds >= limit else f"the check's time budget of {CHECK_SECONDS:g} s ran out"
                result.status, result.message = "timeout", f"timed out after {round(seconds, 1):g} s ({why})"
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
        for test in timed:
            tell(test.name)
            if time.monotonic() >= budget_ends:
                _skip_efficiency(report, test, f"not timed: the check's time budget ({CHECK_SECONDS:g} s) ran out")
            else:
                _efficiency(problem, test, pool, report, budget_ends)
        tell(None)
    finally:
        report.load_error = pool.load_error
        report.load_output = pool.load_output
        report.landlock = pool.landlock
        pool.drop()
    if persistent and len(cache) > known and not examples_only:
        _save_expected(problem, cache)
    if diagnose_mistakes and any(not case.passed for case in cases):
        report.diagnosis = diagnose.find(problem, cases, tol, reference)
    return report


def _skip_efficiency(report: Report, test: Test, why: str) -> None:
    report.efficiency.append(EfficiencyResult(test.name, test.part, "skipped", None, why))
    report.tests.append(TestResult(test.name, test.part, "efficiency", "skipped", why))


def _efficiency(problem: Problem, test: Test, pool: _Pool, report: Report, budget_ends: float) -> None:
    seconds = min(test.seconds or 60.0, max(0.0, budget_ends - time.monotonic()))
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
        # The reference passed its tests here in the parent: failing beside the user's code is their doing.
        said = reply["error"].removeprefix("reference failed: ")
        kind, reply = "interfered", f"{INTERFERED} (the reference, run beside it, failed: {said})"
    if kind == "load":
        found = EfficiencyResult(test.name, test.part, "skipped", None, "not timed: the file could not be imported")
    elif kind == "interfered":
        found = EfficiencyResult(test.name, test.part, "skipped", None, f"not timed: {reply}")
    elif kind == "timeout":
        found = EfficiencyResult(test.name, test.part, "slow", None, f"stopped after {seconds:g} s{slow_note}")
    elif kind == "crashed":
        found = EfficiencyResult(test.name, test.part, "skipped", None, f"not timed: {reply}")
    elif isinstance(reply.get("failed"), wire.Raised) and "MemoryError" in reply["failed"].mro:
        # Running out of memory on the large input is how an O(n^2)-memory answer is slow: a finding, not a skip.
        found = EfficiencyResult(
            test.name, test.part, "slow", None, f"ran out of memory on this input (the limit is {memory_mb()} MiB){slow_note}"
        )
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
    reference = reference_module(problem)
    shown = []
    for test in problem.examples():
        values = example_inputs(test)
        outcome = expected_outcome(problem, test, reference, values)
        result = said(outcome) if outcome.raised else readable(shown_as(test, outcome.observed))
        shown.append(Example(test.name, test.part, example_code(test, values), result))
    return shown
