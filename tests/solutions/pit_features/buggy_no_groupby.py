# mlprep: pit_features
# expect: fail no_groupby
# sorted, but every shift and window runs over the whole column
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    prev = out["revenue"].shift(1)
    out["roll7_avg"] = prev.rolling(7, min_periods=1).mean()
    out["roll7_std"] = prev.rolling(7, min_periods=2).std()
    out["lag_1d"] = prev
    out["lag_7d"] = out["revenue"].shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
