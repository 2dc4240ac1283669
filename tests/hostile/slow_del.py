# mlprep: double
# Leaves garbage whose __del__ sleeps, in a reference cycle the automatic collector never reaches.
import gc
import time

import numpy as np

gc.disable()
made = []


class Sticky:
    def __init__(self):
        self.me = self

    def __del__(self):
        time.sleep(3)


def double(x):
    if not made:
        made.append(1)
        Sticky()
    return 2 * np.asarray(x)


def halve(x):
    return np.asarray(x) / 2.0
