# mlprep: pit_features
# expect: pass
# groupby(...).rolling(...) on the shifted values, dropping the group level to realign; split with query
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"], ignore_index=True)
    prev = out.groupby("user_id")["revenue"].shift(1)
    win = prev.groupby(out["user_id"]).rolling(window=7, min_periods=1)
    out["roll7_avg"] = win.mean().reset_index(level=0, drop=True)
    out["roll7_std"] = (
        prev.groupby(out["user_id"]).rolling(window=7, min_periods=2).std().reset_index(level=0, drop=True)
    )
    out["lag_1d"] = prev
    out["lag_7d"] = out.groupby("user_id")["revenue"].shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    train = df.query("date < @cutoff")
    test = df.query("date >= @cutoff")
    X_cols = df.columns.drop([target, "date"])
    return train[X_cols], train[target], test[X_cols], test[target]
