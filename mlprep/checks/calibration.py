"""Generators and properties for the calibration problem (Platt scaling, reliability statistics).

A Platt fit comes out of an optimiser, so it is judged by what it achieves, not digit by digit: the
likelihood at the returned (A, B) must be as high as the reference's maximum, and (A, B) must sit at
that maximum to optimiser precision (``platt_fit``). A large sample drawn from a known sigmoid must give
back the generating parameters within a statistically justified margin (``platt_recovers``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import Context, prop


def _sigmoid_neg(z: np.ndarray) -> np.ndarray:
    """1 / (1 + exp(z)) without overflow."""
    out = np.empty_like(z)
    pos = z >= 0
    e = np.exp(-z[pos])
    out[pos] = e / (1.0 + e)
    out[~pos] = 1.0 / (1.0 + np.exp(z[~pos]))
    return out


@generator
def platt_sample(
    rng, env, A: float, B: float, n: int, scale: float = 1.0, loc: float = 0.0, dist: str = "normal",
    trials: int = 0, scores: str = "scores", labels: str = "labels",
) -> dict[str, Any]:
    """Scores and 0/1 float labels drawn from ``P(y = 1 | s) = 1 / (1 + exp(A s + B))``.

    Scores are ``loc + scale * N(0, 1)`` (``dist: normal``) or uniform on ``[loc, loc + scale)``
    (``dist: uniform``). With ``trials`` the arrays have shape ``(trials, n)``: one sample per trial of a
    ``repeat:`` test.
    """
    shape = (trials, n) if trials else (n,)
    if dist == "normal":
        s = loc + scale * rng.normal(size=shape)
    elif dist == "uniform":
        s = loc + scale * rng.random(shape)
    else:
        raise ValueError(f"platt_sample: unknown dist {dist!r}")
    y = (rng.random(shape) < _sigmoid_neg(A * s + B)).astype(float)
    return {scores: s, labels: y}


@generator
def reliability_sample(
    rng, env, n: int, low: float = 0.0, high: float = 1.0, power: float = 1.0, n_bins: list[int] | None = None,
    probs: str = "probs", labels: str = "labels", integer_labels: bool = False,
) -> dict[str, Any]:
    """Predicted probabilities uniform on [low, high) and labels drawn with P(y = 1) = probs ** power.

    ``power`` 1 is a calibrated model; other powers make it mis-calibrated. Probabilities within 1e-9 of an
    interior edge of any bin count in ``n_bins`` (default 1-30) are moved 1e-6 away from it, so no test
    depends on how floating point resolves a value on an edge.
    """
    p = rng.uniform(low, high, size=n)
    for k in n_bins or range(1, 31):
        edges = np.arange(1, k) / k
        if edges.size:
            gap = p[:, None] - edges[None, :]
            near = np.abs(gap) < 1e-9
            if near.any():
                rows, cols = np.nonzero(near)
                p[rows] = edges[cols] + 1e-6
    y = (rng.random(n) < p ** power).astype(np.int64 if integer_labels else float)
    return {probs: p, labels: y}


def _nll(A: float, B: float, s: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of p = 1 / (1 + exp(A s + B)), in the log domain."""
    z = A * s + B
    return float(np.mean(y * np.logaddexp(0.0, z) + (1.0 - y) * np.logaddexp(0.0, -z)))


def _trials(ctx: Context, scores: str, labels: str) -> list[tuple[np.ndarray, np.ndarray, Any, Any, str]]:
    """(scores, labels, actual, expected, where) per fitted sample: one, or one per trial of a repeat."""
    s_all = np.asarray(ctx.inputs[scores], dtype=float)
    y_all = np.asarray(ctx.inputs[labels], dtype=float)
    actual, expected = ctx.actual["result"], ctx.expected["result"]
    if s_all.ndim == 1:
        return [(s_all, y_all, actual, expected, "")]
    n = len(s_all)
    return [(s_all[i], y_all[i], actual[i], expected[i], f"on sample {i + 1} of {n}: ") for i in range(n)]


def _pair(value: Any) -> tuple[float, float]:
    arr = np.asarray(value, dtype=float).ravel()
    return float(arr[0]), float(arr[1])


