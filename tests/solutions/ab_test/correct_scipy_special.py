# mlprep: ab_test
# expect: pass
"""scipy.special: ndtr(-z) is the upper tail, ndtri the quantile; numpy scalars and a numpy int come back."""

import numpy as np
from scipy.special import ndtr, ndtri


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    counts = np.array([conv_a, conv_b], dtype=float)
    sizes = np.array([n_a, n_b], dtype=float)
    rates = counts / sizes
    p = counts.sum() / sizes.sum()
    z = (rates[1] - rates[0]) / np.sqrt(p * (1 - p) * np.sum(1 / sizes))
    if alternative == "two-sided":
        pv = 2 * ndtr(-np.abs(z))
    elif alternative == "larger":
        pv = ndtr(-z)
    elif alternative == "smaller":
        pv = ndtr(z)
    else:
        raise ValueError("alternative must be two-sided, larger or smaller")
    return z, pv


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    rates = np.array([conv_a / n_a, conv_b / n_b])
    var = rates * (1 - rates) / np.array([n_a, n_b])
    d = rates[1] - rates[0]
    w = ndtri(1 - alpha / 2) * np.sqrt(var.sum())
    return d - w, d + w


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    p = np.array([p_base, p_base + mde])
    if mde <= 0 or np.any(p <= 0) or np.any(p >= 1):
        raise ValueError("invalid rates")
    pbar = p.mean()
    n = (ndtri(1 - alpha / 2) * np.sqrt(2 * pbar * (1 - pbar)) + ndtri(power) * np.sqrt(np.sum(p * (1 - p)))) ** 2
    return np.int64(np.ceil(n / mde**2))
