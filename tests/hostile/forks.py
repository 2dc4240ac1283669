# mlprep: double
# Forks inside the function: both copies return (the child a wrong value), every call.
import os

import numpy as np


def double(x):
    if os.fork() == 0:
        return 3 * np.asarray(x)  # the copy: a wrong answer that must never be read
    return 2 * np.asarray(x)


def halve(x):
    if os.fork() == 0:
        return np.asarray(x)
    return np.asarray(x) / 2.0
