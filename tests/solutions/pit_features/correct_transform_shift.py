# mlprep: pit_features
# expect: pass
# groupby + transform with the shift inside each lambda; boolean masks for the split
import numpy as np
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"]).copy()
    g = out.groupby("user_id")["revenue"]
    out["roll7_avg"] = g.transform(lambda x: x.shift(1).rolling(7, min_periods=1).mean())
    out["roll7_std"] = g.transform(lambda x: x.shift(1).rolling(7, min_periods=2).std())
    out["lag_1d"] = g.shift(1)
    out["lag_7d"] = g.shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    before = df["date"] < cutoff
    cols = [c for c in df.columns if c not in [target, "date"]]
    return df.loc[before, cols], df.loc[before, target], df.loc[~before, cols], df.loc[~before, target]
