# mlprep: knn
# expect: fail returns_class_index
import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    _, codes = np.unique(y_train, return_inverse=True)
    D = pairwise_sq_dists(X_test, X_train)
    nn = np.argsort(D, axis=1, kind="stable")[:, :k]
    r = np.sqrt(np.take_along_axis(D, nn, axis=1))
    if weights == "distance":
        z = r == 0
        w = np.where(z.any(axis=1, keepdims=True), z, 1.0 / np.where(z, 1.0, r))
    else:
        w = np.ones(r.shape)
    pred = np.empty(len(X_test), dtype=y_train.dtype)
    for i in range(len(X_test)):
        pred[i] = np.bincount(codes[nn[i]], weights=w[i]).argmax()  # an index into the classes, not a label
    return pred
