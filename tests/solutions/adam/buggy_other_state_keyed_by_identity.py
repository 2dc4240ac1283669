# mlprep: adam
# expect: fail
# moments keyed by id() of the parameter array, as torch keys state by the tensor object: an array replaced
# under the same name (a reloaded checkpoint) starts again from zero moments
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr, self.beta1, self.beta2, self.eps = lr, beta1, beta2, eps
        self.state, self.t = {}, 0

    def _decay(self, params, grads):
        pass

    def step(self, params, grads):
        self._decay(params, grads)
        self.t += 1
        for k, g in grads.items():
            p = params[k]
            m, v = self.state.setdefault(id(p), (np.zeros(p.shape), np.zeros(p.shape)))
            m *= self.beta1
            m += (1 - self.beta1) * g
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            p -= self.lr * (m / (1 - self.beta1 ** self.t)) / (np.sqrt(v / (1 - self.beta2 ** self.t)) + self.eps)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def _decay(self, params, grads):
        for k in grads:
            params[k] *= 1 - self.lr * self.weight_decay
