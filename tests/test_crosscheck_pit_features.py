"""The pit_features reference against hand-computed tables and pandas' own groupby/rolling/shift."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlprep import catalog
from mlprep.checks.generators import build
from mlprep.engine.loader import load_module

NAN = np.nan


def day(numbers: list[int]) -> pd.Series:
    """Calendar days counted from 1 March 2024 (day 0), as the problem's frames hold them."""
    return pd.Series(pd.Timestamp("2024-03-01") + pd.to_timedelta(numbers, unit="D"))


@pytest.fixture(scope="module")
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "pit_features.py", "xref_pit_features")


def test_hand_computed_table(ref):
    # user 1: revenue 10, 20, ..., 90 on days 0..8; user 2: 5, 7, 9 on days 3..5; rows shuffled
    df = pd.DataFrame({
        "user_id": [1, 2, 1, 1, 2, 1, 1, 1, 2, 1, 1, 1],
        "date": day([4, 3, 0, 8, 5, 2, 6, 1, 4, 7, 3, 5]),
        "revenue": [50.0, 5.0, 10.0, 90.0, 9.0, 30.0, 70.0, 20.0, 7.0, 80.0, 40.0, 60.0],
        "note": list("abcdefghijkl"),
    })
    before = df.copy()
    out = ref["pit_features"](df)
    pd.testing.assert_frame_equal(df, before)  # the caller's frame is untouched
    assert list(out.columns) == ["user_id", "date", "revenue", "note", "roll7_avg", "roll7_std", "lag_1d", "lag_7d"]
    assert out["user_id"].tolist() == [1] * 9 + [2] * 3
    assert out["date"].tolist() == day(list(range(9)) + [3, 4, 5]).tolist()
    assert out["note"].tolist() == list("chfkalgjdbie")  # other columns travel with their rows

    # By hand: the mean of the previous k values 10..10k is 5(k+1); their sample std is 10 * sqrt(k(k+1)/12).
    def std_first(k):
        return 10.0 * np.sqrt(k * (k + 1) / 12.0)

    avg1 = [NAN, 10, 15, 20, 25, 30, 35, 40, 50]  # day 8 averages days 1..7: 20..80
    std1 = [NAN, NAN] + [std_first(k) for k in range(2, 8)] + [std_first(7)]  # 20..80 spreads like 10..70
    lag1 = [NAN, 10, 20, 30, 40, 50, 60, 70, 80]
    lag7 = [NAN] * 7 + [10, 20]
    avg2, std2, lag2, lag72 = [NAN, 5, 6], [NAN, NAN, np.sqrt(2.0)], [NAN, 5, 7], [NAN] * 3
    np.testing.assert_allclose(out["roll7_avg"], avg1 + avg2, rtol=1e-12)
    np.testing.assert_allclose(out["roll7_std"], std1 + std2, rtol=1e-12)
    np.testing.assert_allclose(out["lag_1d"], lag1 + lag2, rtol=1e-12)
    np.testing.assert_allclose(out["lag_7d"], lag7 + lag72, rtol=1e-12)
    assert np.isclose(std_first(2), 7.0710678118654755) and np.isclose(std_first(7), 21.602468994692867)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_agrees_with_pandas_groupby_rolling(ref, seed):
    df = build([{"gen": "pit_daily", "seed": seed, "users": 9, "min_days": 1, "max_days": 30, "extra": ["sessions"]}])["df"]
    out = ref["pit_features"](df)
    # pandas' own per-user rolling over the previous rows (closed="left" excludes the current row)
    s = df.sort_values(["user_id", "date"]).reset_index(drop=True)
    roll = s.groupby("user_id")["revenue"].rolling(7, min_periods=1, closed="left")
    np.testing.assert_allclose(out["roll7_avg"], roll.mean().to_numpy(), rtol=1e-12, equal_nan=True)
    roll2 = s.groupby("user_id")["revenue"].rolling(7, min_periods=2, closed="left")
    np.testing.assert_allclose(out["roll7_std"], roll2.std().to_numpy(), rtol=1e-9, equal_nan=True)
    np.testing.assert_allclose(out["lag_1d"], s.groupby("user_id")["revenue"].shift(1), equal_nan=True)
    np.testing.assert_allclose(out["lag_7d"], s.groupby("user_id")["revenue"].shift(7), equal_nan=True)
    pd.testing.assert_frame_equal(out[list(df.columns)], s)


@pytest.mark.parametrize("seed", [4, 5])
def test_brute_force_windows_and_perturbation(ref, seed):
    df = build([{"gen": "pit_daily", "seed": seed, "users": 6, "min_days": 1, "max_days": 25}])["df"]
    out = ref["pit_features"](df)
    for _, part in out.groupby("user_id"):
        rev = part["revenue"].to_numpy()
        for j in range(len(rev)):
            w = rev[max(0, j - 7):j]
            row = part.iloc[j]
            assert (np.isnan(row["roll7_avg"]) if len(w) == 0 else np.isclose(row["roll7_avg"], w.mean(), rtol=1e-12))
            assert (np.isnan(row["roll7_std"]) if len(w) < 2 else np.isclose(row["roll7_std"], w.std(ddof=1), rtol=1e-9))
    # Changing one row's revenue moves no feature of that row, of earlier rows or of other users.
    target = out.index[len(out) // 2]
    changed = df.copy()
    hit = (changed["user_id"] == out.at[target, "user_id"]) & (changed["date"] == out.at[target, "date"])
    changed.loc[hit, "revenue"] += 1000.0
    out2 = ref["pit_features"](changed)
    feats = ["roll7_avg", "roll7_std", "lag_1d", "lag_7d"]
    same_user = out["user_id"] == out.at[target, "user_id"]
    frozen = ~same_user | (out["date"] <= out.at[target, "date"])
    pd.testing.assert_frame_equal(out.loc[frozen, feats], out2.loc[frozen, feats])


def test_constant_revenue_has_zero_std(ref):
    df = build([{"gen": "pit_daily", "seed": 6, "constant": True, "min_days": 12, "max_days": 12}])["df"]
    std = ref["pit_features"](df)["roll7_std"].to_numpy()
    assert np.isnan(std[:2]).all() and (std[2:] == 0.0).all()


def test_temporal_split_by_hand(ref):
    df = pd.DataFrame({
        "user_id": [1, 1, 1, 2, 2, 2], "date": day([1, 2, 3, 3, 2, 1]),
        "revenue": [10.0, 20.0, 30.0, 7.0, 6.0, 5.0], "label": [0, 1, 0, 0, 1, 1],
    })
    X_tr, y_tr, X_te, y_te = ref["temporal_split"](df, pd.Timestamp("2024-03-04"))
    assert list(X_tr.columns) == ["user_id", "revenue"] and list(X_te.columns) == ["user_id", "revenue"]
    assert X_tr["revenue"].tolist() == [10.0, 20.0, 6.0, 5.0] and y_tr.tolist() == [0, 1, 1, 1]
    assert X_te["revenue"].tolist() == [30.0, 7.0] and y_te.tolist() == [0, 0]  # the cutoff day is test
    X_tr, y_tr, X_te, y_te = ref["temporal_split"](df.rename(columns={"label": "y"}), pd.Timestamp("2024-03-02"), target="y")
    assert len(X_tr) == 0 and len(y_tr) == 0 and len(X_te) == 6 and "y" not in X_te.columns
