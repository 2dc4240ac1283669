# mlprep: kmeans
# expect: pass
"""Legacy RandomState, inverse-CDF sampling, the ||x||^2 - 2 x.c + ||c||^2 expansion, farthest-point re-seeding."""
import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    rs = np.random.RandomState(seed)
    idx = np.empty(k, dtype=int)
    idx[0] = rs.randint(n)
    best = ((X - X[idx[0]]) ** 2).sum(axis=1)
    for t in range(1, k):
        cdf = np.cumsum(best)
        if cdf[-1] <= 0:
            idx[t] = rs.randint(n)
        else:
            idx[t] = min(int(np.searchsorted(cdf, rs.uniform(0, cdf[-1]), side="right")), n - 1)
        best = np.minimum(best, ((X - X[idx[t]]) ** 2).sum(axis=1))
    return X[idx]


def _sqdist(X, C):
    d = (X ** 2).sum(1)[:, None] - 2 * X @ C.T + (C ** 2).sum(1)[None, :]
    return np.maximum(d, 0)


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    n, d = X.shape
    if k > n:
        raise ValueError("more clusters than points")
    C = kmeans_plus_plus(X, k, seed)
    D = _sqdist(X, C)
    lab = D.argmin(1)
    for _ in range(max_iter):
        counts = np.bincount(lab, minlength=k)
        sums = np.zeros((k, d))
        np.add.at(sums, lab, X)
        newC = C.copy()
        nz = counts > 0
        newC[nz] = sums[nz] / counts[nz, None]
        order = np.argsort(-D[np.arange(n), lab])
        for slot, j in enumerate(np.flatnonzero(~nz)):
            newC[j] = X[order[slot]]
        moved = np.sqrt(((newC - C) ** 2).sum())
        C = newC
        D = _sqdist(X, C)
        lab = D.argmin(1)
        if moved < tol:
            break
    return C, lab
