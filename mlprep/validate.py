"""Proof that a problem is sound, through the same runner a candidate's file goes through.

For every problem: the YAML loads; the reference passes every test and is not flagged slow; the
untouched stub fails; every listed mistake fails and is diagnosed as itself and no other (a ``slow``
mistake is flagged by an efficiency test instead); the think-aloud earns every rubric point (it says every key
term a mock scores a plan by). Checks run two at a time, one worker process each.
"""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mlprep.errors import MlprepError
from mlprep.mock import covered_terms
from mlprep.problem import Mistake, Problem, load
from mlprep.scaffold import unfilled
from mlprep.words import plural

# Key terms that are everyday words match plans that never mention the idea ("he" for He initialisation).
ORDINARY_WORDS = frozenset("a an and are as at be but by for he her his i if in is it its me my no not of on or "
                           "our she so that the their them then they this to up us was we what when which who "
                           "will with you".split())


@dataclass
class Finding:
    problem: str
    problems: list[str] = field(default_factory=list)
    summary: str = ""
    todo: list[str] = field(default_factory=list)  # fields still holding the scaffold's example text (warnings)

    @property
    def ok(self) -> bool:
        return not self.problems


def rubric_gaps(problem: Problem) -> list[str]:
    """What keeps the problem's own think-aloud from earning a rubric point: a key term it never says
    (as the mock's plan scoring matches it), an everyday word as a key term, or a point without terms."""
    out = []
    for point in problem.rubric:
        if not point.key_terms:
            out.append(f"rubric point {point.point!r} has no key terms")
        ordinary = [t for t in point.key_terms if t.strip().lower() in ORDINARY_WORDS]
        if ordinary:
            out.append(f"rubric point {point.point!r}: key term(s) {ordinary} are everyday words")
        said = covered_terms(problem.think_aloud, point.key_terms)
        missing = [t for t in point.key_terms if t not in said]
        if missing:
            out.append(f"the think-aloud does not earn rubric point {point.point!r}: it never says {missing}")
    return out


def _reference(problem: Problem, cache: dict) -> list[str]:
    from mlprep.engine.runner import check

    rep = check(problem, problem.solution_path, cache=cache)  # type: ignore[arg-type]
    out = [f"reference fails {t.name!r}: {t.message}" for t in rep.tests if t.category != "efficiency" and not t.passed]
    out += [f"reference is flagged slow by {e.name!r}: {e.message}" for e in rep.efficiency if e.status != "ok"]
    if rep.load_error:
        out.append(f"reference does not load: {rep.load_error}")
    return out


def _stub(problem: Problem, folder: Path, cache: dict) -> list[str]:
    from mlprep.engine.examples import stub
    from mlprep.engine.runner import check

    path = folder / f"{problem.id}.py"
    path.write_text(stub(problem))
    rep = check(problem, path, efficiency=False, diagnose_mistakes=False, cache=cache)
    return ["the untouched stub passes every test: the tests test nothing"] if rep.passed else []


def _stub_runs(path: Path) -> list[str]:
    """``python <id>.py`` on the untouched stub runs every example (each says it is not written yet)."""
    import subprocess
    import sys

    from mlprep.engine.process import run_own

    try:
        ran = run_own([sys.executable, path.name], path.parent, 60)
    except subprocess.TimeoutExpired:
        return [f"`python {path.name}` on the stub did not finish within 60 s"]
    if ran.returncode != 0 or "Traceback" in ran.stdout:
        said = (ran.stdout + ran.stderr).strip().splitlines()[-1:] or ["(no output)"]
        return [f"`python {path.name}` on the stub fails: {said[0]}"]
    return []


def _patched(problem: Problem, change: Mistake, folder: Path, kind: str) -> Path | str:
    """The reference with a mistake or variant applied, written to a file; or why the patch fails."""
    try:
        source = change.apply(problem.reference_source())
    except ValueError as exc:
        return str(exc)
    path = folder / f"{problem.id}__{kind}_{change.id}.py"
    path.write_text(source)
    return path


