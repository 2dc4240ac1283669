"""The k-NN reference against scikit-learn's brute-force classifier, an independent stable-sort reference on
tie-heavy integer grids, the memory limit, and every number its texts state.
"""

from __future__ import annotations

import functools
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module
from mlprep.problem import Problem

REFERENCE = catalog.BUILTIN / "solutions" / "knn.py"


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(REFERENCE, "xref_knn")


@functools.lru_cache(maxsize=1)
def problem() -> Problem:
    return catalog.load(catalog.resolve("knn", catalog.index(catalog.pack_dirs())))


def text() -> str:
    p = problem()
    parts = [x.prompt for x in p.parts] + [i.body for i in p.insights] + [f.answer for f in p.followups]
    return " ".join(" ".join(parts).split())


def by_the_book(X_train, y_train, X_test, k, weights, near_ties=None):
    """The contract read literally, one test row at a time: stable sort, 1/r or exact matches, smallest label.

    ``near_ties`` (a list) collects the rows whose two best weighted totals are within 1e-9 relative: sums of
    the same weights in another order may differ in the last bit there, so the prompt leaves them untested.
    """
    classes = np.unique(y_train)
    out = []
    for x in X_test:
        d2 = ((X_train - x) ** 2).sum(axis=1)
        nn = np.argsort(d2, kind="stable")[:k]
        r = np.sqrt(d2[nn])
        if weights == "uniform":
            w = np.ones(k)
        elif (r == 0).any():
            w = (r == 0).astype(float)
        else:
            w = 1 / r
        totals = np.array([w[y_train[nn] == c].sum() for c in classes])
        if near_ties is not None and len(classes) > 1:
            top = np.sort(totals)[-2:]
            if weights == "distance" and top[1] - top[0] <= 1e-9 * top[1] and not (r == 0).any():
                near_ties.append(len(out))
        out.append(classes[int(np.argmax(totals))])  # first maximum: the smallest label
    return np.array(out, dtype=y_train.dtype)


# --- scikit-learn ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("weights", ["uniform", "distance"])
def test_matches_sklearn_brute_force_without_ties(seed, weights):
    """Continuous data: no two distances tie, so sklearn's neighbour order (argpartition, ties unspecified)
    cannot differ from ours. sklearn also gives a tied uniform vote to the smallest label (its mode), but with
    distance weights an exact tie is measure-zero here; we compare k = 1, 4, 7, 20 (both selection paths)."""
    neighbors = pytest.importorskip("sklearn.neighbors")
    rng = np.random.default_rng(seed)
    X_train, X_test = rng.normal(size=(400, 6)), rng.normal(size=(150, 6))
    y_train = rng.choice(np.array([-4, 0, 3, 11]), size=400)
    for k in (1, 4, 7, 20):
        ours = ref()["knn_predict"](X_train, y_train, X_test, k=k, weights=weights)
        clf = neighbors.KNeighborsClassifier(k, weights=weights, algorithm="brute").fit(X_train, y_train)
        np.testing.assert_array_equal(ours, clf.predict(X_test))
        assert ours.dtype == y_train.dtype


