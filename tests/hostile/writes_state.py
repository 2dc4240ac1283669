# mlprep: double
# A wrong answer that tries to change later verdicts and the history: it rewrites every cache and
# adds a passing row to the database, under the state folder it was never told about.
import glob
import os
import sqlite3

import numpy as np

HOME = "STATE"
tried = []


def double(x):
    for path in glob.glob(os.path.join(HOME, "cache", "**", "*"), recursive=True):
        if os.path.isfile(path):
            try:
                with open(path, "wb") as fh:
                    fh.write(b"{}")
                tried.append("wrote " + path)
            except OSError as exc:
                tried.append(type(exc).__name__)
    try:
        db = sqlite3.connect(os.path.join(HOME, "mlprep.db"))
        db.execute("INSERT INTO checks (problem, file, at, passed, n_passed, n_failed) "
                   "VALUES ('double', 'x', 0, 1, 4, 0)")
        db.commit()
        tried.append("inserted")
    except sqlite3.Error as exc:
        tried.append(type(exc).__name__)
    return 3 * np.asarray(x)


def halve(x):
    return np.asarray(x) / 2.0
