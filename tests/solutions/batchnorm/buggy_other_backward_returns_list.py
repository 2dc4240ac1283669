# mlprep: batchnorm
# expect: fail
# BatchNorm1d.backward returns a list [dx, dgamma, dbeta] where the prompt promises a tuple

import numpy as np


def _normalize(x, axis, eps):
    """(x_hat, inv_std): x standardised along ``axis`` with the biased variance, eps inside the sqrt."""
    mu = x.mean(axis=axis, keepdims=True)
    var = x.var(axis=axis, keepdims=True)  # biased (divides by the count), as the normalisation uses
    inv_std = 1.0 / np.sqrt(var + eps)
    return (x - mu) * inv_std, inv_std


def _batch_norm(x, gamma, beta, eps):
    """Training-mode batch norm of x (N, F) with the batch's own statistics: a pure function, for checks."""
    x_hat, _ = _normalize(x, 0, eps)
    return gamma * x_hat + beta


def _layer_norm(x, gamma, beta, eps):
    """Layer norm of x (..., F) over the last axis: a pure function, for gradient checks."""
    x_hat, _ = _normalize(x, -1, eps)
    return gamma * x_hat + beta


class BatchNorm1d:
    """Normalises each feature over the batch; running statistics stand in for the batch at inference."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self._x_hat = self._inv_std = None  # set by a training-mode forward, read by backward

    def forward(self, x, training=True):
        """x (N, F) -> (N, F). Training: batch statistics, and the running statistics move toward them.
        Inference: the running statistics, and nothing is updated."""
        if not training:
            x_hat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
            return self.gamma * x_hat + self.beta
        mu = x.mean(axis=0)
        var = x.var(axis=0)  # biased (divides by N): the statistic the normalisation uses
        inv_std = 1.0 / np.sqrt(var + self.eps)
        self._x_hat = (x - mu) * inv_std
        self._inv_std = inv_std
        m = self.momentum
        self.running_mean = (1 - m) * self.running_mean + m * mu
        self.running_var = (1 - m) * self.running_var + m * var
        return self.gamma * self._x_hat + self.beta

    def backward(self, dout):
        """(dx, dgamma, dbeta) for the last training-mode forward.

        mu and var depend on every row, so dx has two correction terms besides dout * gamma * inv_std:
        dx = inv_std / N * (N * dxh - sum(dxh) - x_hat * sum(dxh * x_hat)), with dxh = dout * gamma.
        """
        x_hat, inv_std = self._x_hat, self._inv_std
        n = dout.shape[0]
        dgamma = (dout * x_hat).sum(axis=0)
        dbeta = dout.sum(axis=0)
        dxh = dout * self.gamma
        dx = inv_std / n * (n * dxh - dxh.sum(axis=0) - x_hat * (dxh * x_hat).sum(axis=0))
        return [dx, dgamma, dbeta]


class LayerNorm:
    """Normalises each example over its features (the last axis); the same in training and inference."""

    def __init__(self, num_features, eps=1e-5):
        self.num_features = num_features
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self._cache = None

    def forward(self, x):
        """x (..., F) -> same shape, each row standardised over its own F features."""
        x_hat, inv_std = _normalize(x, -1, self.eps)
        self._cache = (x_hat, inv_std)
        return self.gamma * x_hat + self.beta

    def backward(self, dout):
        """(dx, dgamma, dbeta): the sums for dx run over the features; those for gamma, beta over the rows."""
        x_hat, inv_std = self._cache
        d = x_hat.shape[-1]
        rows = tuple(range(dout.ndim - 1))
        dgamma = (dout * x_hat).sum(axis=rows)
        dbeta = dout.sum(axis=rows)
        dxh = dout * self.gamma
        dx = inv_std / d * (
            d * dxh - dxh.sum(axis=-1, keepdims=True) - x_hat * (dxh * x_hat).sum(axis=-1, keepdims=True)
        )
        return dx, dgamma, dbeta
