# mlprep: pit_features
# expect: pass
# time-based windows: "7D" closed="left" on the dates, lags by self-merge on date - 1 day and date - 7 days
import numpy as np
import pandas as pd


def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    frames = []
    for uid, part in out.groupby("user_id", sort=True):
        s = part.set_index("date")["revenue"]
        avg = s.rolling("7D", closed="left", min_periods=1).mean()
        std = s.rolling("7D", closed="left", min_periods=2).std()
        frames.append(pd.DataFrame({"roll7_avg": avg.to_numpy(), "roll7_std": std.to_numpy()}, index=part.index))
    out = out.join(pd.concat(frames))
    for k, name in ((1, "lag_1d"), (7, "lag_7d")):
        back = out[["user_id", "date", "revenue"]].assign(date=out["date"] + pd.Timedelta(days=k)).rename(columns={"revenue": name})
        out = out.merge(back, on=["user_id", "date"], how="left")
    return out


def temporal_split(df, cutoff, target="label"):
    is_train = (df["date"] < cutoff).to_numpy()
    X = df.drop(columns=[target, "date"])
    y = df[target]
    return X[is_train], y[is_train], X[~is_train], y[~is_train]
