"""The step language: arithmetic, comparisons, built-ins and np on observed values, never eval; errors quote the step."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep.engine import scenario

MODULE = {"double": lambda x: 2 * x, "pair": lambda: (1, 2)}


def run(steps, observe, **inputs):
    return scenario.run(steps, observe, MODULE, inputs)


def test_arithmetic_builtins_and_np_on_observed_values():
    outcome = run(
        ["out = double(x)", "scale_min = round(float((out / x).min()), 6)", "ones = np.ones(3)", "a, b = pair()",
         "total = 0", "for i in range(4):\n    total += i", "box = [0, 0]", "box[1] -= 5"],
        ["scale_min", "ones @ x", "a + b * 10", "total ** 2 % 7", "box", "len(sorted([3, 1])) // 2",
         "max(abs(-2), min(4, 9), sum([1, 2]))", "-x[0] if total > 3 else 0"],
        x=np.array([1.0, -2.0, 3.0]),
    )
    assert outcome.raised is None and outcome.missing is None
    assert outcome.observed["scale_min"] == 2.0
    assert outcome.observed["ones @ x"] == 2.0
    assert outcome.observed["a + b * 10"] == 21
    assert outcome.observed["total ** 2 % 7"] == 36 % 7
    assert outcome.observed["box"] == [0, -5]
    assert outcome.observed["len(sorted([3, 1])) // 2"] == 1
    assert outcome.observed["max(abs(-2), min(4, 9), sum([1, 2]))"] == 4
    assert outcome.observed["-x[0] if total > 3 else 0"] == -1.0


def test_comparisons_on_arrays_are_elementwise_and_chains_join_their_links():
    x = np.array([-1.0, 0.5, 3.0])
    outcome = run(["out = double(x)"], ["out == 2 * x", "0 <= out < 2", "x[x > 0]", "np.all(out == 2 * x)",
                                         "(x > 0) & (x < 1)", "~(x > 0)", "1 < 2 < 3", "2 in [1, 2]"], x=x)
    seen = outcome.observed
    np.testing.assert_array_equal(seen["out == 2 * x"], [True, True, True])
    np.testing.assert_array_equal(seen["0 <= out < 2"], [False, True, False])
    np.testing.assert_array_equal(seen["x[x > 0]"], [0.5, 3.0])
    np.testing.assert_array_equal(seen["(x > 0) & (x < 1)"], [False, True, False])
    np.testing.assert_array_equal(seen["~(x > 0)"], [True, False, False])
    assert seen["np.all(out == 2 * x)"] and seen["1 < 2 < 3"] is True and seen["2 in [1, 2]"] is True


def test_and_or_not_on_an_array_say_what_to_use_instead():
    outcome = run(["out = double(x)"], ["out and 1"], x=np.ones(3))
    assert outcome.raised is not None
    said = outcome.failure()
    assert said.startswith("step 'out and 1': ValueError") and "np.all()" in said and "`&`" in said
    assert run([], ["not 0", "0 or 5", "1 and 2"]).observed == {"not 0": True, "0 or 5": 5, "1 and 2": 2}


@pytest.mark.parametrize("line, said", [
    ("x = a.__class__", "attributes starting with __"),
    ("x = __import__('os')", "names starting with __"),
    ("f(**kw)", "** is not allowed"),
    ("x = [i for i in y]", "a list comprehension is not allowed"),
    ("f = lambda: 1", "lambda is not allowed"),
    ("import os", "import is not allowed"),
    ("x = (", "not a valid step"),
])
def test_what_the_language_refuses_is_named_with_the_step_quoted(line, said):
    with pytest.raises(ValueError) as err:
        scenario.parse(line)
    assert said in str(err.value) and repr(line) in str(err.value)


def test_a_missing_name_is_reported_in_words_with_its_step():
    outcome = run(["y = rnd(x)"], ["y"], x=1.0)
    assert outcome.missing is not None
    assert outcome.failure() == (
        "step 'y = rnd(x)': `rnd` is not defined (not an input, an earlier result, a name in the solution, "
        "or an allowed built-in)"
    )
    assert "Missing(" not in outcome.failure()


def test_round_and_the_other_builtins_resolve():
    outcome = run(["r = round(2.56789, 2)", "n = int(float('3.0'))", "z = list(zip([1], [2]))"], ["r", "n", "z"])
    assert outcome.observed == {"r": 2.57, "n": 3, "z": [(1, 2)]}
