# mlprep: lstm
# expect: fail h_for_c
# the forget gate scales the previous hidden state instead of the previous cell state (backward consistent)
import numpy as np
from scipy.special import expit


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    steps = []
    for t in range(len(x)):
        a = x[t] @ W_ih.T + h @ W_hh.T + b_ih + b_hh
        i, f, g, o = expit(a[:, :H]), expit(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), expit(a[:, 3 * H:])
        h_prev = h
        c = f * h_prev + i * g
        h = o * np.tanh(c)
        steps.append((h_prev, i, f, g, o, c, h))
    return steps, h, c


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    steps, h, c = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.array([s[-1] for s in steps]), (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    steps, _, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    dx = np.zeros_like(x)
    dWi, dWh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dh_n = np.zeros_like(h0)
    for t in reversed(range(len(x))):
        h_prev, i, f, g, o, c, _ = steps[t]
        tc = np.tanh(c)
        dh = dout[t] + dh_n
        dc = dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * h_prev * f * (1 - f), dc * i * (1 - g ** 2), dh * tc * o * (1 - o)], 1)
        dx[t] = da @ W_ih
        dWi += da.T @ x[t]
        dWh += da.T @ h_prev
        db += da.sum(0)
        dh_n = da @ W_hh + dc * f
    return {"x": dx, "h0": dh_n, "c0": np.zeros_like(c0), "W_ih": dWi, "W_hh": dWh, "b_ih": db, "b_hh": db.copy()}
