"""The target_encoding reference against a hand-computed table, brute force, and scikit-learn when installed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlprep import catalog
from mlprep.checks.generators import build
from mlprep.engine.loader import load_module
from mlprep.problem import load


@pytest.fixture(scope="module")
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "target_encoding.py", "xref_target_encoding")


@pytest.fixture(scope="module")
def fold_prior() -> dict:
    """The reference with the accepted variant applied (the other folds' mean as the prior)."""
    problem = load(catalog.BUILTIN / "problems" / "target_encoding.yaml")
    (variant,) = [v for v in problem.variants if v.id == "fold_prior"]
    return load_module(problem.solution_path, "xref_target_encoding_fold_prior", variant.apply(problem.reference_source()))


def test_hand_computed_table(ref, fold_prior):
    X = pd.DataFrame({"city": ["Oslo", "Lima", "Oslo", "Lima", "Oslo", "Pune", "Lima", "Oslo"]})
    y = pd.Series([1, 0, 1, 1, 0, 1, 0, 1])
    oof, enc_map, mean = ref["target_encode"](X, y, "city", n_folds=2, smooth=2)
    # fold 0 = rows 0-3, encoded from rows 4-7: Oslo (0, 1) -> (1 + 2 * 0.625) / 4, Lima (0) -> 1.25 / 3
    # fold 1 = rows 4-7, encoded from rows 0-3: Oslo (1, 1) -> 3.25 / 4, Lima (0, 1) -> 2.25 / 4, Pune unseen
    assert mean == 0.625
    np.testing.assert_allclose(oof, [0.5625, 1.25 / 3, 0.5625, 1.25 / 3, 0.8125, 0.625, 0.5625, 0.8125], rtol=1e-12)
    assert enc_map == pytest.approx({"Oslo": 4.25 / 6, "Lima": 2.25 / 5, "Pune": 2.25 / 3}, rel=1e-12)
    # with the other folds' mean as the prior: 0.5 for fold 0 (rows 4-7), 0.75 for fold 1 (rows 0-3)
    oof2, enc2, mean2 = fold_prior["target_encode"](X, y, "city", n_folds=2, smooth=2)
    np.testing.assert_allclose(oof2, [2 / 4, 1 / 3, 2 / 4, 1 / 3, 3.5 / 4, 0.75, 2.5 / 4, 3.5 / 4], rtol=1e-12)
    assert enc2 == enc_map and mean2 == mean


@pytest.mark.parametrize("n, k", [(12, 5), (10, 5), (7, 2), (9, 9), (23, 4)])
def test_folds_by_hand(ref, n, k):
    folds = [val.tolist() for _, val in ref["kfold_indices"](n, k)]
    sizes = [n // k + (1 if f < n % k else 0) for f in range(k)]
    assert [len(f) for f in folds] == sizes
    assert sum(folds, []) == list(range(n))  # contiguous, in order, covering every row once
    if (n, k) == (12, 5):
        assert folds == [[0, 1, 2], [3, 4, 5], [6, 7], [8, 9], [10, 11]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_brute_force_and_out_of_fold_property(ref, fold_prior, seed):
    data = build([{"gen": "te_data", "seed": seed, "n": 33, "categories": 5, "singletons": 2, "index": "shuffled"}])
    X, y = data["X_train"], data["y_train"]
    oof, enc_map, mean = ref["target_encode"](X, y, "city", n_folds=4, smooth=3.0)
    oof_fp = fold_prior["target_encode"](X, y, "city", n_folds=4, smooth=3.0)[0]
    cats, t = X["city"].to_numpy(), y.to_numpy(dtype=float)
    for train_idx, val_idx in ref["kfold_indices"](len(t), 4):
        for i in val_idx:
            same = train_idx[cats[train_idx] == cats[i]]
            want = (t[same].sum() + 3.0 * t.mean()) / (len(same) + 3.0)
            assert oof[i] == pytest.approx(want, rel=1e-12)
            want_fp = (t[same].sum() + 3.0 * t[train_idx].mean()) / (len(same) + 3.0)
            assert oof_fp[i] == pytest.approx(want_fp, rel=1e-12)
    # Flipping row i's label never changes oof[i] with the other folds' mean as the prior. With the
    # global mean it moves oof[i] through the prior only: by smooth / (count + smooth) / n at most.
    for i in range(0, len(t), 5):
        flipped = y.copy()
        flipped.iloc[i] = 1 - flipped.iloc[i]
        assert fold_prior["target_encode"](X, flipped, "city", n_folds=4, smooth=3.0)[0][i] == pytest.approx(oof_fp[i], rel=1e-12)
        moved = abs(ref["target_encode"](X, flipped, "city", n_folds=4, smooth=3.0)[0][i] - oof[i])
        assert moved <= 1.0 / len(t) + 1e-12
    assert mean == pytest.approx(t.mean()) and set(enc_map) == set(cats)


def test_folds_equal_sklearn_kfold(ref):
    model_selection = pytest.importorskip("sklearn.model_selection")
    for n in (5, 12, 23, 40):
        for k in (2, 3, 5):
            ours = [(tr.tolist(), va.tolist()) for tr, va in ref["kfold_indices"](n, k)]
            theirs = [(tr.tolist(), va.tolist()) for tr, va in model_selection.KFold(n_splits=k).split(np.zeros(n))]
            assert ours == theirs, (n, k)


def contiguous_target_encoder(smooth: float | str, k: int):
    """sklearn's TargetEncoder on KFold(k, shuffle=False) folds, in both spellings the prompt gives: a KFold
    object as cv from scikit-learn 1.9, cv=k with shuffle=False before it (pyproject allows 1.3)."""
    import sklearn
    from sklearn.model_selection import KFold
    from sklearn.preprocessing import TargetEncoder

    if tuple(int(p) for p in sklearn.__version__.split(".")[:2]) >= (1, 9):
        return TargetEncoder(smooth=smooth, cv=KFold(n_splits=k), target_type="continuous")
    return TargetEncoder(smooth=smooth, cv=k, shuffle=False, target_type="continuous")


def test_auto_smoothing_weighs_within_category_variance_against_the_global_variance():
    """The insight's claim: smooth="auto" uses m = var(y in category) / var(y), not a between-category variance."""
    pytest.importorskip("sklearn")
    data = build([{"gen": "te_data", "seed": 7, "n": 60, "categories": 5, "singletons": 0, "target": "continuous"}])
    X, y = data["X_train"], data["y_train"].to_numpy()
    enc = contiguous_target_encoder("auto", 5).fit(X[["city"]], y)
    cats = X["city"].to_numpy()
    for cat, theirs in zip(enc.categories_[0], enc.encodings_[0]):
        own = y[cats == cat]
        m = own.var() / y.var()
        assert theirs == pytest.approx((len(own) * own.mean() + m * y.mean()) / (len(own) + m), rel=1e-10)


@pytest.mark.parametrize("seed, n, k, smooth", [(4, 40, 5, 10.0), (5, 23, 5, 2.0), (6, 61, 3, 0.5)])
def test_fold_prior_variant_equals_sklearn_target_encoder(ref, fold_prior, seed, n, k, smooth):
    pytest.importorskip("sklearn")
    data = build([{"gen": "te_data", "seed": seed, "n": n, "categories": 6, "singletons": 2, "target": "continuous"}])
    X, y = data["X_train"], data["y_train"]
    enc = contiguous_target_encoder(smooth, k)
    theirs = enc.fit_transform(X[["city"]], y.to_numpy()).ravel()
    oof, enc_map, mean = fold_prior["target_encode"](X, y, "city", n_folds=k, smooth=smooth)
    np.testing.assert_allclose(oof, theirs, rtol=1e-10)
    assert mean == pytest.approx(enc.target_mean_, rel=1e-12)
    assert enc_map == pytest.approx(dict(zip(enc.categories_[0], enc.encodings_[0])), rel=1e-10)
    # the reference (global prior) shares enc_map and global_mean, and differs from sklearn's oof only slightly
    oof_ref, map_ref, mean_ref = ref["target_encode"](X, y, "city", n_folds=k, smooth=smooth)
    assert map_ref == pytest.approx(enc_map, rel=1e-12) and mean_ref == mean
    assert np.abs(oof_ref - theirs).max() < 0.5 * y.std()
