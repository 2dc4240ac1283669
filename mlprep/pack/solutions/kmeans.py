# mlprep: kmeans
"""Reference solution: k-means++ seeding (D^2 sampling) and Lloyd's algorithm, vectorised with numpy."""

import numpy as np


def kmeans_plus_plus(X, k, seed=42):
    """k initial centroids (k, d), each a row of X, chosen by D^2 sampling.

    The first centre is a uniformly random row; each next one is a row drawn with probability
    proportional to its squared distance to the nearest centre chosen so far. Rows already chosen
    (and their duplicates) have distance 0, so they are never drawn again while any other row is left.
    """
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and the number of points ({n}), got {k}")
    rng = np.random.default_rng(seed)
    chosen = [int(rng.integers(n))]
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)  # squared distance to the nearest chosen centre
    for _ in range(1, k):
        total = d2.sum()
        if total > 0:
            nxt = int(rng.choice(n, p=d2 / total))
        else:  # every row coincides with a chosen centre: X has fewer than k distinct rows
            nxt = int(rng.integers(n))
        chosen.append(nxt)
        d2 = np.minimum(d2, ((X - X[nxt]) ** 2).sum(axis=1))
    return X[chosen].copy()


def _assign(X, centroids):
    """Nearest centroid of every row, and the (n, k) squared distances.

    Vectorised over the points, one column per centroid: this avoids the (n, k, d) temporary that
    full broadcasting builds, and is as fast or faster; the exact differences (rather than the
    ||x||^2 - 2 x.c + ||c||^2 expansion) keep a point that equals a centroid at distance exactly 0.
    """
    d2 = np.empty((X.shape[0], centroids.shape[0]))
    for j, c in enumerate(centroids):
        d2[:, j] = ((X - c) ** 2).sum(axis=1)
    return d2.argmin(axis=1), d2


def kmeans(X, k, max_iter=100, tol=1e-4, seed=42):
    """Lloyd's algorithm from k-means++ seeds. Returns (centroids (k, d), labels (n,)).

    Stops when the centroids move less than ``tol`` (Frobenius norm of the change) or after
    ``max_iter`` updates. The returned labels are the nearest-centroid assignment for the returned
    centroids. An empty cluster is re-seeded at the point farthest from its own centroid, so no
    centroid is ever the mean of nothing (NaN).
    """
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    if k > n:
        raise ValueError(f"k = {k} is larger than the number of points ({n})")
    rng = np.random.default_rng(seed)
    centroids = kmeans_plus_plus(X, k, seed=rng)
    labels, d2 = _assign(X, centroids)
    for _ in range(max_iter):
        new = np.empty_like(centroids)
        counts = np.bincount(labels, minlength=k)
        far = np.argsort(-d2[np.arange(n), labels], kind="stable")  # worst-fitting points first
        spare = 0
        for j in range(k):
            if counts[j]:
                new[j] = X[labels == j].mean(axis=0)
            else:  # empty cluster: re-seed it from a data point
                new[j] = X[far[spare]]
                spare += 1
        shift = np.linalg.norm(new - centroids)
        centroids = new
        labels, d2 = _assign(X, centroids)
        if shift < tol:
            break
    return centroids, labels
