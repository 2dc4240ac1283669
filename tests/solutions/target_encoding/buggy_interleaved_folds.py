# mlprep: target_encoding
# expect: fail interleaved_folds
# row i goes to fold i % n_folds
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    fold = np.arange(len(y)) % n_folds
    oof = np.empty(len(y))
    for f in range(n_folds):
        val, tr = fold == f, fold != f
        oof[val] = cats[val].map(_enc(cats[tr], y[tr], smooth, mu)).fillna(mu).to_numpy()
    return oof, _enc(cats, y, smooth, mu).to_dict(), float(mu)
