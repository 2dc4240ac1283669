"""The prompt's examples are Python a candidate can paste, and `python <id>.py` on a stub runs them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from mlprep import catalog
from mlprep.engine.examples import inputs, program, shown, stub
from mlprep.engine.literal import source
from mlprep.engine.loader import load_module
from mlprep.engine.probes import Probe, Recorder
from mlprep.engine.runner import examples

BUILTIN = [e.id for e in catalog.index(catalog.pack_dirs([]))]


def _problem(pid: str) -> Any:
    return catalog.load(catalog.resolve(pid, catalog.index(catalog.pack_dirs([]))))


def same(a: Any, b: Any) -> bool:
    """Equal in value and in kind: dtypes, shapes, index, column order; NaN equals NaN.

    A function the test passes (a Probe) is rebuilt when the pasted function returns the same arrays.
    """
    if isinstance(a, Probe):
        prefixes = [[0], [0, 1], [1, 2, 0], [2, 2]]
        return callable(b) and all(same(Recorder(a)(p), b(p)) for p in prefixes)
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, check_exact=True)
        return True
    if isinstance(a, pd.Series):
        pd.testing.assert_series_equal(a, b, check_exact=True)
        return True
    if isinstance(a, pd.Timestamp):
        return a == b and a.unit == b.unit and a.tz == b.tz
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return bool(a == b) or (a != a and b != b)


def close(a: Any, b: Any) -> bool:
    if isinstance(a, (pd.DataFrame, pd.Series)):
        return a.equals(b) or np.allclose(a.to_numpy(dtype=float), b.to_numpy(dtype=float), equal_nan=True)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(close(a[k], b[k]) for k in a)
    if isinstance(a, str) or isinstance(b, str):  # bpe's pieces and merges: text is equal or not
        return a == b
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), equal_nan=True))


@pytest.mark.parametrize("pid", BUILTIN)
def test_every_example_is_python_that_rebuilds_its_inputs_and_gives_the_shown_result(pid):
    problem = _problem(pid)
    reference = load_module(problem.solution_path, f"_ref_{pid}")
    rendered = examples(problem)
    assert len(rendered) == len(problem.examples()) >= 1
    for ex, test in zip(rendered, problem.examples()):
        lines, observed = program(test)
        code = ex.code.splitlines()
        setup, steps = "\n".join(code[: len(code) - len(lines)]), "\n".join(code[len(code) - len(lines):])
        assert steps.splitlines() == lines
        namespace: dict[str, Any] = {"np": np, "pd": pd}
        exec(setup, namespace)  # noqa: S102 - running the code as a candidate pastes it is the point
        values = inputs(test)
        for name, value in values.items():
            assert same(value, namespace[name]), f"{pid}, {test.name}: {name} is not rebuilt exactly"
        assert ">>>" not in ex.code and "..." not in ex.code
        expected = shown(test, dict(zip(test.observed, _run_reference(test, reference, values))))
        after: dict[str, Any] = {**reference, **namespace}
        exec(steps, after)  # noqa: S102 - the calls as shown, pasted after the inputs, give the prompt's result
        for label in observed:
            assert close(expected[label], eval(label, after)), f"{pid}, {test.name}: {label}"


def _run_reference(test: Any, reference: dict[str, Any], values: dict[str, Any]) -> list[Any]:
    from mlprep.engine import scenario

    outcome = scenario.run(test.program, test.observed, reference, scenario.fresh(values))
    assert outcome.raised is None
    return [outcome.observed[expr] for expr in test.observed]


@pytest.mark.parametrize("pid", BUILTIN)
def test_every_prompt_example_fits_60_columns(pid):
    for ex in examples(_problem(pid)):
        setup = ex.code.splitlines()[: -len(program(next(t for t in _problem(pid).examples() if t.name == ex.title))[0])]
        assert all(len(line) <= 60 for line in setup), ex.code


def _python(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, path.name], cwd=path.parent, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("pid", BUILTIN)
def test_python_on_a_fresh_stub_says_each_example_is_not_written_yet(pid, run, isolated):
    assert run("start", pid).exit_code == 0
    path = isolated / f"{pid}.py"
    problem = _problem(pid)
    ran = _python(path)
    assert ran.returncode == 0 and ran.stderr == ""
    assert "Traceback" not in ran.stdout
    assert ran.stdout.count("not written yet: NotImplementedError") == len(problem.examples())
    for number, test in enumerate(problem.examples(), start=1):
        assert f"Example {number}" in ran.stdout and test.name in ran.stdout

    # The same block under the reference solution prints what each function returns.
    solved = path.with_name(f"solved_{pid}.py")
    main = path.read_text()[path.read_text().index('if __name__ == "__main__":'):]
    solved.write_text(problem.reference_source() + "\n\n" + main)
    ran = _python(solved)
    assert ran.returncode == 0 and "Traceback" not in ran.stdout and "not written yet" not in ran.stdout
    for test in problem.examples():
        for label in program(test)[1]:
            assert f"{label} =" in ran.stdout


def test_an_example_that_crashes_shows_its_traceback_and_the_others_still_run(run, isolated):
    run("start", "attention")
    path = isolated / "attention.py"
    path.write_text(path.read_text().replace(
        'raise NotImplementedError("scaled_dot_product_attention")', "return Q @ np.ones((3, 3))"
    ))
    ran = _python(path)
    assert ran.returncode == 0
    assert ran.stdout.count("Traceback") == 2 and "attention.py" in ran.stdout
    assert "Example 3 (part 2): causal mask of length 3\n  not written yet" in ran.stdout


def test_values_become_source_that_gives_them_back_exactly():
    values = [
        np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1, 0], dtype=np.int32), np.zeros((0, 3)),
        np.array(3.5), np.array([np.nan, np.inf, -np.inf]), np.array([True, False]), np.array(["ab", "c"]),
        np.array(["2024-01-01"], dtype="datetime64[ns]"), np.float32(0.5), [np.array([3.0, 4.0])],
        {"a": 1, "b": (1,)}, pd.Timestamp("2024-03-03").as_unit("ns"), pd.Timestamp("2024-03-03 10:30"),
        pd.Series([1, 2], index=[3, 5], name="label"),
        pd.DataFrame({"d": pd.to_datetime(["2024-03-01", "2024-03-02"]).as_unit("ns"), "x": [1.5, np.nan],
                      "c": pd.Categorical(["a", "b"]), "s": ["p", "q"]}),
        np.arange(40.0).reshape(4, 10) / 7,
    ]
    for value in values:
        text = source(value)
        assert same(value, eval(text, {"np": np, "pd": pd})), text
        assert all(len(line) <= 56 for line in text.splitlines()), text


def test_the_prompt_shows_examples_as_code_and_the_essentials_last(run, isolated):
    out = run("start", "pit_features").stdout
    assert 'df = pd.DataFrame({' in out and '"date": pd.to_datetime([' in out
    assert ">>>" not in out
    tail = "\n".join(out.rstrip().splitlines()[-10:])
    assert "pit_features.py" in tail and f"Clock: {_problem('pit_features').minutes} minutes" in tail


def test_a_one_minute_clock_is_one_minute(run, isolated):
    assert "Clock: 1 minute," in run("start", "softmax", "--minutes", "1").stdout


def test_a_stub_runs_its_examples_and_one_without_examples_has_no_main_block(tiny, tmp_path):
    from dataclasses import replace

    problem = catalog.load(catalog.resolve("double", catalog.index(catalog.pack_dirs([str(tiny)]))))
    path = tmp_path / "double.py"
    path.write_text(stub(problem))
    assert _python(path).stdout == "Example 1 (part 1): example\n  not written yet: NotImplementedError\n\n"
    bare = replace(problem, tests=[t for t in problem.tests if t.category != "example"])
    assert stub(bare) == bare.stub_text()


def test_a_result_kept_under_another_name_for_a_check_reads_as_the_prompt_names_it():
    backward = next(t for t in _problem("batchnorm").examples() if t.name == "backward of a small batch")
    lines, labels = program(backward)
    assert lines[-1] == "dx, dgamma, dbeta = bn.backward(dout)" and labels == ["dx", "dgamma", "dbeta"]
    assert "returned" not in "\n".join(lines)
