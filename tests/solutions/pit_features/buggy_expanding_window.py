# mlprep: pit_features
# expect: fail expanding_window
# expanding mean and std over the whole past instead of the last 7 rows
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    g = out.groupby("user_id")["revenue"]
    out["roll7_avg"] = g.transform(lambda s: s.shift(1).expanding(min_periods=1).mean())
    out["roll7_std"] = g.transform(lambda s: s.shift(1).expanding(min_periods=2).std())
    out["lag_1d"] = g.shift(1)
    out["lag_7d"] = g.shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
