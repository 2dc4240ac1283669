# mlprep: double
# Starts a child, then spins: a check of this file is what a user cancels.
import subprocess
import sys

import numpy as np

subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)", "MARKER"])


def double(x):
    while True:
        pass


def halve(x):
    return np.asarray(x) / 2.0
