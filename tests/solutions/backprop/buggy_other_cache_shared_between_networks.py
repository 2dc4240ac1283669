# mlprep: backprop
# expect: fail
# the forward pass's activations kept in a class attribute dict, shared by every network: one network's forward
# between another's forward and backward hands the second network's activations to the first's backward
import numpy as np


class TwoLayerNet:
    cache = {}

    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, np.sqrt(2.0 / d_in), (d_in, d_h))
        self.b1 = np.zeros(d_h)
        self.W2 = rng.normal(0.0, np.sqrt(2.0 / d_h), (d_h, d_out))
        self.b2 = np.zeros(d_out)
        self.lr = lr

    def forward(self, X, y):
        z1 = X @ self.W1 + self.b1
        a1 = np.maximum(z1, 0.0)
        z2 = a1 @ self.W2 + self.b2
        shifted = z2 - z2.max(axis=1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        self.cache.update(X=X, z1=z1, a1=a1, p=np.exp(logp))
        return float(-logp[np.arange(len(y)), y].mean())

    def backward(self, y):
        X, z1, a1, p = (self.cache[k] for k in ("X", "z1", "a1", "p"))
        n = len(y)
        dz2 = p.copy()
        dz2[np.arange(n), y] -= 1.0
        dz2 /= n
        dz1 = (dz2 @ self.W2.T) * (z1 > 0)
        grads = {"W1": X.T @ dz1, "b1": dz1.sum(axis=0), "W2": a1.T @ dz2, "b2": dz2.sum(axis=0)}
        for name, g in grads.items():
            getattr(self, name).__isub__(self.lr * g)
        return grads
