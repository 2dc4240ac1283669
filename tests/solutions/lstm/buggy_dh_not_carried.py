# mlprep: lstm
# expect: fail dh_not_carried
# backward carries the cell gradient but drops the hidden-state gradient flowing back through W_hh
import numpy as np
from scipy.special import expit


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    hs, cs, gs = [h0], [c0], []
    for t in range(x.shape[0]):
        a = x[t] @ W_ih.T + hs[-1] @ W_hh.T + b_ih + b_hh
        i, f, g, o = expit(a[:, :H]), expit(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), expit(a[:, 3 * H:])
        cs.append(f * cs[-1] + i * g)
        hs.append(o * np.tanh(cs[-1]))
        gs.append((i, f, g, o))
    return hs, cs, gs


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.stack(hs[1:]), (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, gs = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    dx = np.zeros_like(x)
    dWi, dWh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dc_n = np.zeros_like(c0)
    dh_prev = np.zeros_like(h0)
    for t in reversed(range(x.shape[0])):
        i, f, g, o = gs[t]
        tc = np.tanh(cs[t + 1])
        dh = dout[t]
        dc = dc_n + dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * g * i * (1 - i), dc * cs[t] * f * (1 - f), dc * i * (1 - g ** 2), dh * tc * o * (1 - o)], 1)
        dx[t] = da @ W_ih
        dWi += da.T @ x[t]
        dWh += da.T @ hs[t]
        db += da.sum(0)
        dh_prev, dc_n = da @ W_hh, dc * f
    return {"x": dx, "h0": dh_prev, "c0": dc_n, "W_ih": dWi, "W_hh": dWh, "b_ih": db, "b_hh": db.copy()}
