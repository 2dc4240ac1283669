# mlprep: kmeans
# expect: fail init_distance_not_squared
"""Weights sqrt(D^2) = D with the stdlib's generator: draws differ from the reference's, the law is the bug."""
import random

import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    n = len(X)
    r = random.Random(seed)
    picks = [r.randrange(n)]
    d2 = ((X - X[picks[0]]) ** 2).sum(axis=1)
    for _ in range(k - 1):
        weights = d2.tolist()
        if sum(weights) > 0:
            picks.append(r.choices(range(n), weights=[w ** 0.5 for w in weights])[0])
        else:
            picks.append(r.randrange(n))
        d2 = np.minimum(d2, ((X - X[picks[-1]]) ** 2).sum(axis=1))
    return X[picks].copy()


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    if k > X.shape[0]:
        raise ValueError(f"k={k} > n={X.shape[0]}")
    r = random.Random(seed + 1)
    cents = kmeans_plus_plus(X, k, seed)

    def assign(c):
        return np.einsum("nkd,nkd->nk", X[:, None] - c[None], X[:, None] - c[None]).argmin(axis=1)

    labels = assign(cents)
    for _ in range(max_iter):
        for j in range(k):
            mask = labels == j
            cents[j] = X[mask].mean(axis=0) if mask.any() else X[r.randrange(len(X))]
        labels = assign(cents)
    return cents, labels
