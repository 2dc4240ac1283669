# mlprep: calibration
# expect: pass
# scipy Newton-CG with gradient and Hessian on robustly scaled scores (median / IQR); stats by pandas groupby
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import log_expit


def fit_platt(scores, labels):
    med = np.median(scores)
    q75, q25 = np.percentile(scores, [75, 25])
    scale = (q75 - q25) or 1.0
    t = (scores - med) / scale
    y = labels.astype(float)

    def f(w):
        z = w[0] * t + w[1]
        # log p = log_expit(-z), log(1 - p) = log_expit(z)
        return -np.mean(y * log_expit(-z) + (1 - y) * log_expit(z))

    def g(w):
        z = w[0] * t + w[1]
        r = y - np.exp(log_expit(-z))
        return np.array([np.mean(r * t), np.mean(r)])

    def h(w):
        z = w[0] * t + w[1]
        q = np.exp(log_expit(z) + log_expit(-z))
        return np.array([[np.mean(q * t * t), np.mean(q * t)], [np.mean(q * t), np.mean(q)]])

    res = minimize(f, x0=[-1.0, 0.0], jac=g, hess=h, method="Newton-CG", options={"xtol": 1e-12})
    a, b = res.x
    return float(a / scale), float(b - a * med / scale)


def platt_predict(scores, A, B):
    return np.exp(log_expit(-(A * scores + B)))


def calibration_stats(probs, labels, n_bins=10):
    df = pd.DataFrame({"p": probs, "y": labels})
    df["bin"] = np.clip((df["p"] * n_bins).astype(int), 0, n_bins - 1)
    g = df.groupby("bin", sort=True).agg(pred=("p", "mean"), actual=("y", "mean"), n=("p", "size"))
    ece = float((g["n"] / len(df) * (g["pred"] - g["actual"]).abs()).sum())
    return g["pred"].to_numpy(), g["actual"].to_numpy(), ece