@prop
def platt_fit(ctx: Context, scores: str = "scores", labels: str = "labels", rel_nll: float = 1e-6,
              param_tol: float = 1e-3) -> str | None:
    """(A, B) maximise the likelihood: as well as the reference does, and at the same point.

    The mean negative log-likelihood at the returned (A, B) may exceed the reference's optimum by at most
    ``rel_nll`` relative (1e-6: any optimiser that converged meets it, none that stopped early does). And
    the standardised coefficients ``a = A * sd(s)``, ``b = B + A * mean(s)`` (the slope per standard
    deviation of the score, and the log-odds at the mean score) each agree with the reference's within
    ``param_tol * max(1, |reference value|)``: a scale-free comparison, loose enough for an optimiser's
    stopping rule (typical solvers land within 1e-4) and tight enough to reject any other estimator.
    """
    for s, y, got, want, where in _trials(ctx, scores, labels):
        A, B = _pair(got)
        A0, B0 = _pair(want)
        if not (np.isfinite(A) and np.isfinite(B)):
            return f"{where}fit_platt returned a non-finite (A, B){ctx.for_about()}"
        mean, sd = float(s.mean()), float(s.std()) or 1.0
        a, b, a0, b0 = A * sd, B + A * mean, A0 * sd, B0 + A0 * mean
        flipped = abs(a + a0) <= param_tol * max(1.0, abs(a0)) and abs(b + b0) <= param_tol * max(1.0, abs(b0))
        if flipped and abs(a0) > 10 * param_tol:
            return (
                f"{where}(A, B) have the opposite signs to the maximum-likelihood fit{ctx.for_about()}: "
                "the convention is p = 1 / (1 + exp(A * s + B)), so A < 0 when higher scores mean positives"
            )
        nll, best = _nll(A, B, s, y), _nll(A0, B0, s, y)
        if nll > best + rel_nll * abs(best):
            return (
                f"{where}(A, B) do not maximise the likelihood{ctx.for_about()}: the mean negative "
                f"log-likelihood at the returned (A, B) is {nll:.6g}, and other parameters do better"
            )
        if abs(a - a0) > param_tol * max(1.0, abs(a0)) or abs(b - b0) > param_tol * max(1.0, abs(b0)):
            which = "A" if abs(a - a0) > param_tol * max(1.0, abs(a0)) else "B"
            return f"{where}{which} is not at the maximum of the likelihood (to 1e-3){ctx.for_about()}"
    return None


@prop
def platt_recovers(ctx: Context, A: float, B: float, scores: str = "scores", labels: str = "labels",
                   z: float = 6.0) -> str | None:
    """The fitted (A, B) lie within ``z`` standard errors of the (A, B) that generated the labels.

    The standard errors are the asymptotic ones of the maximum-likelihood estimate, from the Fisher
    information at the true parameters given the scores: ``I = sum_i p_i (1 - p_i) [s_i, 1] [s_i, 1]^T``,
    ``se = sqrt(diag(I^-1))``. For the exact MLE, each coordinate is then approximately normal, and
    ``P(|Z| > 6) = 2.0e-9``; over 2 parameters and T samples (T = 4 in the problem) the chance that a
    correct fit is rejected is below ``4 * T * 1e-9 < 2e-8``. With 10,000 points per sample the normal
    approximation is good, and even a true tail 50 times heavier than the normal one keeps the bound below
    1e-6.
    An optimiser that stops within 1e-3 of the optimum (what ``platt_fit`` accepts) moves the estimate by
    a small fraction of one standard error, so it does not change this.
    """
    for s, _, got, _, where in _trials(ctx, scores, labels):
        Ah, Bh = _pair(got)
        if not (np.isfinite(Ah) and np.isfinite(Bh)):
            return f"{where}fit_platt returned a non-finite (A, B){ctx.for_about()}"
        p = _sigmoid_neg(A * s + B)
        w = p * (1.0 - p)
        info = np.array([[np.sum(w * s * s), np.sum(w * s)], [np.sum(w * s), np.sum(w)]])
        se = np.sqrt(np.diag(np.linalg.inv(info)))
        for name, est, true, err in (("A", Ah, A, se[0]), ("B", Bh, B, se[1])):
            dist = abs(est - true) / err
            if dist > z:
                return (
                    f"{where}the fitted {name} is {dist:.1f} standard errors from the value that generated the "
                    f"labels (a correct maximum-likelihood fit lands within {z:g}){ctx.for_about()}"
                )
    return None
