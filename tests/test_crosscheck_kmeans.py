"""The k-means reference against scikit-learn, and its seeding against the exact D^2 probabilities."""

from __future__ import annotations

import functools
from collections import Counter

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.kmeans import seeding_law
from mlprep.checks.properties import binomial_acceptance
from mlprep.engine.loader import load_module

sklearn_cluster = pytest.importorskip("sklearn.cluster")
sklearn_datasets = pytest.importorskip("sklearn.datasets")

X4 = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [6.0, 6.0]])


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "kmeans.py", "xref_kmeans")


def inertia(X: np.ndarray, centroids: np.ndarray) -> float:
    return float(((X[:, None, :] - centroids[None]) ** 2).sum(axis=2).min(axis=1).sum())


@pytest.mark.parametrize("seed", range(3))
def test_best_of_ten_matches_sklearn_n_init_ten(seed):
    X, _ = sklearn_datasets.make_blobs(n_samples=600, centers=6, n_features=4, cluster_std=1.0, random_state=seed)
    runs = [ref()["kmeans"](X, 6, seed=100 * seed + s) for s in range(10)]
    for centroids, labels in runs:
        np.testing.assert_array_equal(labels, ((X[:, None] - centroids[None]) ** 2).sum(2).argmin(1))
    ours = min(inertia(X, c) for c, _ in runs)
    theirs = sklearn_cluster.KMeans(6, init="k-means++", n_init=10, random_state=seed).fit(X).inertia_
    assert ours <= 1.01 * theirs
    assert theirs <= 1.01 * ours


def test_single_runs_match_sklearn_n_init_one_over_seeds():
    X, _ = sklearn_datasets.make_blobs(n_samples=1000, centers=8, n_features=3, cluster_std=2.5, random_state=7)
    ours = np.median([inertia(X, ref()["kmeans"](X, 8, seed=s)[0]) for s in range(10)])
    theirs = np.median([sklearn_cluster.KMeans(8, n_init=1, random_state=s).fit(X).inertia_ for s in range(10)])
    assert ours <= 1.1 * theirs


def _tuples(fn, runs: int, k: int) -> Counter:
    seen: Counter = Counter()
    for s in range(runs):
        c = fn(s)
        seen[tuple(int(np.flatnonzero((X4 == row).all(axis=1))[0]) for row in c)] += 1
    return seen


def _assert_d2_law(seen: Counter, runs: int, k: int) -> None:
    exact = seeding_law(X4, k)
    assert set(seen) <= set(exact)
    for tup, p in exact.items():
        lo, hi = binomial_acceptance(runs, p, 1e-7 / len(exact))
        assert lo <= seen[tup] <= hi, (tup, seen[tup], runs * p)


@pytest.mark.parametrize("k", [2, 3])
def test_reference_seeding_follows_the_exact_d2_law(k):
    runs = 4000
    _assert_d2_law(_tuples(lambda s: ref()["kmeans_plus_plus"](X4, k, seed=s), runs, k), runs, k)


def test_sklearn_plain_kmeans_plusplus_follows_the_same_law():
    """sklearn's kmeans_plusplus with one local trial is plain D^2 sampling: the exact law fits it too."""
    runs = 4000

    def draw(s):
        centres, _ = sklearn_cluster.kmeans_plusplus(X4, 2, random_state=s, n_local_trials=1)
        return centres

    _assert_d2_law(_tuples(draw, runs, 2), runs, 2)


def test_exact_probabilities_by_hand():
    # From row 0, squared distances to rows 1, 2, 3 are 1, 1, 72: the second centre is row 3 w.p. 72/74.
    p = seeding_law(X4, 2)
    assert p[(0, 3)] == pytest.approx(0.25 * 72 / 74)
    assert p[(3, 0)] == pytest.approx(0.25 * 72 / (72 + 61 + 61))
    assert sum(p.values()) == pytest.approx(1.0)
