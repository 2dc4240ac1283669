# mlprep: smote
# expect: fail
# squared distances by the expansion |a|^2 - 2 a.b + |b|^2 (what sklearn's euclidean_distances does): fine near
# the origin, but at a shared offset of 1e8 the cancellation leaves no correct digit and the neighbours are wrong
import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = len(X)
    if n < 2:
        raise ValueError("need at least two minority rows")
    k = min(k, n - 1)
    sq = (X * X).sum(axis=1)
    d2 = sq[:, None] - 2.0 * X @ X.T + sq[None, :]
    np.fill_diagonal(d2, np.inf)
    neighbours = np.argsort(d2, axis=1)[:, :k]
    rng = np.random.default_rng(seed)
    src = rng.integers(n, size=n_synthetic)
    nn = neighbours[src, rng.integers(k, size=n_synthetic)]
    alpha = rng.random((n_synthetic, 1))
    return X[src] + alpha * (X[nn] - X[src])
