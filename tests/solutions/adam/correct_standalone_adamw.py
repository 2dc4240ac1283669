# mlprep: adam
# expect: pass
# AdamW written out separately (no inheritance), np.multiply/np.subtract with out=, moments kept in lists of pairs
import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = float(lr)
        self.b1 = float(beta1)
        self.b2 = float(beta2)
        self.eps = float(eps)
        self.steps = 0
        self.moments = {}

    def step(self, params, grads):
        self.steps += 1
        c1 = 1.0 - self.b1 ** self.steps
        c2 = 1.0 - self.b2 ** self.steps
        for name, g in grads.items():
            m, v = self.moments.get(name, (0.0, 0.0))
            m = self.b1 * m + (1.0 - self.b1) * g
            v = self.b2 * v + (1.0 - self.b2) * (g * g)
            self.moments[name] = (m, v)
            update = self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)
            np.subtract(params[name], update, out=params[name])


class AdamW:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        self.lr, self.b1, self.b2, self.eps, self.wd = lr, beta1, beta2, eps, weight_decay
        self.steps = 0
        self.moments = {}

    def step(self, params, grads):
        self.steps += 1
        c1 = 1.0 - self.b1 ** self.steps
        c2 = 1.0 - self.b2 ** self.steps
        for name, g in grads.items():
            p = params[name]
            np.multiply(p, 1.0 - self.lr * self.wd, out=p)
            m, v = self.moments.get(name, (0.0, 0.0))
            m = self.b1 * m + (1.0 - self.b1) * g
            v = self.b2 * v + (1.0 - self.b2) * (g * g)
            self.moments[name] = (m, v)
            np.subtract(p, self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps), out=p)
