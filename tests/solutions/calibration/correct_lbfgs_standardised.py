# mlprep: calibration
# expect: pass
# L-BFGS-B with an analytic gradient on standardised scores; returns an array of two; bins by masks, last bin closed
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit


def fit_platt(scores, labels):
    """Platt (1999): p = 1 / (1 + exp(A s + B)), fitted by maximum likelihood."""
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        f = np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))
        r = labels - expit(-z)
        return f, np.array([np.mean(r * t), np.mean(r)])

    res = minimize(nll, np.zeros(2), jac=True, method="L-BFGS-B", options={"gtol": 1e-10, "ftol": 1e-15})
    a, b = res.x
    return np.array([a / sd, b - a * mu / sd])


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    edges = np.linspace(0, 1, n_bins + 1)
    n = len(probs)
    bin_pred, bin_actual = [], []
    ece = 0.0
    for i in range(n_bins):
        lo, hi = edges[i], edges[i + 1]
        if i == n_bins - 1:
            mask = (probs >= lo) & (probs <= hi)
        else:
            mask = (probs >= lo) & (probs < hi)
        k = mask.sum()
        if k:
            bp = probs[mask].mean()
            ba = labels[mask].mean()
            bin_pred.append(bp)
            bin_actual.append(ba)
            ece += k / n * abs(bp - ba)
    return np.array(bin_pred), np.array(bin_actual), ece
