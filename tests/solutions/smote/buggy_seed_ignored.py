# mlprep: smote
# expect: fail seed_ignored
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = len(X)
    if n < 2:
        raise ValueError("need at least two minority samples")
    k = min(k, n - 1)
    dist = np.linalg.norm(X[:, None, :] - X[None, :, :], axis=-1)
    np.fill_diagonal(dist, np.inf)
    knn = np.argsort(dist, axis=1)[:, :k]
    base = np.random.randint(0, n, size=n_synthetic)  # the global generator, never seeded
    partner = knn[base, np.random.randint(0, k, size=n_synthetic)]
    gap = np.random.rand(n_synthetic, 1)
    return X[base] + gap * (X[partner] - X[base])
