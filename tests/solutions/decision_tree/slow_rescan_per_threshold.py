# mlprep: decision_tree
# expect: slow rescan_per_threshold
"""Every candidate threshold recounts both sides with boolean masks: right answers, O(n^2) per feature."""
import numpy as np


def _gini(y):
    if len(y) == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return 1.0 - np.sum(p ** 2)


def _entropy(y):
    if len(y) == 0:
        return 0.0
    _, counts = np.unique(y, return_counts=True)
    p = counts / len(y)
    return float(-np.sum(p * np.log2(p)))


def best_split(X, y, criterion="gini"):
    X = np.asarray(X, dtype=float)
    y = np.asarray(y)
    imp = _gini if criterion == "gini" else _entropy
    n, d = X.shape
    parent = imp(y)
    best = (None, None, 0.0)
    for j in range(d):
        values = np.unique(X[:, j])
        for t in (values[:-1] + values[1:]) / 2:
            mask = X[:, j] <= t
            yl, yr = y[mask], y[~mask]
            gain = parent - len(yl) / n * imp(yl) - len(yr) / n * imp(yr)
            if gain > best[2]:
                best = (j, float(t), float(gain))
    return best


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.imp = _gini if criterion == "gini" else _entropy

    def _best(self, X, y):
        n, d = X.shape
        parent = self.imp(y)
        best, best_gain = None, 0.0
        for j in range(d):
            values = np.unique(X[:, j])
            for t in (values[:-1] + values[1:]) / 2:
                mask = X[:, j] <= t
                if mask.sum() < self.min_samples_leaf or (~mask).sum() < self.min_samples_leaf:
                    continue
                gain = parent - mask.mean() * self.imp(y[mask]) - (~mask).mean() * self.imp(y[~mask])
                if gain > best_gain:
                    best, best_gain = (j, t), gain
        return best

    def _grow(self, X, y, depth):
        labels, counts = np.unique(y, return_counts=True)
        leaf = labels[np.argmax(counts)]
        if len(labels) == 1 or (self.max_depth is not None and depth == self.max_depth):
            return leaf
        split = self._best(X, y)
        if split is None:
            return leaf
        j, t = split
        m = X[:, j] <= t
        return (j, t, self._grow(X[m], y[m], depth + 1), self._grow(X[~m], y[~m], depth + 1))

    def fit(self, X, y):
        self.tree = self._grow(np.asarray(X, float), np.asarray(y), 0)
        return self

    def predict(self, X):
        out = []
        for row in np.asarray(X, float):
            node = self.tree
            while isinstance(node, tuple):
                node = node[2] if row[node[0]] <= node[1] else node[3]
            out.append(node)
        return np.array(out)
