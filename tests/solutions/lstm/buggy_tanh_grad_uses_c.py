# mlprep: lstm
# expect: fail tanh_grad_uses_c
# the gradient through h = o * tanh(c) uses 1 - c**2 where 1 - tanh(c)**2 belongs
import numpy as np


def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = h0.shape[1]
    proj = x @ W_ih.T + b_ih + b_hh
    h, c = h0, c0
    out = np.empty(x.shape[:2] + (H,))
    for t in range(x.shape[0]):
        a = proj[t] + h @ W_hh.T
        c = sig(a[:, H:2 * H]) * c + sig(a[:, :H]) * np.tanh(a[:, 2 * H:3 * H])
        h = sig(a[:, 3 * H:]) * np.tanh(c)
        out[t] = h
    return out, (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    H = h0.shape[1]
    out, _ = lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    h_prev = np.concatenate([h0[None], out[:-1]])
    a = x @ W_ih.T + b_ih + b_hh + h_prev @ W_hh.T
    i, f, g, o = sig(a[..., :H]), sig(a[..., H:2 * H]), np.tanh(a[..., 2 * H:3 * H]), sig(a[..., 3 * H:])
    c = np.empty(out.shape)
    prev = c0
    for t in range(len(x)):
        c[t] = prev = f[t] * prev + i[t] * g[t]
    c_prev = np.concatenate([c0[None], c[:-1]])
    da = np.empty(a.shape)
    dh_n = np.zeros_like(h0)
    dc_n = np.zeros_like(c0)
    for t in range(len(x) - 1, -1, -1):
        dh = dout[t] + dh_n
        dc = dc_n + dh * o[t] * (1 - c[t] ** 2)
        da[t, :, :H] = dc * g[t] * i[t] * (1 - i[t])
        da[t, :, H:2 * H] = dc * c_prev[t] * f[t] * (1 - f[t])
        da[t, :, 2 * H:3 * H] = dc * i[t] * (1 - g[t] ** 2)
        da[t, :, 3 * H:] = dh * np.tanh(c[t]) * o[t] * (1 - o[t])
        dh_n = da[t] @ W_hh
        dc_n = dc * f[t]
    flat = da.reshape(-1, 4 * H)
    return {"x": da @ W_ih, "h0": dh_n, "c0": dc_n, "W_ih": flat.T @ x.reshape(-1, x.shape[2]),
            "W_hh": flat.T @ h_prev.reshape(-1, H), "b_ih": flat.sum(0), "b_hh": flat.sum(0)}
