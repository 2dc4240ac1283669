# mlprep: adam
"""Reference solution: Adam and AdamW (decoupled weight decay, as torch.optim.AdamW does it)."""

import numpy as np


class Adam:
    """Adam with bias-corrected moments and one step counter for the whole optimiser.

    ``step(params, grads)`` takes two dicts name -> array and updates every array of ``params`` in
    place, so anyone holding a reference to a parameter sees the new values.
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        self.m = {}  # first moment (running mean of gradients), per parameter name
        self.v = {}  # second moment (running mean of squared gradients), per parameter name
        self.t = 0  # steps taken: one counter for the optimiser, not one per parameter

    def step(self, params, grads):
        """One Adam update of every parameter that has a gradient, in place."""
        self.t += 1
        bias1 = 1.0 - self.beta1 ** self.t
        bias2 = 1.0 - self.beta2 ** self.t
        for name, g in grads.items():
            p = params[name]
            if name not in self.m:
                self.m[name] = np.zeros_like(p, dtype=float)
                self.v[name] = np.zeros_like(p, dtype=float)
            m, v = self.m[name], self.v[name]
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            v += (1.0 - self.beta2) * g * g
            m_hat = m / bias1
            v_hat = v / bias2
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


class AdamW(Adam):
    """Adam with decoupled weight decay: ``p *= 1 - lr * weight_decay``, then the Adam update.

    The decay never enters the moments, so every weight shrinks by the same factor whatever its
    gradient history (unlike L2 regularisation added to the gradient).
    """

    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def step(self, params, grads):
        """Decay every parameter that has a gradient, in place, then take an Adam step."""
        for name in grads:
            params[name] *= 1.0 - self.lr * self.weight_decay
        super().step(params, grads)
