"""The ab_test reference agrees with statsmodels and scipy, and the numbers its texts state are recomputed.

statsmodels is a test-only dependency (the reference imports only the standard library); its tests are
skipped without it. Sign convention: statsmodels' proportions_ztest computes (first - second) / SE, so
B - A is passed as counts [conv_b, conv_a], and its "larger" then means B > A, as in the prompt.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module
from mlprep.problem import Problem

ALTERNATIVES = ["two-sided", "larger", "smaller"]


@pytest.fixture(scope="module")
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "ab_test.py", "xref_ab_test")


@pytest.fixture(scope="module")
def problem() -> Problem:
    return catalog.load(catalog.resolve("ab_test", catalog.index(catalog.pack_dirs())))


def _text(p: Problem) -> str:
    parts = [p.parts[0].prompt, p.think_aloud] + [i.body for i in p.insights] + [f.answer for f in p.followups]
    parts += [m.explanation for m in p.mistakes] + [t.name for t in p.tests] + [t.about or "" for t in p.tests]
    return " ".join(" ".join(x.split()) for x in parts)


def _mistake(p: Problem, mistake_id: str) -> dict:
    m = next(m for m in p.mistakes if m.id == mistake_id)
    return load_module(p.solution_path, f"xref_ab_{mistake_id}", m.apply(p.reference_source()))  # type: ignore[arg-type]


def _random_experiment(rng):
    n_a, n_b = (int(v) for v in rng.integers(50, 50_000, 2))
    rate = rng.uniform(0.01, 0.6)
    conv_a = int(rng.binomial(n_a, rate))
    conv_b = int(rng.binomial(n_b, min(0.99, rate * rng.uniform(0.7, 1.4))))
    return max(conv_a, 1), n_a, max(conv_b, 1), n_b


# ---- statsmodels and scipy -----------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("alternative", ALTERNATIVES)
def test_ztest_matches_statsmodels(ref, seed, alternative):
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    conv_a, n_a, conv_b, n_b = _random_experiment(np.random.default_rng(seed))
    z, p = ref["two_proportion_ztest"](conv_a, n_a, conv_b, n_b, alternative=alternative)
    sm_z, sm_p = proportion.proportions_ztest([conv_b, conv_a], [n_b, n_a], value=0, alternative=alternative)
    assert type(z) is float and type(p) is float
    assert z == pytest.approx(sm_z, rel=1e-10, abs=1e-12)
    assert p == pytest.approx(sm_p, rel=1e-9, abs=1e-300)


def test_statsmodels_sign_convention(ref):
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    z, p = ref["two_proportion_ztest"](200, 1000, 230, 1000, alternative="larger")
    sm_z, sm_p = proportion.proportions_ztest([200, 230], [1000, 1000], alternative="larger")  # A - B, A > B
    assert z > 0 and sm_z == pytest.approx(-z) and sm_p == pytest.approx(1 - p)


@pytest.mark.parametrize("z_target", [5.0, 9.0, 13.0, 20.0, 30.0])
def test_far_tail_p_values_match_scipy_to_relative_precision(ref, z_target):
    stats = pytest.importorskip("scipy.stats")
    n = 40_000
    conv_a = 4000
    conv_b = next(b for b in range(conv_a, n) if ref["two_proportion_ztest"](conv_a, n, b, n)[0] >= z_target)
    z, p = ref["two_proportion_ztest"](conv_a, n, conv_b, n)
    assert p > 0 and p == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-10)
    _, p_small = ref["two_proportion_ztest"](conv_b, n, conv_a, n, alternative="smaller")
    assert p_small == pytest.approx(stats.norm.cdf(-z), rel=1e-10)


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("alpha", [0.01, 0.05, 0.1, 0.2])
def test_interval_matches_statsmodels_wald_and_scipy_by_hand(ref, seed, alpha):
    stats = pytest.importorskip("scipy.stats")
    conv_a, n_a, conv_b, n_b = _random_experiment(np.random.default_rng(1000 + seed))
    low, high = ref["diff_confidence_interval"](conv_a, n_a, conv_b, n_b, alpha=alpha)
    pa, pb = conv_a / n_a, conv_b / n_b
    se = math.sqrt(pa * (1 - pa) / n_a + pb * (1 - pb) / n_b)
    q = stats.norm.ppf(1 - alpha / 2)
    assert (low, high) == pytest.approx((pb - pa - q * se, pb - pa + q * se), rel=1e-10, abs=1e-14)
    assert type(low) is float and type(high) is float
    proportion = pytest.importorskip("statsmodels.stats.proportion")
    sm = proportion.confint_proportions_2indep(conv_b, n_b, conv_a, n_a, method="wald", compare="diff", alpha=alpha)
    assert (low, high) == pytest.approx(tuple(sm), rel=1e-9, abs=1e-13)


@pytest.mark.parametrize("seed", range(40))
def test_sample_size_is_the_formula_by_hand_and_the_smallest_n_with_the_power(ref, seed):
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(2000 + seed)
    p1 = float(rng.uniform(0.005, 0.8))
    mde = float(rng.uniform(0.002, 0.15) * min(1.0, (1 - p1) / 0.2))
    alpha, power = float(rng.choice([0.01, 0.05, 0.1])), float(rng.choice([0.8, 0.9, 0.95]))
    p2 = p1 + mde
    pbar = (p1 + p2) / 2
    a = stats.norm.ppf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar))
    b = stats.norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    raw = (a + b) ** 2 / mde**2
    n = ref["sample_size_per_arm"](p1, mde, alpha=alpha, power=power)
    assert type(n) is int
    if abs(raw - round(raw)) > 1e-6:  # away from an integer, where quantile rounding could tip the ceiling
        assert n == math.ceil(raw)

    def achieved(m):  # the power the formula promises at m per arm
        return stats.norm.cdf((mde * math.sqrt(m) - a) / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))

    assert achieved(n) >= power - 1e-9 and (n == 1 or achieved(n - 1) < power + 1e-9)


@pytest.mark.parametrize("args", [(0.1, 0.0), (0.1, -0.01), (0.0, 0.01), (1.0, 0.01), (-0.1, 0.2), (1.2, 0.01),
                                  (0.95, 0.1), (0.99, 0.01)])
def test_sample_size_rejects_invalid_inputs(ref, args):
    with pytest.raises(ValueError):
        ref["sample_size_per_arm"](*args)


def test_unknown_alternative_raises(ref):
    with pytest.raises(ValueError):
        ref["two_proportion_ztest"](30, 100, 40, 100, alternative="greater")


def test_reference_imports_only_the_standard_library(problem):
    source = problem.reference_source()
    assert "scipy" not in source and "statsmodels" not in source and "numpy" not in source
    assert "import math" in source and "from statistics import NormalDist" in source


# ---- the numbers the texts state -----------------------------------------------------------------------

def test_tail_numbers(problem):
    stats = pytest.importorskip("scipy.stats")
    two_sided_20 = math.erfc(20 / math.sqrt(2))
    assert two_sided_20 == pytest.approx(5.5e-89, rel=0.01)
    assert two_sided_20 == pytest.approx(2 * stats.norm.sf(20), rel=1e-10)
    # 1 - cdf is exactly 0 from about z = 8.3: cdf rounds to 1 once the tail is below 2^-54 (half of 2^-53)
    assert 0.5 * math.erfc(8.3 / math.sqrt(2)) < 2.0**-54 < 5.6e-17 < 0.5 * math.erfc(8.2 / math.sqrt(2))
    assert 1 - stats.norm.cdf(8.3) == 0.0 and 1 - stats.norm.cdf(8.2) > 0.0
    assert 1 - NormalDist().cdf(8.3) == 0.0 and 1 - NormalDist().cdf(8.0) > 0.0
    # the tail itself underflows near z = 38.5
    assert 0.5 * math.erfc(38.4 / math.sqrt(2)) > 0.0 and math.erfc(38.4 / math.sqrt(2)) > 0.0
    assert 0.5 * math.erfc(38.6 / math.sqrt(2)) == 0.0 and math.erfc(38.6 / math.sqrt(2)) == 0.0
    text = _text(problem)
    for said in ["a two-sided p of about 5.5e-89", "from about z = 8.3", "about 5.6e-17", "near z = 38.5",
                 "At z = 20 the two-sided p is about 5.5e-89"]:
        assert said in text, said


def test_stability_rows_are_where_their_names_say(ref, problem):
    z13, p13 = ref["two_proportion_ztest"](500, 10000, 1000, 10000)
    z20, p20 = ref["two_proportion_ztest"](1000, 20000, 3870, 40000)
    zm13, _ = ref["two_proportion_ztest"](1000, 10000, 500, 10000, alternative="smaller")
    assert round(z13) == 13 and round(z20) == 20 and round(zm13) == -13
    assert p20 == pytest.approx(5.7e-87, rel=0.01)
    cancel = _mistake(problem, "cdf_cancellation")
    assert cancel["two_proportion_ztest"](500, 10000, 1000, 10000)[1] == 0.0  # the test compares log p: -inf
    text = _text(problem)
    assert "z about 13" in text and "z about 20 (two-sided)" in text and "p about 5.7e-87" in text


def test_quantile_numbers(problem):
    nd = NormalDist()
    assert round(nd.inv_cdf(0.975), 2) == 1.96 and round(nd.inv_cdf(0.95), 3) == 1.645
    text = _text(problem)
    assert "1.96, not 1.645" in text


def test_pooled_and_wald_disagree_at_the_boundary(ref, problem):
    z, p = ref["two_proportion_ztest"](40, 1000, 59, 1000)
    low, high = ref["diff_confidence_interval"](40, 1000, 59, 1000)
    assert round(z, 4) == 1.9587 and round(p, 4) == 0.0502 and p > 0.05
    assert 0 < low and low == pytest.approx(5.6e-6, rel=0.01) and round(high, 4) == 0.0380
    assert "a pooled z of about 1.9587 and a two-sided p of about 0.0502" in _text(problem)
    assert "about (5.6e-6, 0.0380)" in _text(problem)


def test_sample_size_numbers(ref, problem):
    ss = ref["sample_size_per_arm"]
    assert ss(0.1, 0.01) == 14751 and ss(0.1, 0.005) == 57763 and ss(0.1, 0.001) == 1419073
    assert 3.9 < 57763 / 14751 < 4.0  # "about four times as many"
    assert 90 < 1419073 / 14751 < 110  # relative read as absolute: "about a hundred times larger"
    assert 0.1 * 0.01 == pytest.approx(0.001)  # 1% relative at a 10% baseline is 0.001 absolute
    text = _text(problem)
    for said in ["14,751 users per arm", "0.005 takes 57,763", "takes 1,419,073", "a sample size about a hundred times larger"]:
        assert said in text, said


def test_rounding_rows(ref, problem):
    stats = pytest.importorskip("scipy.stats")

    def raw(p1, mde, alpha=0.05, power=0.8):
        p2, pbar = p1 + mde, p1 + mde / 2
        a = stats.norm.ppf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar))
        b = stats.norm.ppf(power) * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
        return (a + b) ** 2 / mde**2

    assert round(raw(0.5, 0.1), 2) == 387.34 and ref["sample_size_per_arm"](0.5, 0.1) == 388
    assert round(raw(0.3, 0.02, alpha=0.1), 1) == 6611.2 and ref["sample_size_per_arm"](0.3, 0.02, alpha=0.1) == 6612
    text = _text(problem)
    assert "387.34 users per arm means 388" in text and "(6611.2)" in text


def test_cohens_h_comparison(ref, problem):
    power_mod = pytest.importorskip("statsmodels.stats.power")
    proportion = pytest.importorskip("statsmodels.stats.proportion")

    def cohen(p1, p2):
        h = proportion.proportion_effectsize(p2, p1)
        return math.ceil(power_mod.NormalIndPower().solve_power(h, alpha=0.05, power=0.8))

    assert (cohen(0.1, 0.11), ref["sample_size_per_arm"](0.1, 0.01)) == (14745, 14751)
    assert (cohen(0.5, 0.55), ref["sample_size_per_arm"](0.5, 0.05)) == (1565, 1565)
    assert (cohen(0.001, 0.002), ref["sample_size_per_arm"](0.001, 0.001)) == (22840, 23511)
    # Cohen's h by hand: n = 2 ((z_{1-alpha/2} + z_power) / h)^2 per arm (statsmodels also counts the far tail,
    # which is negligible here)
    h = 2 * math.asin(math.sqrt(0.11)) - 2 * math.asin(math.sqrt(0.1))
    nd = NormalDist()
    assert math.ceil(2 * ((nd.inv_cdf(0.975) + nd.inv_cdf(0.8)) / h) ** 2) == 14745
    assert "n = 2 ((z_{1-alpha/2} + z_power) / h)^2" in _text(problem)
    text = _text(problem)
    for said in ["14,745 users per arm against 14,751", "both give 1,565", "22,840 against 23,511"]:
        assert said in text, said


def test_peeking_followup_number(problem):
    rng = np.random.default_rng(2026)
    sims, looks = 200_000, 10
    # z at look j of an A/A test with equal increments: the running sum of j standard normals over sqrt(j)
    paths = np.cumsum(rng.normal(size=(sims, looks)), axis=1) / np.sqrt(np.arange(1, looks + 1))
    stopped = np.mean(np.any(np.abs(paths) > NormalDist().inv_cdf(0.975), axis=1))
    assert round(stopped * 100, 1) == 19.4
    assert "200,000 experiments stops with p < 0.05 about 19.4% of the time" in _text(problem)
