# mlprep: lstm
# expect: fail
# weights reshaped to (D, 4H) instead of transposed: the shapes fit, the entries are scrambled
import numpy as np
from scipy.special import expit


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    out = []
    for xt in x:
        a = xt @ W_ih.reshape(W_ih.shape[1], -1) + h @ W_hh.reshape(H, -1) + b_ih + b_hh
        i, f, g, o = expit(a[:, :H]), expit(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), expit(a[:, 3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.stack(out), (h, c)
