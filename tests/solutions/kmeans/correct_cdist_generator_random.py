# mlprep: kmeans
# expect: pass
"""scipy's cdist for the distances, rng.random() against a running total, labels-unchanged as an extra stop."""
import numpy as np
from scipy.spatial.distance import cdist


def kmeans_plus_plus(X, k, seed=42):
    X = np.asarray(X, dtype=float)
    gen = np.random.default_rng(seed)
    n = len(X)
    first = gen.choice(n)
    C = [X[first]]
    nearest = cdist(X, X[first:first + 1], "sqeuclidean")[:, 0]
    nearest[first] = 0.0
    for _ in range(1, k):
        total = nearest.sum()
        if total == 0:
            j = gen.choice(n)
        else:
            j = int(np.searchsorted(np.cumsum(nearest), gen.random() * total, side="right"))
            j = min(j, n - 1)
            while nearest[j] == 0:  # guard against rounding at the very end of the cumsum
                j -= 1
        C.append(X[j])
        nearest = np.minimum(nearest, ((X - X[j]) ** 2).sum(axis=1))
    return np.stack(C)


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    X = np.asarray(X, dtype=float)
    if k > len(X):
        raise ValueError("k exceeds the number of samples")
    C = kmeans_plus_plus(X, k, seed=seed)
    labels = cdist(X, C, "sqeuclidean").argmin(axis=1)
    for _ in range(max_iter):
        new = np.array([X[labels == j].mean(axis=0) if np.any(labels == j) else C[j] for j in range(k)])
        empty = [j for j in range(k) if not np.any(labels == j)]
        if empty:
            worst = np.argsort(-cdist(X, C, "sqeuclidean")[np.arange(len(X)), labels])
            for slot, j in enumerate(empty):
                new[j] = X[worst[slot]]
        shift = np.linalg.norm(new - C)
        C = new
        new_labels = cdist(X, C, "sqeuclidean").argmin(axis=1)
        if shift < tol:
            labels = new_labels
            break
        labels = new_labels
    return C, labels
