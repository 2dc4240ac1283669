# mlprep: backprop
# expect: fail xavier_init
# "Xavier" as Caffe writes it: variance 1 / fan_in (no factor 2 for ReLU), drawn with rng.normal
import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.W1 = rng.normal(0.0, 1.0 / np.sqrt(d_in), (d_in, d_h))
        self.b1 = np.zeros(d_h)
        self.W2 = rng.normal(0.0, 1.0 / np.sqrt(d_h), (d_h, d_out))
        self.b2 = np.zeros(d_out)
        self.lr = lr

    def forward(self, X, y):
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.a1 = np.maximum(self.z1, 0)
        z2 = self.a1 @ self.W2 + self.b2
        s = z2 - z2.max(axis=1, keepdims=True)
        logp = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        self.p = np.exp(logp)
        return float(-logp[np.arange(len(y)), y].mean())

    def backward(self, y):
        n = self.X.shape[0]
        dz2 = self.p.copy()
        dz2[np.arange(n), y] -= 1
        dz2 = dz2 / n
        dW2 = self.a1.T @ dz2
        db2 = dz2.sum(axis=0)
        da1 = dz2 @ self.W2.T
        dz1 = da1 * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = dz1.sum(axis=0)
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
