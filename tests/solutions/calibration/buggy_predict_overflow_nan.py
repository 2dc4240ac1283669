# mlprep: calibration
# expect: fail predict_overflow_nan
# platt_predict as exp(-z) / (1 + exp(-z)): inf / inf = NaN once -z passes about 709; the fit is fine
import numpy as np
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
    z = A * scores + B
    e = np.exp(-z)
    return e / (1 + e)


def calibration_stats(probs, labels, n_bins=10):
    idx = np.minimum((probs * n_bins).astype(int), n_bins - 1)
    out_p, out_y, ece = [], [], 0.0
    for b in range(n_bins):
        sel = idx == b
        if sel.any():
            out_p.append(probs[sel].mean())
            out_y.append(labels[sel].mean())
            ece += sel.sum() * abs(out_p[-1] - out_y[-1])
    return np.array(out_p), np.array(out_y), ece / len(probs)
