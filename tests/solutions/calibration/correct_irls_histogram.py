# mlprep: calibration
# expect: pass
# IRLS (Newton as weighted least squares via lstsq) on centred scores; stats with np.histogram (last bin closed)
import numpy as np


def fit_platt(scores, labels):
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    c, k = s.mean(), s.std()
    X = np.stack([(s - c) / k, np.ones_like(s)], axis=1)
    beta = np.zeros(2)  # logistic-regression coefficients: P(y=1) = sigmoid(X @ beta)
    for _ in range(100):
        eta = X @ beta
        mu = 0.5 * (1.0 + np.tanh(0.5 * eta))  # a stable sigmoid
        w = np.clip(mu * (1.0 - mu), 1e-300, None)
        zwork = eta + (y - mu) / w
        sw = np.sqrt(w)
        new = np.linalg.lstsq(X * sw[:, None], zwork * sw, rcond=None)[0]
        if np.allclose(new, beta, rtol=1e-14, atol=1e-14):
            beta = new
            break
        beta = new
    a, b = beta
    # sigmoid(a t + b) = 1 / (1 + exp(-(a t + b))): Platt's A, B are the negatives, mapped back to raw scores
    A = -a / k
    B = -(b - a * c / k)
    return A, B


def platt_predict(scores, A, B):
    z = A * np.asarray(scores) + B
    return 0.5 * (1.0 - np.tanh(0.5 * z))


def calibration_stats(probs, labels, n_bins=10):
    probs = np.asarray(probs, dtype=float)
    labels = np.asarray(labels, dtype=float)
    counts, _ = np.histogram(probs, bins=n_bins, range=(0.0, 1.0))
    psum, _ = np.histogram(probs, bins=n_bins, range=(0.0, 1.0), weights=probs)
    ysum, _ = np.histogram(probs, bins=n_bins, range=(0.0, 1.0), weights=labels)
    keep = counts > 0
    bp = psum[keep] / counts[keep]
    ba = ysum[keep] / counts[keep]
    ece = np.sum(counts[keep] / counts.sum() * np.abs(bp - ba))
    return bp, ba, ece
