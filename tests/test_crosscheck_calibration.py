"""The calibration reference agrees with scikit-learn, with known generating parameters and hand-computed tables.

scikit-learn is a test-only dependency (the reference never imports it); its tests are skipped without it.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module


@pytest.fixture(scope="module")
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "calibration.py", "xref_calibration")


def _sample(rng, A, B, n, scale=1.0, loc=0.0):
    s = loc + scale * rng.normal(size=n)
    p = 1.0 / (1.0 + np.exp(np.clip(A * s + B, -700, 700)))
    return s, (rng.random(n) < p).astype(float)


def _nll(A, B, s, y):
    z = A * s + B
    return float(np.mean(y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z)))


def _standard_errors(A, B, s):
    """Asymptotic standard errors of the MLE of (A, B) from the Fisher information at the true values."""
    p = 1.0 / (1.0 + np.exp(A * s + B))
    w = p * (1 - p)
    info = np.array([[np.sum(w * s * s), np.sum(w * s)], [np.sum(w * s), np.sum(w)]])
    return np.sqrt(np.diag(np.linalg.inv(info)))


# ---- Platt scaling -------------------------------------------------------------------------------------

@pytest.mark.parametrize("A, B, scale", [(-2.0, 0.5, 1.0), (1.3, -0.7, 2.0), (-0.01, 1.0, 300.0)])
def test_large_sample_recovers_the_generating_parameters(ref, A, B, scale):
    # 200,000 points: the standard errors are about 0.4% of A; 6 of them bound a false failure by 4e-9.
    rng = np.random.default_rng(int(abs(A) * 1000))
    s, y = _sample(rng, A, B, 200_000, scale)
    A_hat, B_hat = ref["fit_platt"](s, y)
    se = _standard_errors(A, B, s)
    assert abs(A_hat - A) < 6 * se[0], (A_hat, A, se)
    assert abs(B_hat - B) < 6 * se[1], (B_hat, B, se)
    assert isinstance(A_hat, float) and isinstance(B_hat, float)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fit_matches_unpenalised_logistic_regression(ref, seed):
    lm = pytest.importorskip("sklearn.linear_model")
    rng = np.random.default_rng(seed)
    s, y = _sample(rng, -1.5 + seed, 0.3, 3000, 2.0)
    model = lm.LogisticRegression(C=1e12, tol=1e-12, max_iter=10_000).fit(s[:, None], y)
    # sklearn: P(y = 1) = sigmoid(w s + c) = 1 / (1 + exp(-(w s + c))), so Platt's A = -w and B = -c.
    A, B = ref["fit_platt"](s, y)
    assert A == pytest.approx(-model.coef_[0, 0], rel=1e-6)
    assert B == pytest.approx(-model.intercept_[0], rel=1e-6, abs=1e-9)


def test_fit_is_at_least_as_good_as_a_generic_optimiser(ref):
    from scipy.optimize import minimize

    rng = np.random.default_rng(11)
    s, y = _sample(rng, -0.8, 1.2, 5000, 3.0)
    A, B = ref["fit_platt"](s, y)
    other = minimize(lambda w: _nll(w[0], w[1], s, y), [0.0, 0.0], method="Nelder-Mead",
                     options={"xatol": 1e-12, "fatol": 1e-15, "maxiter": 20_000}).x
    assert _nll(A, B, s, y) <= _nll(*other, s, y) + 1e-15
    assert np.allclose([A, B], other, rtol=1e-6, atol=1e-9)


def test_fit_follows_the_units_of_the_score(ref):
    rng = np.random.default_rng(4)
    s, y = _sample(rng, -1.0, 0.4, 4000)
    A, B = ref["fit_platt"](s, y)
    A2, B2 = ref["fit_platt"](1000.0 * s - 250.0, y)  # s' = 1000 s - 250 : A' = A / 1000, B' = B + A / 4
    assert A2 == pytest.approx(A / 1000.0, rel=1e-9)
    assert B2 == pytest.approx(B + A * 250.0 / 1000.0, rel=1e-9)


def test_no_overflow_warnings_for_extreme_scores(ref):
    rng = np.random.default_rng(5)
    s, y = _sample(rng, -1.5, 0.3, 1000, 2.0)
    s[:4], y[:4] = [1000.0, 1500.0, -1000.0, -1500.0], [1.0, 1.0, 0.0, 0.0]
    with warnings.catch_warnings(), np.errstate(over="raise", invalid="raise", divide="raise"):
        warnings.simplefilter("error")
        A, B = ref["fit_platt"](s, y)
        p = ref["platt_predict"](np.array([-1e4, -800.0, 0.0, 800.0, 1e4]), -1.5, 0.3)
    assert np.isfinite([A, B]).all()
    assert np.isfinite(p).all() and ((p >= 0) & (p <= 1)).all()
    assert p[0] == 0.0 and p[-1] == 1.0 and p[2] == pytest.approx(1 / (1 + np.exp(0.3)))


def test_clipping_the_loss_biases_the_fit(ref):
    """Four confidently wrong labels: the MLE flattens, a loss clipped at 1e-7 ignores them (the listed mistake)."""
    from scipy.optimize import minimize

    rng = np.random.default_rng(77)
    s, y = _sample(rng, -1.5, 0.3, 1000, 2.0)
    s[:4], y[:4] = [25.0, 30.0, -25.0, -30.0], [0.0, 0.0, 1.0, 1.0]

    def clipped(w):
        with np.errstate(over="ignore"):
            p = np.clip(1.0 / (1.0 + np.exp(w[0] * s + w[1])), 1e-7, 1 - 1e-7)
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    A, _ = ref["fit_platt"](s, y)
    A_clip = minimize(clipped, [A, 0.0], method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-14}).x[0]
    assert A_clip < 1.3 * A  # both negative: the clipped fit is more than 30% steeper


def test_fit_rejects_a_single_class(ref):
    with pytest.raises(ValueError):
        ref["fit_platt"](np.arange(5.0), np.ones(5))


# ---- Reliability statistics ----------------------------------------------------------------------------

def _away_from_edges(p, n_bins):
    edges = np.arange(1, n_bins) / n_bins
    return p[np.all(np.abs(p[:, None] - edges[None, :]) > 1e-9, axis=1)]


@pytest.mark.parametrize("n_bins", [1, 5, 10, 15, 20])
@pytest.mark.parametrize("seed", [0, 1])
def test_bins_match_sklearn_calibration_curve(ref, n_bins, seed):
    calibration = pytest.importorskip("sklearn.calibration")
    rng = np.random.default_rng(seed)
    p = _away_from_edges(rng.beta(0.7, 0.9, 700), n_bins)
    p = np.concatenate([p, [0.0, 0.0, 1.0, 1.0, 1.0]])  # the closed ends: 0.0 in the first bin, 1.0 in the last
    y = (rng.random(p.size) < p**1.3).astype(float)
    bin_pred, bin_actual, ece = ref["calibration_stats"](p, y, n_bins)
    prob_true, prob_pred = calibration.calibration_curve(y, p, n_bins=n_bins, strategy="uniform")
    np.testing.assert_allclose(bin_pred, prob_pred, rtol=1e-12)
    np.testing.assert_allclose(bin_actual, prob_true, rtol=1e-12, atol=1e-15)
    counts = np.histogram(p, bins=n_bins, range=(0.0, 1.0))[0]  # numpy's last bin is closed too
    counts = counts[counts > 0]
    assert ece == pytest.approx(np.sum(counts * np.abs(prob_pred - prob_true)) / p.size, rel=1e-12)


def test_empty_bins_are_left_out_as_in_sklearn(ref):
    calibration = pytest.importorskip("sklearn.calibration")
    p = np.array([0.05, 0.07, 0.93, 0.97, 1.0])
    y = np.array([0.0, 1.0, 1.0, 1.0, 0.0])
    bin_pred, bin_actual, _ = ref["calibration_stats"](p, y, 10)
    prob_true, prob_pred = calibration.calibration_curve(y, p, n_bins=10, strategy="uniform")
    assert bin_pred.shape == (2,)
    np.testing.assert_allclose(bin_pred, prob_pred)
    np.testing.assert_allclose(bin_actual, prob_true)


def test_hand_computed_tables(ref):
    # The prompt's example: bins [0, 0.5) and [0.5, 1].
    bin_pred, bin_actual, ece = ref["calibration_stats"](np.array([0.1, 0.35, 0.8, 1.0]), np.array([0, 1, 1, 1]), 2)
    np.testing.assert_allclose(bin_pred, [0.225, 0.9])
    np.testing.assert_allclose(bin_actual, [0.5, 1.0])
    assert ece == pytest.approx(0.1875)
    # The visible example with 5 bins.
    p = np.array([0.05, 0.12, 0.33, 0.38, 0.47, 0.55, 0.71, 0.86, 0.91, 0.97])
    y = np.array([0, 0, 1, 0, 0, 1, 1, 1, 0, 1])
    bin_pred, bin_actual, ece = ref["calibration_stats"](p, y, 5)
    np.testing.assert_allclose(bin_pred, [0.085, 0.355, 0.51, 0.71, 2.74 / 3])
    np.testing.assert_allclose(bin_actual, [0.0, 0.5, 0.5, 1.0, 2 / 3])
    assert ece == pytest.approx((2 * 0.085 + 2 * 0.145 + 2 * 0.01 + 0.29 + 3 * abs(2.74 / 3 - 2 / 3)) / 10)
    # ECE depends on the binning: two groups predicted 0.9 and 0.1, each positive half the time.
    p = np.r_[np.full(500, 0.9), np.full(500, 0.1)]
    y = np.tile([0.0, 1.0], 500)
    assert ref["calibration_stats"](p, y, 1)[2] == pytest.approx(0.0, abs=1e-12)
    assert ref["calibration_stats"](p, y, 10)[2] == pytest.approx(0.4)


def test_interior_edges_are_the_only_disagreement_with_sklearn(ref):
    """On an interior edge sklearn puts the value in the lower bin and the reference in the upper one.

    The problem's prompt leaves this case untested; this test documents it.
    """
    calibration = pytest.importorskip("sklearn.calibration")
    p, y = np.array([0.25, 0.5]), np.array([0.0, 1.0])
    bin_pred, _, _ = ref["calibration_stats"](p, y, 2)
    _, prob_pred = calibration.calibration_curve(y, p, n_bins=2, strategy="uniform")
    np.testing.assert_allclose(bin_pred, [0.25, 0.5])
    np.testing.assert_allclose(prob_pred, [0.375])


def test_perfectly_calibrated_ece_shrinks_like_sqrt_bins_over_n(ref):
    """The finite-sample bias quoted in the insights: about 0.032 with 10 bins and 0.070 with 50, for n = 1,000."""
    rng = np.random.default_rng(0)
    for n_bins, expected in ((10, 0.0318), (50, 0.0701)):
        eces = []
        for _ in range(400):
            p = rng.random(1000)
            y = (rng.random(1000) < p).astype(float)
            eces.append(ref["calibration_stats"](p, y, n_bins)[2])
        # 400 draws: the standard error of the mean is below 0.0006.
        assert np.mean(eces) == pytest.approx(expected, abs=0.003)
