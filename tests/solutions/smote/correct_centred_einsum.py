# mlprep: smote
# expect: pass
# centres the rows first (distances do not change, and the expansion keeps its digits), squared distances
# by einsum on the differences, a stable sort with the diagonal pushed to +inf, and legacy RandomState draws
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.array(X_minority, dtype=float)
    n, d = X.shape
    if n <= 1:
        raise ValueError("at least two minority rows are needed")
    k = min(k, n - 1)
    C = X - X.mean(axis=0)
    diff = C[:, None, :] - C[None, :, :]
    d2 = np.einsum("ijk,ijk->ij", diff, diff)
    d2[np.diag_indices(n)] = np.inf
    table = np.argsort(d2, axis=1, kind="stable")[:, :k]
    rs = np.random.RandomState(seed)
    src = rs.randint(0, n, size=n_synthetic)
    slot = rs.randint(0, k, size=n_synthetic)
    alpha = rs.random_sample(n_synthetic).reshape(n_synthetic, 1)
    start = X[src]
    return start + alpha * (X[table[src, slot]] - start)
