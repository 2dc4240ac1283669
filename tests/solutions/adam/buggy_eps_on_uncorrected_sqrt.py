# mlprep: adam
# expect: fail eps_on_uncorrected_sqrt
# the paper's "efficient" version: alpha_t = lr * sqrt(1 - b2^t) / (1 - b1^t), eps added to sqrt(v)
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = {}, {}, 0

    def step(self, params, grads):
        self.t += 1
        alpha = self.lr * math.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        for k, g in grads.items():
            self.m[k] = self.beta1 * self.m.get(k, 0.0) + (1 - self.beta1) * g
            self.v[k] = self.beta2 * self.v.get(k, 0.0) + (1 - self.beta2) * g * g
            params[k] -= alpha * self.m[k] / (np.sqrt(self.v[k]) + self.eps)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        for k in grads:
            params[k] *= 1 - self.lr * self.weight_decay
        super().step(params, grads)
