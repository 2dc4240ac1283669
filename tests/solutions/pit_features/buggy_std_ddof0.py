# mlprep: pit_features
# expect: fail std_ddof0
# explicit windows with np.std (ddof=0, the population std)
import numpy as np
import pandas as pd

def pit_features(df):
    out = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    avg, std = np.full(len(out), np.nan), np.full(len(out), np.nan)
    for rows in out.groupby("user_id").indices.values():
        rev = out["revenue"].to_numpy()[rows]
        for j, i in enumerate(rows):
            w = rev[max(0, j - 7):j]
            if len(w) >= 1:
                avg[i] = w.mean()
            if len(w) >= 2:
                std[i] = np.std(w)
    out["roll7_avg"], out["roll7_std"] = avg, std
    out["lag_1d"] = out.groupby("user_id")["revenue"].shift(1)
    out["lag_7d"] = out.groupby("user_id")["revenue"].shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    feats = [c for c in df.columns if c not in (target, "date")]
    tr, te = df[df["date"] < cutoff], df[df["date"] >= cutoff]
    return tr[feats], tr[target], te[feats], te[target]
