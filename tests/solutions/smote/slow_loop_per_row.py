# mlprep: smote
# expect: slow
"""The textbook loop: one source, one neighbour and one alpha per synthetic row. Correct, and flagged slow:
a Python loop over 50,000 synthetic rows."""
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n, d = X.shape
    if n < 2:
        raise ValueError("SMOTE needs two or more rows")
    k = min(k, n - 1)
    rng = np.random.default_rng(seed)
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)
    np.fill_diagonal(d2, np.inf)
    nbrs = np.argsort(d2, axis=1)[:, :k]
    out = np.zeros((n_synthetic, d))
    for r in range(n_synthetic):
        i = rng.integers(n)
        j = nbrs[i, rng.integers(k)]
        out[r] = X[i] + rng.random() * (X[j] - X[i])
    return out
