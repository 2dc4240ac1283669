# mlprep: calibration
# expect: fail empty_bins_nan
# returns every bin, with NaN for the empty ones (np.nanmean-style), and nansum for the ECE
import numpy as np
from scipy.special import expit
from scipy.optimize import minimize


def fit_platt(scores, labels):
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    a, b = minimize(nll, [0.0, 0.0], method="Nelder-Mead", options={"xatol": 1e-9, "fatol": 1e-12}).x
    return float(a / sd), float(b - a * mu / sd)


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    bin_pred = np.full(n_bins, np.nan)
    bin_actual = np.full(n_bins, np.nan)
    weight = np.zeros(n_bins)
    for b in range(n_bins):
        sel = idx == b
        if sel.any():
            bin_pred[b] = probs[sel].mean()
            bin_actual[b] = labels[sel].mean()
            weight[b] = sel.mean()
    ece = np.nansum(weight * np.abs(bin_pred - bin_actual))
    return bin_pred, bin_actual, float(ece)
