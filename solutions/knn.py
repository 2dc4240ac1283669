# mlprep: knn
"""Reference solution: squared distances by the dot-product expansion, then a k-nearest-neighbour vote
computed block by block over the test rows, with every tie rule made explicit.
"""

import numpy as np

BLOCK = 2**20  # distances per block (8 MB): the (n_test, n_train) matrix is never held whole
FEW = 16  # up to this k, k passes of argmin beat a partition


def pairwise_sq_dists(A, B):
    """(n_a, n_b) squared Euclidean distances |a|^2 - 2 a.b + |b|^2, clamped at 0 against cancellation."""
    A = np.asarray(A, dtype=float)
    B = np.asarray(B, dtype=float)
    D = A @ B.T
    D *= -2.0
    D += np.einsum("ij,ij->i", A, A)[:, None]
    D += np.einsum("ij,ij->i", B, B)[None, :]
    np.maximum(D, 0.0, out=D)
    return D


def _nearest(D, k):
    """(idx, sq): the column indices (m, k) of the k smallest entries of each row of D, and those entries.

    Equal distances: lower index first. Overwrites D. For small k, k passes of argmin (which returns the
    first of equal minima); otherwise a partition, then the places left at the k-th distance go to the
    lowest indices that reach it.
    """
    m = D.shape[0]
    if k <= FEW:
        rows = np.arange(m)
        idx = np.empty((m, k), dtype=np.intp)
        sq = np.empty((m, k))
        for j in range(k):
            idx[:, j] = D.argmin(axis=1)
            sq[:, j] = D[rows, idx[:, j]]
            D[rows, idx[:, j]] = np.inf
        return idx, sq
    kth = np.partition(D, k - 1, axis=1)[:, k - 1:k]
    chosen = D < kth
    tied = D == kth
    need = k - chosen.sum(axis=1)
    crowded = tied.sum(axis=1) > need  # more rows at the k-th distance than places left
    if crowded.any():
        rank = np.cumsum(tied[crowded], axis=1)
        tied[crowded] &= rank <= need[crowded, None]
    chosen |= tied
    idx = np.nonzero(chosen)[1].reshape(m, k)
    return idx, np.take_along_axis(D, idx, axis=1)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    """The majority label of each test row's k nearest training rows: an array (n_test,) of y_train's dtype."""
    X_train = np.asarray(X_train, dtype=float)
    X_test = np.asarray(X_test, dtype=float)
    y_train = np.asarray(y_train)
    n_train = X_train.shape[0]
    if not 1 <= k <= n_train:
        raise ValueError(f"k must be between 1 and the number of training rows ({n_train}), got {k}")
    if weights not in ("uniform", "distance"):
        raise ValueError(f"weights must be 'uniform' or 'distance', got {weights!r}")
    classes, codes = np.unique(y_train, return_inverse=True)  # sorted: argmax picks the smallest label
    n_classes = len(classes)
    out = np.empty(X_test.shape[0], dtype=y_train.dtype)
    step = max(1, BLOCK // n_train)  # test rows per block
    for start in range(0, X_test.shape[0], step):
        D = pairwise_sq_dists(X_test[start:start + step], X_train)
        m = D.shape[0]
        idx, sq = _nearest(D, k)
        if weights == "uniform":
            w = np.ones(idx.shape)
        else:
            d = np.sqrt(sq)
            zero = d == 0.0
            exact = zero.any(axis=1, keepdims=True)  # a training row at distance 0: only those rows vote
            w = np.where(exact, zero, 1.0 / np.where(zero, 1.0, d))
        rows = np.repeat(np.arange(m), idx.shape[1])
        votes = np.bincount(rows * n_classes + codes[idx].ravel(), weights=w.ravel(), minlength=m * n_classes)
        out[start:start + m] = classes[votes.reshape(m, n_classes).argmax(axis=1)]
    return out
