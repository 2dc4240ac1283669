# mlprep: spread
"""Reference for the test pack: population standard deviation, and a frame centred per column."""

import numpy as np


def spread(x):
    """The standard deviation of x (ddof=0; ddof=1 is an accepted variant)."""
    return float(np.std(x))


def center(df):
    """A new frame with each numeric column minus its mean; the caller's frame is unchanged."""
    out = df.copy()
    for c in out.columns:
        out[c] = out[c] - out[c].mean()
    return out
