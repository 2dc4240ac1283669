# mlprep: target_encoding
# expect: pass
# the training folds' own mean as the prior (sklearn TargetEncoder's choice), via array_split
import numpy as np
import pandas as pd


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = np.asarray(X_train[col])
    y = np.asarray(y_train, dtype=float)
    n = len(y)
    oof = np.empty(n)
    for val in np.array_split(np.arange(n), n_folds):
        train = np.ones(n, bool)
        train[val] = False
        prior = y[train].mean()
        s = pd.Series(y[train]).groupby(cats[train]).agg(["sum", "count"])
        enc = (s["sum"] + smooth * prior) / (s["count"] + smooth)
        oof[val] = pd.Series(cats[val]).map(enc).fillna(prior).to_numpy()
    g = y.mean()
    s = pd.Series(y).groupby(cats).agg(["sum", "count"])
    enc_map = dict(zip(s.index, (s["sum"] + smooth * g) / (s["count"] + smooth)))
    return oof, enc_map, float(g)
