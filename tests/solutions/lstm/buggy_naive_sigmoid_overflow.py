# mlprep: lstm
# expect: fail naive_sigmoid_overflow
# np.where over the two textbook forms: both branches are evaluated everywhere, so exp still overflows
import numpy as np


def sigmoid(z):
    return np.where(z >= 0, 1.0 / (1.0 + np.exp(-z)), np.exp(z) / (1.0 + np.exp(z)))


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    hs, cs, gs = [h0], [c0], []
    for t in range(len(x)):
        a = x[t] @ W_ih.T + hs[-1] @ W_hh.T + b_ih + b_hh
        i, f, g, o = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:])
        cs.append(f * cs[-1] + i * g)
        hs.append(o * np.tanh(cs[-1]))
        gs.append((i, f, g, o))
    return hs, cs, gs


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.stack(hs[1:]), (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, gs = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    T = len(x)
    das = np.zeros((T,) + h0.shape[:1] + (W_hh.shape[0],))
    dh_n, dc_n = np.zeros_like(h0), np.zeros_like(c0)
    for t in range(T - 1, -1, -1):
        i, f, g, o = gs[t]
        tc = np.tanh(cs[t + 1])
        dh = dout[t] + dh_n
        dc = dc_n + dh * o * (1 - tc ** 2)
        das[t] = np.concatenate([dc * g * i * (1 - i), dc * cs[t] * f * (1 - f), dc * i * (1 - g ** 2), dh * tc * o * (1 - o)], 1)
        dh_n, dc_n = das[t] @ W_hh, dc * f
    hp = np.stack(hs[:-1])
    db = das.sum(axis=(0, 1))
    return {"x": das @ W_ih, "h0": dh_n, "c0": dc_n, "W_ih": np.einsum("tng,tnd->gd", das, x),
            "W_hh": np.einsum("tng,tnh->gh", das, hp), "b_ih": db, "b_hh": db.copy()}
