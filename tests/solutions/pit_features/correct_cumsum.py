# mlprep: pit_features
# expect: pass
# vectorised: rolling sums of the previous 7 rows from per-user cumulative sums, std from the two-pass formula
import numpy as np
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    uid = out["user_id"].to_numpy()
    rev = out["revenue"].to_numpy(dtype=float)
    n = len(out)
    start = np.r_[True, uid[1:] != uid[:-1]]
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))  # first row of each row's user
    pos = np.arange(n) - first                                        # rows before this one, same user
    count = np.minimum(pos, 7)
    idx = np.arange(n)[:, None] - np.arange(1, 8)[None, :]            # the 7 rows before each row
    valid = np.arange(1, 8)[None, :] <= count[:, None]
    vals = np.where(valid, rev[np.clip(idx, 0, None)], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = vals.sum(axis=1) / count
        sq = np.where(valid, (vals - mean[:, None]) ** 2, 0.0).sum(axis=1)
        std = np.sqrt(sq / (count - 1))
    out["roll7_avg"] = np.where(count >= 1, mean, np.nan)
    out["roll7_std"] = np.where(count >= 2, std, np.nan)
    out["lag_1d"] = np.where(pos >= 1, rev[np.clip(np.arange(n) - 1, 0, None)], np.nan)
    out["lag_7d"] = np.where(pos >= 7, rev[np.clip(np.arange(n) - 7, 0, None)], np.nan)
    return out


def temporal_split(df, cutoff, target="label"):
    train, test = df[df["date"].lt(cutoff)], df[df["date"].ge(cutoff)]
    keep = [c for c in df if c != target and c != "date"]
    return train[keep].copy(), train[target].copy(), test[keep].copy(), test[target].copy()
