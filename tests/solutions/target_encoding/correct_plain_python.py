# mlprep: target_encoding
# expect: pass
# dictionaries and loops only, prior = the other folds' mean
import numpy as np
import pandas as pd

from collections import defaultdict


def _stats(pairs):
    s, c = defaultdict(float), defaultdict(int)
    for cat, t in pairs:
        s[cat] += t
        c[cat] += 1
    return s, c


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    cats = list(X_train[col])
    ys = [float(v) for v in y_train]
    n = len(ys)
    base, extra = divmod(n, n_folds)
    oof = np.zeros(n)
    lo = 0
    for f in range(n_folds):
        hi = lo + base + (1 if f < extra else 0)
        rest = [(cats[i], ys[i]) for i in range(n) if not lo <= i < hi]
        prior = sum(t for _, t in rest) / len(rest)
        s, c = _stats(rest)
        for i in range(lo, hi):
            k = cats[i]
            oof[i] = (s[k] + smooth * prior) / (c[k] + smooth) if c[k] else prior
        lo = hi
    mean = sum(ys) / n
    s, c = _stats(zip(cats, ys))
    return oof, {k: (s[k] + smooth * mean) / (c[k] + smooth) for k in c}, mean
