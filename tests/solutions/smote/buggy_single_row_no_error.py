# mlprep: smote
# expect: fail single_row_no_error
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = len(X)
    if n == 1:  # no neighbour to move towards: the row itself is all there is
        return np.repeat(X, n_synthetic, axis=0)
    k = min(k, n - 1)
    rng = np.random.default_rng(seed)
    dist = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    np.fill_diagonal(dist, np.inf)
    knn = np.argsort(dist, axis=1)[:, :k]
    base = rng.integers(n, size=n_synthetic)
    partner = knn[base, rng.integers(k, size=n_synthetic)]
    gap = rng.random(n_synthetic).reshape(-1, 1)
    return X[base] + gap * (X[partner] - X[base])
