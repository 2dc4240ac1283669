# mlprep: smote
# expect: pass
"""Neighbours one row at a time with np.linalg.norm, draws through Generator.choice."""
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = X.shape[0]
    if n < 2:
        raise ValueError("too few minority rows")
    k = min(k, n - 1)
    table = np.empty((n, k), dtype=int)
    for i in range(n):
        dist = np.linalg.norm(X - X[i], axis=1)
        dist[i] = np.inf
        table[i] = np.argsort(dist, kind="stable")[:k]
    g = np.random.default_rng(seed)
    src = g.choice(n, size=n_synthetic)
    slot = g.choice(k, size=n_synthetic)
    lam = g.uniform(size=(n_synthetic, 1))
    return X[src] + lam * (X[table[src, slot]] - X[src])
