"""Engine mechanisms the problems rely on: scenario steps, repeated trials, frames, variants, mutation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlprep.engine import compare, scenario, wire


class Counter:
    def __init__(self, start=0):
        self.n = start

    def add(self, k):
        self.n += k
        return self.n


MODULE = {"Counter": Counter, "double": lambda x: 2 * x}


def test_steps_construct_loop_set_and_compare():
    outcome = scenario.run(
        ["c = Counter(1)", "for i in range(4):\n    c.add(i)", "box = [0]", "box[0] = c.n",
         "same = c is c"],
        ["c.n", "box[0] == 7", "same", "len(box)"], MODULE, {},
    )
    assert outcome.raised is None
    assert outcome.observed == {"c.n": 7, "box[0] == 7": True, "same": True, "len(box)": 1}


@pytest.mark.parametrize("line", ["import os", "x = lambda: 1", "x = [i for i in y]", "del x", "x = a.__class__",
                                  "while True:\n    pass", "with open('f') as f:\n    pass"])
def test_only_plain_steps_are_allowed(line):
    with pytest.raises(ValueError):
        scenario.parse(line)


def test_repeat_collects_one_value_per_trial_on_fresh_inputs():
    outcome = scenario.run(["x[0] = float(trial)", "r = double(x[0])"], ["r"], MODULE, {"x": np.zeros(2)}, repeat=4)
    assert outcome.observed == {"r": [0.0, 2.0, 4.0, 6.0]}


def test_a_missing_name_and_an_exception_are_outcomes():
    assert scenario.run(["r = nope(1)"], ["r"], MODULE, {}).missing == wire.Missing("nope")
    raised = scenario.run(["r = Counter().add(None)"], ["r"], MODULE, {}).raised
    assert raised.type == "TypeError" and "TypeError" in raised.mro


def test_mutated_array_and_frame_inputs_are_named():
    df = pd.DataFrame({"a": [1.0, 2.0]})
    outcome = scenario.run(["x[0] = 9", "df['b'] = 1"], [], MODULE, {"x": np.zeros(2), "df": df})
    assert sorted(outcome.mutated) == ["df", "x"]


def test_frames_and_series_cross_the_wire_as_columns():
    df = pd.DataFrame({"u": [3, 1], "when": pd.to_datetime(["2024-01-02", "2024-01-01"]), "r": [np.nan, 2.5],
                       "s": ["a", None]}, index=[7, 4])
    back = wire.decode(wire.encode({"df": df, "s": df["r"]})[8:])
    assert back["df"].columns.tolist() == ["u", "when", "r", "s"] and back["df"].index.tolist() == [7, 4]
    assert back["df"]["when"].dtype.kind == "M" and np.isnan(back["df"]["r"].iloc[0])
    assert back["s"].name == "r"


def test_frames_compare_by_columns_and_row_order_with_nan_positions():
    tol = compare.Tolerance()
    df = pd.DataFrame({"u": [1, 2, 3], "r": [np.nan, 1.0, 2.0]})
    assert compare.value(df, df[["r", "u"]].set_axis([5, 6, 7]), tol) is None
    assert compare.value(df, df.drop(columns="r"), tol) == "missing column 'r'"
    assert compare.value(df, df.assign(extra=0), tol) == "unexpected column 'extra'"
    assert compare.value(df, df.fillna(0.0), tol) == "column 'r': expected NaN (no value yet) at row 0"
    assert compare.value(df, df.iloc[::-1], tol).startswith("column 'u': wrong value at row 0")
    assert compare.value(df, df.to_numpy(), tol) == "expected a DataFrame, got an array of shape (3, 2)"


def test_date_columns_compare_as_instants_at_any_resolution():
    tol = compare.Tolerance()
    df = pd.DataFrame({"d": pd.to_datetime(["2024-03-01", "2024-03-02", None]), "x": [1.0, 2.0, 3.0]})
    assert compare.value(df, df.assign(d=df["d"].astype("datetime64[s]")), tol) is None  # NaT matches NaT
    later = df.assign(d=df["d"] + pd.Timedelta(days=1))
    assert compare.value(df, later, tol) == "column 'd': wrong value at row 0 (2 of 3 values differ)"
    as_text = df.assign(d=df["d"].dt.strftime("%Y-%m-%d"))
    assert compare.value(df, as_text, tol).startswith("column 'd': expected dates, got")
    assert compare.value(df, df.assign(d=np.arange(3)), tol).startswith("column 'd': expected dates, got int64")


def test_timestamps_cross_the_wire_as_timestamps():
    for ts in (pd.Timestamp("2024-03-15"), pd.Timestamp("2024-03-15 12:30", tz="Europe/London")):
        back = wire.decode(wire.encode({"cutoff": ts})[8:])["cutoff"]
        assert isinstance(back, pd.Timestamp) and back == ts and str(back.tz) == str(ts.tz)


def check_json(run, *args):
    result = run("check", *args, "--json")
    return result.exit_code, json.loads(result.stdout)


def test_an_accepted_variant_passes_and_a_mistake_does_not(run, write, tiny):
    write("unbiased.py", "# mlprep: spread\nimport numpy as np\ndef spread(x):\n    return float(np.std(x, ddof=1))\n")
    code, data = check_json(run, "unbiased.py")
    assert [t["status"] for t in data["tests"] if t["part"] == 1] == ["pass", "pass"]
    write("var.py", "# mlprep: spread\nimport numpy as np\ndef spread(x):\n    return float(np.var(x))\n")
    code, data = check_json(run, "var.py")
    assert code == 1 and data["diagnosis"][0]["mistake"] == "variance_not_std"


def test_mutating_a_frame_fails_where_the_prompt_forbids_it(run, write, tiny):
    write("c.py", "# mlprep: spread\ndef center(df):\n    df['a'] = df['a'] - df['a'].mean()\n"
                  "    df['b'] = df['b'] - df['b'].mean()\n    return df\n")
    code, data = check_json(run, "c.py")
    frame_test = next(t for t in data["tests"] if t["name"] == "centred frame")
    assert frame_test["status"] == "fail"
    assert frame_test["message"] == "modified its input df in place: the caller's data must not change"
    assert data["diagnosis"][0]["mistake"] == "center_in_place"


def test_reveal_lists_accepted_variants(run, tiny):
    out = run("reveal", "spread", "--yes").stdout
    assert "also accepts" in out and "Sample standard deviation" in out


def test_diagnosis_compares_frames_by_column_name_and_never_raises():
    from mlprep.engine.compare import Tolerance
    from mlprep.engine.diagnose import agreement

    base = pd.DataFrame({"d": pd.to_datetime(["2024-01-01", "2024-01-02"]), "x": [1.0, 2.0], "s": ["a", "b"]})
    wrong = base.assign(x=[1.0, 5.0])
    reordered = wrong[["s", "x", "d"]].set_axis([10, 11])
    expected = scenario.Outcome(observed={"result": base})
    user = scenario.Outcome(observed={"result": wrong})
    assert agreement(user, scenario.Outcome(observed={"result": reordered}), expected, Tolerance()) == 1.0
    other_labels = scenario.Outcome(observed={"result": base.rename(columns={"x": "y"})})
    assert agreement(user, other_labels, expected, Tolerance()) == 0.0


def test_diagnosis_matches_a_tuple_of_numbers():
    from mlprep.engine.compare import Tolerance
    from mlprep.engine.diagnose import agreement

    expected = scenario.Outcome(observed={"result": (-0.9, 0.16)})
    wrong = scenario.Outcome(observed={"result": (np.float64(-1.52), np.float64(0.23))})
    assert agreement(wrong, wrong, expected, Tolerance(1e-3)) == 1.0


def test_diagnosis_closeness_agrees_with_numpy_including_infinities():
    from mlprep.engine.compare import Tolerance
    from mlprep.engine.diagnose import _close

    values = np.array([0.0, 1.0, -1.0, 1e-9, np.inf, -np.inf, np.nan, 1e308, 5000.0, 10.36])
    p, q = np.meshgrid(values, values)
    ours = _close(p, q, Tolerance(1e-3, 1e-8))
    assert np.array_equal(ours, np.isclose(p, q, rtol=1e-3, atol=1e-8, equal_nan=True))


def test_expected_values_are_cached_on_disk_and_keyed_by_content(isolated, monkeypatch):
    from mlprep import catalog
    from mlprep.engine import runner

    problem = catalog.load(catalog.resolve("softmax", catalog.index(catalog.pack_dirs())))
    first = runner.check(problem, problem.solution_path)
    cached = runner._expected_file(problem)
    assert first.passed and cached.is_file()
    calls = []
    real = runner.expected_outcome
    monkeypatch.setattr(runner, "expected_outcome", lambda *a: calls.append(a) or real(*a))
    assert runner.check(problem, problem.solution_path).passed and calls == []  # read, not recomputed
    cached.write_bytes(b"garbage")  # a damaged cache is ignored and rewritten
    assert runner.check(problem, problem.solution_path).passed and calls


def test_the_expected_values_cache_is_keyed_by_every_file_that_decides_them():
    from mlprep import catalog
    from mlprep.checks import generators
    from mlprep.engine import probes, runner

    problem = catalog.load(catalog.resolve("beam_search", catalog.index(catalog.pack_dirs())))
    files = runner.deciding_files(problem)
    assert {problem.path, problem.solution_path, Path(scenario.__file__), Path(probes.__file__)} <= set(files)
    assert set(Path(generators.__file__).parent.glob("*.py")) <= set(files)
