# mlprep: calibration
# expect: fail probability_one_own_bin
# bin index floor(p * n_bins) without capping: p = 1.0 gets index n_bins, an extra bin of its own
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit


def fit_platt(scores, labels):
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    a, b = minimize(nll, [0.0, 0.0], method="BFGS").x
    return a / sd, b - a * mu / sd


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    idx = np.floor(probs * n_bins).astype(int)
    counts = np.bincount(idx)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
