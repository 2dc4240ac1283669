"""The problem format: typed models for ``problems/<id>.yaml`` and loading them with clear errors.

A problem is data: its prompt, stub, teaching content, hidden tests and common mistakes. Tests name
generators and checks from ``mlprep.checks``; a new problem never needs new code in the engine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from mlprep.errors import MlprepError

FORMAT_VERSION = 1
Category = Literal["example", "hidden", "edge", "stability", "efficiency"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recipe(BaseModel):
    """One generator row: ``{gen: normal, seed: 3, shapes: {x: [4, 5]}}``."""

    model_config = ConfigDict(extra="allow", frozen=True)
    gen: str
    seed: int = 0

    @field_validator("gen")
    @classmethod
    def _known(cls, name: str) -> str:
        from mlprep.checks.generators import GENERATORS

        if name not in GENERATORS:
            raise ValueError(f"unknown generator {name!r} (known: {', '.join(sorted(GENERATORS))})")
        return name

    def as_dict(self) -> dict[str, Any]:
        return {"gen": self.gen, "seed": self.seed, **(self.model_extra or {})}


class Check(_Model):
    """A named property from ``mlprep.checks.properties`` with its parameters, or ``match``."""

    name: str
    params: dict[str, Any] = Field(default_factory=dict)


class Test(_Model):
    """One hidden (or visible) test: inputs, the steps to run, what to observe, how to judge it."""

    name: str
    part: int = 1
    category: Category = "hidden"
    given: dict[str, Any] = Field(default_factory=dict)
    inputs: list[Recipe] = Field(default_factory=list)
    call: str | None = None
    steps: list[str] = Field(default_factory=list)
    observe: list[str] = Field(default_factory=list)
    returns: list[str] | str | None = None
    raises: str | None = None
    checks: list[Check] = Field(default_factory=list)
    about: str | None = None
    seconds: float | None = None
    forbid_mutation: bool = False
    max_ratio: float = 4.0
    slow_message: str | None = None

    @field_validator("checks", mode="before")
    @classmethod
    def _checks(cls, raw: Any) -> Any:
        out = []
        for item in raw or []:
            if isinstance(item, str):
                out.append({"name": item})
            elif isinstance(item, dict) and len(item) == 1 and "name" not in item:
                ((name, params),) = item.items()
                out.append({"name": name, "params": params or {}})
            else:
                out.append(item)
        return out

    @model_validator(mode="after")
    def _program(self) -> Test:
        from mlprep.checks.properties import PROPERTIES
        from mlprep.engine.scenario import parse

        if bool(self.call) == bool(self.steps):
            raise ValueError("a test needs exactly one of `call` or `steps`")
        for line in self.program:
            parse(line)
        for expr in self.observed:
            parse(expr, "eval")
        for check in self.checks:
            if check.name != "match" and check.name not in PROPERTIES:
                raise ValueError(f"unknown check {check.name!r} (known: match, {', '.join(sorted(PROPERTIES))})")
        return self

    @property
    def program(self) -> list[str]:
        return [f"result = {self.call}"] if self.call else list(self.steps)

    @property
    def observed(self) -> list[str]:
        return self.observe or (["result"] if self.call else [])

    @property
    def judged_by(self) -> list[Check]:
        return self.checks or [Check(name="match")]


class Part(_Model):
    title: str
    prompt: str
    names: list[str]


class Insight(_Model):
    title: str
    body: str


class Followup(_Model):
    question: str
    answer: str


class RubricPoint(_Model):
    point: str
    key_terms: list[str] = Field(default_factory=list)


class Patch(_Model):
    find: str
    replace: str


class Mistake(_Model):
    """A classic bug, written as text patches on the reference solution."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    explanation: str
    part: int = 1
    expect: Literal["fail", "slow"] = "fail"
    patch: list[Patch] = Field(min_length=1)

    def apply(self, source: str) -> str:
        """The reference with this mistake in it; ValueError unless each patch matches exactly once."""
        for p in self.patch:
            count = source.count(p.find)
            if count != 1:
                raise ValueError(f"mistake {self.id}: patch text found {count} times, expected once: {p.find!r}")
            source = source.replace(p.find, p.replace)
        return source


