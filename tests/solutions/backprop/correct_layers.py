# mlprep: backprop
# expect: pass
# small Linear / ReLU layer objects sharing the network's arrays; einsum; gradients collected before any update
import numpy as np


class Linear:
    def __init__(self, net, w, b):
        self.net, self.w, self.b = net, w, b

    def forward(self, x):
        self.x = x
        return np.einsum("ni,ij->nj", x, getattr(self.net, self.w)) + getattr(self.net, self.b)

    def backward(self, g):
        grads = {self.w: np.einsum("ni,nj->ij", self.x, g), self.b: g.sum(axis=0)}
        return np.einsum("nj,ij->ni", g, getattr(self.net, self.w)), grads


class ReLU:
    def forward(self, x):
        self.on = x > 0
        return np.where(self.on, x, 0.0)

    def backward(self, g):
        return np.where(self.on, g, 0.0)


class TwoLayerNet:
    def __init__(self, d_in, d_h, d_out, lr=0.01, seed=None):
        rng = np.random.default_rng(seed)
        self.W1 = rng.standard_normal((d_in, d_h)) / np.sqrt(d_in / 2.0)
        self.W2 = rng.standard_normal((d_h, d_out)) / np.sqrt(d_h / 2.0)
        self.b1, self.b2 = np.zeros(d_h), np.zeros(d_out)
        self.lr = lr
        self.layers = [Linear(self, "W1", "b1"), ReLU(), Linear(self, "W2", "b2")]

    def forward(self, X, y):
        out = X
        for layer in self.layers:
            out = layer.forward(out)
        shifted = out - out.max(axis=-1, keepdims=True)
        logp = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
        self.probs = np.exp(logp)
        return float(-np.mean(logp[np.arange(X.shape[0]), y]))

    def backward(self, y):
        n = self.probs.shape[0]
        g = self.probs.copy()
        g[np.arange(n), y] -= 1.0
        g = g / n
        grads = {}
        for layer in reversed(self.layers):
            if isinstance(layer, Linear):
                g, found = layer.backward(g)
                grads.update(found)
            else:
                g = layer.backward(g)
        for name, grad in grads.items():
            getattr(self, name).__isub__(self.lr * grad)
        return grads
