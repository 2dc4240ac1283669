# mlprep: target_encoding
# expect: fail enc_map_last_fold
# returns the encoding table of the last loop iteration as the inference map
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
    table = None
    for val in np.array_split(np.arange(len(y)), n_folds):
        tr = np.setdiff1d(np.arange(len(y)), val)
        table = _enc(cats.iloc[tr], y.iloc[tr], smooth, mu)
        oof[val] = cats.iloc[val].map(table).fillna(mu).to_numpy()
    return oof, table.to_dict(), float(mu)
