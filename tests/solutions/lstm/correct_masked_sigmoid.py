# mlprep: lstm
# expect: pass
# sigmoid by boolean masks, input projection precomputed, backward recomputes from lstm_forward's outputs
import numpy as np


def sigmoid(z):
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    ez = np.exp(z[~pos])
    out[~pos] = ez / (1.0 + ez)
    return out


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    proj = np.tensordot(x, W_ih, axes=([2], [1])) + b_ih + b_hh
    H = h0.shape[-1]
    h, c = h0.copy(), c0.copy()
    out = []
    for t in range(len(x)):
        z = proj[t] + h.dot(W_hh.T)
        gi, gf, gg, go = sigmoid(z[:, :H]), sigmoid(z[:, H:2 * H]), np.tanh(z[:, 2 * H:3 * H]), sigmoid(z[:, 3 * H:])
        c = gf * c + gi * gg
        h = go * np.tanh(c)
        out.append(h)
    return np.stack(out, axis=0), (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    out, _ = lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    T = len(x)
    H = h0.shape[-1]
    h_before = np.concatenate([h0[None], out[:-1]], axis=0)
    proj = np.tensordot(x, W_ih, axes=([2], [1])) + b_ih + b_hh + np.tensordot(h_before, W_hh, axes=([2], [1]))
    acts = np.concatenate([sigmoid(proj[..., :2 * H]), np.tanh(proj[..., 2 * H:3 * H]), sigmoid(proj[..., 3 * H:])], axis=-1)
    cells = [c0]
    for t in range(T):
        cells.append(acts[t, :, H:2 * H] * cells[-1] + acts[t, :, :H] * acts[t, :, 2 * H:3 * H])
    grads = {k: np.zeros_like(v) for k, v in dict(x=x, W_ih=W_ih, W_hh=W_hh, b_ih=b_ih).items()}
    carry_h = np.zeros_like(h0)
    carry_c = np.zeros_like(c0)
    for t in range(T - 1, -1, -1):
        gi, gf, gg, go = (acts[t, :, k * H:(k + 1) * H] for k in range(4))
        tanh_c = np.tanh(cells[t + 1])
        g_h = dout[t] + carry_h
        g_c = carry_c + g_h * go * (1.0 - tanh_c * tanh_c)
        dz = np.concatenate([g_c * gg * gi * (1 - gi), g_c * cells[t] * gf * (1 - gf),
                             g_c * gi * (1 - gg * gg), g_h * tanh_c * go * (1 - go)], axis=1)
        grads["x"][t] = dz.dot(W_ih)
        grads["W_ih"] += dz.T.dot(x[t])
        grads["W_hh"] += dz.T.dot(h_before[t])
        grads["b_ih"] += dz.sum(0)
        carry_h = dz.dot(W_hh)
        carry_c = g_c * gf
    grads["h0"] = carry_h
    grads["c0"] = carry_c
    grads["b_hh"] = grads["b_ih"].copy()
    return grads
