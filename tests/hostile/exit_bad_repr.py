# mlprep: double
# sys.exit with an object whose __repr__ fails.
import sys

import numpy as np


class Code:
    def __repr__(self):
        raise RuntimeError("no repr for you")


def double(x):
    sys.exit(Code())


def halve(x):
    return np.asarray(x) / 2.0
