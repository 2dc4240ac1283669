"""The numbers the built-in problems' texts state, recomputed: a text that says a number is tested by it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.checks.kmeans import seeding_law
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


def problem(pid: str) -> Problem:
    return catalog.load(catalog.resolve(pid, catalog.index(catalog.pack_dirs())))


def insight(p: Problem, title: str) -> str:
    return next(i.body for i in p.insights if i.title == title)


def test_kmeans_prompt_second_centroid_probability():
    """From [0, 0] the squared distances are 1, 100 and 101: a far point comes second with probability 201/202."""
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    law = seeding_law(X, 2)
    far = sum(p for (first, second), p in law.items() if first == 0 and second in (2, 3)) / (1 / len(X))
    assert far == pytest.approx(201 / 202, rel=1e-12)
    assert "probability 201/202 when the first is `[0, 0]`" in problem("kmeans").parts[0].prompt


def test_softmax_float32_thresholds():
    """1 - p rounds to 1 in float32 for p up to 2^-25 (about 3e-8, not 6e-8); sigmoid rounds to 1 past 24 ln 2."""
    one = np.float32(1.0)
    edge = np.float32(2.0**-25)
    assert one - edge == one and one - np.nextafter(edge, one) != one
    assert one - np.float32(6e-8) != one  # the old claim
    z = np.float32(24 * math.log(2))
    above, below = np.nextafter(z, np.float32(20)), np.nextafter(z, np.float32(0))
    assert one / (one + np.exp(-above)) == one and one / (one + np.exp(-below)) < one
    text = " ".join(i.body for i in problem("softmax").insights)
    assert "at most 2^-25, about 3e-8" in text and "24 ln 2, about 16.6" in text


def test_batchnorm_identities_at_the_low_variance_test():
    """At the std-1e-3 test, dx's columns sum to 0 exactly, but sum(dx * x_hat) is inv_std * eps / (var + eps) *
    sum(g * x_hat): -129 against a largest |dx| of 371 in that feature, as the insight says."""
    load_topics()
    p = problem("batchnorm")
    test = next(t for t in p.tests if t.name == "features on very different scales")
    data = build([r.as_dict() for r in test.inputs], test.given)
    x, dout = data["x"], data["dout"]
    bn = load_module(p.solution_path, "numbers_batchnorm")["BatchNorm1d"](3)  # type: ignore[arg-type]
    bn.forward(x)
    dx, _, _ = bn.backward(dout)
    var, eps = x.var(axis=0), bn.eps
    x_hat = (x - x.mean(axis=0)) / np.sqrt(var + eps)
    assert np.abs(dx.sum(axis=0)).max() < 1e-12 * np.abs(dx).max()
    residual = (dx * x_hat).sum(axis=0)
    np.testing.assert_allclose(residual, eps / (var + eps) / np.sqrt(var + eps) * (dout * x_hat).sum(axis=0),
                               rtol=1e-6, atol=1e-12 * np.abs(dx).max())
    assert round(residual[0]) == -129 and round(np.abs(dx[:, 0]).max()) == 371
    assert abs(residual[2]) < 1e-9 * np.abs(dx[:, 2] * x_hat[:, 2]).sum()  # var >> eps: the identity holds
    text = insight(p, "Why dx has three terms")
    assert "it is -129 while the largest `|dx|` in that feature is 371" in text


def test_pit_features_rolling_across_users_example():
    """Rolling the grouped shift ungrouped gives user 2's first row the mean of user 1's 30..80 (55), not NaN."""
    load_topics()
    p = problem("pit_features")
    test = next(t for t in p.tests if t.category == "example")
    df = build([r.as_dict() for r in test.inputs], test.given)["df"].sort_values(["user_id", "date"])
    wrong = df.groupby("user_id")["revenue"].shift(1).rolling(7, min_periods=1).mean()
    first_of_2 = wrong[(df["user_id"] == 2).to_numpy()].iloc[0]
    user_1 = df.loc[df["user_id"] == 1, "revenue"].to_numpy()
    assert first_of_2 == 55.0 == user_1[-7:-1].mean()
    assert not pd.isna(first_of_2)
    assert "In the first example test that is 55" in insight(p, "The grouped shift does not make the rolling grouped")
