# mlprep: target_encoding
# expect: fail
# oof returned as a pandas Series where the prompt promises a numpy float array

import numpy as np
import pandas as pd


def kfold_indices(n, n_folds):
    """(train_idx, val_idx) pairs of KFold(n_splits=n_folds, shuffle=False): contiguous folds in row
    order, the first ``n % n_folds`` of them one row larger than the rest."""
    sizes = np.full(n_folds, n // n_folds)
    sizes[: n % n_folds] += 1
    stops = np.cumsum(sizes)
    rows = np.arange(n)
    for start, stop in zip(stops - sizes, stops):
        val_idx = rows[start:stop]
        train_idx = np.concatenate([rows[:start], rows[stop:]])
        yield train_idx, val_idx


def smoothed_means(cats, y, smooth, prior):
    """Per category: (count * mean + smooth * prior) / (count + smooth), a Series indexed by category."""
    stats = y.groupby(cats).agg(["mean", "count"])
    return (stats["count"] * stats["mean"] + smooth * prior) / (stats["count"] + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    """Out-of-fold encoding of ``X_train[col]`` by the target ``y_train``.

    Returns (oof, enc_map, global_mean): ``oof[i]`` encodes row i (by position) from the other folds
    only, a category those folds never saw getting the prior; ``enc_map`` is the smoothed encoding of
    every category over all rows (for inference); ``global_mean`` is the mean of y_train. The prior is
    the mean of all of y_train (the training folds' own mean is an accepted alternative).
    """
    cats = X_train[col].reset_index(drop=True)  # work by position: X_train's index may be anything
    y = pd.Series(np.asarray(y_train, dtype=float))
    global_mean = float(y.mean())
    oof = np.empty(len(y))
    for train_idx, val_idx in kfold_indices(len(y), n_folds):
        prior = global_mean
        enc = smoothed_means(cats.iloc[train_idx], y.iloc[train_idx], smooth, prior)
        oof[val_idx] = cats.iloc[val_idx].map(enc).fillna(prior).to_numpy(dtype=float)
    enc_map = smoothed_means(cats, y, smooth, global_mean).to_dict()
    return pd.Series(oof), enc_map, global_mean
