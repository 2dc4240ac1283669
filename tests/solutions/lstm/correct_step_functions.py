# mlprep: lstm
# expect: pass
# course-style step functions with a cache per step, scipy's expit, gradients accumulated with +=
import numpy as np
from scipy.special import expit


def step_forward(x_t, h_prev, c_prev, W_ih, W_hh, b):
    H = h_prev.shape[1]
    a = x_t @ W_ih.T + h_prev @ W_hh.T + b
    i = expit(a[:, :H])
    f = expit(a[:, H:2 * H])
    g = np.tanh(a[:, 2 * H:3 * H])
    o = expit(a[:, 3 * H:])
    c = f * c_prev + i * g
    h = o * np.tanh(c)
    return h, c, (x_t, h_prev, c_prev, i, f, g, o, c)


def step_backward(dh, dc, cache, W_ih, W_hh):
    x_t, h_prev, c_prev, i, f, g, o, c = cache
    tc = np.tanh(c)
    dc = dc + dh * o * (1 - tc * tc)
    da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dc * i * (1 - g * g), dh * tc * o * (1 - o)])
    return da @ W_ih, da @ W_hh, dc * f, da.T @ x_t, da.T @ h_prev, da.sum(axis=0)


def _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    h, c = h0, c0
    outs, caches = [], []
    for t in range(x.shape[0]):
        h, c, cache = step_forward(x[t], h, c, W_ih, W_hh, b_ih + b_hh)
        outs.append(h)
        caches.append(cache)
    return np.array(outs), h, c, caches


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    out, h, c, _ = _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return out, (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    _, _, _, caches = _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    dx = np.zeros_like(x)
    dW_ih, dW_hh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dh_next, dc_next = np.zeros_like(h0), np.zeros_like(c0)
    for t in range(x.shape[0] - 1, -1, -1):
        dx[t], dh_next, dc_next, dwi, dwh, dbt = step_backward(dout[t] + dh_next, dc_next, caches[t], W_ih, W_hh)
        dW_ih += dwi
        dW_hh += dwh
        db += dbt
    return {"x": dx, "h0": dh_next, "c0": dc_next, "W_ih": dW_ih, "W_hh": dW_hh, "b_ih": db, "b_hh": db.copy()}
