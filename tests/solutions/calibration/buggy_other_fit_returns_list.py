# mlprep: calibration
# expect: fail
# fit_platt returns [A, B], a list, where the prompt promises a tuple of two floats (or an array)

import warnings

import numpy as np


def expit(x):
    """The logistic sigmoid 1 / (1 + exp(-x)), stable for any x (what scipy.special.expit computes,
    written out so that checking a calibration solution does not have to import scipy)."""
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    positive = x >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-x[positive]))
    e = np.exp(x[~positive])
    out[~positive] = e / (1.0 + e)
    return out if out.ndim else float(out)


def _neg_log_likelihood(w, t, y):
    """Mean negative log-likelihood of ``p = 1 / (1 + exp(w[0] * t + w[1]))``, its gradient and Hessian.

    With ``p_i`` the predicted probability, d(loss_i)/dz_i = y_i - p_i and d2(loss_i)/dz_i2 = p_i (1 - p_i).
    """
    z = w[0] * t + w[1]
    loss = np.mean(y * np.logaddexp(0.0, z) + (1.0 - y) * np.logaddexp(0.0, -z))
    p = expit(-z)
    r = y - p
    q = p * (1.0 - p)
    grad = np.array([np.mean(r * t), np.mean(r)])
    hess = np.array([[np.mean(q * t * t), np.mean(q * t)], [np.mean(q * t), np.mean(q)]])
    return loss, grad, hess


def _newton(t, y, w0, max_iter=100):
    """Damped Newton's method on the convex 2-parameter likelihood (Armijo backtracking)."""
    w = np.asarray(w0, dtype=float)
    loss, grad, hess = _neg_log_likelihood(w, t, y)
    for _ in range(max_iter):
        try:
            step = -np.linalg.solve(hess, grad)
        except np.linalg.LinAlgError:
            step = -grad
        decrement = -(grad @ step)  # squared Newton decrement: twice the predicted decrease of the loss
        if not decrement > 1e-24:
            return w
        size = 1.0
        candidate = w + step
        new = _neg_log_likelihood(candidate, t, y)
        # Far from the optimum, halve the step until the loss falls enough (Armijo); close to it, where
        # the decrease is below the loss's rounding, take the full step: Newton converges quadratically.
        while decrement > 1e-12 and new[0] > loss - 1e-4 * size * decrement and size > 1e-10:
            size *= 0.5
            candidate = w + size * step
            new = _neg_log_likelihood(candidate, t, y)
        w = candidate
        loss, grad, hess = new
    warnings.warn(f"fit_platt: Newton's method did not converge in {max_iter} steps", RuntimeWarning, stacklevel=3)
    return w


def fit_platt(scores, labels):
    """Maximum-likelihood (A, B) of ``p = 1 / (1 + exp(A * s + B))`` for 0/1 labels, as Python floats.

    The scores are centred and scaled before fitting (only for the conditioning of the 2x2 Newton system;
    the maximum-likelihood fit itself does not depend on it), and the result mapped back.
    """
    s = np.asarray(scores, dtype=float).ravel()
    y = np.asarray(labels, dtype=float).ravel()
    if s.shape != y.shape or s.size == 0:
        raise ValueError("scores and labels must be non-empty and of the same length")
    prior = y.mean()
    if prior <= 0.0 or prior >= 1.0:
        raise ValueError("labels must contain both classes (0 and 1)")
    positive = y > 0.5
    if s[~positive].max() <= s[positive].min() or s[positive].max() <= s[~positive].min():
        warnings.warn(
            "fit_platt: a threshold on the score separates the classes, so the maximum-likelihood |A| is "
            "infinite; the fit returned is an arbitrarily steep sigmoid (fit on held-out data, or regularise)",
            RuntimeWarning, stacklevel=2,
        )
    centre = s.mean()
    spread = s.std()
    spread = spread if spread > 0 else 1.0
    t = (s - centre) / spread
    w0 = [0.0, np.log((1.0 - prior) / prior)]  # A = 0 and the base rate: p = prior for every score
    w = _newton(t, y, w0)
    A = w[0] / spread
    B = w[1] - w[0] * centre / spread
    return [float(A), float(B)]


def platt_predict(scores, A, B):
    """Calibrated probabilities ``1 / (1 + exp(A * s + B))``; exact and finite for any finite A * s + B."""
    return expit(-(A * np.asarray(scores, dtype=float) + B))


def calibration_stats(probs, labels, n_bins=10):
    """Reliability-diagram statistics over ``n_bins`` equal-width bins of [0, 1].

    Bin ``i`` holds ``i / n_bins <= p < (i + 1) / n_bins``; the last bin is closed, so p = 1.0 belongs to it.
    Returns ``(bin_pred, bin_actual, ece)``: the mean predicted probability and the fraction of positives
    in each non-empty bin, in bin order, and the expected calibration error, the mean over all samples of
    the absolute gap of their bin (the count-weighted mean of the per-bin gaps).
    """
    p = np.asarray(probs, dtype=float).ravel()
    y = np.asarray(labels, dtype=float).ravel()
    if p.shape != y.shape or p.size == 0:
        raise ValueError("probs and labels must be non-empty and of the same length")
    n = p.size
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    # Interior edges only: a value below edges[1] is bin 0 and one at or above edges[-2] is the last bin,
    # so p = 0.0 and p = 1.0 both land in a bin.
    idx = np.searchsorted(edges[1:-1], p, side="right")
    counts = np.bincount(idx, minlength=n_bins)
    pred_sum = np.bincount(idx, weights=p, minlength=n_bins)
    true_sum = np.bincount(idx, weights=y, minlength=n_bins)
    full = counts > 0
    bin_pred = pred_sum[full] / counts[full]
    bin_actual = true_sum[full] / counts[full]
    ece = float(np.sum(counts[full] * np.abs(bin_pred - bin_actual)) / n)
    return bin_pred, bin_actual, ece
