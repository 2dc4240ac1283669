# mlprep: adam
# expect: fail no_bias_correction
# uses the raw moments m / (sqrt(v) + eps): forgot the bias correction
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v = {}, {}

    def step(self, params, grads):
        for k, g in grads.items():
            m = self.m.get(k, np.zeros_like(g))
            v = self.v.get(k, np.zeros_like(g))
            m = self.beta1 * m + (1 - self.beta1) * g
            v = self.beta2 * v + (1 - self.beta2) * g ** 2
            self.m[k], self.v[k] = m, v
            params[k] -= self.lr * m / (np.sqrt(v) + self.eps)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        for k in grads:
            params[k] *= 1 - self.lr * self.weight_decay
        super().step(params, grads)
