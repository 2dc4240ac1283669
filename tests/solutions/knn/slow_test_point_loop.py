# mlprep: knn
# expect: slow test_point_loop
import numpy as np


def pairwise_sq_dists(A, B):
    sq = np.einsum("ij,ij->i", A, A)[:, None] + np.einsum("ij,ij->i", B, B)[None, :] - 2.0 * A @ B.T
    return np.clip(sq, 0.0, None)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k > n_train")
    labels = np.unique(y_train)
    out = []
    for x in X_test:
        d = np.sum((X_train - x) ** 2, axis=1)
        nn = np.argsort(d, kind="stable")[:k]
        r = np.sqrt(d[nn])
        if weights == "distance":
            w = (r == 0) * 1.0 if (r == 0).any() else 1.0 / r
        else:
            w = np.ones(k)
        votes = [w[y_train[nn] == c].sum() for c in labels]
        out.append(labels[int(np.argmax(votes))])
    return np.array(out, dtype=y_train.dtype)
