"""What a check found, as plain data: the renderer, the JSON output and the store all read a Report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Status = Literal["pass", "fail", "error", "timeout", "memory", "crashed", "skipped"]
OUTPUT_LIMIT = 500  # characters of a test's printed output in --json, as exercism's test runner does


def cut(text: str, limit: int = OUTPUT_LIMIT) -> str:
    """``text`` up to ``limit`` characters, then a marker saying how much more there was."""
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n[... {len(text) - limit} more characters cut]"


@dataclass
class TestResult:
    name: str
    part: int
    category: str
    status: Status
    message: str = ""
    seconds: float = 0.0
    output: str = ""
    detail: dict[str, str] | None = None  # inputs/expected/actual, only once the attempt has ended

    @property
    def passed(self) -> bool:
        return self.status == "pass"


@dataclass
class EfficiencyResult:
    name: str
    part: int
    status: Literal["ok", "slow", "skipped"]
    ratio: float | None = None
    message: str = ""


@dataclass
class Diagnosis:
    mistake: str
    title: str
    explanation: str
    tests: list[str] = field(default_factory=list)


@dataclass
class Report:
    problem: str
    file: str
    tests: list[TestResult] = field(default_factory=list)
    efficiency: list[EfficiencyResult] = field(default_factory=list)
    diagnosis: list[Diagnosis] = field(default_factory=list)  # one mistake, or several the tests cannot tell apart
    load_error: str | None = None
    load_output: str = ""
    parts: list[str] = field(default_factory=list)  # part titles, part 1 first
    landlock: int = 0  # the Landlock ABI the worker ran under (0: writes and signals not confined)

    @property
    def correctness(self) -> list[TestResult]:
        return [t for t in self.tests if t.category != "efficiency"]

    @property
    def passed(self) -> bool:
        """Every correctness test passed (efficiency findings never fail a check)."""
        tests = self.correctness
        return bool(tests) and all(t.passed for t in tests)

    @property
    def counts(self) -> tuple[int, int]:
        tests = self.correctness
        ok = sum(t.passed for t in tests)
        return ok, len(tests) - ok

    @property
    def named(self) -> list[str]:
        """The classic mistake the evidence singles out, as a list of one; empty when none or several fit.

        What the history records: a mistake the tests cannot tell from another is not counted as made.
        """
        return [self.diagnosis[0].mistake] if len(self.diagnosis) == 1 else []

    def part_passed(self, part: int) -> bool | None:
        tests = [t for t in self.correctness if t.part == part]
        return all(t.passed for t in tests) if tests else None

    def as_json(self, elapsed_s: float | None = None, remaining_s: float | None = None) -> dict[str, Any]:
        """The stable ``--json`` shape (docs/json.md)."""
        tests = []
        for t in self.tests:
            row: dict[str, Any] = {
                "name": t.name, "part": t.part, "category": t.category, "status": t.status,
                "message": t.message, "seconds": round(t.seconds, 4), "output": cut(t.output),
            }
            if t.detail:
                row.update(t.detail)
            tests.append(row)
        return {
            "problem": self.problem,
            "file": self.file,
            "passed": self.passed,
            "tests": tests,
            "efficiency": [
                {"name": e.name, "status": e.status, "ratio": None if e.ratio is None else round(e.ratio, 2)}
                for e in self.efficiency
            ],
            "diagnosis": [{k: v for k, v in asdict(d).items() if k != "tests"} for d in self.diagnosis],
            "elapsed_s": None if elapsed_s is None else round(elapsed_s, 1),
            "remaining_s": None if remaining_s is None else round(remaining_s, 1),
        }
