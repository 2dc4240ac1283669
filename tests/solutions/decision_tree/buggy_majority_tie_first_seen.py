# mlprep: decision_tree
# expect: fail majority_tie_first_seen
"""The majority label comes from pandas value_counts, whose ties keep the order the labels were first seen."""
import numpy as np
import pandas as pd


def _impurity(frame, criterion):
    n = frame.sum(axis=1).to_numpy(dtype=float)
    p = frame.to_numpy(dtype=float) / np.maximum(n, 1)[:, None]
    if criterion == "gini":
        return 1 - (p ** 2).sum(axis=1)
    logp = np.log2(p, out=np.zeros_like(p), where=p > 0)
    return -(p * logp).sum(axis=1)


def best_split(X, y, criterion="gini", min_samples_leaf=1):
    X = np.asarray(X, dtype=float)
    y = pd.Series(np.asarray(y))
    n = len(y)
    parent = _impurity(pd.DataFrame([y.value_counts()]), criterion)[0]
    best = (None, None, 0.0)
    for j in range(X.shape[1]):
        tab = pd.crosstab(pd.Series(X[:, j], name="x"), y).sort_index()
        if len(tab) < 2:
            continue
        left = tab.cumsum().iloc[:-1]
        right = tab.sum() - left
        nl = left.sum(axis=1).to_numpy(dtype=float)
        gains = parent - (nl * _impurity(left, criterion) + (n - nl) * _impurity(right, criterion)) / n
        ok = (nl >= min_samples_leaf) & (n - nl >= min_samples_leaf)
        gains = np.where(ok, gains, -np.inf)
        k = int(np.argmax(gains))
        if gains[k] > best[2]:
            xs = tab.index.to_numpy()
            best = (j, (float(xs[k]) + float(xs[k + 1])) / 2, float(gains[k]))
    return best


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def fit(self, X, y):
        def build(X, y, depth):
            counts = pd.Series(y).value_counts()
            label = int(counts.index[0])
            if counts.size == 1 or (self.max_depth is not None and depth >= self.max_depth):
                return label
            j, t, gain = best_split(X, y, self.criterion, self.min_samples_leaf)
            if j is None:
                return label
            mask = X[:, j] <= t
            return (j, t, build(X[mask], y[mask], depth + 1), build(X[~mask], y[~mask], depth + 1))

        self.tree_ = build(np.asarray(X, dtype=float), np.asarray(y), 0)
        return self

    def predict(self, X):
        def one(x):
            node = self.tree_
            while isinstance(node, tuple):
                j, t, lo, hi = node
                node = lo if x[j] <= t else hi
            return node

        return np.array([one(x) for x in np.asarray(X, dtype=float)], dtype=np.int64)
