# mlprep: adam
# expect: pass
# bias corrections folded into a step size, but eps still added to sqrt(v_hat) (PyTorch's convention)
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.t = 0
        self.m = {}
        self.v = {}

    def step(self, params, grads):
        self.t += 1
        step_size = self.lr / (1 - self.beta1 ** self.t)
        root_c2 = math.sqrt(1 - self.beta2 ** self.t)
        for name in grads:
            g = np.asarray(grads[name], dtype=float)
            m = self.m.setdefault(name, np.zeros_like(g))
            v = self.v.setdefault(name, np.zeros_like(g))
            m[:] = self.beta1 * m + (1 - self.beta1) * g
            v[:] = self.beta2 * v + (1 - self.beta2) * g * g
            params[name] -= step_size * m / (np.sqrt(v) / root_c2 + self.eps)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        Adam.__init__(self, lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        shrink = 1 - self.lr * self.weight_decay
        for name in grads:
            params[name] *= shrink
        Adam.step(self, params, grads)
