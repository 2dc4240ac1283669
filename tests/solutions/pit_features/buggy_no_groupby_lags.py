# mlprep: pit_features
# expect: fail no_groupby
# the rolling features are per user, but the lags shift the whole column: a user's first rows get the previous user's revenue
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    past = out.groupby("user_id")["revenue"].shift(1)
    grouped = past.groupby(out["user_id"])
    out["roll7_avg"] = grouped.transform(lambda s: s.rolling(7, min_periods=1).mean())
    out["roll7_std"] = grouped.transform(lambda s: s.rolling(7, min_periods=2).std())
    out["lag_1d"] = out["revenue"].shift(1)
    out["lag_7d"] = out["revenue"].shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    features = df.drop(columns=[target, "date"])
    train = df["date"] < cutoff
    return features[train], df[target][train], features[~train], df[target][~train]
