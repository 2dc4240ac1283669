"""The grad_clip reference agrees with torch.nn.utils.clip_grad_norm_ and clip_grad_value_."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module

torch = pytest.importorskip("torch")


def reference() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "grad_clip.py", "xref_grad_clip")


def torch_params(grads):
    params = []
    for g in grads:
        p = torch.zeros(g.shape, dtype=torch.float64, requires_grad=True)
        p.grad = torch.from_numpy(g.copy())
        params.append(p)
    return params


SHAPES = [[(4, 3), (3,), (2, 2, 2)], [(10,)], [(5,)] * 8, [(6, 4), (4,)]]


@pytest.mark.parametrize("shapes", SHAPES)
@pytest.mark.parametrize("scale, max_norm", [(1.0, 1.0), (0.1, 5.0), (0.005, 0.005), (1e4, 1.0), (0.3, 1.2)])
def test_clip_grad_norm_matches_torch(shapes, scale, max_norm):
    rng = np.random.default_rng(len(shapes) * 100 + int(scale * 10))
    grads = [rng.normal(0.0, scale, size=s) for s in shapes]
    held = list(grads)
    params = torch_params(grads)
    expected_norm = torch.nn.utils.clip_grad_norm_(params, max_norm).item()
    out, total = reference()["clip_grad_norm"](grads, max_norm)
    assert out is grads and all(a is b for a, b in zip(out, held))
    assert isinstance(total, float)
    assert total == pytest.approx(expected_norm, rel=1e-12)
    for g, p in zip(grads, params):
        np.testing.assert_allclose(g, p.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_clip_grad_norm_zero_gradients():
    grads = [np.zeros(3), np.zeros((2, 2))]
    params = torch_params(grads)
    expected = torch.nn.utils.clip_grad_norm_(params, 1.0).item()
    out, total = reference()["clip_grad_norm"](grads, 1.0)
    assert total == expected == 0.0
    assert all(np.array_equal(g, p.grad.numpy()) for g, p in zip(out, params))


def test_clip_grad_norm_example():
    grads = [np.array([3.0, 4.0])]
    out, total = reference()["clip_grad_norm"](grads, 1.0)
    assert total == 5.0
    np.testing.assert_allclose(out[0], [0.6, 0.8], rtol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(out[0]), 1.0, rtol=1e-6)
    assert np.linalg.norm(out[0]) < 1.0


@pytest.mark.parametrize("clip_value", [0.5, 1.0, 10.0])
def test_clip_grad_value_matches_torch(clip_value):
    rng = np.random.default_rng(int(clip_value * 10))
    grads = [rng.normal(0.0, 2.0, size=s) for s in [(4, 5), (5,), (2, 3, 2)]]
    grads.append(np.array([-50.0, -0.3, 0.0, 0.2, 40.0]))
    original = [g.copy() for g in grads]
    params = torch_params(grads)
    torch.nn.utils.clip_grad_value_(params, clip_value)
    out = reference()["clip_grad_value"](grads, clip_value)
    assert isinstance(out, list) and len(out) == len(grads)
    for g, p in zip(out, params):
        np.testing.assert_array_equal(g, p.grad.numpy())
    for g, o in zip(grads, original):  # the reference returns new arrays and leaves the input alone
        np.testing.assert_array_equal(g, o)


def test_value_clipping_turns_the_direction():
    """The insight's example: [10, 1] clipped at 1 becomes [1, 1], about a 39 degree turn."""
    g = np.array([10.0, 1.0])
    (clipped,) = reference()["clip_grad_value"]([g], 1.0)
    cos = g @ clipped / (np.linalg.norm(g) * np.linalg.norm(clipped))
    assert np.degrees(np.arccos(cos)) == pytest.approx(39.29, abs=0.01)