def test_sklearn_agrees_on_the_vote_tie_and_zero_distance_examples():
    """The two rules sklearn shares with ours: a tied vote to the smallest label, exact matches alone voting."""
    neighbors = pytest.importorskip("sklearn.neighbors")
    X = np.array([[1.0], [2.0], [-3.0], [4.0], [10.0]])
    y = np.array([7, 3, 7, 3, 0])
    clf = neighbors.KNeighborsClassifier(4, algorithm="brute").fit(X, y)
    assert clf.predict([[0.0]])[0] == ref()["knn_predict"](X, y, np.array([[0.0]]), k=4)[0] == 3
    X = np.array([[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    y = np.array([2, 1, 2, 1, 1])
    clf = neighbors.KNeighborsClassifier(5, weights="distance", algorithm="brute").fit(X, y)
    got = ref()["knn_predict"](X, y, np.array([[0.0, 0.0]]), k=5, weights="distance")
    assert clf.predict([[0.0, 0.0]])[0] == got[0] == 2


def test_pairwise_matches_sklearn_and_direct_differences():
    metrics = pytest.importorskip("sklearn.metrics")
    rng = np.random.default_rng(5)
    A, B = rng.normal(size=(30, 7)), rng.normal(size=(40, 7))
    D = ref()["pairwise_sq_dists"](A, B)
    np.testing.assert_allclose(D, metrics.pairwise.euclidean_distances(A, B, squared=True), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(D, ((A[:, None] - B[None]) ** 2).sum(-1), rtol=1e-10, atol=1e-12)


# --- tie rules, against the literal reading -----------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_tie_rules_on_integer_grids(seed):
    rng = np.random.default_rng(100 + seed)
    X_train = rng.integers(0, 3, size=(80, 2)).astype(float)
    X_test = rng.integers(-1, 4, size=(60, 2)).astype(float)
    y_train = rng.integers(-2, 3, size=80).astype(np.int32)
    for k in (1, 2, 3, 4, 6, 16, 17, 30, 80):
        for weights in ("uniform", "distance"):
            got = ref()["knn_predict"](X_train, y_train, X_test, k=k, weights=weights)
            skip: list[int] = []
            want = by_the_book(X_train, y_train, X_test, k, weights, skip)
            keep = np.setdiff1d(np.arange(len(X_test)), skip)
            assert len(keep) == len(X_test) if weights == "uniform" else len(keep) > 0
            np.testing.assert_array_equal(got[keep], want[keep], err_msg=f"{k} {weights}")
            assert got.dtype == np.int32


def test_blocks_do_not_change_the_answer():
    rng = np.random.default_rng(7)
    X_train = rng.integers(0, 4, size=(3000, 3)).astype(float)
    X_test = rng.integers(0, 4, size=(1000, 3)).astype(float)  # more rows than a block, and not a multiple of it
    y_train = rng.integers(0, 5, size=3000)
    step = ref()["BLOCK"] // len(X_train)
    assert len(X_test) % step != 0 and len(X_test) > step
    for k in (5, 40):
        np.testing.assert_array_equal(ref()["knn_predict"](X_train, y_train, X_test, k=k),
                                      by_the_book(X_train, y_train, X_test, k, "uniform"))


def test_k_bounds():
    X, y = np.zeros((3, 2)), np.array([0, 1, 1])
    with pytest.raises(ValueError):
        ref()["knn_predict"](X, y, X, k=4)
    assert ref()["knn_predict"](X, y, X, k=3).tolist() == [1, 1, 1]


# --- extreme inputs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("loc", [300.0, 1e4, 1e6])
def test_far_from_the_origin_nothing_is_negative(loc):
    rng = np.random.default_rng(int(loc) % 97)
    B = rng.normal(loc=loc, size=(50, 8))
    A = np.vstack([B[:20], rng.normal(loc=loc, size=(5, 8))])
    D = ref()["pairwise_sq_dists"](A, B)
    assert (D >= 0).all() and np.isfinite(np.sqrt(D)).all()
    # the residue on duplicates is of the size |a|^2 * eps, as the insight says
    residue = D[np.arange(20), np.arange(20)]
    assert residue.max() <= 64 * 8 * loc**2 * np.finfo(float).eps


def test_the_reference_fits_the_worker_memory_limit():
    """At the efficiency test's size, under the worker's 2 GiB address-space limit."""
    pytest.importorskip("resource")
    if not Path("/proc/self/status").exists():
        pytest.skip("needs /proc/self/status")
    code = f"""
import resource
resource.setrlimit(resource.RLIMIT_AS, (2048 * 2**20, 2048 * 2**20))
import numpy as np
from mlprep.engine.loader import load_module
knn = load_module({str(REFERENCE)!r}, "mem_knn")
rng = np.random.default_rng(1519)
X_train, X_test = rng.normal(size=(20000, 32)), rng.normal(size=(2000, 32))
y = np.random.default_rng(1520).integers(0, 10, 20000)
out = knn["knn_predict"](X_train, y, X_test, k=5)
assert out.shape == (2000,)
# the peak resident memory of this process image (ru_maxrss would carry the parent's over exec)
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) // 1024)
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                          env={"OPENBLAS_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.split()[-1]) < 300  # MB: a block at a time, never the 320 MB matrix


# --- the numbers the texts state ---------------------------------------------------------------------------------


def test_sizes_in_the_texts():
    n_test, n_train, d = 2000, 20000, 32
    assert round(n_test * n_train * d * 8 / 2**30, 1) == 9.5
    assert n_test * n_train * d * 8 == 10_240_000_000
    assert n_test * n_train * 8 == 320_000_000
    assert ref()["BLOCK"] == 2**20 and ref()["BLOCK"] // n_train == 52 and ref()["BLOCK"] * 8 == 8 * 2**20
    assert round(n_train * d * 8 / 1e6) == 5
    assert n_train - 5 == 19_995
    assert 100_000_000 * 32 * 4 / 1e9 == 12.8
    t = text()
    for said in ("about 9.5 GiB", "10,240,000,000 bytes", "320 MB", "about a million distances (52 test rows at a",
                 "8 MB per block", "5 MB training matrix", "19,995", "12.8 GB"):
        assert said in t, said


def test_efficiency_rows_are_the_prompts():
    p = problem()
    big, many = [t for t in p.tests if t.category == "efficiency"]
    assert big.inputs[0].as_dict()["shapes"] == {"X_train": [20000, 32], "X_test": [2000, 32]}
    assert many.inputs[0].as_dict()["shapes"] == {"X_train": [100, 8], "X_test": [100000, 8]}
    assert big.max_ratio == 40 and many.max_ratio == 8
    assert all("k=5" in t.program[0].replace(" ", "") for t in (big, many))
    t = text()
    assert "2,000 test rows against 20,000 training rows of 32 features may take at most 40 times" in t
    assert "100,000 test rows against 100 training rows of 8 features at most 8 times" in t
    assert "uses 100,000 test rows against only 100 training rows" in t


def test_cancellation_numbers():
    """The stability test's data: |a|^2 near 7.2e5, raw expansion down to about -4.7e-10 on duplicates."""
    from mlprep.checks.generators import build, load_topics

    load_topics()
    test = next(t for t in problem().tests if t.name.startswith("duplicates far"))
    data = build([r.as_dict() for r in test.inputs], test.given)
    B = data["B"]
    A = np.vstack([B[:12], data["C"]])
    assert 8 * 300.0**2 == 7.2e5
    assert abs((A * A).sum(axis=1).mean() / 7.2e5 - 1) < 0.01
    raw = (A * A).sum(1)[:, None] - 2 * A @ B.T + (B * B).sum(1)[None, :]
    assert round(raw.min(), 11) == -4.7e-10 or -5e-10 < raw.min() < -4e-10
    assert raw.min() < 0 and (ref()["pairwise_sq_dists"](A, B) >= 0).all()
    assert abs(raw.min()) < 1e-8  # a direct (exact) computation still matches within atol
    assert round(math.sqrt(np.finfo(float).eps), 9) == 1.5e-8
    t = text()
    assert "near 7.2e5 (8 features near 300)" in t and "about -4.7e-10" in t and "1.5e-8" in t


def test_infinite_weights_lose_the_count():
    """Two exact matches with label 2 and one with label 1: inf weights tie, and the tie goes to label 1."""
    r = np.array([0.0, 0.0, 0.0, 1.0, 1.0])
    labels = np.array([2, 1, 2, 1, 1])
    with np.errstate(divide="ignore"):
        w = 1 / r
    totals = np.bincount(labels, weights=w)
    assert totals[1] == totals[2] == np.inf and int(totals.argmax()) == 1
    X = np.array([[0.0, 0.0]] * 3 + [[1.0, 0.0], [0.0, 1.0]])
    assert ref()["knn_predict"](X, labels, np.zeros((1, 2)), k=5, weights="distance")[0] == 2
    assert "two zero-distance neighbours with label 2 and one with label 1" in text()
