# mlprep: dropout
"""Reference: inverted dropout with a given mask (part 1), then with a mask drawn from the caller's generator."""

import numpy as np


def dropout_apply(x, keep, p):
    """x with the entries where keep is 0 zeroed and the rest scaled by 1 / (1 - p), as a new array."""
    x = np.asarray(x, dtype=float)
    return x * keep / (1.0 - p)


def dropout(x, p, rng, training=True):
    """Inverted dropout: each entry is zeroed with probability p, the survivors scaled by 1 / (1 - p)."""
    if not 0.0 <= p < 1.0:
        raise ValueError(f"p must be in [0, 1), got {p}")
    x = np.asarray(x, dtype=float)
    if not training or p == 0.0:
        return x.copy()
    keep = rng.random(x.shape) >= p
    return dropout_apply(x, keep, p)
