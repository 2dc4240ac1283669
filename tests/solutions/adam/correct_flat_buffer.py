# mlprep: adam
# expect: pass
# all moments in one flat buffer with per-name slices; writes results back with slice assignment p[...] = ...
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.t = 0
        self.slices = None
        self.m = None
        self.v = None

    def _layout(self, grads):
        start = 0
        self.slices = {}
        for name in sorted(grads):
            size = np.size(grads[name])
            self.slices[name] = slice(start, start + size)
            start += size
        self.m = np.zeros(start)
        self.v = np.zeros(start)

    def _pre(self, params, grads):
        return None

    def step(self, params, grads):
        if self.slices is None:
            self._layout(grads)
        self._pre(params, grads)
        g = np.concatenate([np.ravel(grads[n]) for n in sorted(grads)])
        self.t += 1
        self.m = self.beta1 * self.m + (1 - self.beta1) * g
        self.v = self.beta2 * self.v + (1 - self.beta2) * np.square(g)
        m_hat = self.m / (1 - self.beta1 ** self.t)
        v_hat = self.v / (1 - self.beta2 ** self.t)
        delta = self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        for name, sl in self.slices.items():
            p = params[name]
            p[...] = p - delta[sl].reshape(p.shape)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def _pre(self, params, grads):
        for name in grads:
            p = params[name]
            p[...] = p * (1 - self.lr * self.weight_decay)
