# mlprep: target_encoding
# expect: pass
# factorize the categories, then per-fold sums and counts as totals minus the fold's own
import numpy as np
import pandas as pd


def target_encode(X_train, y_train, col, n_folds=5, smooth=10):
    codes, uniques = pd.factorize(X_train[col])
    y = y_train.to_numpy(dtype=float)
    n, m = len(y), len(uniques)
    mu = y.mean()
    tot_sum = np.bincount(codes, weights=y, minlength=m)
    tot_cnt = np.bincount(codes, minlength=m).astype(float)
    sizes = [n // n_folds + (f < n % n_folds) for f in range(n_folds)]
    oof = np.empty(n)
    start = 0
    for size in sizes:
        sl = slice(start, start + size)
        s = tot_sum - np.bincount(codes[sl], weights=y[sl], minlength=m)
        c = tot_cnt - np.bincount(codes[sl], minlength=m)
        with np.errstate(invalid="ignore", divide="ignore"):
            enc = np.where(c > 0, (s + smooth * mu) / (c + smooth), mu)
        oof[sl] = enc[codes[sl]]
        start += size
    enc_map = {cat: (tot_sum[i] + smooth * mu) / (tot_cnt[i] + smooth) for i, cat in enumerate(uniques)}
    return oof, enc_map, float(mu)
