"""Solutions written independently of the references: correct ones pass, buggy ones fail and are named.

Each file says on line 2 what it must get:
- `# expect: pass`: every test passes (and nothing is named);
- `# expect: fail <mistake>`: it fails, and the diagnosis is exactly that listed mistake;
- `# expect: fail <a> <b>`: it fails, and the diagnosis is "one of" exactly those (the tests cannot
  tell them apart);
- `# expect: fail`: a bug the problem does not list: it fails, and nothing is named;
- a name ending in `?` may be named but need not be (a `buggy_other_*` file whose bug a listed
  mistake's title also describes truthfully);
- `# expect: slow <mistake>`: it passes and an efficiency test flags it.
No file is ever given a name outside its line 2: a wrong name is worse than none.
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


def names(words: list[str]) -> tuple[set[str], set[str]]:
    """The mistakes a failing file must be named, and those it may also be named."""
    required = {w for w in words[1:] if not w.endswith("?")}
    return required, required | {w.removesuffix("?") for w in words[1:]}


@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.stem}" for p in CORPUS])
def test_independent_solution(path: Path):
    words = expectation(path)
    problem = catalog.load(catalog.resolve(path.parent.name, catalog.index(catalog.pack_dirs())))
    report = check(problem, path, efficiency=words[0] != "fail")
    failures = [f"{t.name}: {t.message}" for t in report.tests if t.category != "efficiency" and not t.passed]
    named = {d.mistake for d in report.diagnosis}
    if words[0] == "pass":
        assert report.passed, failures
        assert all(e.status == "ok" for e in report.efficiency), report.efficiency
    elif words[0] == "slow":
        assert report.passed, failures
        assert any(e.status == "slow" for e in report.efficiency), report.efficiency
    else:
        assert not report.passed
        required, allowed = names(words)
        assert named <= allowed, f"named {sorted(named - allowed)}, which this file does not make ({failures})"
        assert required <= named, (sorted(named), failures)
    assert words[0] == "fail" or not named


def test_every_listed_mistake_is_singled_out_by_a_corpus_file():
    entries = catalog.index(catalog.pack_dirs())
    for pid in sorted({p.parent.name for p in CORPUS}):
        problem = catalog.load(catalog.resolve(pid, entries))
        files = [expectation(p) for p in CORPUS if p.parent.name == pid]
        singled = {words[1] for words in files if len(words) == 2 and not words[1].endswith("?")}
        listed = {m.id for m in problem.mistakes}
        assert listed <= singled, f"{pid}: no file is named only {sorted(listed - singled)}"
        assert sum(words[0] == "pass" for words in files) >= 5
        declared = {w.removesuffix("?") for words in files for w in words[1:]}
        assert declared <= listed, f"{pid}: corpus files name {sorted(declared - listed)}, which {pid} does not list"
