# mlprep: calibration
# expect: fail bins_on_data_range
# bins spread between the smallest and largest prediction instead of over [0, 1]
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
    edges = np.linspace(probs.min(), probs.max(), n_bins + 1)
    idx = np.clip(np.digitize(probs, edges[1:-1]), 0, n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs, minlength=n_bins)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels, minlength=n_bins)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
