# mlprep: target_encoding
# expect: pass
# the classic pandas version: groupby mean/count per fold, fillna with the global mean
import numpy as np
import pandas as pd


def _folds(n, k):
    bounds = np.cumsum([0] + [n // k + (1 if f < n % k else 0) for f in range(k)])
    for f in range(k):
        val = np.arange(bounds[f], bounds[f + 1])
        yield np.setdiff1d(np.arange(n), val), val


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    global_mean = y_train.mean()
    oof = np.zeros(len(X_train))
    for tr_idx, val_idx in _folds(len(X_train), n_folds):
        X_tr, y_tr = X_train.iloc[tr_idx], y_train.iloc[tr_idx]
        stats = pd.DataFrame({"mean": y_tr.groupby(X_tr[col]).mean(), "cnt": y_tr.groupby(X_tr[col]).count()})
        enc = (stats["cnt"] * stats["mean"] + smooth * global_mean) / (stats["cnt"] + smooth)
        oof[val_idx] = X_train.iloc[val_idx][col].map(enc).fillna(global_mean).values
    full = pd.DataFrame({"mean": y_train.groupby(X_train[col]).mean(), "cnt": y_train.groupby(X_train[col]).count()})
    enc_map = ((full["cnt"] * full["mean"] + smooth * global_mean) / (full["cnt"] + smooth)).to_dict()
    return oof, enc_map, float(global_mean)
