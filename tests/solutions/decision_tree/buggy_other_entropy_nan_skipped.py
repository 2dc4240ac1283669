# mlprep: decision_tree
# expect: fail entropy_nan_log0?
"""p * log2(p) everywhere: NaN gains, which `g[i] > 0` then silently skips (the wrong split, no NaN shown)."""
import numpy as np


def gini(counts):
    n = counts.sum(axis=0)
    p = counts / np.where(n == 0, 1, n)
    return (p * (1 - p)).sum(axis=0)


def entropy(counts):
    n = counts.sum(axis=0)
    p = counts / np.where(n == 0, 1, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = -p * np.log2(p)
    return terms.sum(axis=0)


def search(X, y, criterion="gini", min_leaf=1):
    f = gini if criterion == "gini" else entropy
    classes = np.unique(y)
    n = len(y)
    total = np.array([[np.sum(y == c)] for c in classes], dtype=float)
    base = f(total)[0]
    found = None
    for j in range(X.shape[1]):
        vals = np.unique(X[:, j])
        if len(vals) < 2:
            continue
        thr = (vals[:-1] + vals[1:]) / 2
        left = np.array([np.searchsorted(np.sort(X[y == c, j]), thr, side="right") for c in classes], dtype=float)
        right = total - left
        nl, nr = left.sum(axis=0), right.sum(axis=0)
        g = base - (nl * f(left) + nr * f(right)) / n
        g[(nl < min_leaf) | (nr < min_leaf)] = -np.inf
        i = int(np.argmax(g))
        if g[i] > 0 and (found is None or g[i] > found[2]):
            found = (j, float(thr[i]), float(g[i]))
    return found if found is not None else (None, None, 0.0)


def best_split(X, y, criterion="gini"):
    return search(np.asarray(X, dtype=float), np.asarray(y), criterion)


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def fit(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y)
        nodes = []

        def grow(rows, depth):
            ys = y[rows]
            labs, cnt = np.unique(ys, return_counts=True)
            me = len(nodes)
            nodes.append([labs[np.argmax(cnt)], -1, 0.0, -1, -1])
            if len(labs) > 1 and (self.max_depth is None or depth < self.max_depth):
                j, t, _ = search(X[rows], ys, self.criterion, self.min_samples_leaf)
                if j is not None:
                    go = X[rows, j] <= t
                    nodes[me][1], nodes[me][2] = j, t
                    nodes[me][3] = grow(rows[go], depth + 1)
                    nodes[me][4] = grow(rows[~go], depth + 1)
            return me

        grow(np.arange(len(y)), 0)
        self.nodes = nodes
        return self

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        at = np.zeros(len(X), dtype=int)
        while True:
            feats = np.array([self.nodes[k][1] for k in at])
            inner = feats >= 0
            if not inner.any():
                break
            for i in np.flatnonzero(inner):
                lab, j, t, lo, hi = self.nodes[at[i]]
                at[i] = lo if X[i, j] <= t else hi
        return np.array([self.nodes[k][0] for k in at])
