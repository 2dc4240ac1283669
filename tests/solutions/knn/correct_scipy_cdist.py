# mlprep: knn
# expect: pass
"""Distances by scipy's cdist (exact differences, computed without a 3-D array); argpartition in blocks."""
import numpy as np
from scipy.spatial.distance import cdist


def pairwise_sq_dists(A, B):
    return cdist(np.atleast_2d(A), np.atleast_2d(B), "sqeuclidean")


def _take_k(D, k):
    """Positions of the k smallest per row, equal values by position."""
    rows = []
    for d in D:  # per row of a block: the selection itself is vectorised
        t = np.partition(d, k - 1)[k - 1]
        strict = np.flatnonzero(d < t)
        rows.append(np.concatenate([strict, np.flatnonzero(d == t)[: k - strict.size]]))
    return np.array(rows)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if not 0 < k <= len(y_train):
        raise ValueError("k must be in 1..n_train")
    uniq, inv = np.unique(y_train, return_inverse=True)
    preds = []
    for s in range(0, len(X_test), 250):
        D = pairwise_sq_dists(X_test[s:s + 250], X_train)
        nn = _take_k(D, k)
        r = np.sqrt(np.take_along_axis(D, nn, axis=1))
        if weights == "distance":
            hit = r == 0
            w = np.where(hit.any(axis=1, keepdims=True), hit, 1.0 / np.where(hit, 1.0, r))
        else:
            w = np.ones(r.shape)
        for row_codes, row_w in zip(inv[nn], w):
            preds.append(uniq[np.bincount(row_codes, weights=row_w, minlength=len(uniq)).argmax()])
    return np.array(preds, dtype=y_train.dtype)
