# mlprep: knn
# expect: fail negative_sq_dists
import numpy as np


def pairwise_sq_dists(A, B):
    return np.sum(A * A, axis=1).reshape(-1, 1) + np.sum(B * B, axis=1) - 2 * A.dot(B.T)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    if k > len(X_train):
        raise ValueError("k")
    D = pairwise_sq_dists(X_test, X_train)
    nn = np.argsort(D, axis=1, kind="stable")[:, :k]
    classes, codes = np.unique(y_train, return_inverse=True)
    out = np.empty(len(X_test), dtype=np.asarray(y_train).dtype)
    for i, row in enumerate(nn):
        r = np.sqrt(D[i, row])
        if weights == "distance":
            w = (r == 0).astype(float) if np.any(r == 0) else 1 / r
        else:
            w = np.ones(k)
        out[i] = classes[np.bincount(codes[row], w, len(classes)).argmax()]
    return out
