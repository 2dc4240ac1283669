"""The problem format: typed records for ``problems/<id>.yaml``, validated by pydantic when loaded.

A problem is data: its prompt, stub, teaching content, hidden tests and common mistakes. Tests name
generators and checks from ``mlprep.checks``; a new problem never needs new code in the engine.

The records are frozen standard-library dataclasses, so importing this module is cheap. Pydantic
validates a YAML file against them (``load``) and its errors name the file, the field and the fault.
The validated form is cached as JSON, and ``from_json`` rebuilds it without pydantic: the path a
check takes stays fast.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from mlprep.errors import MlprepError

FORMAT_VERSION = 1
Category = Literal["example", "hidden", "edge", "stability", "efficiency"]
_STRICT = {"extra": "forbid"}  # pydantic reads __pydantic_config__ from plain dataclasses


@dataclass(frozen=True)
class Recipe:
    """One generator row: ``{gen: normal, seed: 3, shapes: {x: [4, 5]}}`` (the rest are its params)."""

    __pydantic_config__ = _STRICT
    gen: str
    seed: int = 0
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"gen": self.gen, "seed": self.seed, **self.params}


@dataclass(frozen=True)
class Check:
    """A named property from ``mlprep.checks.properties`` with its parameters, or ``match``."""

    __pydantic_config__ = _STRICT
    name: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Test:
    """One hidden (or visible) test: inputs, the steps to run, what to observe, how to judge it."""

    __pydantic_config__ = _STRICT
    name: str
    part: int = 1
    category: Category = "hidden"
    given: dict[str, Any] = field(default_factory=dict)
    inputs: list[Recipe] = field(default_factory=list)
    call: str | None = None
    steps: list[str] = field(default_factory=list)
    observe: list[str] = field(default_factory=list)
    returns: list[str] | str | None = None
    raises: str | None = None
    checks: list[Check] = field(default_factory=list)
    about: str | None = None
    seconds: float | None = None
    forbid_mutation: bool = False
    max_ratio: float = 4.0
    slow_message: str | None = None
    repeat: int = 0

    @property
    def program(self) -> list[str]:
        return [f"result = {self.call}"] if self.call else list(self.steps)

    @property
    def observed(self) -> list[str]:
        return self.observe or (["result"] if self.call else [])

    @property
    def judged_by(self) -> list[Check]:
        return self.checks or [Check(name="match")]


@dataclass(frozen=True)
class Part:
    __pydantic_config__ = _STRICT
    title: str
    prompt: str
    names: list[str]


@dataclass(frozen=True)
class Insight:
    __pydantic_config__ = _STRICT
    title: str
    body: str


@dataclass(frozen=True)
class Followup:
    __pydantic_config__ = _STRICT
    question: str
    answer: str


@dataclass(frozen=True)
class RubricPoint:
    __pydantic_config__ = _STRICT
    point: str
    key_terms: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Patch:
    __pydantic_config__ = _STRICT
    find: str
    replace: str


@dataclass(frozen=True)
class Mistake:
    """A classic bug, written as text patches on the reference solution."""

    __pydantic_config__ = _STRICT
    id: str
    title: str
    explanation: str
    patch: list[Patch]
    part: int = 1
    expect: Literal["fail", "slow"] = "fail"
    random: bool = False  # its answers depend on random draws: recognised by how it fails, not by its values

    def apply(self, source: str) -> str:
        """The reference with this mistake in it; ValueError unless each patch matches exactly once."""
        for p in self.patch:
            count = source.count(p.find)
            if count != 1:
                raise ValueError(f"mistake {self.id}: patch text found {count} times, expected once: {p.find!r}")
            source = source.replace(p.find, p.replace)
        return source


@dataclass(frozen=True)
class Tol:
    __pydantic_config__ = _STRICT
    rtol: float = 1e-5
    atol: float = 1e-8
    equal_nan: bool = False


@dataclass(frozen=True)
class Problem:
    """A whole problem as its YAML file describes it (``path`` and ``solution_path`` set by the loader)."""

    __pydantic_config__ = _STRICT
    format_version: Literal[1]
    id: str
    title: str
    difficulty: Literal["easy", "medium", "hard"]
    summary: str
    parts: list[Part]
    stub: str
    think_aloud: str
    hints: list[str]
    insights: list[Insight]
    tests: list[Test]
    number: int | None = None
    minutes: int = 45
    tags: list[str] = field(default_factory=list)
    followups: list[Followup] = field(default_factory=list)
    rubric: list[RubricPoint] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    variants: list[Mistake] = field(default_factory=list)  # other answers the prompt accepts
    tolerance: Tol = field(default_factory=Tol)
    seconds_per_test: float = 5.0
    solution: str | None = None
    path: Path | None = None
    solution_path: Path | None = None

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


def read(path: Path) -> Any:
    """The YAML document of a problem file, parsed."""
    import yaml

    try:
        return yaml.load(path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise MlprepError(f"{path}: not valid YAML: {exc}") from None
    except OSError as exc:
        raise MlprepError(f"{path}: cannot read: {exc.strerror}") from None


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """YAML shorthands into the records' shape: generator params, and checks written as names."""
    raw = dict(raw)
    tests = []
    for test in raw.get("tests") or []:
        if not isinstance(test, dict):
            tests.append(test)
            continue
        test = dict(test)
        if isinstance(test.get("inputs"), list):
            test["inputs"] = [
                {"gen": r.get("gen"), "seed": r.get("seed", 0),
                 "params": {k: v for k, v in r.items() if k not in ("gen", "seed")}} if isinstance(r, dict) else r
                for r in test["inputs"]
            ]
        if isinstance(test.get("checks"), list):
            checks = []
            for item in test["checks"]:
                if isinstance(item, str):
                    item = {"name": item}
                elif isinstance(item, dict) and len(item) == 1 and "name" not in item:
                    ((name, params),) = item.items()
                    item = {"name": name, "params": params or {}}
                checks.append(item)
            test["checks"] = checks
        tests.append(test)
    raw["tests"] = tests
    return raw


