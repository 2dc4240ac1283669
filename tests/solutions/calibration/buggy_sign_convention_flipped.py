# mlprep: calibration
# expect: fail sign_convention_flipped
# uses the logistic-regression convention p = sigmoid(A s + B) in both functions: returns (-A, -B) and predicts 1 - p
import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, log_expit


def fit_platt(scores, labels):
    m, s = scores.mean(), scores.std()
    t = (scores - m) / s

    def nll(w):
        z = w[0] * t + w[1]
        return -np.mean(labels * log_expit(z) + (1 - labels) * log_expit(-z))

    a, b = minimize(nll, [0.0, 0.0], method="BFGS").x
    return a / s, b - a * m / s


def platt_predict(scores, A, B):
    return expit(A * scores + B)


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(idx, minlength=n_bins)
    keep = counts > 0
    bp = np.bincount(idx, weights=probs, minlength=n_bins)[keep] / counts[keep]
    ba = np.bincount(idx, weights=labels, minlength=n_bins)[keep] / counts[keep]
    return bp, ba, float(np.sum(counts[keep] * np.abs(bp - ba)) / len(probs))
