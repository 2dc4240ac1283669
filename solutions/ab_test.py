# mlprep: ab_test
"""Reference solution: pooled two-proportion z-test, Wald interval for the difference, sample size per arm."""

import math
from statistics import NormalDist

_NORMAL = NormalDist()


def _upper_tail(z):
    """P(Z > z) for a standard normal Z, from erfc: no 1 - cdf cancellation in the far tail."""
    return 0.5 * math.erfc(z / math.sqrt(2.0))


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    """(z, p_value) for H0: p_a = p_b, with z = (p_b - p_a) / pooled SE; both floats."""
    p_a = conv_a / n_a
    p_b = conv_b / n_b
    pooled = (conv_a + conv_b) / (n_a + n_b)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b))
    z = (p_b - p_a) / se
    if alternative == "two-sided":
        p_value = 2.0 * _upper_tail(abs(z))
    elif alternative == "larger":
        p_value = _upper_tail(z)
    elif alternative == "smaller":
        p_value = _upper_tail(-z)
    else:
        raise ValueError(f"alternative must be 'two-sided', 'larger' or 'smaller', got {alternative!r}")
    return float(z), float(p_value)


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    """(low, high): the two-sided 1 - alpha Wald interval for p_b - p_a, unpooled SE; both floats."""
    p_a = conv_a / n_a
    p_b = conv_b / n_b
    se = math.sqrt(p_a * (1.0 - p_a) / n_a + p_b * (1.0 - p_b) / n_b)
    z = _NORMAL.inv_cdf(1.0 - alpha / 2.0)
    diff = p_b - p_a
    return float(diff - z * se), float(diff + z * se)


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    """Users per arm to detect an absolute lift mde over p_base (two-sided, normal approximation): an int."""
    p1 = p_base
    p2 = p_base + mde
    if mde <= 0 or not (0.0 < p1 < 1.0 and 0.0 < p2 < 1.0):
        raise ValueError("need 0 < p_base < p_base + mde < 1")
    z_alpha = _NORMAL.inv_cdf(1.0 - alpha / 2.0)
    z_power = _NORMAL.inv_cdf(power)
    p_bar = (p1 + p2) / 2.0
    spread = z_alpha * math.sqrt(2.0 * p_bar * (1.0 - p_bar)) + z_power * math.sqrt(p1 * (1.0 - p1) + p2 * (1.0 - p2))
    return math.ceil(spread**2 / mde**2)
