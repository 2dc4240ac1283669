# mlprep: kmeans
# expect: fail shift_after_update
import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    rng = np.random.default_rng(seed)
    n = len(X)
    idx = [rng.integers(n)]
    for _ in range(k - 1):
        d2 = np.min(((X[:, None, :] - X[idx][None, :, :]) ** 2).sum(-1), axis=1)
        s = d2.sum()
        idx.append(rng.choice(n, p=d2 / s) if s > 0 else rng.integers(n))
    return X[idx].copy()


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    if k > len(X):
        raise ValueError("more clusters than points")
    centroids = kmeans_plus_plus(X, k, seed)

    def nearest(C):
        return ((X[:, None, :] - C[None, :, :]) ** 2).sum(-1).argmin(axis=1)

    labels = nearest(centroids)
    for _ in range(max_iter):
        old = centroids  # an alias, not a copy: the in-place update below changes it too
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centroids[j] = members.mean(axis=0)
            else:
                far = ((X - centroids[labels]) ** 2).sum(1).argmax()
                centroids[j] = X[far]
        labels = nearest(centroids)
        if np.linalg.norm(centroids - old) < tol:
            break
    return centroids, labels
