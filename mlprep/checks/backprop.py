"""Properties for the backprop problem: He initialisation by statistics, same-seed determinism, and
gradients against central differences of the true loss (the reference's pure ``_loss`` function).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from mlprep.checks.properties import Context, central_difference, prop
from mlprep.engine.compare import position

PARAMS = ("W1", "b1", "W2", "b2")

# Each statistic below is tested at a per-check false-reject level of at most ALPHA.
ALPHA = 1e-8
_LOG_TERM = math.log(2.0 / ALPHA)  # ln(2e8), about 19.1


def _pooled(value: Any) -> tuple[np.ndarray, int]:
    """Every entry of one array, or of a list of arrays (one per trial), as one flat array."""
    if isinstance(value, (list, tuple)):
        return np.concatenate([np.asarray(v, dtype=float).ravel() for v in value]), len(value)
    return np.asarray(value, dtype=float).ravel(), 1


@prop
def backprop_he_init(ctx: Context, weights: dict[str, int], biases: list[str]) -> str | None:
    """He initialisation: weights of mean 0 and standard deviation sqrt(2 / fan_in), biases exactly 0.

    ``weights`` maps an observed label (``net.W1``) to its fan_in; each observation is one array or
    a list of arrays over repeated trials, pooled into n independent entries of variance s^2 = 2/fan_in.

    False-reject probability for a correct solution, per check (two per weight matrix): at most
    ALPHA = 1e-8, so at most 4e-8 for a test with two weight matrices (well below 1e-6).
    - Mean: rejected when |mean| > s * sqrt(6 ln(2/ALPHA) / n). For He-uniform entries (range
      2 sqrt(3) s) Hoeffding bounds this by 2 exp(-2 n t^2 / (12 s^2)) = ALPHA; for He-normal it is a
      10.7-sigma event (about 1e-26). Truncated normals rescaled to std s have a smaller range: tighter.
    - Second moment m = mean(w^2) / s^2 (He initialisation has mean 0): rejected when
      |m - 1| > d = sqrt(9 ln(2/ALPHA) / (2 n)). For He-uniform, w^2 lies in [0, 3 s^2] and Hoeffding
      gives 2 exp(-2 n d^2 / 9) = ALPHA. For He-normal, n m is chi-square with n degrees of freedom,
      and the Chernoff bounds exp(-n/2 (d - ln(1 + d))) + exp(-n/2 (-d - ln(1 - d))) sum to at most
      2e-9 for every n >= 8192 used here (n d^2 / 4 = 21.5, so about 2 exp(-21.5) in the limit).
    Any random generator or seeding scheme passes as long as the entries are independent draws.
    """
    for label in biases:
        values, _ = _pooled(ctx.actual[label])
        if values.size and np.any(values != 0.0):
            return f"{label} is not all zeros: biases start at exactly 0"
    for label, fan_in in weights.items():
        values, trials = _pooled(ctx.actual[label])
        if not np.isfinite(values).all():
            return f"{label} contains NaN or inf"
        n = values.size
        s = math.sqrt(2.0 / fan_in)
        over = f" over {trials} seeds" if trials > 1 else ""
        mean_limit = s * math.sqrt(6.0 * _LOG_TERM / n)
        mean = float(values.mean())
        if abs(mean) > mean_limit:
            return f"{label} has mean {mean:.3g}{over}: He initialisation draws weights centred on 0"
        second = float(np.mean(values**2)) / (s * s)
        if abs(second - 1.0) > math.sqrt(9.0 * _LOG_TERM / (2.0 * n)):
            std = math.sqrt(float(np.mean(values**2)))
            return (
                f"{label} has standard deviation {std:.3g}{over}, but He initialisation needs "
                f"sqrt(2 / fan_in) = sqrt(2 / {fan_in}) = {s:.3g}"
            )
    return None


@prop
def backprop_same_seed(ctx: Context) -> str | None:
    """Every observation (``a.W1.tolist() == b.W1.tolist()``) is True: the same seed, the same weights."""
    for label, value in ctx.actual.items():
        if value is not True:
            name = label.split(".")[1] if "." in label else label
            return f"two networks built with the same seed have different {name}: the seed must fix the draws"
    return None


@prop
def backprop_in_place(ctx: Context) -> str | None:
    """Every observation (``net.W1 is w1``) is True: the SGD step wrote into the arrays the network held."""
    for label, value in ctx.actual.items():
        if value is not True:
            name = label.split(" is ")[0]
            return (
                f"after backward, {name} is a new array: the SGD step must update the parameter arrays in "
                "place (p -= lr * grad), not replace them"
            )
    return None


@prop
def backprop_numerical_grads(
    ctx: Context, grads: str = "grads", X: str = "X", y: str = "y", h: float = 1e-6,
    rtol: float = 1e-4, atol: float = 1e-7,
) -> str | None:
    """The returned gradients equal central differences of the true mean loss at the parameters set.

    The loss is the reference module's pure ``_loss(W1, b1, W2, b2, X, y)``; the parameters are the
    test's inputs ``W1``, ``b1``, ``W2``, ``b2`` (what the test assigned before calling forward).
    Deterministic: tests keep every hidden pre-activation far (> 1e-3) from the ReLU kink, where the
    central difference with h = 1e-6 is accurate to about 1e-9.
    """
    assert ctx.reference is not None
    loss = ctx.reference["_loss"]
    params = {k: np.array(ctx.inputs[k], dtype=float) for k in PARAMS}
    Xv, yv = np.asarray(ctx.inputs[X], dtype=float), np.asarray(ctx.inputs[y])
    got = ctx.actual[grads]
    for name in PARAMS:
        numeric = central_difference(lambda: loss(**params, X=Xv, y=yv), params[name], h)
        mine = np.asarray(got[name], dtype=float)
        bad = ~np.isclose(mine, numeric, rtol=rtol, atol=atol)
        if bad.any():
            at = position(np.argwhere(bad)[0]) if mine.ndim else ""
            return (
                f"grads[{name!r}]{at} disagrees with a numerical (central-difference) gradient of the mean "
                "loss at the parameters forward saw"
            )
    return None
