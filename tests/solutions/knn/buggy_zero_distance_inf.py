# mlprep: knn
# expect: fail zero_distance_inf
import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    classes, codes = np.unique(y_train, return_inverse=True)
    D = pairwise_sq_dists(X_test, X_train)
    nn = np.argsort(D, axis=1, kind="stable")[:, :k]
    if weights == "distance":
        with np.errstate(divide="ignore"):
            w = 1.0 / np.sqrt(np.take_along_axis(D, nn, axis=1))
    else:
        w = np.ones(nn.shape)
    tally = np.zeros((len(X_test), len(classes)))
    np.add.at(tally, (np.arange(len(X_test))[:, None], codes[nn]), w)
    return classes[np.argmax(tally, axis=1)]
