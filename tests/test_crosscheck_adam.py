"""The adam reference agrees with torch.optim.Adam and torch.optim.AdamW over 50 steps of random gradients."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module

torch = pytest.importorskip("torch")

SHAPES = {"W": (4, 3), "b": (3,), "gain": (1,)}


def reference() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "adam.py", "xref_adam")


def run_both(make_ours, make_torch, seed: int, steps: int = 50, grad_scale: float = 1.0, zero: tuple = ()):
    """Run our optimiser and torch's on the same parameters and gradients; return both final dicts."""
    rng = np.random.default_rng(seed)
    params = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    grads = [
        {k: np.zeros(s) if k in zero else rng.normal(0.0, grad_scale, size=s) for k, s in SHAPES.items()}
        for _ in range(steps)
    ]
    ours = {k: v.copy() for k, v in params.items()}
    held = dict(ours)  # the caller's references: must see every update
    theirs = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()}
    opt_ours, opt_torch = make_ours(), make_torch(list(theirs.values()))
    for g in grads:
        opt_ours.step(ours, g)
        for k, t in theirs.items():
            t.grad = torch.from_numpy(g[k].copy())
        opt_torch.step()
    for k in ours:
        assert ours[k] is held[k], f"{k} was replaced instead of updated in place"
    return ours, {k: t.detach().numpy() for k, t in theirs.items()}


ADAM_CASES = [
    ({}, 1.0),
    ({"lr": 0.01}, 1.0),
    ({"lr": 0.05, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}, 0.3),
    ({"lr": 0.01}, 1e-6),
    ({"lr": 0.01}, 1e4),
]


@pytest.mark.parametrize("kwargs, grad_scale", ADAM_CASES)
def test_adam_matches_torch(kwargs, grad_scale):
    Adam = reference()["Adam"]
    torch_kwargs = {"lr": kwargs.get("lr", 1e-3), "betas": (kwargs.get("beta1", 0.9), kwargs.get("beta2", 0.999)),
                    "eps": kwargs.get("eps", 1e-8)}
    ours, theirs = run_both(lambda: Adam(**kwargs), lambda p: torch.optim.Adam(p, **torch_kwargs), 11, grad_scale=grad_scale)
    for k in ours:
        np.testing.assert_allclose(ours[k], theirs[k], rtol=1e-10, atol=1e-12)


ADAMW_CASES = [{}, {"lr": 0.1, "weight_decay": 0.1}, {"lr": 0.01, "weight_decay": 0.1}, {"lr": 0.01, "weight_decay": 0.0}]


@pytest.mark.parametrize("kwargs", ADAMW_CASES)
def test_adamw_matches_torch(kwargs):
    AdamW = reference()["AdamW"]
    torch_kwargs = {"lr": kwargs.get("lr", 1e-3), "weight_decay": kwargs.get("weight_decay", 0.01)}
    ours, theirs = run_both(lambda: AdamW(**kwargs), lambda p: torch.optim.AdamW(p, **torch_kwargs), 12)
    for k in ours:
        np.testing.assert_allclose(ours[k], theirs[k], rtol=1e-10, atol=1e-12)


def test_adamw_zero_gradient_only_decays_like_torch():
    AdamW = reference()["AdamW"]
    ours, theirs = run_both(
        lambda: AdamW(lr=0.01, weight_decay=0.1), lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), 13,
        zero=("b",),
    )
    np.testing.assert_allclose(ours["b"], theirs["b"], rtol=1e-12)
    rng = np.random.default_rng(13)
    start = {k: rng.normal(size=s) for k, s in SHAPES.items()}
    np.testing.assert_allclose(ours["b"], start["b"] * (1 - 0.01 * 0.1) ** 50, rtol=1e-12)


def test_torch_adam_weight_decay_is_l2_not_adamw():
    """The prompt's claim: torch.optim.Adam(weight_decay=...) is L2 in the gradient (the listed mistake), not AdamW."""
    ns = reference()

    class L2Adam(ns["Adam"]):
        def step(self, params, grads):
            super().step(params, {k: g + 0.1 * params[k] for k, g in grads.items()})

    l2, torch_l2 = run_both(lambda: L2Adam(lr=0.01), lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1), 14)
    decoupled, _ = run_both(lambda: ns["AdamW"](lr=0.01, weight_decay=0.1),
                            lambda p: torch.optim.AdamW(p, lr=0.01, weight_decay=0.1), 14)
    for k in l2:
        np.testing.assert_allclose(l2[k], torch_l2[k], rtol=1e-10, atol=1e-12)
    assert not np.allclose(l2["W"], decoupled["W"], rtol=1e-5, atol=1e-8)


def test_first_step_is_lr_times_sign():
    Adam = reference()["Adam"]
    p = {"w": np.array([1.0, -2.0, 3.0])}
    Adam().step(p, {"w": np.array([0.1, -0.5, 0.0])})
    np.testing.assert_allclose(p["w"], [0.999, -1.999, 3.0], rtol=1e-6)


def test_uncorrected_adam_overshoots_early():
    """The insight's numbers: without bias correction the step is about 3.16x at t=1 and peaks near 6.57x at t=12."""
    t = np.arange(1, 2001)
    ratio = (1 - 0.9 ** t) / np.sqrt(1 - 0.999 ** t)
    assert ratio[0] == pytest.approx(3.1623, rel=1e-4)
    assert int(np.argmax(ratio)) + 1 == 12 and ratio.max() == pytest.approx(6.5685, rel=1e-4)
    assert ratio[99] == pytest.approx(3.2408, rel=1e-4) and ratio[999] == pytest.approx(1.2576, rel=1e-4)
