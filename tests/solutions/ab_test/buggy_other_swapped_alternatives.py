# mlprep: ab_test
# expect: fail
""""larger" and "smaller" swapped, z kept as B minus A."""

import math


def _sf(x):
    return 0.5 * math.erfc(x / math.sqrt(2.0))


def _quantile(q):
    lo, hi = -40.0, 40.0
    for _ in range(200):
        mid = (lo + hi) / 2
        if 1 - _sf(mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def two_proportion_ztest(conv_a, n_a, conv_b, n_b, alternative="two-sided"):
    p_pool = (conv_a + conv_b) / (n_a + n_b)
    z = (conv_b / n_b - conv_a / n_a) / math.sqrt(p_pool * (1 - p_pool) * (1 / n_a + 1 / n_b))
    if alternative == "two-sided":
        return z, 2 * _sf(abs(z))
    if alternative == "larger":
        return z, _sf(-z)
    if alternative == "smaller":
        return z, _sf(z)
    raise ValueError("alternative")


def diff_confidence_interval(conv_a, n_a, conv_b, n_b, alpha=0.05):
    pa, pb = conv_a / n_a, conv_b / n_b
    h = _quantile(1 - alpha / 2) * math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    return (pb - pa - h, pb - pa + h)


def sample_size_per_arm(p_base, mde, alpha=0.05, power=0.8):
    if mde <= 0:
        raise ValueError("mde must be > 0")
    p1, p2 = p_base, p_base + mde
    if p1 <= 0 or p1 >= 1 or p2 <= 0 or p2 >= 1:
        raise ValueError("rates out of (0, 1)")
    m = (p1 + p2) / 2
    top = _quantile(1 - alpha / 2) * math.sqrt(2 * m * (1 - m)) + _quantile(power) * math.sqrt(
        p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil((top / mde) ** 2)
