# mlprep: kmeans
# expect: pass
"""One distance column per centroid (a loop over k, not over the points), Generator.choice for every draw."""
import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    out = np.empty((k, X.shape[1]))
    i = rng.choice(n)
    out[0] = X[i]
    dmin = np.einsum("ij,ij->i", X - X[i], X - X[i])
    for c in range(1, k):
        s = dmin.sum()
        i = rng.choice(n, p=dmin / s) if s > 0 else rng.choice(n)
        out[c] = X[i]
        diff = X - X[i]
        dmin = np.minimum(dmin, np.einsum("ij,ij->i", diff, diff))
    return out


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    if k > n:
        raise ValueError("k must not exceed n")
    rng = np.random.default_rng(seed + 12345)
    cent = kmeans_plus_plus(X, k, seed)

    def assign(c):
        dist = np.empty((n, k))
        for j in range(k):
            diff = X - c[j]
            dist[:, j] = np.einsum("ij,ij->i", diff, diff)
        return dist.argmin(axis=1)

    lab = assign(cent)
    for _ in range(max_iter):
        prev = cent
        cent = np.vstack([X[lab == j].mean(axis=0) if (lab == j).any() else X[rng.integers(n)] for j in range(k)])
        lab = assign(cent)
        if np.linalg.norm(cent - prev) < tol:
            break
    return cent, lab
