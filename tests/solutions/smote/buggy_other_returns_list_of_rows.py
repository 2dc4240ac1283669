# mlprep: smote
# expect: fail
# smote returns a list of rows where the prompt promises an np.ndarray

import numpy as np


def smote(X_minority, n_synthetic, k=5, seed=42):
    """n_synthetic new rows (n_synthetic, d), each on a segment from a minority row to a near neighbour.

    Row r is ``x + alpha * (nn - x)``: x a uniformly chosen minority row, nn one of x's k nearest
    other minority rows (uniformly), alpha ~ U[0, 1) drawn once per row. k is capped at n - 1; fewer
    than 2 minority rows raises ValueError. The same seed gives the same rows.
    """
    X = np.asarray(X_minority, dtype=float)
    n = X.shape[0]
    if n < 2:
        raise ValueError(f"SMOTE needs at least 2 minority rows, got {n}")
    k = min(k, n - 1)
    rng = np.random.default_rng(seed)
    d2 = ((X[:, None, :] - X[None, :, :]) ** 2).sum(axis=2)  # (n, n) squared distances
    np.fill_diagonal(d2, np.inf)  # a row is never its own neighbour
    neighbours = np.argsort(d2, axis=1, kind="stable")[:, :k]  # (n, k)
    src = rng.integers(n, size=n_synthetic)
    nn = neighbours[src, rng.integers(k, size=n_synthetic)]
    alpha = rng.random(n_synthetic)[:, None]  # one alpha per synthetic row
    return list(X[src] + alpha * (X[nn] - X[src]))
