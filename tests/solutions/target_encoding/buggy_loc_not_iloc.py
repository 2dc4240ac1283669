# mlprep: target_encoding
# expect: fail loc_not_iloc
# fold positions passed to .loc (index labels), fine only for a 0..n-1 index
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    mu = y_train.mean()
    oof = np.zeros(len(X_train))
    for val in np.array_split(np.arange(len(X_train)), n_folds):
        tr = np.setdiff1d(np.arange(len(X_train)), val)
        enc = _enc(X_train.loc[tr, col], y_train.loc[tr].astype(float), smooth, mu)
        oof[val] = X_train.loc[val, col].map(enc).fillna(mu).to_numpy()
    return oof, _enc(X_train[col], y_train.astype(float), smooth, mu).to_dict(), float(mu)
