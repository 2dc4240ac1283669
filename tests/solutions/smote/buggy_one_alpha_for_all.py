# mlprep: smote
# expect: fail one_alpha_for_all
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n, d = X.shape
    if n < 2:
        raise ValueError("SMOTE needs at least two minority rows")
    k = min(k, n - 1)
    rs = np.random.RandomState(seed)
    D = np.array([[np.dot(a - b, a - b) for b in X] for a in X])
    D[np.diag_indices(n)] = np.inf
    knn = np.argsort(D, axis=1)[:, :k]
    lam = rs.uniform(0, 1)  # drawn once for the whole batch
    rows = []
    for _ in range(n_synthetic):
        i = rs.randint(n)
        j = knn[i, rs.randint(k)]
        rows.append(X[i] + lam * (X[j] - X[i]))
    return np.array(rows).reshape(n_synthetic, d)