def _mistake(problem: Problem, mistake: Mistake, folder: Path, cache: dict) -> list[str]:
    from mlprep.engine.runner import check

    path = _patched(problem, mistake, folder, "mistake")
    if isinstance(path, str):
        return [path]
    if mistake.expect == "slow":
        rep = check(problem, path, diagnose_mistakes=False, cache=cache)
        if not any(e.status == "slow" for e in rep.efficiency):
            return [f"slow mistake {mistake.id} is not flagged by any efficiency test"]
        return []
    rep = check(problem, path, efficiency=False, cache=cache)
    if rep.passed:
        return [f"mistake {mistake.id} passes every test"]
    named = [d.mistake for d in rep.diagnosis]
    if named != [mistake.id]:
        said = " or ".join(named) if named else "nothing"
        return [f"mistake {mistake.id} is diagnosed as {said}, not as itself alone"]
    return []


def _variant(problem: Problem, variant: Mistake, folder: Path, cache: dict) -> list[str]:
    from mlprep.engine.runner import check

    path = _patched(problem, variant, folder, "variant")
    if isinstance(path, str):
        return [path]
    rep = check(problem, path, efficiency=False, diagnose_mistakes=False, cache=cache)
    failures = "; ".join(f"{t.name}: {t.message}" for t in rep.tests if not t.passed)
    return [] if rep.passed else [f"accepted variant {variant.id} fails: {failures[:300]}"]


def _reported(job: Callable[[], list[str]]) -> list[str]:
    """A job's findings; a problem broken at check time (its reference fails a test) is one of them."""
    try:
        return job()
    except MlprepError as exc:
        return [str(exc).removesuffix("; run `mlprep validate`")]


def validate_problem(problem: Problem, workers: int = 2) -> Finding:
    """Every proof for one problem; a Finding lists what failed."""
    finding = Finding(problem.id)
    if problem.solution_path is None or not problem.solution_path.is_file():
        finding.problems.append(f"no reference solution at {problem.solution_path}")
        return finding
    if problem.path is not None and problem.path.stem != problem.id:
        finding.problems.append(f"{problem.path.name} holds the problem {problem.id!r}: name the file {problem.id}.yaml")
    if not problem.stub_text().startswith(f"# mlprep: {problem.id}"):
        finding.problems.append("the stub does not start with its header")
    finding.problems += rubric_gaps(problem)
    with tempfile.TemporaryDirectory(prefix="mlprep-validate-") as tmp:
        folder = Path(tmp)
        cache: dict = {}  # each test's inputs and expected outcome, shared by every job of this problem
        jobs: list[Callable[[], list[str]]] = [lambda: _reference(problem, cache), lambda: _stub(problem, folder, cache)]
        jobs += [functools.partial(_mistake, problem, m, folder, cache) for m in problem.mistakes]
        jobs += [functools.partial(_variant, problem, v, folder, cache) for v in problem.variants]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for found in pool.map(_reported, jobs):
                for said in found:
                    if said not in finding.problems:  # a broken reference breaks every job the same way
                        finding.problems.append(said)
        # After the jobs: the stub's job writes the file this runs (run_own keeps the run from being taken
        # for an orphan of a check's worker).
        finding.problems += _stub_runs(folder / f"{problem.id}.py")
    tests, mistakes = len(problem.tests), len(problem.mistakes)
    finding.summary = f"{plural(tests, 'test')}, {plural(mistakes, 'mistake')} diagnosed"
    finding.todo = unfilled(problem)
    return finding


def validate(packs: list[Path], only: list[str] | None = None) -> list[Finding]:
    """Validate every problem in the given packs (or only the named ones), in file order."""
    findings = []
    for pack in packs:
        files = sorted((pack / "problems").glob("*.yaml"))
        if not files:
            raise MlprepError(f"{pack} has no problems/*.yaml")
        for f in files:
            if only and f.stem not in only:
                continue
            try:
                problem = load(f)
            except MlprepError as exc:
                findings.append(Finding(f.stem, [str(exc)]))
                continue
            findings.append(validate_problem(problem))
    return findings
