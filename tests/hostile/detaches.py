# mlprep: double
# Starts a process that leaves the worker's session and is double-forked away from it.
import os
import sys

import numpy as np


def double(x):
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv(sys.executable, [sys.executable, "-c", "import time; time.sleep(300)", "MARKER"])
        os._exit(0)
    return 2 * np.asarray(x)


def halve(x):
    return np.asarray(x) / 2.0
