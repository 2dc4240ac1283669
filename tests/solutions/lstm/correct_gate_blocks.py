# mlprep: lstm
# expect: pass
# weights viewed as four (H, D) gate blocks, sigmoid through tanh, states in preallocated arrays
import numpy as np


def sig(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    T, N, D = x.shape
    H = h0.shape[1]
    Wi = W_ih.reshape(4, H, D)
    Wh = W_hh.reshape(4, H, H)
    b = (b_ih + b_hh).reshape(4, H)
    hs = np.zeros((T + 1, N, H))
    cs = np.zeros((T + 1, N, H))
    gates = np.zeros((T, 4, N, H))
    hs[0], cs[0] = h0, c0
    for t in range(T):
        pre = np.einsum("khd,nd->knh", Wi, x[t]) + np.einsum("khj,nj->knh", Wh, hs[t]) + b[:, None, :]
        gates[t, 0] = sig(pre[0])
        gates[t, 1] = sig(pre[1])
        gates[t, 2] = np.tanh(pre[2])
        gates[t, 3] = sig(pre[3])
        cs[t + 1] = gates[t, 1] * cs[t] + gates[t, 0] * gates[t, 2]
        hs[t + 1] = gates[t, 3] * np.tanh(cs[t + 1])
    return hs, cs, gates


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    hs, cs, _ = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return hs[1:], (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    hs, cs, gates = run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    T, N, D = x.shape
    H = h0.shape[1]
    dpre = np.zeros((T, 4, N, H))
    dh = np.zeros((N, H))
    dc = np.zeros((N, H))
    for t in reversed(range(T)):
        i, f, g, o = gates[t]
        th = np.tanh(cs[t + 1])
        dh = dh + dout[t]
        dc = dc + dh * o * (1 - th ** 2)
        dpre[t, 0] = dc * g * i * (1 - i)
        dpre[t, 1] = dc * cs[t] * f * (1 - f)
        dpre[t, 2] = dc * i * (1 - g ** 2)
        dpre[t, 3] = dh * th * o * (1 - o)
        dh = np.einsum("knh,khj->nj", dpre[t], W_hh.reshape(4, H, H))
        dc = dc * f
    dx = np.einsum("tknh,khd->tnd", dpre, W_ih.reshape(4, H, D))
    dW_ih = np.einsum("tknh,tnd->khd", dpre, x).reshape(4 * H, D)
    dW_hh = np.einsum("tknh,tnj->khj", dpre, hs[:-1]).reshape(4 * H, H)
    db = dpre.sum(axis=(0, 2)).reshape(4 * H)
    return dict(x=dx, h0=dh, c0=dc, W_ih=dW_ih, W_hh=dW_hh, b_ih=db, b_hh=db)
