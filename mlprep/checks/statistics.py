"""Generic statistical checks a pack can name in YAML: a rate, category frequencies, a mean.

Each judges draws the solution made (usually over a test's ``repeat`` trials, each value an independent
draw of the law) and rejects a correct solution with probability at most ``alpha`` (default 1e-6),
whatever random generator it uses: the acceptance regions are exact binomial tails (Bonferroni-split
over categories) and, for a mean, Hoeffding's and Bernstein's inequalities, which need no normal
approximation. A failure's words depend only on the law and the direction of the error, never on the
particular draws, so a classic mistake that fails the same way is named as itself.
"""

from __future__ import annotations

import functools
import math
from typing import Any

import numpy as np

from mlprep.checks.properties import Context, binomial_acceptance, prop
from mlprep.errors import MlprepError

ALPHA = 1e-6  # the default false-reject probability of one statistical check


@functools.lru_cache(maxsize=256)
def _interval(n: int, p: float, alpha: float) -> tuple[int, int]:
    return binomial_acceptance(n, p, alpha)


def draws(value: Any) -> np.ndarray:
    """Every value observed, over all trials and elements, as one flat array."""
    if isinstance(value, list) and value and all(isinstance(v, np.ndarray) for v in value):
        return np.concatenate([v.ravel() for v in value])
    return np.asarray(value).ravel()


def _param(check: str, name: str, ok: bool, said: str) -> None:
    if not ok:
        raise MlprepError(f"check {check}: {name} {said}", code=1)


def _alpha(check: str, alpha: float) -> float:
    _param(check, "alpha", 0 < alpha < 0.5, f"must be between 0 and 0.5, got {alpha}")
    return float(alpha)


def _outside(output: str, what: str, n: int, lo: float, hi: float, alpha: float, unit: str = "") -> str:
    return (f"{output}: {what} over {n} draws (a correct solution stays within {lo:g}{unit} to {hi:g}{unit} "
            f"except with probability below {alpha:g})")


@prop
def rate(ctx: Context, output: str, p: float, alpha: float = ALPHA) -> str | None:
    """The share of true values in ``output`` is ``p``: an exact binomial test, false reject <= ``alpha``.

    ``output`` is an observed expression of true/false (or 0/1) values, e.g. ``out == 0``; every element
    of every trial counts as one independent draw.
    """
    _param("rate", "p", 0 <= p <= 1, f"must be a probability, got {p}")
    alpha = _alpha("rate", alpha)
    values = draws(ctx.actual[output])
    if values.dtype.kind not in "biu" or (values.dtype.kind != "b" and not np.isin(values, (0, 1)).all()):
        return f"{output}: expected true/false values to count, got {values.dtype} values"
    n, k = values.size, int(np.count_nonzero(values))
    lo, hi = _interval(n, float(p), alpha)
    if lo <= k <= hi:
        return None
    word = "true too often" if k > hi else "true too rarely"
    return _outside(output, f"{word} for a rate of {p:g}", n, lo / n, hi / n, alpha)


@prop
def frequencies(ctx: Context, output: str, probs: list[float] | dict[Any, float], alpha: float = ALPHA) -> str | None:
    """Each value of ``output`` occurs with its probability: ``probs`` is a list (values 0, 1, ...) or a
    mapping value -> probability. One exact binomial test per value at ``alpha / len(probs)``
    (Bonferroni): a correct solution is rejected with probability <= ``alpha``."""
    law = dict(enumerate(probs)) if isinstance(probs, list) else dict(probs)
    _param("frequencies", "probs", bool(law) and all(0 <= q <= 1 for q in law.values())
           and math.isclose(sum(law.values()), 1.0, abs_tol=1e-9), "must be probabilities that sum to 1")
    alpha = _alpha("frequencies", alpha)
    values = draws(ctx.actual[output])
    n = values.size
    found, times = np.unique(values, return_counts=True)
    counts = {key: 0 for key in law}
    for value, count in zip(found.tolist(), times.tolist()):
        if value not in counts:
            return f"{output}: {value!r} is not a possible value (possible: {', '.join(map(repr, law))})"
        counts[value] = count
    for key, q in law.items():
        lo, hi = _interval(n, float(q), alpha / len(law))
        if not lo <= counts[key] <= hi:
            word = "too often" if counts[key] > hi else "too rarely"
            return _outside(output, f"{key!r} occurs {word} for a probability of {q:g}", n, lo / n, hi / n, alpha)
    return None


def mean_bound(n: int, low: float, high: float, mean: float, sd: float | None, alpha: float) -> float:
    """A t with P(|mean of n draws - mean| >= t) <= alpha for draws in [low, high] (with sd, if known).

    Hoeffding: t = (high - low) sqrt(ln(2/alpha) / 2n). Bernstein, with |X - mean| <= M and variance sd^2:
    P >= t is at most 2 exp(-n t^2 / (2 sd^2 + 2 M t / 3)); the smaller t of the two holds.
    """
    log = math.log(2.0 / alpha)
    t = (high - low) * math.sqrt(log / (2.0 * n))
    if sd is not None:
        m = max(high - mean, mean - low)
        b = 2.0 * m * log / 3.0
        t = min(t, (b + math.sqrt(b * b + 8.0 * n * sd * sd * log)) / (2.0 * n))
    return t


@prop
def mean(ctx: Context, output: str, mean: float, low: float, high: float, sd: float | None = None,
         alpha: float = ALPHA) -> str | None:
    """The mean of ``output`` is ``mean``, for draws that always lie in [``low``, ``high``]; give ``sd``
    (the law's standard deviation) for a tighter bound. Hoeffding's or Bernstein's inequality:
    a correct solution is rejected with probability <= ``alpha``, with no normal approximation."""
    _param("mean", "low and high", low < high and low <= mean <= high, "must satisfy low <= mean <= high, low < high")
    _param("mean", "sd", sd is None or sd >= 0, "must not be negative")
    alpha = _alpha("mean", alpha)
    values = draws(ctx.actual[output])
    if values.dtype.kind not in "biuf":
        return f"{output}: expected numbers, got {values.dtype} values"
    values = values.astype(float)
    n = values.size
    if n == 0:
        return f"{output}: no values to average"
    span = (high - low) * 1e-9
    if not np.isfinite(values).all() or values.min() < low - span or values.max() > high + span:
        return f"{output}: a value lies outside [{low:g}, {high:g}], where every draw of the law lies"
    t = mean_bound(n, low, high, mean, sd, alpha)
    got = float(values.mean())
    if abs(got - mean) < t:
        return None
    word = "too high" if got > mean else "too low"
    return _outside(output, f"the mean is {word} for a mean of {mean:g}", n, mean - t, mean + t, alpha)