class Tol(_Model):
    rtol: float = 1e-5
    atol: float = 1e-8
    equal_nan: bool = False


class Problem(_Model):
    """A whole problem as its YAML file describes it."""

    format_version: Literal[1]
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    number: int | None = None
    title: str
    difficulty: Literal["easy", "medium", "hard"]
    minutes: int = Field(45, ge=1)
    tags: list[str] = Field(default_factory=list)
    summary: str
    parts: list[Part] = Field(min_length=1)
    stub: str
    think_aloud: str
    hints: list[str] = Field(min_length=1)
    insights: list[Insight] = Field(min_length=1)
    followups: list[Followup] = Field(default_factory=list)
    rubric: list[RubricPoint] = Field(default_factory=list)
    mistakes: list[Mistake] = Field(default_factory=list)
    tests: list[Test] = Field(min_length=1)
    tolerance: Tol = Tol()
    seconds_per_test: float = Field(5.0, gt=0)
    solution: str | None = None

    # Set by the loader, not written in YAML.
    path: Path | None = None
    solution_path: Path | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Problem:
        names = [t.name for t in self.tests]
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"test names must be unique: {', '.join(dupes)}")
        ids = [m.id for m in self.mistakes]
        if len(set(ids)) != len(ids):
            raise ValueError("mistake ids must be unique")
        for item in [*self.tests, *self.mistakes]:
            if not 1 <= item.part <= len(self.parts):
                raise ValueError(f"{item.name if isinstance(item, Test) else item.id}: part {item.part} does not exist")
        return self

    @property
    def names(self) -> list[str]:
        """Every name a solution must define, in part order."""
        return [n for part in self.parts for n in part.names]

    def examples(self) -> list[Test]:
        return [t for t in self.tests if t.category == "example"]

    def stub_text(self) -> str:
        """The stub as written to the user's folder: always headed ``# mlprep: <id>``."""
        header = f"# mlprep: {self.id}"
        body = self.stub if self.stub.endswith("\n") else self.stub + "\n"
        return body if body.startswith(header) else f"{header}\n{body}"

    def reference_source(self) -> str:
        assert self.solution_path is not None
        return self.solution_path.read_text()


_HEADER = re.compile(r"^#\s*mlprep:\s*([A-Za-z0-9_\-]+)")


def header_id(text: str) -> str | None:
    """The problem id a solution file names on its first line (``# mlprep: attention``)."""
    first = text.split("\n", 1)[0]
    found = _HEADER.match(first.strip())
    return found.group(1) if found else None


def _loader() -> type:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path: Path, solutions: Path | None = None) -> Problem:
    """Read and validate one problem file; MlprepError names the file, the field and the fault."""
    try:
        raw = yaml.load(path.read_text(), Loader=_loader())
    except yaml.YAMLError as exc:
        raise MlprepError(f"{path}: not valid YAML: {exc}") from None
    except OSError as exc:
        raise MlprepError(f"{path}: cannot read: {exc.strerror}") from None
    if not isinstance(raw, dict):
        raise MlprepError(f"{path}: expected a mapping of fields at the top level")
    if raw.get("format_version") not in (None, FORMAT_VERSION) and isinstance(raw.get("format_version"), int):
        raise MlprepError(
            f"{path}: format_version {raw['format_version']} is newer than this mlprep understands ({FORMAT_VERSION})"
        )
    try:
        problem = Problem.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors()[:8]:
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"  {where}: {err['msg']}")
        raise MlprepError(f"{path}: does not match the problem format:\n" + "\n".join(lines)) from None
    path = path.resolve()
    folder = solutions if solutions is not None else path.parent.parent / "solutions"
    solution = folder / (problem.solution or f"{problem.id}.py")
    return problem.model_copy(update={"path": path, "solution_path": solution})
