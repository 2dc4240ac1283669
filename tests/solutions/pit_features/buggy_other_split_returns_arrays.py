# mlprep: pit_features
# expect: fail
# temporal_split returns numpy arrays (.to_numpy()) where the prompt promises DataFrames and Series



def pit_features(df):
    """A new frame sorted by (user_id, date) with past-only features of ``revenue`` per user.

    roll7_avg / roll7_std: mean (at least 1 value) and sample std (at least 2) of the user's previous
    7 rows; lag_1d / lag_7d: the user's revenue 1 and 7 rows back. The current row never enters its
    own features, and no window or lag reaches into another user's rows. ``df`` is left untouched.
    """
    out = df.sort_values(["user_id", "date"], kind="stable").reset_index(drop=True)
    by_user = out.groupby("user_id", sort=False)["revenue"]
    past = by_user.shift(1)  # each row sees only the rows before it, within its own user
    past_by_user = past.groupby(out["user_id"], sort=False)
    out["roll7_avg"] = past_by_user.transform(lambda s: s.rolling(7, min_periods=1).mean())
    out["roll7_std"] = past_by_user.transform(lambda s: s.rolling(7, min_periods=2).std())
    out["lag_1d"] = past
    out["lag_7d"] = by_user.shift(7)
    return out


def temporal_split(df, cutoff, target="label"):
    """(X_train, y_train, X_test, y_test): train is date < cutoff, test is date >= cutoff.

    The features are every column except the target and the date; rows keep the input's order.
    """
    features = [c for c in df.columns if c not in (target, "date")]
    train = df[df["date"] < cutoff]
    test = df[df["date"] >= cutoff]
    return train[features].to_numpy(), train[target].to_numpy(), test[features].to_numpy(), test[target].to_numpy()
