# mlprep: knn
# expect: fail off_by_one_k
import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    classes, codes = np.unique(y_train, return_inverse=True)
    D = pairwise_sq_dists(X_test, X_train)
    order = np.argsort(D, axis=1, kind="stable")
    out = np.empty(len(X_test), dtype=y_train.dtype)
    for i in range(len(X_test)):
        nn = order[i, :k + 1]
        r = np.sqrt(D[i, nn])
        if weights == "distance":
            w = (r == 0) * 1.0 if (r == 0).any() else 1 / r
        else:
            w = np.ones(len(nn))
        out[i] = classes[np.bincount(codes[nn], w, len(classes)).argmax()]
    return out
