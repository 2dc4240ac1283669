# mlprep: adam
# expect: pass
# PyTorch-style: a state dict per parameter with its own step count (the same as one counter when every
# parameter gets a gradient every step), step size and denominator split as torch.optim.Adam does
import math

import numpy as np


class Adam:
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = lr
        self.betas = (beta1, beta2)
        self.eps = eps
        self.state = {}

    def _update(self, p, g, st):
        b1, b2 = self.betas
        st["step"] += 1
        st["exp_avg"] *= b1
        st["exp_avg"] += (1 - b1) * g
        st["exp_avg_sq"] *= b2
        st["exp_avg_sq"] += (1 - b2) * g * g
        bc1 = 1 - b1 ** st["step"]
        bc2 = 1 - b2 ** st["step"]
        denom = np.sqrt(st["exp_avg_sq"]) / math.sqrt(bc2) + self.eps
        np.subtract(p, (self.lr / bc1) * st["exp_avg"] / denom, out=p)

    def step(self, params, grads):
        for name in params:
            if name not in grads:
                continue
            st = self.state.setdefault(
                name, {"step": 0, "exp_avg": np.zeros(params[name].shape), "exp_avg_sq": np.zeros(params[name].shape)}
            )
            self._update(params[name], grads[name], st)


class AdamW(Adam):
    def __init__(self, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.01):
        super().__init__(lr, beta1, beta2, eps)
        self.weight_decay = weight_decay

    def _update(self, p, g, st):
        p *= 1.0 - self.lr * self.weight_decay
        super()._update(p, g, st)
