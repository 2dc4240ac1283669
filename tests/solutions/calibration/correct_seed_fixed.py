# mlprep: calibration
# expect: pass
# the seed's code with its bugs fixed: logaddexp loss (no clip) with L-BFGS-B from x0 = (-1, 0) on raw scores, last bin closed
import numpy as np
from scipy.optimize import minimize


def fit_platt(scores, labels):
    """Fit Platt sigmoid: p = 1/(1 + exp(A*score + B)) via MLE."""
    def neg_log_likelihood(params):
        A, B = params
        z = A * scores + B
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    res = minimize(neg_log_likelihood, x0=[-1.0, 0.0], method="L-BFGS-B")
    return res.x


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
        upper = probs <= bins[i + 1] if i == n_bins - 1 else probs < bins[i + 1]
        mask = (probs >= bins[i]) & upper
        if mask.sum() > 0:
            bp = probs[mask].mean()
            ba = labels[mask].mean()
            bin_pred.append(bp)
            bin_actual.append(ba)
            ece += (mask.sum() / N) * abs(bp - ba)
    return np.array(bin_pred), np.array(bin_actual), ece
