# mlprep: target_encoding
# expect: fail
# fold size ceil(n / k): the last folds are short (or empty)
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    n = len(y)
    size = -(-n // n_folds)
    oof = np.empty(n)
    for f in range(n_folds):
        val = np.arange(f * size, min(n, (f + 1) * size))
        if len(val) == 0:
            continue
        tr = np.setdiff1d(np.arange(n), val)
        oof[val] = cats.iloc[val].map(_enc(cats.iloc[tr], y.iloc[tr], smooth, mu)).fillna(mu).to_numpy()
    return oof, _enc(cats, y, smooth, mu).to_dict(), float(mu)
