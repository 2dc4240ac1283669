"""A function a test passes to the solution (a Probe): data on the wire, a fresh recorder per run, pasteable."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build
from mlprep.engine import examples, scenario, wire
from mlprep.engine.literal import probe_source
from mlprep.engine.probes import Probe, Recorder
from mlprep.engine.runner import check

TABLE = Probe("table", {"probs": np.array([[0.5, 0.25, 0.25], [0.1, 0.2, 0.7], [1 / 3, 1 / 3, 1 / 3]])})
SEEDED = Probe("seeded", {"seed": 42, "vocab": 5, "scale": 2.0, "eos": 4, "eos_bias": -1.5})


def roundtrip(value):
    return wire.decode(wire.encode(value)[8:])


@pytest.mark.parametrize("probe", [TABLE, SEEDED], ids=["table", "seeded"])
def test_a_probe_travels_as_data_and_comes_back_equal(probe):
    back = roundtrip({"step_fn": probe, "x": 1})["step_fn"]
    assert isinstance(back, Probe) and back.kind == probe.kind and back.params.keys() == probe.params.keys()
    for prefix in ([0], [0, 2], [1, 2, 0]):
        assert np.array_equal(Recorder(back)(prefix), Recorder(probe)(prefix))


def test_a_malformed_probe_is_garbled_and_an_unknown_kind_never_runs():
    frame = wire.encode(SEEDED)
    with pytest.raises(wire.WireGarbled):
        wire.decode(frame[8:].replace(b'"$probe": ["seeded"', b'"$probe": [7       '))
    odd = roundtrip(Probe("exec", {"code": "import os"}))
    assert odd == Probe("exec", {"code": "import os"})  # only data: nothing was run to build it
    with pytest.raises(ValueError, match="unknown probe kind"):
        Recorder(odd)


def test_the_recorder_normalises_prefixes_and_returns_fresh_float_arrays():
    f = Recorder(TABLE)
    a = f([0, 1])
    b = f((0, np.int64(1)))
    c = f(np.array([0, 1]))
    assert a.dtype == np.float64 and np.array_equal(a, np.log(TABLE.params["probs"][1]))
    assert a is not b and np.array_equal(a, b) and np.array_equal(b, c)
    assert f.calls == [[0, 1], [0, 1], [0, 1]] and f.prefixes == [[0, 1]] and f.n_calls == 3
    assert all(type(t) is int for t in f.calls[0])
    with pytest.raises(TypeError, match="integers"):
        f([0.0, 1.0])
    with pytest.raises(ValueError, match="non-empty"):
        f([])


def test_a_hostile_solution_cannot_change_the_function_or_its_record():
    f = Recorder(SEEDED)
    first = f([0, 3])
    first[:] = 0.0  # mutating the returned array changes nothing later
    assert np.array_equal(f([0, 3]), Recorder(SEEDED)([0, 3]))
    f.calls.clear()
    f.prefixes.append([9])
    assert f.calls == [[0, 3], [0, 3]] and f.prefixes == [[0, 3]]
    with pytest.raises(AttributeError):
        f.calls = []  # type: ignore[misc]
    with pytest.raises(AttributeError):
        f._log = []  # type: ignore[misc]


def test_every_run_and_trial_gets_a_fresh_recorder():
    inputs = {"step_fn": SEEDED}
    out = scenario.run(["y = step_fn([0])", "z = step_fn([0, 1])"], ["step_fn.n_calls", "step_fn.calls"], {}, inputs,
                       repeat=3)
    assert out.raised is None and out.observed["step_fn.n_calls"] == [2, 2, 2]
    again = scenario.run(["y = step_fn([0])"], ["step_fn.calls"], {}, scenario.fresh(inputs))
    assert again.observed["step_fn.calls"] == [[0]]
    assert inputs["step_fn"] is SEEDED  # the test's data is never replaced


def test_an_input_wins_over_a_name_in_the_solution():
    module = {"step_fn": lambda prefix: np.zeros(3), "first": lambda f: f([2])}
    out = scenario.run(["result = first(step_fn)"], ["result", "step_fn.calls"], module, {"step_fn": TABLE})
    assert np.allclose(out.observed["result"], np.log([1 / 3, 1 / 3, 1 / 3]))
    assert out.observed["step_fn.calls"] == [[2]]


@pytest.mark.parametrize("probe", [TABLE, SEEDED], ids=["table", "seeded"])
def test_the_pasteable_source_computes_exactly_what_the_recorder_returns(probe):
    namespace: dict = {"np": np}
    exec(probe_source("step_fn", probe), namespace)  # noqa: S102 - our own generated source, as a candidate pastes it
    recorder = Recorder(probe)
    for prefix in ([0], [0, 2], [2, 1, 0], [1, 1, 1, 1]):
        assert np.array_equal(namespace["step_fn"](prefix), recorder(prefix))


def test_beam_search_examples_show_the_function_as_python():
    problem = catalog.load(catalog.resolve("beam_search", catalog.index(catalog.pack_dirs())))
    test = problem.examples()[0]
    code = examples.code(test, examples.inputs(test))
    assert code.startswith("LOGP = np.log(np.array([") and "def step_fn(prefix):" in code
    assert all(len(line) <= examples.WIDTH for line in code.splitlines())
    namespace: dict = {"np": np, "beam_search": lambda *a, **k: ("ran", a)}
    exec(code, namespace)  # noqa: S102 - the example as a candidate pastes it
    assert namespace["tokens"] == "ran" and callable(namespace["step_fn"])


def test_generators_build_probes_from_a_row():
    built = build([{"gen": "language_model", "seed": 3, "name": "step_fn", "vocab": 6, "eos": 5, "eos_bias": 1.0},
                   {"gen": "table_model", "name": "g", "probs": [[0.5, 0.5], [0.9, 0.1]]}])
    assert built["step_fn"].kind == "seeded" and built["step_fn"].params["vocab"] == 6
    assert build([{"gen": "language_model", "seed": 3, "name": "f", "vocab": 6}])["f"].params["seed"] == \
        built["step_fn"].params["seed"]
    assert np.allclose(np.exp(Recorder(built["g"])([1])), [0.9, 0.1])
    with pytest.raises(ValueError, match="square"):
        build([{"gen": "table_model", "name": "g", "probs": [[0.5, 0.5]]}])


def test_the_worker_records_calls_like_the_parent_and_ignores_hostile_moves(write):
    """A correct file that shadows step_fn, scribbles on what step_fn returns and on its record passes every test
    (the prefixes step_fn sees are recorded in the worker and compared with the parent's); one extra call fails."""
    problem = catalog.load(catalog.resolve("beam_search", catalog.index(catalog.pack_dirs())))
    reference = problem.solution_path.read_text()  # type: ignore[union-attr]
    hostile = reference.replace(
        "        logp = np.array([step_fn(list(tokens)) for tokens, _ in beam], dtype=float)\n",
        textwrap.indent(textwrap.dedent("""\
            rows = [step_fn(list(tokens)) for tokens, _ in beam]
            logp = np.array(rows, dtype=float)
            for row in rows:
                row[:] = 0.0
            step_fn.calls.clear()
            try:
                step_fn.calls = []
            except AttributeError:
                pass
            """), "        "),
    ) + "\n\ndef step_fn(prefix):\n    return np.zeros(3)\n"
    assert hostile != reference
    report = check(problem, write("beam_search.py", hostile), efficiency=False, diagnose_mistakes=False)
    assert report.passed, [(t.name, t.message) for t in report.tests if not t.passed]
    extra = reference.replace("    pool = finished or beam\n", "    step_fn([bos, bos])\n    pool = finished or beam\n")
    report = check(problem, write("beam_search.py", extra), efficiency=False, diagnose_mistakes=False)
    failed = {t.name for t in report.tests if not t.passed}
    assert failed and all("prefixes step_fn sees" in name for name in failed)


def test_a_failing_hidden_test_shows_the_function_as_python_too():
    from mlprep.engine.literal import readable

    shown = readable({"step_fn": SEEDED, "k": 3})
    assert shown.startswith("def step_fn(prefix):") and shown.endswith("k = 3")
    namespace: dict = {"np": np}
    exec(shown.rsplit("\n", 1)[0], namespace)  # noqa: S102 - the detail as a candidate pastes it
    assert np.array_equal(namespace["step_fn"]([0, 1]), Recorder(SEEDED)([0, 1]))


def test_an_efficiency_row_builds_fresh_recorders_in_the_worker(write):
    problem = catalog.load(catalog.resolve("beam_search", catalog.index(catalog.pack_dirs())))
    report = check(problem, write("beam_search.py", problem.solution_path.read_text()),  # type: ignore[union-attr]
                   examples_only=False, diagnose_mistakes=False)
    assert report.passed and [e.status for e in report.efficiency] == ["ok"]
    assert all(e.ratio is not None for e in report.efficiency)
