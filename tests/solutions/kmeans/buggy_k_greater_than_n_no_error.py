# mlprep: kmeans
# expect: fail k_greater_than_n_no_error
import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    n = len(X)
    rng = np.random.default_rng(seed)
    centres = [X[rng.integers(n)]]
    closest = np.sum((X - centres[0]) ** 2, axis=1)
    while len(centres) < k:
        if closest.sum() == 0:
            i = rng.integers(n)
        else:
            i = rng.choice(n, p=closest / closest.sum())
        centres.append(X[i])
        closest = np.minimum(closest, np.sum((X - X[i]) ** 2, axis=1))
    return np.array(centres)


def _labels(X, C):
    return np.argmin(((X[:, None, :] - C[None]) ** 2).sum(-1), axis=1)


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    C = kmeans_plus_plus(X, k, seed)
    labels = _labels(X, C)
    for _ in range(max_iter):
        new = C.copy()
        for j in range(k):
            members = X[labels == j]
            if len(members):
                new[j] = members.mean(axis=0)
            else:
                dist = ((X - C[labels]) ** 2).sum(1)
                new[j] = X[np.argmax(dist)]
        shift = np.linalg.norm(new - C)
        C = new
        labels = _labels(X, C)
        if shift < tol:
            break
    return C, labels
