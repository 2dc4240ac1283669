"""The SMOTE reference on small cases whose nearest neighbours are known by hand."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.properties import Context
from mlprep.checks.smote import neighbour_sets, smote_on_segments, smote_statistics
from mlprep.engine.compare import Tolerance
from mlprep.engine.loader import load_module

# On a line with doubling gaps the neighbours are easy to list by hand:
# 0 -> 1, 1 -> 0, 3 -> 1 (2 < 4), 7 -> 3, 15 -> 7 (k = 1); with k = 2: 0 -> {1, 3}, 1 -> {0, 3}, 3 -> {1, 0}
# (distance 2 and 3 against 4), 7 -> {3, 1}, 15 -> {7, 3}.
LINE = np.array([[0.0], [1.0], [3.0], [7.0], [15.0]])
K1 = {0: {1}, 1: {0}, 2: {1}, 3: {2}, 4: {3}}
K2 = {0: {1, 2}, 1: {0, 2}, 2: {1, 0}, 3: {2, 1}, 4: {3, 2}}


def smote():
    return load_module(catalog.BUILTIN / "solutions" / "smote.py", "xref_smote")["smote"]


def _recover(X, rows):
    """(source, neighbour, alpha) of each 1-D synthetic row, trying every ordered pair."""
    out = []
    for s in rows[:, 0]:
        found = [(i, j, (s - X[i, 0]) / (X[j, 0] - X[i, 0])) for i in range(len(X)) for j in range(len(X)) if i != j]
        out.append([(i, j, a) for i, j, a in found if 0 <= a < 1])
    return out


@pytest.mark.parametrize(("k", "table"), [(1, K1), (2, K2)])
def test_neighbours_by_hand(k, table):
    allowed, _ = neighbour_sets(LINE, k)
    assert {i: set(np.flatnonzero(allowed[i])) for i in range(5)} == table


@pytest.mark.parametrize(("k", "table"), [(1, K1), (2, K2)])
def test_every_row_between_a_row_and_its_hand_listed_neighbour(k, table):
    rows = smote()(LINE, 400, k=k, seed=3)
    assert rows.shape == (400, 1)
    for options in _recover(LINE, rows):
        assert any(j in table[i] for i, j, _ in options), options


def test_square_with_k_capped():
    # Four corners of a unit square: with k = 5 (capped at 3) every other corner is a neighbour, so
    # diagonals appear too; with k = 2 only the sides do (each corner's 2 nearest are its side neighbours).
    sq = np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    capped = smote()(sq, 2000, k=5, seed=1)
    on_sides = np.isclose(capped, 0.0).any(axis=1) | np.isclose(capped, 1.0).any(axis=1)
    assert (~on_sides).mean() > 0.2  # a third of the rows lie on the diagonals
    sides = smote()(sq, 500, k=2, seed=2)
    assert (np.isclose(sides, 0.0).any(axis=1) | np.isclose(sides, 1.0).any(axis=1)).all()


def test_hand_computed_row():
    # seed-independent: with 2 rows every synthetic row is a + alpha (b - a) or b + alpha (a - b).
    a, b = np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, -1.0])
    rows = smote()(np.stack([a, b]), 100, seed=9)
    t = (rows - a) @ (b - a) / ((b - a) @ (b - a))
    np.testing.assert_allclose(rows, a + t[:, None] * (b - a), atol=1e-12)
    assert ((t >= 0) & (t <= 1)).all()


def test_errors_and_determinism():
    with pytest.raises(ValueError):
        smote()(np.ones((1, 3)), 5)
    X = np.random.default_rng(0).normal(size=(10, 3))
    np.testing.assert_array_equal(smote()(X, 30, seed=4), smote()(X, 30, seed=4))


def test_properties_accept_the_reference_and_reject_the_classic_bugs():
    X = np.random.default_rng(1002).normal(size=(8, 2))
    good = smote()(X, 4000, k=3, seed=11)
    ctx = Context(inputs={"X": X}, actual={"result": good}, expected={"result": good}, tol=Tolerance())
    assert smote_on_segments(ctx, "X", 3) is None and smote_statistics(ctx, "X", 3) is None
    rng = np.random.default_rng(5)
    src = rng.integers(8, size=4000)
    copies = X[src]  # alpha = 0 everywhere: on the segments, but not spread over [0, 1)
    ctx.actual["result"] = copies
    assert smote_statistics(ctx, "X", 3) is not None
    per_feature = X[src] + rng.random((4000, 2)) * (X[(src + 1) % 8] - X[src])
    ctx.actual["result"] = per_feature
    assert smote_on_segments(ctx, "X", 3) is not None


def test_the_evaluation_followup_numbers():
    """The follow-up on ROC vs PR under imbalance: a constant model's PR-AUC is the prevalence (ROC-AUC 0.5), and
    for positives N(1.8, 1) against negatives N(0, 1) ROC-AUC stays near 0.90 while PR-AUC falls 0.90, 0.60, 0.19."""
    metrics = pytest.importorskip("sklearn.metrics")
    problem = catalog.load(catalog.resolve("smote", catalog.index(catalog.pack_dirs())))
    answer = next(f.answer for f in problem.followups if "ROC-AUC of 0.9" in f.question)
    rng = np.random.default_rng(0)
    for prevalence, pr_auc in [(0.5, 0.90), (0.1, 0.60), (0.01, 0.19)]:
        y = (rng.random(400_000) < prevalence).astype(int)
        scores = np.where(y == 1, rng.normal(1.8, 1.0, len(y)), rng.normal(0.0, 1.0, len(y)))
        assert metrics.roc_auc_score(y, scores) == pytest.approx(0.90, abs=0.01)
        assert metrics.average_precision_score(y, scores) == pytest.approx(pr_auc, abs=0.01)
        constant = np.zeros(len(y))
        assert metrics.average_precision_score(y, constant) == pytest.approx(y.mean(), rel=1e-12)
        assert metrics.roc_auc_score(y, constant) == 0.5
        assert f"{pr_auc:.2f} at" in answer
