# mlprep: batchnorm
# expect: fail momentum_inverted
# running = momentum * running + (1 - momentum) * batch (the Keras convention with a PyTorch momentum)
import numpy as np


class BatchNorm1d:
    def __init__(self, num_features, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        if not training:
            xn = (x - self.running_mean) / np.sqrt(self.running_var + self.eps)
            return self.gamma * xn + self.beta
        mu = x.mean(axis=0)
        var = x.var(axis=0)
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        m = self.momentum
        self.running_mean += (1 - m) * (mu - self.running_mean)
        self.running_var += (1 - m) * (var - self.running_var)
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        n = dout.shape[0]
        g = dout * self.gamma
        dx = (n * g - g.sum(axis=0) - self.xn * (g * self.xn).sum(axis=0)) / (n * self.std)
        return dx, (dout * self.xn).sum(axis=0), dout.sum(axis=0)


class LayerNorm:
    def __init__(self, num_features, eps=1e-5):
        self.eps = eps
        self.gamma = np.ones(num_features)
        self.beta = np.zeros(num_features)

    def forward(self, x):
        mu = x.mean(axis=-1, keepdims=True)
        var = x.var(axis=-1, keepdims=True)
        self.std = np.sqrt(var + self.eps)
        self.xn = (x - mu) / self.std
        return self.gamma * self.xn + self.beta

    def backward(self, dout):
        d = dout.shape[-1]
        g = dout * self.gamma
        dx = (d * g - g.sum(axis=-1, keepdims=True) - self.xn * (g * self.xn).sum(axis=-1, keepdims=True)) / (d * self.std)
        return dx, (dout * self.xn).sum(axis=0), dout.sum(axis=0)
