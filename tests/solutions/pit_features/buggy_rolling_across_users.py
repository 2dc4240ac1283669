# mlprep: pit_features
# expect: fail rolling_across_users
# grouped shift, then an ungrouped rolling: windows run across user boundaries
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    out["lag_1d"] = out.groupby("user_id")["revenue"].shift(1)
    out["lag_7d"] = out.groupby("user_id")["revenue"].shift(7)
    out["roll7_avg"] = out["lag_1d"].rolling(7, min_periods=1).mean()
    out["roll7_std"] = out["lag_1d"].rolling(7, min_periods=2).std()
    return out


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
