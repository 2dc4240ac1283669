# mlprep: knn
# expect: pass
import numpy as np


def pairwise_sq_dists(A, B):
    sq = np.einsum("ij,ij->i", A, A)[:, None] + np.einsum("ij,ij->i", B, B)[None, :] - 2.0 * A @ B.T
    return np.clip(sq, 0.0, None)


def _k_nearest(D, k):
    t = np.partition(D, k - 1, axis=1)[:, [k - 1]]
    below = D < t
    at = D == t
    room = k - below.sum(axis=1, keepdims=True)
    take = below | (at & (np.cumsum(at, axis=1) <= room))
    return np.nonzero(take)[1].reshape(len(D), k)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k > n_train")
    D = pairwise_sq_dists(X_test, X_train)
    nn = _k_nearest(D, k)
    labels, inv = np.unique(y_train, return_inverse=True)
    if weights == "distance":
        r = np.sqrt(np.take_along_axis(D, nn, axis=1))
        z = r == 0
        with np.errstate(divide="ignore"):
            w = np.where(z.any(axis=1, keepdims=True), z * 1.0, 1.0 / r)
    else:
        w = np.ones(nn.shape)
    n = len(X_test)
    votes = np.bincount((np.arange(n)[:, None] * len(labels) + inv[nn]).ravel(), w.ravel(), n * len(labels))
    return labels[votes.reshape(n, -1).argmax(axis=1)]
