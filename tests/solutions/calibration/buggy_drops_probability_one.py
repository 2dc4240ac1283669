# mlprep: calibration
# expect: fail drops_probability_one
# the seed's calibration_stats: every bin is half-open, so probabilities of exactly 1.0 are in no bin
import numpy as np
from scipy.optimize import minimize


def fit_platt(scores, labels):
    def neg_log_likelihood(params):
        A, B = params
        z = A * scores + B
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    return minimize(neg_log_likelihood, x0=[-1.0, 0.0], method="L-BFGS-B").x


def platt_predict(scores, A, B):
    return np.exp(-np.logaddexp(0, A * scores + B))


def calibration_stats(probs, labels, n_bins=10):
    """Returns (bin_pred, bin_actual, ECE)."""
    bins = np.linspace(0, 1, n_bins + 1)
    bin_pred = []
    bin_actual = []
    ece = 0.0
    N = len(labels)
    for i in range(n_bins):
        mask = (probs >= bins[i]) & (probs < bins[i + 1])
        if mask.sum() > 0:
            bp = probs[mask].mean()
            ba = labels[mask].mean()
            bin_pred.append(bp)
            bin_actual.append(ba)
            ece += (mask.sum() / N) * abs(bp - ba)
    return np.array(bin_pred), np.array(bin_actual), ece