def _consistent(p: Problem) -> list[str]:
    """What pydantic's types cannot say: ids, references between fields, parseable steps, known names."""
    import re

    from mlprep.checks.generators import GENERATORS, load_topics
    from mlprep.checks.properties import PROPERTIES
    from mlprep.engine.scenario import parse

    load_topics()  # validating names needs every registered generator and property
    ident = re.compile(r"^[a-z][a-z0-9_]*$")
    errors = []
    if not ident.match(p.id):
        errors.append(f"id: {p.id!r} must be lowercase letters, digits and _")
    for name, items in (("parts", p.parts), ("hints", p.hints), ("insights", p.insights), ("tests", p.tests)):
        if not items:
            errors.append(f"{name}: at least one is required")
    if p.minutes < 1 or p.seconds_per_test <= 0:
        errors.append("minutes and seconds_per_test must be positive")
    names = [t.name for t in p.tests]
    errors += [f"tests: the name {n!r} is used twice" for n in sorted({n for n in names if names.count(n) > 1})]
    ids = [m.id for m in [*p.mistakes, *p.variants]]
    errors += [f"mistakes: the id {i!r} is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for i, m in enumerate(p.mistakes):
        if not ident.match(m.id):
            errors.append(f"mistakes.{i}.id: {m.id!r} must be lowercase letters, digits and _")
        if not m.patch:
            errors.append(f"mistakes.{i}.patch: at least one patch is required")
        if not 1 <= m.part <= len(p.parts):
            errors.append(f"mistakes.{i}.part: part {m.part} does not exist")
    for i, t in enumerate(p.tests):
        where = f"tests.{i} ({t.name})"
        if not 1 <= t.part <= len(p.parts):
            errors.append(f"{where}.part: part {t.part} does not exist")
        if bool(t.call) == bool(t.steps):
            errors.append(f"{where}: needs exactly one of `call` or `steps`")
        try:
            for line in t.program:
                parse(line)
            for expr in t.observed:
                parse(expr, "eval")
        except ValueError as exc:
            errors.append(f"{where}: {exc}")
        for r in t.inputs:
            if r.gen not in GENERATORS:
                errors.append(f"{where}.inputs: unknown generator {r.gen!r} (known: {', '.join(sorted(GENERATORS))})")
            else:
                errors += _arguments(f"{where}.inputs: generator {r.gen}", GENERATORS[r.gen], 2, r.params)
        for c in t.checks:
            if c.name == "match":
                errors += [f"{where}.checks: match takes no parameters"] if c.params else []
            elif c.name not in PROPERTIES:
                errors.append(f"{where}.checks: unknown check {c.name!r} (known: match, {', '.join(sorted(PROPERTIES))})")
            else:
                errors += _arguments(f"{where}.checks: {c.name}", PROPERTIES[c.name], 1, c.params)
            if c.name == "types":
                labels = _labels(t)
                errors += [f"{where}.checks: types names {k!r}, which this test does not observe (it observes "
                           f"{', '.join(labels)})" for k in c.params if k not in labels]
        if t.repeat < 0:
            errors.append(f"{where}.repeat: must be 0 (run once) or a number of trials")
    return errors


def _labels(t: Test) -> list[str]:
    """The names a test's checks see its outputs by (as ``verdict.labelled`` names them): ``result`` by ``returns``."""
    labels: list[str] = []
    for key in t.observed:
        if key == "result" and t.returns and not t.repeat:
            labels += [t.returns] if isinstance(t.returns, str) else t.returns
        else:
            labels.append(key)
    return labels


def _arguments(where: str, fn: Any, skip: int, params: dict[str, Any]) -> list[str]:
    """Whether ``params`` fit a check's or generator's signature (after its first ``skip`` arguments)."""
    import inspect

    try:
        inspect.signature(fn).bind(*[None] * skip, **params)
    except TypeError as exc:
        return [f"{where}: {exc} (its parameters are listed in docs/checks.md)"]
    return []


def load(path: Path, solutions: Path | None = None, raw: Any = None) -> Problem:
    """Read (unless ``raw`` is given) and validate one problem file; errors name the file and the field."""
    from pydantic import TypeAdapter, ValidationError

    path = path.resolve()
    if raw is None:
        raw = read(path)
    if not isinstance(raw, dict):
        raise MlprepError(f"{path}: expected a mapping of fields at the top level")
    version = raw.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise MlprepError(f"{path}: format_version {version} is newer than this mlprep understands ({FORMAT_VERSION})")
    try:
        problem = TypeAdapter(Problem).validate_python(_normalise(raw))
    except ValidationError as exc:
        lines = []
        for err in exc.errors()[:8]:
            where = ".".join(str(p) for p in err["loc"]) or "(top level)"
            lines.append(f"  {where}: {err['msg']}")
        raise MlprepError(f"{path}: does not match the problem format:\n" + "\n".join(lines), code=1) from None
    errors = _consistent(problem)
    if errors:
        raise MlprepError(f"{path}: does not match the problem format:\n" + "\n".join(f"  {e}" for e in errors), code=1)
    folder = solutions if solutions is not None else path.parent.parent / "solutions"
    return replace(problem, path=path, solution_path=folder / (problem.solution or f"{problem.id}.py"))


def to_json(problem: Problem) -> dict[str, Any]:
    """A validated problem as JSON-ready data (the cache's form)."""
    data = asdict(problem)
    data["path"] = str(problem.path) if problem.path else None
    data["solution_path"] = str(problem.solution_path) if problem.solution_path else None
    return data


def from_json(data: dict[str, Any]) -> Problem:
    """Rebuild a problem that ``load`` validated before (no pydantic: this is the fast path)."""

    def many(cls: type, items: list[dict[str, Any]]) -> list[Any]:
        return [cls(**item) for item in items]

    tests = [
        Test(**{**t, "inputs": many(Recipe, t["inputs"]), "checks": many(Check, t["checks"])}) for t in data["tests"]
    ]
    mistakes = [Mistake(**{**m, "patch": many(Patch, m["patch"])}) for m in data["mistakes"]]
    variants = [Mistake(**{**m, "patch": many(Patch, m["patch"])}) for m in data["variants"]]
    return Problem(**{
        **data,
        "parts": many(Part, data["parts"]), "insights": many(Insight, data["insights"]),
        "followups": many(Followup, data["followups"]), "rubric": many(RubricPoint, data["rubric"]),
        "tests": tests, "mistakes": mistakes, "variants": variants, "tolerance": Tol(**data["tolerance"]),
        "path": Path(data["path"]) if data["path"] else None,
        "solution_path": Path(data["solution_path"]) if data["solution_path"] else None,
    })
