# mlprep: calibration
# expect: fail ece_unweighted
# ECE as the plain mean of the non-empty bins' gaps, ignoring how many predictions each bin holds
import numpy as np
from scipy.special import expit
from scipy.optimize import minimize


def fit_platt(scores, labels):
    mu, sd = scores.mean(), scores.std()
    t = (scores - mu) / sd

    def nll(w):
        z = w[0] * t + w[1]
        r = labels - expit(-z)
        f = np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))
        return f, np.array([np.mean(r * t), np.mean(r)])

    a, b = minimize(nll, [0.0, 0.0], jac=True, method="BFGS", options={"gtol": 1e-9}).x
    return float(a / sd), float(b - a * mu / sd)


def platt_predict(scores, A, B):
    return expit(-(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    bp, ba = [], []
    for b in range(n_bins):
        sel = idx == b
        if sel.any():
            bp.append(probs[sel].mean())
            ba.append(labels[sel].mean())
    bp, ba = np.array(bp), np.array(ba)
    return bp, ba, float(np.mean(np.abs(bp - ba)))
