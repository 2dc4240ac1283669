# mlprep: double
# Makes 3,000 temporary files at import and leaves them.
import tempfile

import numpy as np

for _ in range(3000):
    tempfile.mkstemp(prefix="MARKER")


def double(x):
    return 2 * np.asarray(x)


def halve(x):
    return np.asarray(x) / 2.0
