# mlprep: lstm
# expect: fail cell_grad_dropped
# backward carries dh to the previous step but starts each step's cell gradient from scratch
import numpy as np


def sig(z):
    return np.exp(-np.logaddexp(0.0, -z))


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    hs, cs, gs = [h0], [c0], []
    for xt in x:
        a = xt @ W_ih.T + hs[-1] @ W_hh.T + b_ih + b_hh
        i, f, g, o = sig(a[:, :H]), sig(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sig(a[:, 3 * H:])
        cs.append(f * cs[-1] + i * g)
        hs.append(o * np.tanh(cs[-1]))
        gs.append((i, f, g, o))
    return hs, cs, gs


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.array(hs[1:]), (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, gs = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    g = {"x": np.zeros(x.shape), "W_ih": np.zeros(W_ih.shape), "W_hh": np.zeros(W_hh.shape), "b": np.zeros(b_ih.shape)}
    dh_next = np.zeros(h0.shape)
    dc0 = np.zeros(c0.shape)
    for t in range(len(x) - 1, -1, -1):
        i, f, gg, o = gs[t]
        tc = np.tanh(cs[t + 1])
        dh = dout[t] + dh_next
        dc = dh * o * (1 - tc ** 2)
        da = np.concatenate([dc * gg * i * (1 - i), dc * cs[t] * f * (1 - f), dc * i * (1 - gg ** 2), dh * tc * o * (1 - o)], 1)
        g["x"][t] = da @ W_ih
        g["W_ih"] += da.T @ x[t]
        g["W_hh"] += da.T @ hs[t]
        g["b"] += da.sum(0)
        dh_next = da @ W_hh
        dc0 = dc * f
    return {"x": g["x"], "h0": dh_next, "c0": dc0, "W_ih": g["W_ih"], "W_hh": g["W_hh"], "b_ih": g["b"], "b_hh": g["b"].copy()}
