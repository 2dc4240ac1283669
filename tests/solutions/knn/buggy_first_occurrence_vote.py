# mlprep: knn
# expect: fail first_occurrence_vote
from collections import Counter

import numpy as np


def pairwise_sq_dists(A, B):
    return np.maximum((A ** 2).sum(1)[:, None] - 2 * A @ B.T + (B ** 2).sum(1), 0)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > len(X_train):
        raise ValueError("k")
    D = pairwise_sq_dists(X_test, X_train)
    nn = np.argsort(D, axis=1, kind="stable")[:, :k]  # nearest first
    out = []
    for i, row in enumerate(nn):
        r = np.sqrt(D[i, row])
        if weights == "distance":
            w = (r == 0) * 1.0 if (r == 0).any() else 1 / r
        else:
            w = np.ones(k)
        votes = Counter()
        for label, weight in zip(y_train[row], w):
            votes[label] += weight
        out.append(votes.most_common(1)[0][0])  # ties: the label seen first, i.e. nearest
    return np.array(out, dtype=y_train.dtype)
