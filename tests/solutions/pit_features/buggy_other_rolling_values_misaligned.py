# mlprep: pit_features
# expect: fail
# groupby().rolling() results assigned with .values to a frame sorted by date only
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["date", "user_id"]).reset_index(drop=True)
    g = out.groupby("user_id")["revenue"]
    prev = g.shift(1)
    out["roll7_avg"] = prev.groupby(out["user_id"]).rolling(7, min_periods=1).mean().values
    out["roll7_std"] = prev.groupby(out["user_id"]).rolling(7, min_periods=2).std().values
    out["lag_1d"] = prev
    out["lag_7d"] = g.shift(7)
    return out.sort_values(["user_id", "date"])


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
