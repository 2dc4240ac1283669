# mlprep: target_encoding
# expect: fail no_smoothing
# raw category means in the folds and in the map (unseen still get the global mean)
import numpy as np
import pandas as pd


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = X_train[col].to_numpy()
    y = np.asarray(y_train, float)
    mu = y.mean()
    oof = np.empty(len(y))
    for val in np.array_split(np.arange(len(y)), n_folds):
        tr = np.setdiff1d(np.arange(len(y)), val)
        means = pd.Series(y[tr]).groupby(cats[tr]).mean()
        oof[val] = pd.Series(cats[val]).map(means).fillna(mu).to_numpy()
    return oof, pd.Series(y).groupby(cats).mean().to_dict(), float(mu)
