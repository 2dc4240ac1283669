# mlprep: knn
# expect: fail
"""argpartition alone: among equal distances at the k-th place it keeps whichever rows it likes."""
import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    classes, codes = np.unique(y_train, return_inverse=True)
    D = pairwise_sq_dists(X_test, X_train)
    nn = np.argpartition(D, k - 1, axis=1)[:, :k]
    r = np.sqrt(np.take_along_axis(D, nn, axis=1))
    if weights == "distance":
        z = r == 0
        w = np.where(z.any(axis=1, keepdims=True), z, 1.0 / np.where(z, 1.0, r))
    else:
        w = np.ones(r.shape)
    tally = np.zeros((len(X_test), len(classes)))
    np.add.at(tally, (np.arange(len(X_test))[:, None], codes[nn]), w)
    return classes[np.argmax(tally, axis=1)]
