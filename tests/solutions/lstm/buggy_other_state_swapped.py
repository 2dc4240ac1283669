# mlprep: lstm
# expect: fail
# returns the final states as (c_T, h_T) instead of (h_T, c_T); the backward never uses the final states
import numpy as np
from scipy.special import expit


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    out = []
    for xt in x:
        a = xt @ W_ih.T + h @ W_hh.T + b_ih + b_hh
        i, f, g, o = expit(a[:, :H]), expit(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), expit(a[:, 3 * H:])
        c = f * c + i * g
        h = o * np.tanh(c)
        out.append(h)
    return np.stack(out), (c, h)
