# mlprep: batchnorm
# expect: pass
# the seed's BatchNorm1d with its cache kept apart from the inference path; LayerNorm on axis -1 with keepdims
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.eps = eps
        self.mom = momentum
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if training:
            self.mu = x.mean(axis=0)
            self.var = x.var(axis=0)
            self.x_hat = (x - self.mu) / np.sqrt(self.var + self.eps)
            self.running_mean = (1 - self.mom) * self.running_mean + self.mom * self.mu
            self.running_var = (1 - self.mom) * self.running_var + self.mom * self.var
            return self.gamma * self.x_hat + self.beta
        x_hat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return self.gamma * x_hat + self.beta

    def backward(self, dout):
        N = dout.shape[0]
        dgamma = (dout * self.x_hat).sum(axis=0)
        dbeta = dout.sum(axis=0)
        dx_hat = dout * self.gamma
        inv_std = 1.0 / np.sqrt(self.var + self.eps)
        dx = (1.0 / N) * inv_std * (N * dx_hat - dx_hat.sum(axis=0) - self.x_hat * (dx_hat * self.x_hat).sum(axis=0))
        return dx, dgamma, dbeta


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.eps = eps

    def forward(self, x):
        mu = x.mean(axis=-1, keepdims=True)
        self.var = x.var(axis=-1, keepdims=True)
        self.x_hat = (x - mu) / np.sqrt(self.var + self.eps)
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        D = dout.shape[-1]
        dgamma = (dout * self.x_hat).sum(axis=0)
        dbeta = dout.sum(axis=0)
        g = dout * self.gamma
        inv_std = 1.0 / np.sqrt(self.var + self.eps)
        dx = inv_std / D * (D * g - g.sum(axis=-1, keepdims=True) - self.x_hat * (g * self.x_hat).sum(axis=-1, keepdims=True))
        return dx, dgamma, dbeta
