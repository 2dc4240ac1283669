# mlprep: target_encoding
# expect: fail shuffled_folds
# folds from a shuffled permutation (like KFold(shuffle=True, random_state=7))
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    perm = np.random.RandomState(7).permutation(len(y))
    oof = np.empty(len(y))
    for val in np.array_split(perm, n_folds):
        tr = np.setdiff1d(np.arange(len(y)), val)
        oof[val] = cats.iloc[val].map(_enc(cats.iloc[tr], y.iloc[tr], smooth, mu)).fillna(mu).to_numpy()
    return oof, _enc(cats, y, smooth, mu).to_dict(), float(mu)
