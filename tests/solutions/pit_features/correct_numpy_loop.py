# mlprep: pit_features
# expect: pass
# explicit windows per user with numpy; the split sorts each side by date (any row order is allowed)
import numpy as np
import pandas as pd


def _features(rev):
    n = len(rev)
    avg, std, lag1, lag7 = (np.full(n, np.nan) for _ in range(4))
    for i in range(n):
        window = rev[max(0, i - 7):i]
        if len(window) >= 1:
            avg[i] = window.mean()
            lag1[i] = rev[i - 1]
        if len(window) >= 2:
            std[i] = window.std(ddof=1)
        if i >= 7:
            lag7[i] = rev[i - 7]
    return avg, std, lag1, lag7


def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    cols = {name: np.full(len(out), np.nan) for name in ("roll7_avg", "roll7_std", "lag_1d", "lag_7d")}
    for _, rows in out.groupby("user_id").indices.items():
        rev = out["revenue"].to_numpy(dtype=float)[rows]
        for name, values in zip(cols, _features(rev)):
            cols[name][rows] = values
    return out.assign(**cols)


def temporal_split(df, cutoff, target="label"):
    feats = df.columns.difference([target, "date"], sort=False)
    train = df[df.date < cutoff].sort_values("date", kind="stable")
    test = df[df.date >= cutoff].sort_values("date", kind="stable")
    return train[feats], train[target], test[feats], test[target]
