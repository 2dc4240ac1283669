# mlprep: calibration
# expect: fail
# the seed's loss without its clip: log of a probability that rounds to 0 or 1 gives -inf / NaN for extreme scores
import numpy as np
from scipy.optimize import minimize


def fit_platt(scores, labels):
    def neg_log_likelihood(params):
        A, B = params
        p = 1.0 / (1.0 + np.exp(A * scores + B))
        return -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))

    res = minimize(neg_log_likelihood, x0=[-1.0, 0.0], method="L-BFGS-B")
    return res.x


def platt_predict(scores, A, B):
    return 1.0 / (1.0 + np.exp(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs, minlength=n_bins)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels, minlength=n_bins)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
