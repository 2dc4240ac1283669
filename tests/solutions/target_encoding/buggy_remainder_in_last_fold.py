# mlprep: target_encoding
# expect: fail remainder_in_last_fold
# fold size n // k, with the leftover rows added to the last fold
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    n, size = len(y), len(y) // n_folds
    oof = np.empty(n)
    for f in range(n_folds):
        stop = n if f == n_folds - 1 else (f + 1) * size
        val = np.arange(f * size, stop)
        tr = np.setdiff1d(np.arange(n), val)
        oof[val] = cats.iloc[val].map(_enc(cats.iloc[tr], y.iloc[tr], smooth, mu)).fillna(mu).to_numpy()
    return oof, _enc(cats, y, smooth, mu).to_dict(), float(mu)
