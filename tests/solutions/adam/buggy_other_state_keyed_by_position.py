# mlprep: adam
# expect: fail
# pairs parameters with gradients by position (zip of the two dicts' values) and keeps the moments in lists
# by that position: right only while both dicts list the names in one fixed order
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.m, self.v, self.t = [], [], 0

    def _decay(self, params, grads):
        pass

    def step(self, params, grads):
        self._decay(params, grads)
        self.t += 1
        for i, (p, g) in enumerate(zip(params.values(), grads.values())):
            if i == len(self.m):
                self.m.append(np.zeros(np.shape(g)))
                self.v.append(np.zeros(np.shape(g)))
            self.m[i] = self.beta1 * self.m[i] + (1 - self.beta1) * g
            self.v[i] = self.beta2 * self.v[i] + (1 - self.beta2) * g * g
            m_hat = self.m[i] / (1 - self.beta1 ** self.t)
            v_hat = self.v[i] / (1 - self.beta2 ** self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def _decay(self, params, grads):
        for k in grads:
            params[k] *= 1 - self.lr * self.weight_decay
