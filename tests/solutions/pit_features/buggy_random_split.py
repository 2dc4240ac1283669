# mlprep: pit_features
# expect: fail random_split
# a shuffled 80/20 split, as train_test_split would do
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
    rng = np.random.default_rng(42)
    order = rng.permutation(len(df))
    n_train = int(round(0.8 * len(df)))
    X = df.drop(columns=[target, "date"])
    y = df[target]
    tr, te = order[:n_train], order[n_train:]
    return X.iloc[tr], y.iloc[tr], X.iloc[te], y.iloc[te]
