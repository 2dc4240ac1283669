# mlprep: ab_test
# expect: pass
"""Tails from scipy's log survival function, exponentiated at the end; the interval via norm.interval."""

import math

from scipy import stats


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    n = n_a + n_b
    p = (conv_a + conv_b) / n
    diff = conv_b / n_b - conv_a / n_a
    z = diff / math.sqrt(p * (1 - p) * n / (n_a * n_b))
    if alternative == "two-sided":
        log_p = math.log(2) + stats.norm.logsf(abs(z))
    elif alternative == "larger":
        log_p = stats.norm.logsf(z)
    elif alternative == "smaller":
        log_p = stats.norm.logcdf(z)
    else:
        raise ValueError(alternative)
    return float(z), math.exp(log_p)


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    pa, pb = conv_a / n_a, conv_b / n_b
    se = math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    low, high = stats.norm.interval(1 - alpha, loc=pb - pa, scale=se)
    return float(low), float(high)


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    p2 = p_base + mde
    if mde <= 0 or p_base <= 0 or p2 >= 1:
        raise ValueError("need 0 < p_base < p_base + mde < 1")
    z_a = stats.norm.isf(alpha / 2)
    z_b = stats.norm.isf(1 - power)
    pbar = (p_base + p2) / 2
    root = z_a * math.sqrt(2 * pbar * (1 - pbar)) + z_b * math.sqrt(p_base * (1 - p_base) + p2 * (1 - p2))
    return int(math.ceil(root**2 / mde**2))
