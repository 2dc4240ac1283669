# mlprep: pit_features
# expect: fail leaky_rolling
# rolling windows over the user's revenue itself: each row's window ends at (and includes) the current row
import pandas as pd


def pit_features(df):
    out = df.copy().sort_values(["user_id", "date"]).reset_index(drop=True)
    g = out.groupby("user_id")["revenue"]
    out["lag_1d"] = g.shift(1)
    out["lag_7d"] = g.shift(7)
    out["roll7_std"] = g.transform(lambda s: s.rolling(7, min_periods=2).std())
    out["roll7_avg"] = g.transform(lambda s: s.rolling(7, min_periods=1).mean())
    return out


def temporal_split(df, cutoff, target="label"):
    keep = [c for c in df.columns if c not in ("date", target)]
    before = df["date"] < cutoff
    return df.loc[before, keep], df.loc[before, target], df.loc[~before, keep], df.loc[~before, target]
