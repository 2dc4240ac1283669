# mlprep: lstm
# expect: fail gate_order
# gates read in the order i, f, o, g (a common course convention), consistently in both passes
import numpy as np
from scipy.special import expit


def _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    hs, caches = [], []
    for t in range(x.shape[0]):
        a = x[t] @ W_ih.T + h @ W_hh.T + b_ih + b_hh
        i = expit(a[:, :H])
        f = expit(a[:, H:2 * H])
        o = expit(a[:, 2 * H:3 * H])
        g = np.tanh(a[:, 3 * H:])
        c_prev, h_prev = c, h
        c = f * c + i * g
        h = o * np.tanh(c)
        hs.append(h)
        caches.append((h_prev, c_prev, i, f, o, g, c))
    return np.array(hs), h, c, caches


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    out, h, c, _ = _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return out, (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    _, _, _, caches = _forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    dx = np.zeros_like(x)
    dWi, dWh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dh_n, dc_n = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(x.shape[0])):
        h_prev, c_prev, i, f, o, g, c = caches[t]
        tc = np.tanh(c)
        dh = dout[t] + dh_n
        dc = dc_n + dh * o * (1 - tc ** 2)
        da = np.hstack([dc * g * i * (1 - i), dc * c_prev * f * (1 - f), dh * tc * o * (1 - o), dc * i * (1 - g ** 2)])
        dx[t] = da @ W_ih
        dWi += da.T @ x[t]
        dWh += da.T @ h_prev
        db += da.sum(0)
        dh_n, dc_n = da @ W_hh, dc * f
    return {"x": dx, "h0": dh_n, "c0": dc_n, "W_ih": dWi, "W_hh": dWh, "b_ih": db, "b_hh": db.copy()}
