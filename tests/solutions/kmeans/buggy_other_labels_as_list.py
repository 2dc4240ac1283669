# mlprep: kmeans
# expect: fail
# kmeans returns the labels as a Python list where the prompt promises an integer array

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

    Vectorised over the points, one centroid at a time, on X transposed to (d, n): each difference is
    one contiguous block and einsum sums its squares without another temporary, so this is about
    twice as fast as full broadcasting, which builds an (n, k, d) array. The exact differences
    (rather than the ||x||^2 - 2 x.c + ||c||^2 expansion) keep a point that equals a centroid at
    distance exactly 0.
    """
    XT = np.ascontiguousarray(X.T)
    d2 = np.empty((centroids.shape[0], X.shape[0]))
    for j, c in enumerate(centroids):
        diff = XT - c[:, None]
        d2[j] = np.einsum("dn,dn->n", diff, diff)
    d2 = d2.T
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
        counts = np.bincount(labels, minlength=k)
        # Each cluster's sum, one feature at a time: k boolean masks over n rows would cost more.
        sums = np.stack([np.bincount(labels, weights=X[:, t], minlength=k) for t in range(X.shape[1])], axis=1)
        new = sums / np.maximum(counts, 1)[:, None]
        empty = np.flatnonzero(counts == 0)
        if empty.size:  # re-seed empty clusters from the worst-fitting points, never the mean of nothing
            far = np.argsort(-d2[np.arange(n), labels], kind="stable")
            new[empty] = X[far[: empty.size]]
        shift = np.linalg.norm(new - centroids)
        centroids = new
        labels, d2 = _assign(X, centroids)
        if shift < tol:
            break
    return centroids, labels.tolist()
