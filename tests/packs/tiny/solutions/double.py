# mlprep: double
"""Reference for the test pack's tiny problem."""

import numpy as np


def double(x):
    """Twice x, as a new array."""
    return 2.0 * np.asarray(x)


def halve(x):
    """Half of x, as a new array."""
    return np.asarray(x) / 2.0
