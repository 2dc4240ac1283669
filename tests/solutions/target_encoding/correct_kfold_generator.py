# mlprep: target_encoding
# expect: pass
# a KFold-like generator over positions and a reset index, global prior, smoothing as a weighted average
import numpy as np
import pandas as pd


class ContiguousKFold:
    def __init__(self, n_splits):
        self.n_splits = n_splits

    def split(self, n):
        sizes = np.full(self.n_splits, n // self.n_splits)
        sizes[: n % self.n_splits] += 1
        current = 0
        for size in sizes:
            test = np.arange(current, current + size)
            yield np.r_[0:current, current + size:n], test
            current += size


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    data = pd.DataFrame({"c": X_train[col].to_numpy(), "y": np.asarray(y_train, float)})
    prior = data["y"].mean()

    def encoder(part):
        g = part.groupby("c")["y"]
        w = g.count() / (g.count() + smooth)
        return w * g.mean() + (1 - w) * prior

    oof = np.full(len(data), np.nan)
    for tr, te in ContiguousKFold(n_folds).split(len(data)):
        oof[te] = data["c"].iloc[te].map(encoder(data.iloc[tr])).fillna(prior)
    return oof, encoder(data).to_dict(), float(prior)
