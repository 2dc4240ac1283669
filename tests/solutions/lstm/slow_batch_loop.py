# mlprep: lstm
# expect: slow batch_loop
# correct, but every step processes the N sequences one at a time (forward and backward)
import numpy as np
from scipy.special import expit


def one(x_t, h, c, W_ih, W_hh, b):
    H = h.shape[0]
    a = W_ih @ x_t + W_hh @ h + b
    i, f, g, o = expit(a[:H]), expit(a[H:2 * H]), np.tanh(a[2 * H:3 * H]), expit(a[3 * H:])
    c2 = f * c + i * g
    return o * np.tanh(c2), c2, (i, f, g, o)


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, _ = x.shape
    H = h0.shape[1]
    hs = np.zeros((T + 1, N, H))
    cs = np.zeros((T + 1, N, H))
    gates = np.zeros((T, N, 4, H))
    hs[0], cs[0] = h0, c0
    for t in range(T):
        for n in range(N):
            hs[t + 1, n], cs[t + 1, n], gt = one(x[t, n], hs[t, n], cs[t, n], W_ih, W_hh, b_ih + b_hh)
            gates[t, n] = gt
    return hs, cs, gates


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return hs[1:], (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, gates = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    T, N, _ = x.shape
    dx = np.zeros_like(x)
    dWi, dWh, db = np.zeros_like(W_ih), np.zeros_like(W_hh), np.zeros_like(b_ih)
    dh0, dc0 = np.zeros_like(h0), np.zeros_like(c0)
    for n in range(N):
        dh_n = np.zeros(h0.shape[1])
        dc_n = np.zeros(h0.shape[1])
        for t in range(T - 1, -1, -1):
            i, f, g, o = gates[t, n]
            tc = np.tanh(cs[t + 1, n])
            dh = dout[t, n] + dh_n
            dc = dc_n + dh * o * (1 - tc ** 2)
            da = np.concatenate([dc * g * i * (1 - i), dc * cs[t, n] * f * (1 - f), dc * i * (1 - g ** 2), dh * tc * o * (1 - o)])
            dx[t, n] = W_ih.T @ da
            dWi += np.outer(da, x[t, n])
            dWh += np.outer(da, hs[t, n])
            db += da
            dh_n, dc_n = W_hh.T @ da, dc * f
        dh0[n], dc0[n] = dh_n, dc_n
    return {"x": dx, "h0": dh0, "c0": dc0, "W_ih": dWi, "W_hh": dWh, "b_ih": db, "b_hh": db.copy()}
