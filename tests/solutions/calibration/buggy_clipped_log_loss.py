# mlprep: calibration
# expect: fail clipped_log_loss
# the seed's fit_platt: probabilities clipped to [1e-7, 1 - 1e-7] in the loss (biased by confidently wrong labels)
import numpy as np
from scipy.optimize import minimize


def fit_platt(scores, labels):
    """Fit Platt sigmoid: p = 1/(1 + exp(A*score + B)) via MLE."""
    def neg_log_likelihood(params):
        A, B = params
        p = 1.0 / (1.0 + np.exp(A * scores + B))
        p = np.clip(p, 1e-7, 1 - 1e-7)
        return -np.mean(labels * np.log(p) + (1 - labels) * np.log(1 - p))

    res = minimize(neg_log_likelihood, x0=[-1.0, 0.0], method="L-BFGS-B")
    return res.x  # (A, B)


def platt_predict(scores, A, B):
    return 1.0 / (1.0 + np.exp(A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    idx = np.clip(np.searchsorted(edges, probs, side="right") - 1, 0, n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs, minlength=n_bins)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels, minlength=n_bins)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
