# mlprep: knn
# expect: pass
"""The whole distance matrix at once; k rounds of argmin; votes as weighted one-hot rows summed over k."""
import numpy as np


def pairwise_sq_dists(A, B):
    cross = np.matmul(A, B.T)
    d2 = np.add.outer(np.einsum("ij,ij->i", A, A), np.einsum("ij,ij->i", B, B)) - 2 * cross
    return np.where(d2 < 0, 0.0, d2)


def knn_predict(X_train, y_train, X_test, k=5, weights="uniform"):
    y_train = np.asarray(y_train)
    if k > X_train.shape[0]:
        raise ValueError("k exceeds the number of training points")
    classes, codes = np.unique(y_train, return_inverse=True)
    onehot = np.eye(len(classes))[codes]  # (n_train, C)
    D = pairwise_sq_dists(np.asarray(X_test, float), np.asarray(X_train, float))
    rows = np.arange(D.shape[0])
    chosen, sq = [], []
    for _ in range(k):
        j = D.argmin(axis=1)  # the first of equal minima: the lower training index
        chosen.append(j)
        sq.append(D[rows, j])
        D[rows, j] = np.inf
    idx = np.column_stack(chosen)
    r = np.sqrt(np.column_stack(sq))
    if weights == "distance":
        exact = r == 0
        w = np.divide(1.0, r, out=np.zeros_like(r), where=~exact)
        w[exact.any(axis=1)] = exact[exact.any(axis=1)]
    else:
        w = np.ones_like(r)
    votes = (onehot[idx] * w[:, :, None]).sum(axis=1)  # (n_test, C)
    return classes[votes.argmax(axis=1)]
