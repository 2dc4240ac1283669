# mlprep: calibration
# expect: pass
# hand-written Newton on the raw scores (no standardising) with a softplus loss; bins by floor(p * n_bins) capped
import numpy as np


def _softplus(x):
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _sigmoid(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def fit_platt(scores, labels):
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=float)
    X = np.column_stack([s, np.ones_like(s)])
    prior = y.mean()
    w = np.array([0.0, np.log((1 - prior) / prior)])

    def loss(w):
        z = X @ w
        return np.mean(y * _softplus(z) + (1 - y) * _softplus(-z))

    current = loss(w)
    for _ in range(200):
        z = X @ w
        p = _sigmoid(-z)  # P(y = 1)
        g = X.T @ (y - p) / len(y)
        H = (X * (p * (1 - p))[:, None]).T @ X / len(y)
        step = np.linalg.solve(H, g)
        t = 1.0
        while loss(w - t * step) > current and t > 1e-8:
            t /= 2
        w_new = w - t * step
        new = loss(w_new)
        done = np.max(np.abs(w_new - w)) < 1e-13 * (1 + np.max(np.abs(w)))
        w, current = w_new, new
        if done:
            break
    return float(w[0]), float(w[1])


def platt_predict(scores, A, B):
    z = A * np.asarray(scores, dtype=float) + B
    return _sigmoid(-z)


def calibration_stats(probs, labels, n_bins=10):
    probs = np.asarray(probs, dtype=float)
    labels = np.asarray(labels, dtype=float)
    idx = np.minimum(np.floor(probs * n_bins).astype(int), n_bins - 1)
    bin_pred, bin_actual, ece = [], [], 0.0
    for b in range(n_bins):
        m = idx == b
        if m.any():
            bp, ba = probs[m].mean(), labels[m].mean()
            bin_pred.append(bp)
            bin_actual.append(ba)
            ece += m.sum() / len(probs) * abs(bp - ba)
    return np.array(bin_pred), np.array(bin_actual), float(ece)
