"""Generators and a property for the pit_features problem (point-in-time features, temporal split).

Frames hold real calendar days in ``date`` (datetime64, midnight, from 1 March 2024), as an interview's
data would; the diagnosis compares them as instants, so a wrong answer is still matched position by
position with the listed mistakes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import prop

FIRST_DAY = "2024-03-01"


@generator
def pit_daily(
    rng, env, name: str = "df", users: int = 5, min_days: int = 1, max_days: int = 20, start_spread: int = 10,
    extra: list[str] | None = None, label: bool = False, shuffle: bool = True, constant: bool = False,
    cutoff: float | None = None, cutoff_name: str = "cutoff", first_day: str = FIRST_DAY,
) -> dict[str, Any]:
    """Daily revenue per user: one row per user per day, no gaps, rows shuffled (fresh 0..n-1 index).

    Each user gets a distinct id, its own first day (``first_day`` plus 0..start_spread days) and a run
    of min_days..max_days consecutive days. ``extra`` names integer columns to carry along (e.g.
    sessions); ``label`` adds a 0/1 ``label`` column. ``constant`` makes every value but the date the same (one user, revenue 3.0,
    label 1). With ``cutoff`` (a quantile in [0, 1]) a day that has rows is returned as ``cutoff_name``,
    a ``pd.Timestamp``.
    """
    import pandas as pd

    ids = [7] if constant else sorted(rng.choice(np.arange(1, 1000), size=users, replace=False).tolist())
    parts = []
    for uid in ids:
        start = int(rng.integers(0, start_spread + 1))
        length = int(rng.integers(min_days, max_days + 1))
        days = np.datetime64(first_day, "ns") + np.arange(start, start + length).astype("timedelta64[D]")
        revenue = np.full(length, 3.0) if constant else np.round(rng.gamma(2.0, 25.0, size=length), 2)
        part = {"user_id": np.full(length, uid, dtype=np.int64), "date": days, "revenue": revenue}
        for col in extra or []:
            part[col] = rng.integers(0, 20, size=length).astype(np.int64)
        if label or constant:
            part["label"] = np.ones(length, dtype=np.int64) if constant else rng.integers(0, 2, size=length)
        parts.append(pd.DataFrame(part))
    df = pd.concat(parts, ignore_index=True)
    if shuffle:
        df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    out: dict[str, Any] = {name: df}
    if cutoff is not None:
        days = np.sort(df["date"].to_numpy())
        out[cutoff_name] = pd.Timestamp(days[int(cutoff * (len(days) - 1))])
    return out


@generator
def pit_table(rng, env, name: str, columns: dict[str, list[Any]], cutoff: str | None = None) -> dict[str, Any]:
    """A small literal DataFrame, column by column (for the visible examples); a ``date`` column is
    written as ISO days and becomes datetime64. ``cutoff`` (an ISO day) is returned as a ``pd.Timestamp``."""
    import pandas as pd

    frame = pd.DataFrame({c: pd.to_datetime(v).astype("datetime64[ns]") if c == "date" else np.asarray(v)
                          for c, v in columns.items()})
    return {name: frame, **({"cutoff": pd.Timestamp(cutoff)} if cutoff is not None else {})}


def _rows(X: Any, y: Any, columns: list[str]) -> np.ndarray:
    """The rows of X (columns in the given order) with y appended, as floats sorted lexicographically."""
    import pandas as pd

    table = pd.DataFrame({i: np.asarray(X[c], dtype=float) for i, c in enumerate(columns)})
    table[len(columns)] = np.asarray(y, dtype=float)
    return table.sort_values(list(table.columns), kind="stable").to_numpy()


@prop
def temporal_split_rows(ctx, train: str = "X_train,y_train", test: str = "X_test,y_test") -> str | None:
    """Each side holds exactly the expected rows, each with its own label, in any row order.

    The structure (row counts, columns) is already checked against the reference; this compares the
    multiset of (features, label) rows, so a solution that reorders rows consistently still passes,
    while a label paired with the wrong row, or a row on the wrong side of the cutoff, fails.
    """
    for side, pair in (("training", train), ("test", test)):
        xs, ys = pair.split(",")
        columns = list(ctx.expected[xs].columns)
        want = _rows(ctx.expected[xs], ctx.expected[ys], columns)
        got = _rows(ctx.actual[xs], ctx.actual[ys], columns)
        if got.shape != want.shape or not np.isclose(got, want, rtol=ctx.tol.rtol, atol=ctx.tol.atol, equal_nan=True).all():
            rule = "date < cutoff" if side == "training" else "date >= cutoff"
            return (f"{xs} and {ys} do not hold exactly the rows with {rule}, each row with its own label"
                    f"{ctx.for_about()}")
    return None


@generator
def pit_rename(rng, env, name: str, columns: dict[str, str]) -> dict[str, Any]:
    """The frame ``name`` with columns renamed (e.g. the target ``label`` to ``churned``)."""
    return {name: env[name].rename(columns=columns)}
