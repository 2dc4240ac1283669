# mlprep: lstm
# expect: fail g_sigmoid
# every gate block through a sigmoid, the candidate included; backward uses the sigmoid derivative throughout
import numpy as np


def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    hs, cs, acts = [h0], [c0], []
    for t in range(len(x)):
        s = sigmoid(x[t] @ W_ih.T + hs[-1] @ W_hh.T + b_ih + b_hh)
        i, f, g, o = s[:, :H], s[:, H:2 * H], s[:, 2 * H:3 * H], s[:, 3 * H:]
        cs.append(f * cs[-1] + i * g)
        hs.append(o * np.tanh(cs[-1]))
        acts.append(s)
    return hs, cs, acts


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.stack(hs[1:]), (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, acts = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    H = h0.shape[1]
    out = {"x": np.zeros_like(x), "W_ih": np.zeros_like(W_ih), "W_hh": np.zeros_like(W_hh), "b_ih": np.zeros_like(b_ih)}
    dh_n, dc_n = np.zeros_like(h0), np.zeros_like(c0)
    for t in range(len(x) - 1, -1, -1):
        s = acts[t]
        i, f, g, o = s[:, :H], s[:, H:2 * H], s[:, 2 * H:3 * H], s[:, 3 * H:]
        tc = np.tanh(cs[t + 1])
        dh = dout[t] + dh_n
        dc = dc_n + dh * o * (1 - tc ** 2)
        ds = np.hstack([dc * g, dc * cs[t], dc * i, dh * tc])
        da = ds * s * (1 - s)
        out["x"][t] = da @ W_ih
        out["W_ih"] += da.T @ x[t]
        out["W_hh"] += da.T @ hs[t]
        out["b_ih"] += da.sum(axis=0)
        dh_n, dc_n = da @ W_hh, dc * f
    out["h0"], out["c0"], out["b_hh"] = dh_n, dc_n, out["b_ih"].copy()
    return out
