# mlprep: smote
# expect: fail nearest_neighbour_skipped
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = len(X)
    if n < 2:
        raise ValueError("need two rows")
    k = min(k, n - 1)
    rng = np.random.default_rng(seed)
    dist = np.linalg.norm(X[:, None] - X[None], axis=-1)
    dist[np.arange(n), np.arange(n)] = np.inf
    # argpartition keeps the k + 1 smallest, then the first (the "self") is dropped: but self is already at inf
    near = np.argpartition(dist, k, axis=1)[:, : k + 1]
    order = np.take_along_axis(dist, near, axis=1).argsort(axis=1)
    near = np.take_along_axis(near, order, axis=1)[:, 1:]
    out = np.empty((n_synthetic, X.shape[1]))
    src = rng.choice(n, size=n_synthetic)
    pick = near[src, rng.choice(k, size=n_synthetic)]
    gap = rng.uniform(size=(n_synthetic, 1))
    out[:] = X[src] + gap * (X[pick] - X[src])
    return out
