# mlprep: pit_features
# expect: fail lag7_shift1
# lag_7d copied from a shift(1) typo
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    grp = out.groupby("user_id").revenue
    past = grp.shift(1)
    out["roll7_avg"] = past.groupby(out.user_id).transform(lambda s: s.rolling(7, min_periods=1).mean())
    out["roll7_std"] = past.groupby(out.user_id).transform(lambda s: s.rolling(7, min_periods=2).std())
    out["lag_1d"] = grp.shift(1)
    out["lag_7d"] = grp.shift(1)
    return out


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
