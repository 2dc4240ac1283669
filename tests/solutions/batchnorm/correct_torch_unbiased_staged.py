# mlprep: batchnorm
# expect: pass
# PyTorch's running variance (unbiased, N / (N - 1)); backward staged through dvar and dmu as in a computation graph
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps, self.momentum = eps, momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.cache = None

    def forward(self, x, training=True):
        if not training:
            return self.gamma * (x - self.running_mean) / np.sqrt(self.running_var + self.eps) + self.beta
        n = x.shape[0]
        mu = np.mean(x, axis=0)
        xc = x - mu
        var = np.mean(xc**2, axis=0)
        std = np.sqrt(var + self.eps)
        self.cache = (xc, var, std)
        self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * mu
        self.running_var = (1 - self.momentum) * self.running_var + self.momentum * var * n / (n - 1)
        return self.gamma * xc / std + self.beta

    def backward(self, dout):
        xc, var, std = self.cache
        n = dout.shape[0]
        x_hat = xc / std
        dgamma = np.sum(dout * x_hat, axis=0)
        dbeta = np.sum(dout, axis=0)
        dxhat = dout * self.gamma
        dvar = np.sum(dxhat * xc, axis=0) * -0.5 * (var + self.eps) ** -1.5
        dmu = -np.sum(dxhat, axis=0) / std + dvar * np.mean(-2.0 * xc, axis=0)
        dx = dxhat / std + dvar * 2.0 * xc / n + dmu / n
        return dx, dgamma, dbeta


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def forward(self, x):
        mu = np.mean(x, axis=-1, keepdims=True)
        xc = x - mu
        var = np.mean(xc**2, axis=-1, keepdims=True)
        std = np.sqrt(var + self.eps)
        self.cache = (xc, var, std)
        return self.gamma * (xc / std) + self.beta

    def backward(self, dout):
        xc, var, std = self.cache
        d = xc.shape[-1]
        x_hat = xc / std
        dgamma = np.sum(dout * x_hat, axis=0)
        dbeta = np.sum(dout, axis=0)
        dxhat = dout * self.gamma
        dvar = np.sum(dxhat * xc, axis=-1, keepdims=True) * -0.5 * (var + self.eps) ** -1.5
        dmu = -np.sum(dxhat, axis=-1, keepdims=True) / std + dvar * np.mean(-2.0 * xc, axis=-1, keepdims=True)
        dx = dxhat / std + dvar * 2.0 * xc / d + dmu / d
        return dx, dgamma, dbeta
