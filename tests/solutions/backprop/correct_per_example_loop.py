# mlprep: backprop
# expect: pass
# per-example Python loop for loss and gradients (accumulated then averaged); legacy global np.random.seed
import math

import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        np.random.seed(seed)
        self.W1 = np.random.randn(d_in, d_h) * math.sqrt(2 / d_in)
        self.b1 = np.zeros(d_h)
        self.W2 = np.random.randn(d_h, d_out) * math.sqrt(2 / d_h)
        self.b2 = np.zeros(d_out)
        self.lr = lr

    def forward(self, X, y):
        self._X = np.array(X, dtype=float)
        total = 0.0
        for x, label in zip(self._X, y):
            z2 = np.maximum(x @ self.W1 + self.b1, 0) @ self.W2 + self.b2
            top = z2.max()
            total += top + math.log(np.exp(z2 - top).sum()) - z2[int(label)]
        return total / len(self._X)

    def backward(self, y):
        g = {k: np.zeros_like(getattr(self, k)) for k in ("W1", "b1", "W2", "b2")}
        n = len(self._X)
        for x, label in zip(self._X, y):
            z1 = x @ self.W1 + self.b1
            a1 = np.maximum(z1, 0)
            z2 = a1 @ self.W2 + self.b2
            e = np.exp(z2 - z2.max())
            d2 = e / e.sum()
            d2[int(label)] -= 1
            g["W2"] += np.outer(a1, d2)
            g["b2"] += d2
            d1 = (self.W2 @ d2) * (z1 > 0)
            g["W1"] += np.outer(x, d1)
            g["b1"] += d1
        for k in g:
            g[k] /= n
        self.W1 -= self.lr * g["W1"]
        self.b1 -= self.lr * g["b1"]
        self.W2 -= self.lr * g["W2"]
        self.b2 -= self.lr * g["b2"]
        return g
