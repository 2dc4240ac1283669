# mlprep: decision_tree
"""Reference solution: the best axis-aligned split by sort + cumulative class counts, then a greedy tree."""

import numpy as np


def _impurity(counts, criterion):
    """Impurity of each row of class counts (m, C): Gini, or entropy in bits with 0 log 0 = 0."""
    n = counts.sum(axis=1, keepdims=True)
    p = counts / np.maximum(n, 1)
    if criterion == "gini":
        return 1.0 - (p * p).sum(axis=1)
    logs = np.log2(np.where(p > 0, p, 1.0))  # log2(1) = 0 stands in where p = 0: 0 log 0 = 0
    return -(p * logs).sum(axis=1)


def _feature_gains(x, onehot, parent, criterion, min_leaf):
    """Gain of every cut between consecutive sorted values of x, -inf where no valid cut; and the sorted x."""
    n = len(x)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    left = np.cumsum(onehot[order], axis=0)[:-1]  # class counts of the first i + 1 sorted rows
    right = onehot.sum(axis=0) - left
    sizes = np.arange(1, n)
    weighted = (sizes * _impurity(left, criterion) + (n - sizes) * _impurity(right, criterion)) / n
    gains = parent - weighted
    valid = (xs[1:] > xs[:-1]) & (sizes >= min_leaf) & (n - sizes >= min_leaf)
    gains[~valid] = -np.inf
    return gains, xs


def _search(X, codes, n_classes, criterion, min_leaf):
    """(feature, threshold, gain) of the best split leaving min_leaf rows each side; (None, None, 0.0) if none helps."""
    n, d = X.shape
    if n < 2:
        return None, None, 0.0
    onehot = np.eye(n_classes)[codes]
    parent = _impurity(onehot.sum(axis=0, keepdims=True), criterion)[0]
    rows = [_feature_gains(X[:, j], onehot, parent, criterion, min_leaf) for j in range(d)]
    gains = np.stack([g for g, _ in rows])  # (d, n - 1)
    j, i = np.unravel_index(int(np.argmax(gains)), gains.shape)  # first maximum: lowest feature, then threshold
    if gains[j, i] <= 0:
        return None, None, 0.0
    xs = rows[j][1]
    return int(j), float((xs[i] + xs[i + 1]) / 2), float(gains[j, i])


def best_split(X, y, criterion="gini"):
    """(feature, threshold, gain) of the split with the largest positive gain, or (None, None, 0.0)."""
    X = np.asarray(X, dtype=float)
    classes, codes = np.unique(np.asarray(y), return_inverse=True)
    return _search(X, codes.ravel(), len(classes), criterion, 1)


class DecisionTree:
    """A greedy classification tree: each node takes the best split that leaves min_samples_leaf rows a side."""

    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth = max_depth
        self.min_samples_leaf = min_samples_leaf
        self.criterion = criterion

    def fit(self, X, y):
        """Grow the tree from the root (depth 0); returns self."""
        X = np.asarray(X, dtype=float)
        self.classes_, codes = np.unique(np.asarray(y), return_inverse=True)
        self._root = self._grow(X, codes.ravel(), 0)
        return self

    def _grow(self, X, codes, depth):
        """A leaf ("leaf", label) or a node ("split", feature, threshold, left, right)."""
        counts = np.bincount(codes, minlength=len(self.classes_))
        leaf = ("leaf", self.classes_[int(np.argmax(counts))])  # argmax: the smallest label on a tie
        if self.max_depth is not None and depth >= self.max_depth:
            return leaf
        feature, threshold, gain = _search(X, codes, len(self.classes_), self.criterion, self.min_samples_leaf)
        if feature is None:
            return leaf
        go_left = X[:, feature] <= threshold
        return ("split", feature, threshold,
                self._grow(X[go_left], codes[go_left], depth + 1),
                self._grow(X[~go_left], codes[~go_left], depth + 1))

    def predict(self, X):
        """The leaf label of each row of X, as an array of shape (n,)."""
        X = np.asarray(X, dtype=float)
        out = np.empty(len(X), dtype=self.classes_.dtype)
        stack = [(self._root, np.arange(len(X)))]
        while stack:
            node, rows = stack.pop()
            if node[0] == "leaf":
                out[rows] = node[1]
                continue
            _, feature, threshold, left, right = node
            go_left = X[rows, feature] <= threshold
            stack.append((left, rows[go_left]))
            stack.append((right, rows[~go_left]))
        return out
