"""The lstm reference agrees with torch.nn.LSTM (forward) and autograd (every gradient), on random and
saturating inputs, and with central differences without torch; and every number the problem's texts state
is recomputed here.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem

NAMES = ("x", "h0", "c0", "W_ih", "W_hh", "b_ih", "b_hh")
SHAPES = [(1, 1, 1, 1), (1, 3, 4, 5), (2, 2, 3, 2), (5, 3, 4, 6), (7, 1, 2, 3), (4, 6, 5, 1)]


def problem() -> Problem:
    return catalog.load(catalog.resolve("lstm", catalog.index(catalog.pack_dirs())))


def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "lstm.py", "xref_lstm")


def mistake(mid: str) -> dict:
    p = problem()
    (m,) = [m for m in p.mistakes if m.id == mid]
    return load_module(p.solution_path, f"xref_lstm_{mid}", m.apply(p.reference_source()))


def inputs(T: int, N: int, D: int, H: int, seed: int, weight_scale: float = 0.5) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    args = {
        "x": rng.normal(size=(T, N, D)),
        "h0": rng.normal(size=(N, H)),
        "c0": rng.normal(size=(N, H)),
        "W_ih": weight_scale * rng.normal(size=(4 * H, D)),
        "W_hh": weight_scale * rng.normal(size=(4 * H, H)),
        "b_ih": weight_scale * rng.normal(size=4 * H),
        "b_hh": weight_scale * rng.normal(size=4 * H),
    }
    args["dout"] = rng.normal(size=(T, N, H))
    return args


def pre_activations(args: dict[str, np.ndarray]) -> np.ndarray:
    """Every step's a = x W_ih^T + b_ih + h W_hh^T + b_hh, (T, N, 4H), from the reference's states."""
    out, _ = ref()["lstm_forward"](*(args[k] for k in NAMES))
    h_prev = np.concatenate([args["h0"][None], out[:-1]])
    return args["x"] @ args["W_ih"].T + args["b_ih"] + h_prev @ args["W_hh"].T + args["b_hh"]


def torch_lstm(args: dict[str, np.ndarray]):
    """Forward and backward through torch.nn.LSTM (float64) with our weights: (out, h_T, c_T, grads)."""
    torch = pytest.importorskip("torch")
    D, H = args["x"].shape[2], args["h0"].shape[1]
    lstm = torch.nn.LSTM(D, H).double()
    with torch.no_grad():
        for name, key in (("weight_ih_l0", "W_ih"), ("weight_hh_l0", "W_hh"), ("bias_ih_l0", "b_ih"), ("bias_hh_l0", "b_hh")):
            getattr(lstm, name).copy_(torch.from_numpy(args[key]))
    x = torch.from_numpy(args["x"]).requires_grad_(True)
    h0 = torch.from_numpy(args["h0"][None].copy()).requires_grad_(True)
    c0 = torch.from_numpy(args["c0"][None].copy()).requires_grad_(True)
    out, (h_T, c_T) = lstm(x, (h0, c0))
    (out * torch.from_numpy(args["dout"])).sum().backward()
    grads = {
        "x": x.grad.numpy(), "h0": h0.grad.numpy()[0], "c0": c0.grad.numpy()[0],
        "W_ih": lstm.weight_ih_l0.grad.numpy(), "W_hh": lstm.weight_hh_l0.grad.numpy(),
        "b_ih": lstm.bias_ih_l0.grad.numpy(), "b_hh": lstm.bias_hh_l0.grad.numpy(),
    }
    return out.detach().numpy(), h_T.detach().numpy()[0], c_T.detach().numpy()[0], grads


@pytest.mark.parametrize("scale", [0.5, 300.0])
@pytest.mark.parametrize("shape", SHAPES)
def test_matches_torch_lstm_and_autograd(shape, scale):
    T, N, D, H = shape
    args = inputs(T, N, D, H, seed=sum(shape) * 7 + int(scale), weight_scale=scale)
    out_t, h_t, c_t, grads_t = torch_lstm(args)
    m = ref()
    with np.errstate(over="raise"):
        out, (h_T, c_T) = m["lstm_forward"](*(args[k] for k in NAMES))
        grads = m["lstm_backward"](*(args[k] for k in NAMES), args["dout"])
    np.testing.assert_allclose(out, out_t, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(h_T, h_t, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(c_T, c_t, rtol=1e-10, atol=1e-12)
    assert set(grads) == set(NAMES)
    for k in NAMES:
        assert grads[k].shape == args[k].shape, k
        np.testing.assert_allclose(grads[k], grads_t[k], rtol=1e-9, atol=1e-10, err_msg=k)


def test_gradients_match_central_differences():
    """Without torch: every entry of every gradient against (L(p + h) - L(p - h)) / 2h with h = 1e-6."""
    m = ref()
    args = inputs(3, 2, 3, 2, seed=5)
    grads = m["lstm_backward"](*(args[k] for k in NAMES), args["dout"])

    def loss() -> float:
        return float(np.sum(args["dout"] * m["lstm_forward"](*(args[k] for k in NAMES))[0]))

    h = 1e-6
    for k in NAMES:
        num = np.zeros_like(args[k])
        for idx in np.ndindex(args[k].shape):
            old = args[k][idx]
            args[k][idx] = old + h
            up = loss()
            args[k][idx] = old - h
            down = loss()
            args[k][idx] = old
            num[idx] = (up - down) / (2 * h)
        np.testing.assert_allclose(grads[k], num, rtol=1e-6, atol=1e-8, err_msg=k)
    np.testing.assert_array_equal(grads["b_ih"], grads["b_hh"])  # the followup's cheap identity


def test_reference_does_not_modify_its_arguments():
    m = ref()
    args = inputs(4, 2, 3, 5, seed=8)
    before = {k: v.copy() for k, v in args.items()}
    m["lstm_forward"](*(args[k] for k in NAMES))
    m["lstm_backward"](*(args[k] for k in NAMES), args["dout"])
    for k, v in args.items():
        np.testing.assert_array_equal(v, before[k])


def test_time_mistakes_hide_at_one_step_and_show_at_two():
    """The explanations: T = 1 hides a dropped dc_next or dh_next and unsummed weights; T >= 2 shows them."""
    good = ref()
    one, two = inputs(1, 3, 4, 5, seed=21), inputs(2, 3, 4, 5, seed=22)
    expected = {mid: keys for mid, keys in (
        ("cell_grad_dropped", NAMES), ("dh_not_carried", NAMES), ("weights_not_summed", ("W_ih", "W_hh", "b_ih", "b_hh")),
    )}
    for mid, keys in expected.items():
        bad = mistake(mid)
        g1 = good["lstm_backward"](*(one[k] for k in NAMES), one["dout"])
        b1 = bad["lstm_backward"](*(one[k] for k in NAMES), one["dout"])
        for k in NAMES:
            np.testing.assert_allclose(b1[k], g1[k], rtol=1e-12, atol=1e-14)
        g2 = good["lstm_backward"](*(two[k] for k in NAMES), two["dout"])
        b2 = bad["lstm_backward"](*(two[k] for k in NAMES), two["dout"])
        assert all(not np.allclose(b2[k], g2[k]) for k in keys), mid
    for mid in expected:
        assert "which is why T = 1 hides it" in next(m for m in problem().mistakes if m.id == mid).explanation


def test_hidden_tests_use_different_d_and_h():
    """The prompt: several T, N, D and H, D and H differing, so mixing up W_ih and W_hh fails on shape."""
    sizes = set()
    for t in problem().tests:
        if t.category in ("example", "efficiency"):
            continue
        data = _test_inputs(t.name)
        D, H = data["x"].shape[2], data["W_hh"].shape[1]
        assert D != H, t.name
        sizes.add(data["x"].shape + (H,))
    assert len(sizes) >= 5 and (1, 1) in {(n, h) for _, n, _, h in sizes}
    assert "(`D` and `H` differ)" in " ".join(problem().parts[0].prompt.split())


def test_wrong_gate_order_is_silent():
    """The insight: read with the wrong gate order, every output still lies in (-1, 1), yet differs."""
    args = inputs(6, 4, 3, 5, seed=50, weight_scale=1.0)
    out, _ = mistake("gate_order")["lstm_forward"](*(args[k] for k in NAMES))
    good, _ = ref()["lstm_forward"](*(args[k] for k in NAMES))
    assert np.all(np.abs(out) < 1) and not np.allclose(out, good)
    assert "every output still lies in (-1, 1)" in problem().insights[0].body


def test_loss_on_the_last_output_still_reaches_the_start():
    """The followup: with dout zero except at the last step, dx, dh0 and dc0 are still nonzero."""
    args = inputs(6, 2, 3, 4, seed=30)
    args["dout"][:-1] = 0.0
    grads = ref()["lstm_backward"](*(args[k] for k in NAMES), args["dout"])
    assert np.abs(grads["x"][0]).min() > 0 and np.abs(grads["h0"]).min() > 0 and np.abs(grads["c0"]).min() > 0


def _test_inputs(name: str) -> dict[str, np.ndarray]:
    load_topics()
    test = next(t for t in problem().tests if t.name == name)
    return build([r.as_dict() for r in test.inputs], test.given)


@pytest.mark.parametrize("name", ["pre-activations of magnitude 1e3", "gradients at pre-activations of magnitude 1e3"])
def test_stability_tests_reach_magnitude_1e3(name):
    """The stability tests' pre-activations are of magnitude 1e3 (beyond exp's overflow at 709.78 both ways)."""
    a = pre_activations(_test_inputs(name))
    assert 1e3 <= np.abs(a).max() < 1e4
    assert (a < -709.79).any() and (a > 709.79).any()
    p = problem()
    assert "pre-activations `a` of magnitude 1e3" in p.parts[0].prompt and "magnitude 1e3" in p.parts[1].prompt


def test_efficiency_rows_hold_2000_sequences():
    p = problem()
    for name in ("2,000 sequences of 10 steps", "backward over 2,000 sequences of 10 steps"):
        assert _test_inputs(name)["x"].shape == (10, 2000, 8)
    assert "a batch of 2,000 sequences" in p.parts[0].prompt
    assert (p.tolerance.rtol, p.tolerance.atol) == (1e-5, 1e-8)
    assert "rtol 1e-5, atol 1e-8" in p.parts[0].prompt and "rtol 1e-5, atol 1e-8" in p.parts[1].prompt


def test_sigmoid_overflow_numbers():
    """exp overflows above 709.78 (float64) and 88.72 (float32); the naive forms warn or give NaN; np.where
    evaluates both branches; the reference's sigmoid never overflows."""
    assert f"{math.log(np.finfo(np.float64).max):.2f}" == "709.78"
    assert f"{math.log(np.finfo(np.float32).max):.2f}" == "88.72"
    big = np.float64(709.79)
    with np.errstate(over="raise"):
        np.exp(np.float64(709.78))
        with pytest.raises(FloatingPointError):
            np.exp(big)
    with np.errstate(over="ignore", invalid="ignore"):
        assert 1.0 / (1.0 + np.exp(1000.0)) == 0.0  # right answer, after an overflow
        assert np.isnan(np.exp(1000.0) / (1.0 + np.exp(1000.0)))
    z = np.array([-1000.0, 1000.0])
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        np.where(z >= 0, 1 / (1 + np.exp(-z)), np.exp(z) / (1 + np.exp(z)))
    with np.errstate(over="raise", invalid="raise"), warnings.catch_warnings():
        warnings.simplefilter("error")
        s = ref()["_sigmoid"](np.array([-1000.0, -709.79, 0.0, 709.79, 1000.0]))
    np.testing.assert_array_equal(s[[0, 2, 4]], [0.0, 0.5, 1.0])
    p = problem()
    assert "falls below about -709.78" in p.parts[0].prompt
    text = " ".join(i.body for i in p.insights)
    assert "overflows above about 709.78 (in float32 above about 88.72)" in text


