# mlprep: decision_tree
# expect: fail entropy_nan_log0
"""All gains in one (d, n - 1) matrix; entropy as -sum(p * log2(p)) with no guard for p = 0."""
import numpy as np


def impurity(counts, criterion):
    sizes = counts.sum(axis=-1, keepdims=True)
    p = counts / sizes
    if criterion == "gini":
        return 1 - (p ** 2).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(p * np.log2(p)).sum(axis=-1)


def gains_matrix(X, y, criterion, min_leaf):
    _, codes = np.unique(y, return_inverse=True)
    n, d = X.shape
    oh = np.eye(codes.max() + 1)[codes]
    base = impurity(oh.sum(axis=0), criterion)
    order = np.argsort(X, axis=0, kind="stable")
    xs = np.take_along_axis(X, order, axis=0)
    left = np.cumsum(oh[order], axis=0)[:-1]          # (n - 1, d, C)
    right = oh.sum(axis=0) - left
    k = np.arange(1, n)[:, None]
    g = base - (k * impurity(left, criterion) + (n - k) * impurity(right, criterion)) / n
    bad = (xs[1:] == xs[:-1]) | (k < min_leaf) | (n - k < min_leaf)
    g[bad] = -np.inf
    return g.T, xs.T


def search(X, y, criterion, min_leaf):
    X = np.asarray(X, dtype=float)
    if len(X) < 2:
        return None, None, 0.0
    g, xs = gains_matrix(X, np.asarray(y), criterion, min_leaf)
    j, i = divmod(int(np.argmax(g)), g.shape[1])
    if g[j, i] <= 0:
        return None, None, 0.0
    return j, (xs[j, i] + xs[j, i + 1]) / 2, g[j, i]


def best_split(X, y, criterion="gini"):
    return search(X, y, criterion, 1)


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        self.labels = np.unique(y)

        def grow(rows, depth):
            counts = np.array([(y[rows] == c).sum() for c in self.labels])
            if counts.max() == len(rows) or depth == self.max_depth:
                return self.labels[counts.argmax()]
            j, t, _ = search(X[rows], y[rows], self.criterion, self.min_samples_leaf)
            if j is None:
                return self.labels[counts.argmax()]
            go = X[rows, j] <= t
            return j, t, grow(rows[go], depth + 1), grow(rows[~go], depth + 1)

        self.root = grow(np.arange(len(y)), 0)
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        out = np.empty(len(X), dtype=self.labels.dtype)
        for i, x in enumerate(X):
            node = self.root
            while isinstance(node, tuple):
                node = node[2] if x[node[0]] <= node[1] else node[3]
            out[i] = node
        return out
