# mlprep: knn
# expect: slow test_point_loop
"""A loop over test points with a matrix-vector product and a partition per row."""
import numpy as np


def pairwise_sq_dists(A, B):
    sq = np.einsum("ij,ij->i", A, A)[:, None] + np.einsum("ij,ij->i", B, B)[None, :] - 2.0 * A @ B.T
    return np.clip(sq, 0.0, None)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k > n_train")
    labels, inv = np.unique(y_train, return_inverse=True)
    bb = np.einsum("ij,ij->i", X_train, X_train)
    out = np.empty(len(X_test), dtype=y_train.dtype)
    for i, x in enumerate(X_test):
        d = np.maximum(bb - 2.0 * (X_train @ x) + x @ x, 0.0)
        t = np.partition(d, k - 1)[k - 1]
        below = np.flatnonzero(d < t)
        at = np.flatnonzero(d == t)[: k - len(below)]
        nn = np.concatenate([below, at])
        r = np.sqrt(d[nn])
        if weights == "distance":
            w = (r == 0) * 1.0 if (r == 0).any() else 1.0 / r
        else:
            w = np.ones(k)
        out[i] = labels[np.bincount(inv[nn], w, len(labels)).argmax()]
    return out
