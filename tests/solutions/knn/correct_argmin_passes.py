# mlprep: knn
# expect: pass
"""Blocks of 128 test rows; k passes of argmin (first minimum = lowest index) pick the neighbours."""
import numpy as np


def pairwise_sq_dists(A, B):
    A = np.asarray(A, dtype=np.float64)
    B = np.asarray(B, dtype=np.float64)
    out = -2.0 * np.dot(A, B.T)
    out += np.square(A).sum(axis=1, keepdims=True)
    out += np.square(B).sum(axis=1)
    out[out < 0] = 0.0
    return out


def _vote(codes, w, n_classes):
    tally = np.zeros((codes.shape[0], n_classes))
    np.add.at(tally, (np.arange(codes.shape[0])[:, None], codes), w)
    return tally.argmax(axis=1)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    n = X_train.shape[0]
    if k > n:
        raise ValueError(f"k={k} but only {n} training rows")
    classes, codes = np.unique(y_train, return_inverse=True)
    result = np.zeros(X_test.shape[0], dtype=y_train.dtype)
    for lo in range(0, X_test.shape[0], 128):
        D = pairwise_sq_dists(X_test[lo:lo + 128], X_train)
        r = np.arange(D.shape[0])
        picks, dists = [], []
        for _ in range(k):
            j = np.argmin(D, axis=1)
            picks.append(j)
            dists.append(D[r, j].copy())
            D[r, j] = np.inf
        nn = np.stack(picks, axis=1)
        dd = np.sqrt(np.stack(dists, axis=1))
        if weights == "distance":
            at_zero = dd == 0
            safe = np.where(at_zero, 1.0, dd)
            w = np.where(at_zero.any(axis=1)[:, None], at_zero.astype(float), 1.0 / safe)
        else:
            w = np.ones_like(dd)
        result[lo:lo + 128] = classes[_vote(codes[nn], w, len(classes))]
    return result
