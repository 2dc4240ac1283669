# mlprep: knn
# expect: pass
"""Distances by scipy's cdist (exact differences, no 3-D array); a tie-aware partition per block of 250 rows."""
import numpy as np
from scipy.spatial.distance import cdist


def pairwise_sq_dists(A, B):
    return cdist(np.atleast_2d(A), np.atleast_2d(B), "sqeuclidean")


def _take_k(D, k):
    """Positions of the k smallest per row, equal values by position (a stable order by value, then index)."""
    cut = np.partition(D, k - 1, axis=1)[:, k - 1]
    candidates = D <= cut[:, None]
    # among the candidates, order by (value, position) and keep k: lexsort is stable on the position
    big = np.where(candidates, D, np.inf)
    order = np.argsort(big, axis=1, kind="stable")[:, :k] if D.shape[1] <= 64 else None
    if order is not None:
        return order
    counts = candidates.sum(axis=1)
    width = int(counts.max())
    cols = np.argsort(~candidates, axis=1, kind="stable")[:, :width]  # candidate positions, ascending
    vals = np.take_along_axis(big, cols, axis=1)
    pick = np.argsort(vals, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(cols, pick, axis=1)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if not 0 < k <= len(y_train):
        raise ValueError("k must be in 1..n_train")
    uniq, inv = np.unique(y_train, return_inverse=True)
    C = len(uniq)
    preds = np.empty(len(X_test), dtype=y_train.dtype)
    for s in range(0, len(X_test), 250):
        D = pairwise_sq_dists(X_test[s:s + 250], X_train)
        nn = _take_k(D, k)
        r = np.sqrt(np.take_along_axis(D, nn, axis=1))
        if weights == "distance":
            hit = r == 0
            w = np.where(hit.any(axis=1, keepdims=True), hit, 1.0 / np.where(hit, 1.0, r))
        else:
            w = np.ones(r.shape)
        m = len(D)
        flat = (np.arange(m)[:, None] * C + inv[nn]).ravel()
        preds[s:s + m] = uniq[np.bincount(flat, w.ravel(), m * C).reshape(m, C).argmax(axis=1)]
    return preds
