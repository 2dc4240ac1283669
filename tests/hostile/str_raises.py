# mlprep: double
# An honest bug: the exception's own __str__ fails ("%d" with a tuple).
import numpy as np


class ShapeError(Exception):
    def __init__(self, got):
        self.got = got

    def __str__(self):
        return "bad shape %d" % self.got


def double(x):
    raise ShapeError((len(x), 1))


def halve(x):
    return np.asarray(x) / 2.0
