# mlprep: batchnorm
# expect: pass
# BatchNorm one feature at a time and LayerNorm one row at a time, in Python loops (2-D for backward, any shape forward)
import math

import numpy as np


def _standardise(v, eps):
    mu = sum(v) / len(v)
    var = sum((t - mu) ** 2 for t in v) / len(v)
    inv = 1.0 / math.sqrt(var + eps)
    return np.array([(t - mu) * inv for t in v]), inv


def _vec_backward(g, xh, inv):
    n = len(g)
    sg = g.sum()
    sgx = (g * xh).sum()
    return inv / n * (n * g - sg - xh * sgx)


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.F = num_features
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        x = np.asarray(x, dtype=float)
        out = np.empty_like(x)
        if not training:
            for j in range(self.F):
                out[:, j] = self.gamma[j] * (x[:, j] - self.running_mean[j]) / math.sqrt(self.running_var[j] + self.eps) + self.beta[j]
            return out
        self.xh = np.empty_like(x)
        self.inv = np.empty(self.F)
        new_mean, new_var = self.running_mean.copy(), self.running_var.copy()
        for j in range(self.F):
            col = x[:, j]
            self.xh[:, j], self.inv[j] = _standardise(list(col), self.eps)
            out[:, j] = self.gamma[j] * self.xh[:, j] + self.beta[j]
            new_mean[j] = (1 - self.momentum) * new_mean[j] + self.momentum * col.mean()
            new_var[j] = (1 - self.momentum) * new_var[j] + self.momentum * col.var()
        self.running_mean, self.running_var = new_mean, new_var
        return out

    def backward(self, dout):
        dx = np.empty_like(self.xh)
        for j in range(self.F):
            dx[:, j] = _vec_backward(dout[:, j] * self.gamma[j], self.xh[:, j], self.inv[j])
        return dx, (dout * self.xh).sum(axis=0), dout.sum(axis=0)


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def forward(self, x):
        x = np.asarray(x, dtype=float)
        flat = x.reshape(-1, x.shape[-1])
        self.xh = np.empty_like(flat)
        self.inv = np.empty(len(flat))
        for i, row in enumerate(flat):
            self.xh[i], self.inv[i] = _standardise(list(row), self.eps)
        return (self.gamma * self.xh + self.beta).reshape(x.shape)

    def backward(self, dout):
        dx = np.empty_like(self.xh)
        for i in range(len(dx)):
            dx[i] = _vec_backward(dout[i] * self.gamma, self.xh[i], self.inv[i])
        return dx, (dout * self.xh).sum(axis=0), dout.sum(axis=0)
