# mlprep: target_encoding
# expect: fail swapped_fold_indices
# unpacks (val, train) in the wrong order: statistics from the held-out fold, written over the rest
import numpy as np
import pandas as pd


def _enc(cats, y, smooth, prior):
    g = y.groupby(cats)
    return (g.sum() + smooth * prior) / (g.count() + smooth)


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].reset_index(drop=True)
    y = y_train.reset_index(drop=True).astype(float)
    mu = y.mean()
    oof = np.empty(len(y))
    for held in np.array_split(np.arange(len(y)), n_folds):
        rest = np.setdiff1d(np.arange(len(y)), held)
        val, tr = rest, held
        oof[val] = cats.iloc[val].map(_enc(cats.iloc[tr], y.iloc[tr], smooth, mu)).fillna(mu).to_numpy()
    return oof, _enc(cats, y, smooth, mu).to_dict(), float(mu)
