# mlprep: smote
# expect: pass
"""argpartition for the neighbours (no full sort), the legacy RandomState, alphas drawn first; squared distances by
the expansion |a|^2 + |b|^2 - 2 a.b on centred rows, so an offset shared by every row cannot cancel the digits."""
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.array(X_minority, dtype=float)
    n = X.shape[0]
    if n <= 1:
        raise ValueError("at least 2 minority rows are required")
    k = min(int(k), n - 1)
    rs = np.random.RandomState(seed)
    alphas = rs.uniform(0.0, 1.0, size=(n_synthetic, 1))
    C = X - X.mean(axis=0)
    sq = (C ** 2).sum(1)
    d2 = sq[:, None] + sq[None, :] - 2.0 * C @ C.T
    d2[np.arange(n), np.arange(n)] = np.inf
    nn = np.argpartition(d2, k - 1, axis=1)[:, :k] if k < n - 1 else np.argsort(d2, axis=1)[:, :k]
    rows = rs.randint(0, n, size=n_synthetic)
    cols = rs.randint(0, k, size=n_synthetic)
    x = X[rows]
    return x + alphas * (X[nn[rows, cols]] - x)
