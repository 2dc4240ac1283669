# mlprep: decision_tree
# expect: pass
"""Cumulative counts per class with a loop over classes; ties kept by a strict comparison while scanning features."""
import numpy as np


def node_impurity(k, n, criterion):
    """k: counts (..., C) as floats, n: sizes (...)."""
    p = k / n[..., None]
    if criterion == "gini":
        return 1.0 - np.einsum("...c,...c->...", p, p)
    safe = np.where(p == 0, 1.0, p)
    return -np.einsum("...c,...c->...", p, np.log(safe)) / np.log(2.0)


def split_search(X, y, criterion, min_leaf):
    X = np.asarray(X, dtype=float)
    classes, yc = np.unique(np.asarray(y), return_inverse=True)
    n, d = X.shape
    C = len(classes)
    tot = np.bincount(yc, minlength=C).astype(float)
    parent = node_impurity(tot[None, :], np.array([float(n)]), criterion)[0]
    best_j, best_t, best_g = None, None, 0.0
    for j in range(d):
        o = np.argsort(X[:, j])
        xs, ys = X[o, j], yc[o]
        L = np.zeros((n - 1, C))
        for c in range(C):
            L[:, c] = np.cumsum(ys == c)[:-1]
        R = tot - L
        nl = np.arange(1, n, dtype=float)
        nr = n - nl
        g = parent - nl / n * node_impurity(L, nl, criterion) - nr / n * node_impurity(R, nr, criterion)
        good = (xs[1:] != xs[:-1]) & (nl >= min_leaf) & (nr >= min_leaf)
        for i in np.flatnonzero(good):
            if g[i] > best_g:
                best_j, best_t, best_g = j, (xs[i] + xs[i + 1]) / 2.0, g[i]
    if best_j is None:
        return None, None, 0.0
    return int(best_j), float(best_t), float(best_g)


def best_split(X, y, criterion="gini"):
    return split_search(X, y, criterion, 1)


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        self.splits = {}
        self.leaves = {}
        todo = [(1, np.arange(len(y)), 0)]  # heap numbering: children 2k and 2k + 1
        while todo:
            key, rows, depth = todo.pop()
            vals, cnt = np.unique(y[rows], return_counts=True)
            if len(vals) == 1 or (self.max_depth is not None and depth >= self.max_depth):
                self.leaves[key] = vals[np.argmax(cnt)]
                continue
            j, t, _ = split_search(X[rows], y[rows], self.criterion, self.min_samples_leaf)
            if j is None:
                self.leaves[key] = vals[np.argmax(cnt)]
                continue
            self.splits[key] = (j, t)
            go = X[rows, j] <= t
            todo.append((2 * key, rows[go], depth + 1))
            todo.append((2 * key + 1, rows[~go], depth + 1))
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        out = []
        for x in X:
            key = 1
            while key in self.splits:
                j, t = self.splits[key]
                key = 2 * key if x[j] <= t else 2 * key + 1
            out.append(self.leaves[key])
        return np.array(out)
