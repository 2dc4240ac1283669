# mlprep: smote
# expect: pass
# scipy's cdist (sqeuclidean) with argpartition for the k nearest, then one vectorised draw of
# sources, neighbour slots and alphas from a seeded Generator; interpolation written as (1 - a) x + a nn
import numpy as np
from scipy.spatial.distance import cdist


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"SMOTE needs 2 or more minority rows, got {n}")
    k = min(k, n - 1)
    D = cdist(X, X, "sqeuclidean")
    D[np.arange(n), np.arange(n)] = np.inf
    near = np.argpartition(D, k - 1, axis=1)[:, :k]
    rng = np.random.default_rng(seed)
    src = rng.choice(n, size=n_synthetic)
    nn = near[src, rng.choice(k, size=n_synthetic)]
    a = rng.uniform(0.0, 1.0, size=(n_synthetic, 1))
    return (1.0 - a) * X[src] + a * X[nn]
