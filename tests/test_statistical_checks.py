"""The statistical checks themselves: a correct law passes, the classic wrong laws are caught and named.

A check over many seeds promises two things: a correct solution is rejected with probability below
1e-6, and a solution with a classic bug is rejected almost surely. Both are properties of the test's
design (its data and its number of trials), so they are tested here on counts drawn straight from each
law, many times over, without running any solution.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.kmeans import WRONG_RULES, seeding_law, seeding_verdict
from mlprep.checks.properties import binomial_acceptance


def _d2_test():
    """The data, k and number of seeds of the kmeans problem's D^2-law test, read from its YAML."""
    problem = catalog.load(catalog.resolve("kmeans", catalog.index(catalog.pack_dirs())))
    (test,) = [t for t in problem.tests if any(c.name == "d2_sampling" for c in t.checks)]
    return np.asarray(test.given["X"], dtype=float), int(test.call.split(", ")[1]), test.repeat


def _draws(X: np.ndarray, k: int, rule: str, trials: int, times: int, seed: int) -> np.ndarray:
    law = seeding_law(X, k, rule)
    cells = list(itertools.permutations(range(len(X)), k))
    q = np.array([law[c] for c in cells])
    return np.random.default_rng(seed).multinomial(trials, q / q.sum(), size=times)


def test_the_d2_test_accepts_the_d2_law():
    X, k, trials = _d2_test()
    for counts in _draws(X, k, "d2", trials, 2000, seed=1):
        assert seeding_verdict(X, k, counts) is None


@pytest.mark.parametrize("rule", sorted(WRONG_RULES))
def test_the_d2_test_catches_and_names_each_classic_wrong_rule(rule):
    X, k, trials = _d2_test()
    said = [seeding_verdict(X, k, counts) for counts in _draws(X, k, rule, trials, 2000, seed=2)]
    assert all(said), f"{sum(s is None for s in said)} of 2000 runs of the {rule} rule passed"
    named = sum(WRONG_RULES[rule] in s for s in said)
    assert named >= 0.95 * len(said), f"only {named} of 2000 named the {rule} rule"


def test_the_laws_by_hand():
    X = np.array([[0.0], [1.0], [3.0]])
    # First centre 0: squared distances 1 and 9, distances 1 and 3.
    assert seeding_law(X, 2, "d2")[(0, 2)] == pytest.approx(9 / 10 / 3)
    assert seeding_law(X, 2, "distance")[(0, 2)] == pytest.approx(3 / 4 / 3)
    assert seeding_law(X, 2, "uniform")[(0, 2)] == pytest.approx(1 / 2 / 3)
    assert seeding_law(X, 2, "farthest")[(0, 2)] == pytest.approx(1 / 3)
    # Centres 0 then 2: to the nearest, row 1 is at 1; to the last (row 2), row 1 is at 4 and row 0 at 9.
    assert seeding_law(X, 3, "d2")[(0, 2, 1)] == pytest.approx(seeding_law(X, 2, "d2")[(0, 2)])
    for rule in ("d2", *WRONG_RULES):
        assert sum(seeding_law(X, 3, rule).values()) == pytest.approx(1.0)


@pytest.mark.parametrize("n,p,alpha", [(400, 0.3, 1e-9), (50, 0.02, 1e-7), (1000, 0.5, 1e-3)])
def test_binomial_acceptance_holds_its_tails_exactly(n, p, alpha):
    lo, hi = binomial_acceptance(n, p, alpha)
    pmf = [math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]
    assert sum(pmf[:lo]) <= alpha / 2 < sum(pmf[: lo + 1])
    assert sum(pmf[hi + 1 :]) <= alpha / 2 < sum(pmf[hi:])
