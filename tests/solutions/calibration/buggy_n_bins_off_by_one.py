# mlprep: calibration
# expect: fail n_bins_off_by_one
# np.linspace(0, 1, n_bins) gives n_bins points, so only n_bins - 1 bins (last bin closed correctly)
import numpy as np
from scipy.special import expit
from scipy.optimize import minimize


def fit_platt(scores, labels):
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    a, b = minimize(nll, [0.0, 0.0], method="L-BFGS-B").x
    return a / sd, b - a * mu / sd


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    bins = np.linspace(0, 1, n_bins)
    nb = len(bins) - 1
    bin_pred, bin_actual, ece = [], [], 0.0
    for i in range(nb):
        hi_ok = probs <= bins[i + 1] if i == nb - 1 else probs < bins[i + 1]
        m = (probs >= bins[i]) & hi_ok
        if m.any():
            bin_pred.append(probs[m].mean())
            bin_actual.append(labels[m].mean())
            ece += m.mean() * abs(bin_pred[-1] - bin_actual[-1])
    return np.array(bin_pred), np.array(bin_actual), ece
