# mlprep: pit_features
# expect: fail no_min_periods
# the mean's window needs all 7 previous rows (no min_periods), so it is NaN for each user's first 7 days
import numpy as np
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"], kind="mergesort").reset_index(drop=True)
    prev = out.groupby("user_id")["revenue"].shift()
    by_user = prev.groupby(out["user_id"])
    out["roll7_avg"] = by_user.transform(lambda s: s.rolling(window=7).mean())
    out["roll7_std"] = by_user.transform(lambda s: s.rolling(window=7, min_periods=2).std(ddof=1))
    out["lag_1d"] = prev
    out["lag_7d"] = out.groupby("user_id")["revenue"].shift(periods=7)
    return out


def temporal_split(df, cutoff, target="label"):
    cols = [c for c in df.columns if c not in (target, "date")]
    mask = np.asarray(df["date"] < cutoff)
    return df[cols][mask], df[target][mask], df[cols][~mask], df[target][~mask]
