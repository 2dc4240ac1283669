# mlprep: decision_tree
# expect: fail gain_not_relative_to_parent
"""Scores a cut as 1 minus the weighted child impurity."""
import numpy as np
from scipy.special import entr


def _imp(counts, criterion):
    totals = counts.sum(axis=-1, keepdims=True)
    shares = np.divide(counts, totals, out=np.zeros_like(counts, dtype=float), where=totals > 0)
    if criterion == "entropy":
        return entr(shares).sum(axis=-1) / np.log(2)
    return 1.0 - np.square(shares).sum(axis=-1)


def _scan(X, y, criterion, min_leaf=1):
    labels, codes = np.unique(y, return_inverse=True)
    n, d = X.shape
    onehot = (codes.reshape(-1, 1) == np.arange(len(labels))).astype(float)
    total = onehot.sum(axis=0)
    winner = (None, None, 0.0)
    for j in range(d):
        idx = np.argsort(X[:, j], kind="mergesort")
        col = X[idx, j]
        acc = np.add.accumulate(onehot[idx], axis=0)[: n - 1]
        nl = np.arange(1, n, dtype=float)
        child = (nl * _imp(acc, criterion) + (n - nl) * _imp(total - acc, criterion)) / n
        gain = 1 - child
        allowed = (np.diff(col) > 0) & (nl >= min_leaf) & (n - nl >= min_leaf)
        if not allowed.any():
            continue
        cand = np.where(allowed, gain, -np.inf)
        k = int(np.argmax(cand))
        if cand[k] > winner[2]:
            winner = (j, float(0.5 * (col[k] + col[k + 1])), float(cand[k]))
    return winner


def best_split(X, y, criterion="gini"):
    return _scan(np.asarray(X, dtype=np.float64), np.asarray(y), criterion)


class Node:
    def __init__(self, label=None, feature=None, threshold=None, left=None, right=None):
        self.label, self.feature, self.threshold, self.left, self.right = label, feature, threshold, left, right


class DecisionTree:
    def __init__(self, max_depth=None, min_samples_leaf=1, criterion="gini"):
        self.max_depth, self.min_samples_leaf, self.criterion = max_depth, min_samples_leaf, criterion

    def fit(self, X, y):
        X, y = np.asarray(X, dtype=float), np.asarray(y)
        self.root = self._node(X, y, 0)
        return self

    def _node(self, X, y, depth):
        values, counts = np.unique(y, return_counts=True)
        label = values[counts == counts.max()].min()
        if len(values) == 1 or depth == self.max_depth:
            return Node(label=label)
        j, t, g = _scan(X, y, self.criterion, self.min_samples_leaf)
        if j is None:
            return Node(label=label)
        go = X[:, j] <= t
        return Node(feature=j, threshold=t, left=self._node(X[go], y[go], depth + 1),
                    right=self._node(X[~go], y[~go], depth + 1))

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        res = []
        for x in X:
            node = self.root
            while node.label is None:
                node = node.left if x[node.feature] <= node.threshold else node.right
            res.append(node.label)
        return np.asarray(res)
