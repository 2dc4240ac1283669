# mlprep: ab_test
# expect: fail
"""sample_size_per_arm never raises ValueError."""

import numpy as np
from scipy.stats import norm


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    rate_a, rate_b = conv_a / n_a, conv_b / n_b
    p = (conv_a + conv_b) / (n_a + n_b)
    z = (rate_b - rate_a) / np.sqrt(p * (1 - p) * (1 / n_a + 1 / n_b))
    tails = {"two-sided": lambda: 2 * norm.sf(abs(z)), "larger": lambda: norm.sf(z), "smaller": lambda: norm.cdf(z)}
    if alternative not in tails:
        raise ValueError(alternative)
    return float(z), float(tails[alternative]())


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    pa, pb = conv_a / n_a, conv_b / n_b
    half = norm.ppf(1 - alpha / 2) * np.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    return float(pb - pa - half), float(pb - pa + half)


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    p1, p2 = p_base, p_base + mde
    pbar = (p1 + p2) / 2
    a = norm.ppf(1 - alpha / 2) * np.sqrt(2 * pbar * (1 - pbar))
    b = norm.ppf(power) * np.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return int(np.ceil((a + b) ** 2 / mde**2))
