# mlprep: pit_features
# expect: fail mutates_input
# computes on a sorted copy but assigns the features into the caller's frame (index-aligned), returns it sorted
import numpy as np
import pandas as pd


def pit_features(df):
    s = df.sort_values(["user_id", "date"])
    g = s.groupby("user_id")["revenue"]
    df["roll7_avg"] = g.transform(lambda x: x.shift(1).rolling(7, min_periods=1).mean())
    df["roll7_std"] = g.transform(lambda x: x.shift(1).rolling(7, min_periods=2).std())
    df["lag_1d"] = g.shift(1)
    df["lag_7d"] = g.shift(7)
    return df.sort_values(["user_id", "date"])


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
