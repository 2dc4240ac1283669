# mlprep: backprop
# expect: pass
# parameters live in a dict behind properties (setters included); the update uses np.subtract(..., out=)
import numpy as np


def _prop(name):
    return property(lambda self: self.params[name], lambda self, v: self.params.__setitem__(name, v))


class TwoLayerNet:
    W1, b1, W2, b2 = _prop("W1"), _prop("b1"), _prop("W2"), _prop("b2")

    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.params = {
            "W1": rng.normal(0.0, np.sqrt(2.0 / d_in), (d_in, d_h)),
            "b1": np.zeros(d_h),
            "W2": rng.normal(0.0, np.sqrt(2.0 / d_h), (d_h, d_out)),
            "b2": np.zeros(d_out),
        }
        self.lr = lr

    def forward(self, X, y):
        P = self.params
        z1 = np.dot(X, P["W1"]) + P["b1"]
        mask = z1 > 0
        a1 = z1 * mask
        z2 = np.dot(a1, P["W2"]) + P["b2"]
        m = z2.max(axis=1, keepdims=True)
        log_z = m + np.log(np.sum(np.exp(z2 - m), axis=1, keepdims=True))
        self.cache = dict(X=X, mask=mask, a1=a1, probs=np.exp(z2 - log_z))
        picked = np.take_along_axis(z2 - log_z, np.asarray(y).reshape(-1, 1), axis=1)
        return -float(picked.mean())

    def backward(self, y):
        c, P = self.cache, self.params
        n = c["X"].shape[0]
        d2 = c["probs"] - np.eye(c["probs"].shape[1])[y]
        d2 = d2 / n
        d1 = np.dot(d2, P["W2"].T) * c["mask"]
        grads = {
            "W1": np.dot(c["X"].T, d1), "b1": np.sum(d1, axis=0),
            "W2": np.dot(c["a1"].T, d2), "b2": np.sum(d2, axis=0),
        }
        for k, g in grads.items():
            np.subtract(P[k], self.lr * g, out=P[k])
        return grads
