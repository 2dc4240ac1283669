# mlprep: lstm
# expect: pass
# sigmoid as exp(-log(1 + exp(-z))) through logaddexp, gates as a list, lists of per-step arrays
import numpy as np


def sigmoid(z):
    return np.exp(-np.logaddexp(0.0, -z))


def gates_at(a, H):
    return [sigmoid(a[:, 0:H]), sigmoid(a[:, H:2 * H]), np.tanh(a[:, 2 * H:3 * H]), sigmoid(a[:, 3 * H:4 * H])]


def forward_all(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    H = W_hh.shape[1]
    h_list, c_list, g_list = [h0], [c0], []
    for t in range(x.shape[0]):
        a = np.matmul(x[t], W_ih.T) + b_ih + np.matmul(h_list[-1], W_hh.T) + b_hh
        i, f, g, o = gates_at(a, H)
        c_list.append(f * c_list[-1] + i * g)
        h_list.append(o * np.tanh(c_list[-1]))
        g_list.append((i, f, g, o))
    return h_list, c_list, g_list


def lstm_forward(x, h0, c0, W_ih, W_hh, b_ih, b_hh):
    h_list, c_list, _ = forward_all(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    return np.stack(h_list[1:]), (h_list[-1], c_list[-1])


def lstm_backward(x, h0, c0, W_ih, W_hh, b_ih, b_hh, dout):
    h_list, c_list, g_list = forward_all(x, h0, c0, W_ih, W_hh, b_ih, b_hh)
    dx = np.empty(x.shape)
    dWi = np.zeros(W_ih.shape)
    dWh = np.zeros(W_hh.shape)
    dbias = np.zeros(b_ih.shape)
    dh_future = np.zeros(h0.shape)
    dc_future = np.zeros(c0.shape)
    t = x.shape[0]
    while t > 0:
        t -= 1
        i, f, g, o = g_list[t]
        tc = np.tanh(c_list[t + 1])
        dh = dout[t] + dh_future
        dc = dh * o * (1 - tc ** 2) + dc_future
        dai = dc * g * i * (1 - i)
        daf = dc * c_list[t] * f * (1 - f)
        dag = dc * i * (1 - g ** 2)
        dao = dh * tc * o * (1 - o)
        da = np.concatenate((dai, daf, dag, dao), axis=-1)
        dx[t] = np.matmul(da, W_ih)
        dWi = dWi + np.matmul(da.T, x[t])
        dWh = dWh + np.matmul(da.T, h_list[t])
        dbias = dbias + da.sum(axis=0)
        dh_future = np.matmul(da, W_hh)
        dc_future = dc * f
    return {"x": dx, "h0": dh_future, "c0": dc_future, "W_ih": dWi, "W_hh": dWh, "b_ih": dbias, "b_hh": np.array(dbias)}
