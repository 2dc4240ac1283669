"""The backprop reference agrees with PyTorch autograd (loss, gradients, SGD steps) and torch's He init."""

from __future__ import annotations

import math

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module

torch = pytest.importorskip("torch")


def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "backprop.py", "xref_backprop")


def _problem(seed: int, d_in: int, d_h: int, d_out: int, n: int, w2_scale: float = 1.0):
    rng = np.random.default_rng(seed)
    params = {
        "W1": rng.normal(size=(d_in, d_h)), "b1": rng.normal(size=d_h),
        "W2": rng.normal(0.0, w2_scale, size=(d_h, d_out)), "b2": rng.normal(size=d_out),
    }
    return params, rng.normal(size=(n, d_in)), rng.integers(0, d_out, size=n)


def _torch_loss(t: dict, X: np.ndarray, y: np.ndarray):
    z1 = torch.from_numpy(X) @ t["W1"] + t["b1"]
    return torch.nn.functional.cross_entropy(torch.relu(z1) @ t["W2"] + t["b2"], torch.from_numpy(y))


def _net(m: dict, params: dict, lr: float):
    d_in, d_h = params["W1"].shape
    net = m["TwoLayerNet"](d_in, d_h, params["W2"].shape[1], lr=lr)
    for k, v in params.items():
        setattr(net, k, v.copy())
    return net


@pytest.mark.parametrize("w2_scale", [1.0, 300.0])
@pytest.mark.parametrize("shape", [(5, 8, 4, 16), (3, 6, 2, 1), (10, 4, 7, 33)])
def test_loss_and_gradients_match_autograd(shape, w2_scale):
    m = ref()
    params, X, y = _problem(sum(shape), *shape, w2_scale=w2_scale)
    net = _net(m, params, lr=0.1)
    loss = net.forward(X, y)
    grads = net.backward(y)
    t = {k: torch.from_numpy(v.copy()).requires_grad_(True) for k, v in params.items()}
    expected = _torch_loss(t, X, y)
    expected.backward()
    assert np.isfinite(loss)
    assert loss == pytest.approx(expected.item(), rel=1e-12)
    assert m["_loss"](**params, X=X, y=y) == pytest.approx(expected.item(), rel=1e-12)
    for k in params:
        np.testing.assert_allclose(grads[k], t[k].grad.numpy(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(getattr(net, k), params[k] - 0.1 * t[k].grad.numpy(), rtol=1e-12, atol=1e-12)


def test_several_steps_match_torch_sgd():
    m = ref()
    params, X, y = _problem(7, 6, 9, 5, 24)
    net = _net(m, params, lr=0.3)
    t = {k: torch.nn.Parameter(torch.from_numpy(v.copy())) for k, v in params.items()}
    opt = torch.optim.SGD(list(t.values()), lr=0.3)
    for _ in range(6):
        loss = net.forward(X, y)
        net.backward(y)
        opt.zero_grad()
        expected = _torch_loss(t, X, y)
        expected.backward()
        opt.step()
        assert loss == pytest.approx(expected.item(), rel=1e-10)
    for k in params:
        np.testing.assert_allclose(getattr(net, k), t[k].detach().numpy(), rtol=1e-10, atol=1e-12)


def test_extreme_logits_give_the_exact_loss():
    m = ref()
    net = m["TwoLayerNet"](1, 1, 2)
    net.W1, net.b1 = np.array([[1.0]]), np.array([0.0])
    net.W2, net.b2 = np.array([[0.0, 800.0]]), np.array([0.0, 0.0])
    loss = net.forward(np.array([[1.0]]), np.array([0]))
    assert loss == pytest.approx(800.0, rel=1e-12)
    grads = net.backward(np.array([0]))
    assert all(np.isfinite(g).all() for g in grads.values())


def test_initialisation_matches_torch_kaiming_normal_std():
    """The reference's weight std is torch's kaiming_normal_(mode="fan_in", nonlinearity="relu") std."""
    m = ref()
    d_in, d_h, d_out = 64, 48, 16
    w1 = np.concatenate([m["TwoLayerNet"](d_in, d_h, d_out, seed=s).W1.ravel() for s in range(30)])
    w2 = np.concatenate([m["TwoLayerNet"](d_in, d_h, d_out, seed=s).W2.ravel() for s in range(30)])
    t1 = torch.empty(d_h, d_in, dtype=torch.float64)  # torch stores (out, in); fan_in = in
    torch.nn.init.kaiming_normal_(t1, mode="fan_in", nonlinearity="relu")
    torch_std = torch.nn.init.calculate_gain("relu") / math.sqrt(d_in)
    assert torch_std == pytest.approx(math.sqrt(2.0 / d_in))
    assert float(t1.std()) == pytest.approx(torch_std, rel=0.1)
    assert w1.std() == pytest.approx(torch_std, rel=0.03)
    assert w2.std() == pytest.approx(math.sqrt(2.0 / d_h), rel=0.03)
    assert abs(w1.mean()) < 0.01
    net = m["TwoLayerNet"](d_in, d_h, d_out, seed=3)
    assert not net.b1.any() and not net.b2.any()
    assert np.array_equal(net.W1, m["TwoLayerNet"](d_in, d_h, d_out, seed=3).W1)