def test_forget_gate_highway_numbers():
    sig = 1 / (1 + math.exp(-1))
    assert f"{0.9 ** 50:.5f}" == "0.00515"
    assert f"{0.5 ** 10:.6f}" == "0.000977"
    assert f"{sig:.3f}" == "0.731"
    assert f"{sig ** 10:.4f}" == "0.0436"
    assert f"{sig ** 10 / 0.5 ** 10:.1f}" == "44.7"
    body = next(i.body for i in problem().insights if i.title.startswith("The cell state is a gradient highway"))
    for said in ("50 steps keep about 0.00515", "0.5^10, about 0.000977", "about 0.731", "about 0.0436, about 44.7 times"):
        assert said in body
    # And the claim itself: with W_hh = 0 only the cell path links the steps, and dL/dc0 is the last step's
    # cell gradient times the product of every step's forget gate.
    args = inputs(5, 2, 3, 4, seed=40)
    args["W_hh"][:] = 0.0
    args["dout"][:-1] = 0.0
    m = ref()
    _, cs, gates = m["_run"](*(args[k] for k in NAMES))
    o_last, tanh_c = gates[-1][3], np.tanh(cs[-1])
    dc_last = args["dout"][-1] * o_last * (1 - tanh_c**2)
    forget = np.prod([g[1] for g in gates], axis=0)
    grads = m["lstm_backward"](*(args[k] for k in NAMES), args["dout"])
    np.testing.assert_allclose(grads["c0"], dc_last * forget, rtol=1e-12)


def test_parameter_counts_and_memory():
    """4H(D + H) + 8H = 2,101,248 for D = H = 512 (torch agrees); a GRU has 3/4 of it, 1,575,936; the
    BPTT cache for T = 1000, N = 64, H = 512 in float32 is 786,432,000 bytes, 750 MiB."""
    D = H = 512
    lstm_count, gru_count = 4 * H * (D + H) + 8 * H, 3 * H * (D + H) + 6 * H
    assert (lstm_count, gru_count) == (2_101_248, 1_575_936) and gru_count * 4 == lstm_count * 3
    cache = 1000 * 64 * 6 * 512 * 4
    assert cache == 786_432_000 and cache / 2**20 == 750
    p = problem()
    insights = " ".join(i.body for i in p.insights)
    followups = " ".join(f.answer for f in p.followups)
    assert "for `D = H = 512`, 2,101,248" in insights and "786,432,000 bytes, 750 MiB" in insights
    assert "1,575,936 for `D = H = 512`" in followups and "three quarters" in followups
    torch = pytest.importorskip("torch")
    assert sum(t.numel() for t in torch.nn.LSTM(512, 512).parameters()) == lstm_count
    assert sum(t.numel() for t in torch.nn.GRU(512, 512).parameters()) == gru_count
