# mlprep: batchnorm
# expect: pass
# np.std-based normalisation, einsum reductions; running variance unbiased via np.var(ddof=1); mode flag stored
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)
        self.last = {}

    def forward(self, x, training=True):
        if training:
            mean = np.mean(x, axis=0)
            denom = np.sqrt(np.std(x, axis=0) ** 2 + self.eps)
            x_hat = (x - mean) / denom
            self.last = {"x_hat": x_hat, "denom": denom}
            m = self.momentum
            self.running_mean = m * mean + (1 - m) * self.running_mean
            self.running_var = m * np.var(x, axis=0, ddof=1) + (1 - m) * self.running_var
        else:
            x_hat = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
        return np.einsum("f,nf->nf", self.gamma, x_hat) + self.beta

    def backward(self, dout):
        x_hat, denom = self.last["x_hat"], self.last["denom"]
        n = x_hat.shape[0]
        dgamma = np.einsum("nf,nf->f", dout, x_hat)
        dbeta = np.einsum("nf->f", dout)
        g = dout * self.gamma
        dx = (g - g.mean(axis=0) - x_hat * np.einsum("nf,nf->f", g, x_hat) / n) / denom
        return dx, dgamma, dbeta


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def forward(self, x):
        mean = x.mean(-1, keepdims=True)
        denom = np.sqrt(x.std(-1, keepdims=True) ** 2 + self.eps)
        self.x_hat, self.denom = (x - mean) / denom, denom
        return self.gamma * self.x_hat + self.beta

    def backward(self, dout):
        x_hat, denom = self.x_hat, self.denom
        g = dout * self.gamma
        dx = (g - g.mean(-1, keepdims=True) - x_hat * (g * x_hat).mean(-1, keepdims=True)) / denom
        return dx, np.einsum("nf,nf->f", dout, x_hat), dout.sum(0)
