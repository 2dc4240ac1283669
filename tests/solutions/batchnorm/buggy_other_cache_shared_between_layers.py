# mlprep: batchnorm
# expect: fail
# CS231n-style functions with the backward cache in one module-level dict: correct for a single layer, but a
# second layer's forward overwrites what the first layer's backward needs
import numpy as np

CACHE = {}


def _norm_forward(x, gamma, beta, eps, axis):
    mu = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    x_hat = (x - mu) * inv_std
    CACHE["x_hat"], CACHE["inv_std"] = x_hat, inv_std
    return gamma * x_hat + beta, mu, var


def _norm_backward(dout, gamma, axis):
    x_hat, inv_std = CACHE["x_hat"], CACHE["inv_std"]
    n = x_hat.shape[axis]
    rows = tuple(range(dout.ndim - 1))
    dgamma = (dout * x_hat).sum(axis=rows)
    dbeta = dout.sum(axis=rows)
    g = dout * gamma
    dx = inv_std / n * (n * g - g.sum(axis=axis, keepdims=True) - x_hat * (g * x_hat).sum(axis=axis, keepdims=True))
    return dx, dgamma, dbeta


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)
        self.running_mean, self.running_var = np.zeros(num_features), np.ones(num_features)

    def forward(self, x, training=True):
        if not training:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        out, mu, var = _norm_forward(x, self.gamma, self.beta, self.eps, 0)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu[0]
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var[0]
        return out

    def backward(self, dout):
        return _norm_backward(dout, self.gamma, 0)


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma, self.beta = np.ones(num_features), np.zeros(num_features)

    def forward(self, x):
        return _norm_forward(x, self.gamma, self.beta, self.eps, -1)[0]

    def backward(self, dout):
        return _norm_backward(dout, self.gamma, -1)
