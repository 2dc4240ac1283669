# mlprep: backprop
# expect: pass
# the seed's layout (relu helpers, a softmax, an update loop) with the loss made exact and a seeded RandomState
import numpy as np


def relu(x):
    return np.maximum(0, x)


def relu_back(x):
    return (x > 0).astype(float)


def log_softmax(x):
    x = x - x.max(axis=1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=1, keepdims=True))


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rs = np.random.RandomState(seed)
        self.W1 = rs.randn(d_in, d_h) * np.sqrt(2.0 / d_in)
        self.b1 = np.zeros(d_h)
        self.W2 = rs.randn(d_h, d_out) * np.sqrt(2.0 / d_h)
        self.b2 = np.zeros(d_out)
        self.lr = lr

    def forward(self, X, y):
        N = X.shape[0]
        self.X = X
        self.z1 = X @ self.W1 + self.b1
        self.a1 = relu(self.z1)
        self.z2 = self.a1 @ self.W2 + self.b2
        logp = log_softmax(self.z2)
        self.p = np.exp(logp)
        return float(-logp[np.arange(N), y].mean())

    def backward(self, y):
        N = self.X.shape[0]
        dz2 = self.p.copy()
        dz2[np.arange(N), y] -= 1
        dz2 /= N
        dW2 = self.a1.T @ dz2
        db2 = dz2.sum(axis=0)
        da1 = dz2 @ self.W2.T
        dz1 = da1 * relu_back(self.z1)
        dW1 = self.X.T @ dz1
        db1 = dz1.sum(axis=0)
        for p, g in [(self.W2, dW2), (self.b2, db2), (self.W1, dW1), (self.b1, db1)]:
            p -= self.lr * g
        return {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
