"""Generators for the target_encoding problem: a categorical column and its target, as pandas objects."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.generators import generator

CITIES = ["Lyon", "Oslo", "Pune", "Lima", "Kyiv", "Bonn", "Cork", "Nice", "Riga", "Graz", "Turku", "Ghent"]


@generator
def te_data(
    rng, env, n: int = 40, categories: int = 5, col: str = "city", index: str = "range", target: str = "binary",
    blocks: int = 0, singletons: int = 0,
) -> dict[str, Any]:
    """``X_train`` (a DataFrame with the string column ``col`` and a numeric ``amount``) and ``y_train``
    (a Series on the same index).

    Category frequencies fall off like 1/rank, so some categories are rare. ``singletons`` more
    categories appear exactly once each. ``target`` is "binary" (0/1 ints) or "continuous" (floats).
    ``index`` is "range" (0..n-1), "shuffled" (a permutation of 0..n-1) or "offset" (1000, 1001, ...).
    ``blocks = k`` instead puts category j on exactly the rows of KFold fold j (of k) with one constant
    0/1 label per category, both labels present: every category is unseen outside its own fold.
    """
    import pandas as pd

    if blocks:
        sizes = np.full(blocks, n // blocks)
        sizes[: n % blocks] += 1
        cats = np.repeat(np.array(CITIES[:blocks], dtype=object), sizes)
        labels = rng.integers(0, 2, size=blocks)
        labels[0], labels[1] = 0, 1  # both classes present, so no category's label equals the mean
        y = np.repeat(labels, sizes).astype(np.int64)
    else:
        weights = 1.0 / np.arange(1, categories + 1)
        common = rng.choice(np.array(CITIES[:categories], dtype=object), size=n - singletons, p=weights / weights.sum())
        rare = np.array([f"Town{i}" for i in range(singletons)], dtype=object)
        cats = np.concatenate([common, rare])[rng.permutation(n)]
        y = rng.integers(0, 2, size=n).astype(np.int64) if target == "binary" else np.round(rng.normal(50.0, 15.0, n), 3)
    if index == "shuffled":
        idx = pd.Index(rng.permutation(n))
    elif index == "offset":
        idx = pd.RangeIndex(1000, 1000 + n)
    else:
        idx = pd.RangeIndex(n)
    X = pd.DataFrame({col: cats, "amount": np.round(rng.gamma(2.0, 10.0, n), 2)}, index=idx)
    return {"X_train": X, "y_train": pd.Series(y, index=idx, name="target")}


@generator
def te_table(rng, env, column: list[Any], target: list[Any], col: str = "city") -> dict[str, Any]:
    """A literal ``X_train`` with one category column and its ``y_train`` Series (for the examples)."""
    import pandas as pd

    return {"X_train": pd.DataFrame({col: np.asarray(column, dtype=object)}),
            "y_train": pd.Series(np.asarray(target), name="target")}
