# mlprep: pit_features
# expect: fail target_in_features
# only the date is dropped: the label stays among the features
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
    X, y = df.drop(columns="date"), df[target]
    m = df["date"] < cutoff
    return X[m], y[m], X[~m], y[~m]
