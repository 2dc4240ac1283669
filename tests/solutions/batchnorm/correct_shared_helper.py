# mlprep: batchnorm
# expect: pass
# one normalise/backward helper parameterised by axis, shared by both classes; running stats updated in place
import numpy as np


def _norm(x, axis, eps):
    mu = x.mean(axis=axis, keepdims=True)
    var = ((x - mu) ** 2).mean(axis=axis, keepdims=True)
    rstd = (var + eps) ** -0.5
    return (x - mu) * rstd, rstd, mu, var


def _norm_backward(g, x_hat, rstd, axis):
    return rstd * (g - g.mean(axis=axis, keepdims=True) - x_hat * (g * x_hat).mean(axis=axis, keepdims=True))


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            x_hat, rstd, mu, var = _norm(x, 0, self.eps)
            self._saved = (x_hat, rstd)
            self.running_mean *= 1 - self.momentum
            self.running_mean += self.momentum * mu[0]
            self.running_var *= 1 - self.momentum
            self.running_var += self.momentum * var[0]
        else:
            x_hat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return x_hat * self.gamma + self.beta

    def backward(self, dout):
        x_hat, rstd = self._saved
        dx = _norm_backward(dout * self.gamma, x_hat, rstd, 0)
        return dx, (dout * x_hat).sum(0), dout.sum(0)


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def forward(self, x):
        x_hat, rstd, _, _ = _norm(x, -1, self.eps)
        self._saved = (x_hat, rstd)
        return x_hat * self.gamma + self.beta

    def backward(self, dout):
        x_hat, rstd = self._saved
        dx = _norm_backward(dout * self.gamma, x_hat, rstd, -1)
        lead = tuple(range(dout.ndim - 1))
        return dx, (dout * x_hat).sum(lead), dout.sum(lead)
