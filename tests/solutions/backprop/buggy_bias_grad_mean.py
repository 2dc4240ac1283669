# mlprep: backprop
# expect: fail bias_grad_mean
# bias gradients averaged over the batch although dz2 already carries the 1/N
import numpy as np


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.W1 = rng.standard_normal((d_in, d_h)) * np.sqrt(2.0 / d_in)
        self.b1 = np.zeros(d_h)
        self.W2 = rng.standard_normal((d_h, d_out)) * np.sqrt(2.0 / d_h)
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
        db2 = np.einsum("ij->j", dz2) / n
        da1 = dz2 @ self.W2.T
        dz1 = da1 * (self.z1 > 0)
        dW1 = self.X.T @ dz1
        db1 = np.ones(n) @ dz1 / n
        self.W1 -= self.lr * dW1
        self.b1 -= self.lr * db1
        self.W2 -= self.lr * dW2
        self.b2 -= self.lr * db2
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
