# mlprep: lstm
# expect: fail naive_sigmoid_overflow
# sigmoid as exp(z) / (1 + exp(z)): inf / inf = NaN for large positive pre-activations
import numpy as np


def sigmoid(z):
    e = np.exp(z)
    return e / (1 + e)


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    h, c = h0, c0
    out = np.zeros(x.shape[:2] + (H,))
    for t in range(x.shape[0]):
        a = x[t] @ W_ih.T + h @ W_hh.T + b_ih + b_hh
        c = sigmoid(a[:, H:2 * H]) * c + sigmoid(a[:, :H]) * np.tanh(a[:, 2 * H:3 * H])
        h = sigmoid(a[:, 3 * H:]) * np.tanh(c)
        out[t] = h
    return out, (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    H = h0.shape[1]
    out, _ = lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    hp = np.concatenate([h0[None], out[:-1]])
    a = x @ W_ih.T + hp @ W_hh.T + b_ih + b_hh
    i, f, g, o = sigmoid(a[..., :H]), sigmoid(a[..., H:2 * H]), np.tanh(a[..., 2 * H:3 * H]), sigmoid(a[..., 3 * H:])
    cs = [c0]
    for t in range(len(x)):
        cs.append(f[t] * cs[-1] + i[t] * g[t])
    da = np.zeros(a.shape)
    dh_n, dc_n = np.zeros_like(h0), np.zeros_like(c0)
    for t in reversed(range(len(x))):
        tc = np.tanh(cs[t + 1])
        dh = dout[t] + dh_n
        dc = dc_n + dh * o[t] * (1 - tc ** 2)
        da[t] = np.concatenate([dc * g[t] * i[t] * (1 - i[t]), dc * cs[t] * f[t] * (1 - f[t]),
                                dc * i[t] * (1 - g[t] ** 2), dh * tc * o[t] * (1 - o[t])], 1)
        dh_n, dc_n = da[t] @ W_hh, dc * f[t]
    db = da.sum(axis=(0, 1))
    return {"x": da @ W_ih, "h0": dh_n, "c0": dc_n, "W_ih": np.tensordot(da, x, axes=([0, 1], [0, 1])),
            "W_hh": np.tensordot(da, hp, axes=([0, 1], [0, 1])), "b_ih": db, "b_hh": db.copy()}
