# mlprep: calibration
# expect: fail
# Platt's smoothed targets (N+ + 1) / (N+ + 2) and 1 / (N- + 2) instead of the 0/1 labels: not the plain MLE the prompt asks for
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit


def fit_platt(scores, labels):
    n_pos = labels.sum()
    n_neg = len(labels) - n_pos
    y = np.where(labels > 0.5, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        r = y - expit(-z)
        f = np.mean(y * np.logaddexp(0, z) + (1 - y) * np.logaddexp(0, -z))
        return f, np.array([np.mean(r * t), np.mean(r)])

    a, b = minimize(nll, [0.0, 0.0], jac=True, method="L-BFGS-B", options={"gtol": 1e-10}).x
    return a / sd, b - a * mu / sd


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs, minlength=n_bins)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels, minlength=n_bins)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
