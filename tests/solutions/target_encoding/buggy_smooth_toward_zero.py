# mlprep: target_encoding
# expect: fail smooth_toward_zero
# sum / (count + smooth): the smooth * prior term is missing
import numpy as np
import pandas as pd


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].to_numpy()
    y = np.asarray(y_train, float)
    mu = y.mean()

    def enc(c, t):
        g = pd.Series(t).groupby(c)
        return g.sum() / (g.count() + smooth)

    oof = np.empty(len(y))
    for val in np.array_split(np.arange(len(y)), n_folds):
        tr = np.setdiff1d(np.arange(len(y)), val)
        oof[val] = pd.Series(cats[val]).map(enc(cats[tr], y[tr])).fillna(mu).to_numpy()
    return oof, enc(cats, y).to_dict(), float(mu)
