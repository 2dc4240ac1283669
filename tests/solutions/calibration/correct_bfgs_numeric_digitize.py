# mlprep: calibration
# expect: pass
# seed-style: plain BFGS with numerical gradient from x0 = 0 on standardised scores, exact logaddexp loss; digitize bins
import numpy as np
from scipy.optimize import minimize


def fit_platt(scores, labels):
    m, sd = np.mean(scores), np.std(scores)
    u = (scores - m) / sd

    def neg_log_likelihood(params):
        a, b = params
        z = a * u + b
        return np.mean(labels * np.logaddexp(0, z) + (1 - labels) * np.logaddexp(0, -z))

    a, b = minimize(neg_log_likelihood, x0=[0.0, 0.0], method="BFGS").x
    return a / sd, b - a * m / sd


def platt_predict(scores, A, B):
    z = A * scores + B
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(z))


def calibration_stats(probs, labels, n_bins=10):
    bins = np.linspace(0, 1, n_bins + 1)
    which = np.digitize(probs, bins[1:-1])  # 0 .. n_bins - 1; 1.0 lands in the last bin
    bin_pred, bin_actual, ece = [], [], 0.0
    for b in np.unique(which):
        sel = which == b
        bin_pred.append(probs[sel].mean())
        bin_actual.append(labels[sel].mean())
        ece += sel.mean() * abs(bin_pred[-1] - bin_actual[-1])
    return np.array(bin_pred), np.array(bin_actual), ece
