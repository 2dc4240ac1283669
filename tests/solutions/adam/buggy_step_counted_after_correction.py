# mlprep: adam
# expect: fail step_counted_after_correction
# the step counter is bumped at the end of step, so the first correction divides by 1 - beta^0 = 0
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.state = {}
        self.t = 0

    def step(self, params, grads):
        for name, g in grads.items():
            m, v = self.state.setdefault(name, (np.zeros_like(g, dtype=float), np.zeros_like(g, dtype=float)))
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * np.square(g)
            m_hat = m / (1 - self.beta1 ** self.t)
            v_hat = v / (1 - self.beta2 ** self.t)
            params[name] -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        self.t += 1


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        for name in grads:
            params[name] -= self.lr * self.weight_decay * params[name]
        super().step(params, grads)
