# mlprep: smote
# expect: slow
"""scipy's cdist for the distances and the stdlib's random.Random for every draw. Correct, and flagged slow:
every draw and every row is a Python step."""
import random

import numpy as np
from scipy.spatial.distance import cdist


def smote(X_minority, n_synthetic, k=5, seed=42):
    X = np.asarray(X_minority, dtype=float)
    n = len(X)
    if n < 2:
        raise ValueError(f"got {n} minority rows; SMOTE needs at least 2")
    k = min(k, n - 1)
    r = random.Random(seed)
    D = cdist(X, X)
    neighbours = [[j for j in np.argsort(D[i]) if j != i][:k] for i in range(n)]
    rows = []
    for _ in range(n_synthetic):
        i = r.randrange(n)
        j = r.choice(neighbours[i])
        a = r.random()
        rows.append(X[i] + a * (X[j] - X[i]))
    return np.array(rows).reshape(n_synthetic, X.shape[1])
