# mlprep: backprop
# expect: pass
# He-uniform initialisation (U(+-sqrt(6/fan_in)) has std sqrt(2/fan_in)), scipy logsumexp, np.where for the ReLU gate
import numpy as np
from scipy.special import logsumexp


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        lim1, lim2 = np.sqrt(6.0 / d_in), np.sqrt(6.0 / d_h)
        self.W1 = rng.uniform(-lim1, lim1, size=(d_in, d_h))
        self.W2 = rng.uniform(-lim2, lim2, size=(d_h, d_out))
        self.b1 = np.zeros(d_h)
        self.b2 = np.zeros(d_out)
        self.lr = lr

    def forward(self, X, y):
        h = X @ self.W1 + self.b1
        a = np.where(h > 0, h, 0.0)
        logits = a @ self.W2 + self.b2
        lse = logsumexp(logits, axis=1)
        self.saved = (X, h, a, logits, lse)
        return float(np.mean(lse - logits[np.arange(len(y)), y]))

    def backward(self, y):
        X, h, a, logits, lse = self.saved
        n = len(y)
        probs = np.exp(logits - lse[:, None])
        onehot = np.zeros_like(probs)
        onehot[np.arange(n), y] = 1.0
        g2 = (probs - onehot) / n
        grads = {"W2": a.T @ g2, "b2": g2.sum(0)}
        g1 = np.where(h > 0, g2 @ self.W2.T, 0.0)
        grads["W1"] = X.T @ g1
        grads["b1"] = g1.sum(0)
        for k in ("W1", "b1", "W2", "b2"):
            getattr(self, k)[...] -= self.lr * grads[k]
        return grads
