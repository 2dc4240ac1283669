"""Solutions written independently of the references: correct ones pass, buggy ones fail and are named.

Each file says on line 2 what it must get: `# expect: pass`, `# expect: fail <mistake>`, `# expect: fail`
(a bug the problem does not list: it must simply fail) or `# expect: slow <mistake>`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from mlprep import catalog
from mlprep.engine.runner import check

CORPUS = sorted((Path(__file__).parent / "solutions").glob("*/*.py"))


def expectation(path: Path) -> list[str]:
    line = path.read_text().splitlines()[1]
    assert line.startswith("# expect: "), f"{path}: line 2 must say what to expect"
    return line.removeprefix("# expect: ").split()


@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.stem}" for p in CORPUS])
def test_independent_solution(path: Path):
    words = expectation(path)
    problem = catalog.load(catalog.resolve(path.parent.name, catalog.index(catalog.pack_dirs())))
    report = check(problem, path, efficiency=words[0] != "fail")
    failures = [f"{t.name}: {t.message}" for t in report.tests if t.category != "efficiency" and not t.passed]
    if words[0] == "pass":
        assert report.passed, failures
        assert all(e.status == "ok" for e in report.efficiency), report.efficiency
    elif words[0] == "slow":
        assert report.passed, failures
        assert any(e.status == "slow" for e in report.efficiency), report.efficiency
    else:
        assert not report.passed
        if len(words) > 1:
            named = [d.mistake for d in report.diagnosis]
            assert named and named[0] == words[1], (named, failures)


def test_the_corpus_covers_every_listed_mistake():
    entries = catalog.index(catalog.pack_dirs())
    for pid in sorted({p.parent.name for p in CORPUS}):
        problem = catalog.load(catalog.resolve(pid, entries))
        covered = {expectation(p)[1] for p in CORPUS if p.parent.name == pid and len(expectation(p)) > 1}
        assert {m.id for m in problem.mistakes} <= covered
        assert sum(expectation(p)[0] == "pass" for p in CORPUS if p.parent.name == pid) >= 5
