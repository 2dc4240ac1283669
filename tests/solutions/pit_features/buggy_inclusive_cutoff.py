# mlprep: pit_features
# expect: fail inclusive_cutoff
# the cutoff day goes to training (<= and >)
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    g = out.groupby("user_id")["revenue"]
    out["roll7_avg"] = g.transform(lambda s: s.shift(1).rolling(7, min_periods=1).mean())
    out["roll7_std"] = g.transform(lambda s: s.shift(1).rolling(7, min_periods=2).std())
    out["lag_1d"] = g.shift(1)
    out["lag_7d"] = g.shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    X = df.drop(columns=[target, "date"])
    train = (df["date"] <= cutoff).to_numpy()
    return X[train], df[target][train], X[~train], df[target][~train]
