# mlprep: lstm
"""Reference solution: a single-layer LSTM in PyTorch's layout (gates i, f, g, o), forward and
backpropagation through time.
"""

import numpy as np


def _sigmoid(z):
    """The logistic function without overflow: exp only ever sees -|z|, so it is at most 1."""
    e = np.exp(-np.abs(z))
    s = 1.0 / (1.0 + e)
    return np.where(z >= 0, s, e * s)  # e / (1 + e) for negative z


def _run(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """The forward pass, keeping what backward needs: the states before each step and the gates."""
    T = x.shape[0]
    xw = x @ W_ih.T + (b_ih + b_hh)  # (T, N, 4H): the input projection of every step in one product
    h, c = h0, c0
    hs, cs, gates = [h0], [c0], []
    for t in range(T):
        a = xw[t] + h @ W_hh.T
        i, f, g, o = np.split(a, 4, axis=1)
        i, f, o = _sigmoid(i), _sigmoid(f), _sigmoid(o)
        g = np.tanh(g)
        c = f * c + i * g
        h = o * np.tanh(c)
        hs.append(h)
        cs.append(c)
        gates.append((i, f, g, o))
    return hs, cs, gates


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    """x (T, N, D), h0 and c0 (N, H) -> (out (T, N, H), (h_T, c_T))."""
    hs, cs, _ = _run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.stack(hs[1:]), (hs[-1], cs[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    """Gradients of sum(out * dout) with respect to every argument, keyed by its name.

    Walking back from T - 1 to 0, the state gradients dh and dc flow to the previous step: dh through
    W_hh, dc through the forget gate. The weights are shared by every step, so their gradients are
    sums over time (one product over all steps at the end).
    """
    hs, cs, gates = _run(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    T = x.shape[0]
    da = np.empty(x.shape[:2] + (W_hh.shape[0],))  # (T, N, 4H): gradient of each step's pre-activations
    dh_next = np.zeros_like(h0)
    dc_next = np.zeros_like(c0)
    for t in reversed(range(T)):
        i, f, g, o = gates[t]
        tanh_c = np.tanh(cs[t + 1])
        dh = dout[t] + dh_next
        do = dh * tanh_c
        dc = dc_next + dh * o * (1.0 - tanh_c**2)
        di = dc * g
        df = dc * cs[t]
        dg = dc * i
        dg_pre = dg * (1.0 - g**2)
        da[t] = np.concatenate([di * i * (1.0 - i), df * f * (1.0 - f), dg_pre, do * o * (1.0 - o)], axis=1)
        dh_next = da[t] @ W_hh
        dc_next = dc * f
    h_prev = np.stack(hs[:-1])  # (T, N, H): the state each step read
    da_flat = da.reshape(-1, da.shape[2])  # (T * N, 4H): every step and example, one row each
    dW_ih = da_flat.T @ x.reshape(-1, x.shape[2])
    dW_hh = da_flat.T @ h_prev.reshape(-1, h_prev.shape[2])
    db = da_flat.sum(axis=0)
    return {
        "x": da @ W_ih,
        "h0": dh_next,
        "c0": dc_next,
        "W_ih": dW_ih,
        "W_hh": dW_hh,
        "b_ih": db,
        "b_hh": db.copy(),
    }
