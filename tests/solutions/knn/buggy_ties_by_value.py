# mlprep: knn
# expect: fail ties_by_value
import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    D = pairwise_sq_dists(X_test, X_train)
    out = []
    for i in range(len(X_test)):
        pairs = sorted(zip(D[i].tolist(), y_train.tolist()))[:k]  # equal distances: smaller label first
        sq = np.array([p[0] for p in pairs])
        labels = np.array([p[1] for p in pairs])
        r = np.sqrt(sq)
        if weights == "distance":
            w = (r == 0) * 1.0 if (r == 0).any() else 1 / r
        else:
            w = np.ones(k)
        best = None
        for c in sorted(set(labels.tolist())):
            total = w[labels == c].sum()
            if best is None or total > best[0]:
                best = (total, c)
        out.append(best[1])
    return np.array(out, dtype=y_train.dtype)
