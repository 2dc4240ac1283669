# mlprep: double
# Writes bytes that are no frame to every descriptor it can find, then answers correctly.
import os

import numpy as np


def double(x):
    for fd in range(3, 1024):
        try:
            os.write(fd, b"\xff\xfe garbage that is not a frame \x00" * 4)
        except OSError:
            pass
    return 2 * np.asarray(x)


def halve(x):
    return np.asarray(x) / 2.0
