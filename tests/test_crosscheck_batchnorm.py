"""The batchnorm reference agrees with torch.nn.BatchNorm1d and torch.nn.LayerNorm (forward in both modes,
backward, running statistics over several steps) and with central-difference gradients.

PyTorch stores the unbiased batch variance in running_var, so its running statistics are compared with the
accepted variant `running_var_unbiased` (the reference with that patch applied); the reference's own biased
running variance is compared with a hand computation.
"""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module
from mlprep.problem import load


def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "batchnorm.py", "xref_batchnorm")


def unbiased_variant() -> dict:
    problem = load(catalog.BUILTIN / "problems" / "batchnorm.yaml")
    (variant,) = [v for v in problem.variants if v.id == "running_var_unbiased"]
    return load_module(problem.solution_path, "xref_batchnorm_unbiased", variant.apply(problem.reference_source()))


def _numeric(f, a: np.ndarray, h: float = 1e-6) -> np.ndarray:
    out = np.zeros_like(a)
    for idx in np.ndindex(a.shape):
        old = a[idx]
        a[idx] = old + h
        up = f()
        a[idx] = old - h
        down = f()
        a[idx] = old
        out[idx] = (up - down) / (2 * h)
    return out


@pytest.mark.parametrize("layer", ["batch", "layer"])
def test_backward_matches_central_differences(layer):
    m = ref()
    rng = np.random.default_rng(11)
    x, dout = rng.normal(1.0, 2.0, (7, 5)), rng.normal(size=(7, 5))
    norm = m["BatchNorm1d"](5) if layer == "batch" else m["LayerNorm"](5)
    norm.gamma, norm.beta = rng.normal(size=5), rng.normal(size=5)
    g, b = norm.gamma.copy(), norm.beta.copy()
    norm.forward(x)
    dx, dgamma, dbeta = norm.backward(dout)
    fresh = m["BatchNorm1d"](5) if layer == "batch" else m["LayerNorm"](5)

    def loss() -> float:
        fresh.gamma, fresh.beta = g, b
        return float(np.sum(dout * fresh.forward(x)))

    np.testing.assert_allclose(dx, _numeric(loss, x), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dgamma, _numeric(loss, g), rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(dbeta, _numeric(loss, b), rtol=1e-6, atol=1e-8)
    # The projections the normalisation removes: constant shifts (and, for BatchNorm, rescalings) of a feature.
    axis = 0 if layer == "batch" else -1
    np.testing.assert_allclose(dx.sum(axis=axis), 0.0, atol=1e-10)


def test_reference_running_variance_is_the_biased_ema():
    m = ref()
    rng = np.random.default_rng(2)
    bn = m["BatchNorm1d"](3, momentum=0.3)
    mean, var = np.zeros(3), np.ones(3)
    for _ in range(4):
        x = rng.normal(2.0, 3.0, (9, 3))
        bn.forward(x)
        mean = 0.7 * mean + 0.3 * x.mean(axis=0)
        var = 0.7 * var + 0.3 * x.var(axis=0)
    np.testing.assert_allclose(bn.running_mean, mean, rtol=1e-12)
    np.testing.assert_allclose(bn.running_var, var, rtol=1e-12)



@pytest.mark.parametrize("momentum, eps", [(0.1, 1e-5), (0.3, 1e-3)])
def test_batchnorm_matches_torch_over_several_steps(momentum, eps):
    torch = pytest.importorskip("torch")
    m, v = ref(), unbiased_variant()
    rng = np.random.default_rng(int(momentum * 10))
    features = 4
    gamma, beta = rng.normal(size=features), rng.normal(size=features)
    ours, theirs = m["BatchNorm1d"](features, eps=eps, momentum=momentum), v["BatchNorm1d"](features, eps=eps, momentum=momentum)
    for layer in (ours, theirs):
        layer.gamma, layer.beta = gamma.copy(), beta.copy()
    tbn = torch.nn.BatchNorm1d(features, eps=eps, momentum=momentum).double()
    with torch.no_grad():
        tbn.weight.copy_(torch.from_numpy(gamma))
        tbn.bias.copy_(torch.from_numpy(beta))
    for step in range(5):
        x = rng.normal(1.0 + step, 2.0, (8 + step, features))
        dout = rng.normal(size=x.shape)
        tbn.train()
        tx = torch.from_numpy(x).requires_grad_(True)
        tbn.weight.grad = tbn.bias.grad = None
        out = tbn(tx)
        out.backward(torch.from_numpy(dout))
        for layer in (ours, theirs):
            np.testing.assert_allclose(layer.forward(x), out.detach().numpy(), rtol=1e-10, atol=1e-12)
            dx, dgamma, dbeta = layer.backward(dout)
            np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-9, atol=1e-12)
            np.testing.assert_allclose(dgamma, tbn.weight.grad.numpy(), rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(dbeta, tbn.bias.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(ours.running_mean, tbn.running_mean.numpy(), rtol=1e-12)
        np.testing.assert_allclose(theirs.running_mean, tbn.running_mean.numpy(), rtol=1e-12)
        np.testing.assert_allclose(theirs.running_var, tbn.running_var.numpy(), rtol=1e-12)
    # Inference: torch's eval mode against the variant, which holds the same (unbiased) running statistics.
    tbn.eval()
    x_test = rng.normal(3.0, 2.0, (6, features))
    before = theirs.running_mean.copy(), theirs.running_var.copy()
    with torch.no_grad():
        expected = tbn(torch.from_numpy(x_test)).numpy()
    np.testing.assert_allclose(theirs.forward(x_test, training=False), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(theirs.forward(x_test[:1], training=False), expected[:1], rtol=1e-10, atol=1e-12)
    assert np.array_equal(theirs.running_mean, before[0]) and np.array_equal(theirs.running_var, before[1])
    # And the reference's eval mode with its own (biased) running variance loaded into torch.
    with torch.no_grad():
        tbn.running_var.copy_(torch.from_numpy(ours.running_var))
        expected = tbn(torch.from_numpy(x_test)).numpy()
    np.testing.assert_allclose(ours.forward(x_test, training=False), expected, rtol=1e-10, atol=1e-12)


def test_batchnorm_eval_before_training_matches_torch():
    torch = pytest.importorskip("torch")
    m = ref()
    rng = np.random.default_rng(9)
    x = rng.normal(size=(5, 3))
    tbn = torch.nn.BatchNorm1d(3).double().eval()
    with torch.no_grad():
        expected = tbn(torch.from_numpy(x)).numpy()
    np.testing.assert_allclose(m["BatchNorm1d"](3).forward(x, training=False), expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("shape", [(6, 5), (1, 4), (2, 3, 5)])
def test_layernorm_matches_torch(shape):
    torch = pytest.importorskip("torch")
    m = ref()
    rng = np.random.default_rng(len(shape) * 7 + shape[-1])
    features = shape[-1]
    x, dout = rng.normal(1.0, 3.0, shape), rng.normal(size=shape)
    gamma, beta = rng.normal(size=features), rng.normal(size=features)
    ln = m["LayerNorm"](features)
    ln.gamma, ln.beta = gamma.copy(), beta.copy()
    tln = torch.nn.LayerNorm(features, eps=1e-5).double()
    with torch.no_grad():
        tln.weight.copy_(torch.from_numpy(gamma))
        tln.bias.copy_(torch.from_numpy(beta))
    tx = torch.from_numpy(x).requires_grad_(True)
    out = tln(tx)
    out.backward(torch.from_numpy(dout))
    np.testing.assert_allclose(ln.forward(x), out.detach().numpy(), rtol=1e-10, atol=1e-12)
    dx, dgamma, dbeta = ln.backward(dout)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dgamma, tln.weight.grad.numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(dbeta, tln.bias.grad.numpy(), rtol=1e-10, atol=1e-12)
