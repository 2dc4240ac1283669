# mlprep: ab_test
# expect: fail one_sided_p
"""The two-sided p-value is one tail only."""

import math
from statistics import NormalDist


def _tail(x):
    return math.erfc(x / math.sqrt(2)) / 2


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    if alternative not in ("two-sided", "larger", "smaller"):
        raise ValueError(f"unknown alternative {alternative}")
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1 - pooled) / n_a + pooled * (1 - pooled) / n_b)
    z = (conv_b / n_b - conv_a / n_a) / se
    if alternative == "larger":
        return z, _tail(z)
    if alternative == "smaller":
        return z, _tail(-z)
    return z, _tail(abs(z))


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    a, b = conv_a / n_a, conv_b / n_b
    z = NormalDist().inv_cdf(1 - alpha / 2)
    se = math.sqrt(a * (1 - a) / n_a + b * (1 - b) / n_b)
    return (b - a) - z * se, (b - a) + z * se


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    if not mde > 0:
        raise ValueError("mde must be positive")
    p1 = p_base
    p2 = p_base + mde
    for p in (p1, p2):
        if not 0 < p < 1:
            raise ValueError("rates must be strictly between 0 and 1")
    nd = NormalDist()
    pbar = (p1 + p2) / 2
    num = nd.inv_cdf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar)) + nd.inv_cdf(power) * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(num * num / (mde * mde))
