# mlprep: lstm
# expect: pass
# naive sigmoid on clipped pre-activations (exact to far below the tolerance), a small cell class
import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))


class Cell:
    def __init__(self, W_ih, W_hh, b_ih, b_hh):
        self.W_ih, self.W_hh, self.b = W_ih, W_hh, b_ih + b_hh
        self.H = W_hh.shape[1]

    def step(self, xt, h, c):
        H = self.H
        a = xt @ self.W_ih.T + h @ self.W_hh.T + self.b
        ig, fg, og = sigmoid(a[:, :H]), sigmoid(a[:, H:2 * H]), sigmoid(a[:, 3 * H:])
        cand = np.tanh(a[:, 2 * H:3 * H])
        c_new = fg * c + ig * cand
        return og * np.tanh(c_new), c_new, (h, c, ig, fg, cand, og, c_new)


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    cell = Cell(W_ih, W_hh, b_ih, b_hh)
    h, c = h0, c0
    hs = []
    for xt in x:
        h, c, _ = cell.step(xt, h, c)
        hs.append(h)
    return np.array(hs), (h, c)


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    cell = Cell(W_ih, W_hh, b_ih, b_hh)
    h, c = h0, c0
    tape = []
    for xt in x:
        h, c, saved = cell.step(xt, h, c)
        tape.append(saved)
    das = [None] * len(x)
    dh_next = 0.0 * h0
    dc_next = 0.0 * c0
    for t in range(len(x) - 1, -1, -1):
        h_prev, c_prev, ig, fg, cand, og, c_t = tape[t]
        dh = dout[t] + dh_next
        dc = dc_next + dh * og * (1 - np.tanh(c_t) ** 2)
        das[t] = np.concatenate([
            dc * cand * ig * (1 - ig),
            dc * c_prev * fg * (1 - fg),
            dc * ig * (1 - cand ** 2),
            dh * np.tanh(c_t) * og * (1 - og),
        ], axis=1)
        dh_next = das[t] @ W_hh
        dc_next = dc * fg
    da = np.stack(das)
    h_prev_all = np.stack([s[0] for s in tape])
    return {
        "x": da @ W_ih,
        "h0": dh_next,
        "c0": dc_next,
        "W_ih": np.einsum("tng,tnd->gd", da, x),
        "W_hh": np.einsum("tng,tnh->gh", da, h_prev_all),
        "b_ih": da.sum(axis=(0, 1)),
        "b_hh": da.sum(axis=(0, 1)),
    }
