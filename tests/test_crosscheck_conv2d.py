"""The conv2d reference agrees with torch.nn.functional.conv2d, max_pool2d and autograd (float64, many shapes,
strides and paddings), with central differences, and every number the problem's texts state is recomputed here."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


def problem() -> Problem:
    return catalog.load(catalog.resolve("conv2d", catalog.index(catalog.pack_dirs())))


def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "conv2d.py", "xref_conv2d")


def _configs(seed: int, count: int):
    """Random small problems: (x, w, b, stride, padding), every window fitting inside the padded input."""
    rng = np.random.default_rng(seed)
    for _ in range(count):
        n, c, f = (int(v) for v in rng.integers(1, 4, 3))
        kh, kw = (int(v) for v in rng.integers(1, 5, 2))
        stride, padding = int(rng.integers(1, 4)), int(rng.integers(0, 3))
        h = int(rng.integers(max(1, kh - 2 * padding), 10))
        w = int(rng.integers(max(1, kw - 2 * padding), 10))
        yield (rng.normal(size=(n, c, h, w)), rng.normal(size=(f, c, kh, kw)), rng.normal(size=f), stride, padding)


@pytest.fixture
def torch():
    """torch on one thread (these tensors are tiny: more threads only add overhead), restored afterwards."""
    module = pytest.importorskip("torch")
    threads = module.get_num_threads()
    module.set_num_threads(1)
    yield module
    module.set_num_threads(threads)


def test_conv2d_and_backward_match_torch_on_random_shapes(torch):
    fn = torch.nn.functional
    m = ref()
    for x, w, b, stride, padding in _configs(19, 200):
        tx, tw, tb = (torch.tensor(a, requires_grad=True) for a in (x, w, b))
        out = fn.conv2d(tx, tw, tb, stride=stride, padding=padding)
        ours = m["conv2d"](x, w, b, stride=stride, padding=padding)
        assert ours.shape == tuple(out.shape)
        np.testing.assert_allclose(ours, out.detach().numpy(), rtol=1e-12, atol=1e-12)
        no_bias = fn.conv2d(torch.tensor(x), torch.tensor(w), stride=stride, padding=padding).numpy()
        np.testing.assert_allclose(m["conv2d"](x, w, stride=stride, padding=padding), no_bias, rtol=1e-12, atol=1e-12)
        dout = np.random.default_rng(x.size).normal(size=ours.shape)
        out.backward(torch.tensor(dout))
        dx, dw, db = m["conv2d_backward"](dout, x, w, stride=stride, padding=padding)
        assert dx.shape == x.shape and dw.shape == w.shape and db.shape == b.shape
        np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(db, tb.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_max_pool2d_matches_torch(torch):
    fn = torch.nn.functional
    m = ref()
    rng = np.random.default_rng(7)
    for _ in range(200):
        n, c = (int(v) for v in rng.integers(1, 4, 2))
        h, w = (int(v) for v in rng.integers(1, 11, 2))
        kernel = int(rng.integers(1, min(h, w) + 1))
        stride = int(rng.integers(1, 4))
        x = rng.normal(size=(n, c, h, w)) - (5.0 if rng.random() < 0.3 else 0.0)
        np.testing.assert_array_equal(m["max_pool2d"](x, kernel, stride), fn.max_pool2d(torch.tensor(x), kernel, stride).numpy())
        np.testing.assert_array_equal(m["max_pool2d"](x, kernel), fn.max_pool2d(torch.tensor(x), kernel).numpy())


@pytest.mark.parametrize("scale", [1e-8, 1e8])
def test_extreme_magnitudes_match_torch(scale, torch):
    fn = torch.nn.functional
    m = ref()
    rng = np.random.default_rng(int(math.log10(scale)) + 20)
    x, w, b = rng.normal(size=(2, 3, 9, 8)) * scale, rng.normal(size=(4, 3, 3, 2)), rng.normal(size=4) * scale
    tx, tw = torch.tensor(x, requires_grad=True), torch.tensor(w, requires_grad=True)
    out = fn.conv2d(tx, tw, torch.tensor(b), stride=2, padding=1)
    np.testing.assert_allclose(m["conv2d"](x, w, b, stride=2, padding=1), out.detach().numpy(), rtol=1e-11, atol=0)
    dout = rng.normal(size=tuple(out.shape)) * scale
    out.backward(torch.tensor(dout))
    dx, dw, _ = m["conv2d_backward"](dout, x, w, stride=2, padding=1)
    np.testing.assert_allclose(dx, tx.grad.numpy(), rtol=1e-11, atol=0)
    np.testing.assert_allclose(dw, tw.grad.numpy(), rtol=1e-11, atol=0)


def test_backward_matches_central_differences():
    """Without torch: L = sum(conv2d(x, w, b) * dout) differentiated numerically (it is linear in each argument)."""
    m = ref()
    for x, w, b, stride, padding in _configs(23, 8):
        dout = np.random.default_rng(x.size + 1).normal(size=m["conv2d"](x, w, b, stride=stride, padding=padding).shape)
        dx, dw, db = m["conv2d_backward"](dout, x, w, stride=stride, padding=padding)
        for arr, grad in ((x, dx), (w, dw), (b, db)):
            numeric = np.zeros_like(arr)
            for idx in np.ndindex(arr.shape):
                old = arr[idx]
                arr[idx] = old + 1e-6
                up = np.sum(m["conv2d"](x, w, b, stride=stride, padding=padding) * dout)
                arr[idx] = old - 1e-6
                down = np.sum(m["conv2d"](x, w, b, stride=stride, padding=padding) * dout)
                arr[idx] = old
                numeric[idx] = (up - down) / 2e-6
            np.testing.assert_allclose(grad, numeric, rtol=1e-6, atol=1e-7)


def test_reference_does_not_modify_inputs():
    m = ref()
    x, w, b, stride, padding = next(_configs(5, 1))
    copies = [a.copy() for a in (x, w, b)]
    out = m["conv2d"](x, w, b, stride=stride, padding=padding)
    m["conv2d_backward"](np.ones_like(out), x, w, stride=stride, padding=padding)
    m["max_pool2d"](x, 1)
    for a, c in zip((x, w, b), copies):
        np.testing.assert_array_equal(a, c)


def test_hidden_tests_cover_what_the_prompt_says():
    """Strides 1 to 3 and padding 0 to 2 in both parts; the efficiency rows are the sizes the prompts state."""
    p = problem()
    calls = [t.call or "" for t in p.tests]
    strides = {int(s) for c in calls for s in re.findall(r"stride=(\d)", c)} | {1}
    paddings = {int(s) for c in calls for s in re.findall(r"padding=(\d)", c)} | {0}
    assert strides == {1, 2, 3} and paddings == {0, 1, 2}
    backward = [c for c in calls if c.startswith("conv2d_backward")]
    assert {int(s) for c in backward for s in re.findall(r"stride=(\d)", c)} | {1} == {1, 2, 3}
    assert {int(s) for c in backward for s in re.findall(r"padding=(\d)", c)} | {0} == {0, 1, 2}
    efficiency = [t for t in p.tests if t.category == "efficiency"]
    assert len(efficiency) == 2
    for t in efficiency:
        shapes = t.inputs[0].as_dict()["shapes"]
        assert shapes["x"] == [32, 16, 12, 12] and shapes["w"] == [32, 16, 3, 3]
        assert "padding=1" in (t.call or "") and t.max_ratio == 25
    for part in p.parts:
        assert "`(32, 16, 12, 12)`" in part.prompt and "25x" in part.prompt and "padding 1" in part.prompt


def test_example_sizes_in_the_texts():
    """A 4 x 4 input, 2 x 2 kernel, stride 2, padding 1 gives 3 x 3; max pooling a 5 x 5 input with kernel 2 gives 2 x 2."""
    load_topics()
    p, m = problem(), ref()
    assert (4 + 2 - 2) // 2 + 1 == 3
    example = next(t for t in p.tests if t.name == "stride 2 and padding 1")
    data = build([], example.given)
    assert m["conv2d"](data["x"], data["w"], data["b"], stride=2, padding=1).shape == (1, 2, 3, 3)
    pool = next(t for t in p.tests if t.call == "max_pool2d(x, 2)" and t.category == "example")
    assert m["max_pool2d"](build([], pool.given)["x"], 2).shape == (1, 1, 2, 2)
    assert "(4 + 2 - 2) // 2 + 1 = 3" in p.think_aloud and "a 5 by 5 input with kernel 2 gives 2 by 2" in p.think_aloud


def test_floor_insight_numbers():
    """H = 8, 3 x 3, stride 2: OH = 3, windows at rows 0, 2, 4, row 7 unread (dx 0 there), and the full-convolution
    recipe gives (OH - 1) * S + K = 7 rows. H = 7, 2 x 2, stride 3: OH = 2, rows 2, 5 and 6 unread."""
    m = ref()
    rng = np.random.default_rng(3)
    for h, k, s, oh, unread in ((8, 3, 2, 3, [7]), (7, 2, 3, 2, [2, 5, 6])):
        assert (h - k) // s + 1 == oh
        read = sorted({start + p for start in range(0, s * oh, s) for p in range(k)})
        assert sorted(set(range(h)) - set(read)) == unread
        x, w = rng.normal(size=(1, 2, h, h)), rng.normal(size=(2, 2, k, k))
        dx, _, _ = m["conv2d_backward"](rng.normal(size=(1, 2, oh, oh)), x, w, stride=s)
        assert np.all(dx[:, :, unread, :] == 0) and np.all(dx[:, :, :, unread] == 0)
        assert np.all(np.abs(dx[:, :, read, :][:, :, :, read]) > 0)
    assert (3 - 1) * 2 + 3 == 7
    text = next(i.body for i in problem().insights if i.title.startswith("The floor"))
    for phrase in ("`H = 8`", "`OH = 3`", "rows 0, 2 and 4", "rows 0 to 6", "row 7 is never read", "`H = 7`",
                   "`OH = 2`", "rows 2, 5 and 6", "7 instead of 8"):
        assert phrase in text


def test_im2col_insight_numbers():
    n, c, h, f, k, pad, s = 32, 16, 12, 32, 3, 1, 1
    oh = (h + 2 * pad - k) // s + 1
    assert oh == 12
    assert n * f * oh * oh * c * k * k == 21_233_664  # multiply-adds
    assert n * f * oh * oh * k * k == 1_327_104  # iterations of the six-deep loop, each over c = 16 channels
    assert n * f * oh * oh == 147_456  # output elements
    assert oh * oh == 144 and (n, c * k * k) == (32, 144) and (c * k * k, f) == (144, 32)
    cols, x_bytes = n * oh * oh * c * k * k * 8, n * c * h * h * 8
    assert (cols, x_bytes, cols // x_bytes) == (5_308_416, 589_824, 9)
    text = next(i.body for i in problem().insights if i.title.startswith("im2col"))
    for phrase in ("21,233,664", "1,327,104", "16 channels", "144 matrix products of `(32, 144)` by `(144, 32)`",
                   "147,456", "9 for a `3 x 3`", "5,308,416 bytes", "589,824"):
        assert phrase in text


def test_followup_numbers():
    c = f = 256
    standard, separable = f * c * 3 * 3, c * 3 * 3 + c * f
    assert (standard, separable) == (589_824, 67_840) and round(standard / separable, 1) == 8.7
    assert 2 * 9 == 18 and 1 - 18 / 25 == pytest.approx(0.28) and 3 * 9 == 27 and 7 * 7 == 49
    # two stacked 3 x 3 convolutions see 5 x 5, three see 7 x 7 (each adds K - 1 at stride 1)
    assert 1 + 2 * (3 - 1) == 5 and 1 + 3 * (3 - 1) == 7
    assert (2 + 3 - 1) ** 2 == 16 and 2 * 2 * 3 * 3 == 36  # Winograd F(2x2, 3x3) against the direct tile
    text = " ".join(q.answer for q in problem().followups)
    for phrase in ("589,824 to 67,840", "about 8.7 times", "= 18 C^2`", "`25 C^2` (28% fewer)", "`27 C^2`", "`49 C^2`",
                   "`7 x 7`", "16 multiplications instead of 36"):
        assert phrase in text


def test_max_pool_ties_go_to_the_first_maximum_in_torch(torch):
    """The follow-up's claim: PyTorch routes a tied window's gradient to one position, the first maximum."""
    x = torch.tensor([[[[1.0, 3.0], [3.0, 0.0]]]], dtype=torch.float64, requires_grad=True)
    torch.nn.functional.max_pool2d(x, 2).sum().backward()
    np.testing.assert_array_equal(x.grad.numpy(), [[[[0.0, 1.0], [0.0, 0.0]]]])
    text = next(q.answer for q in problem().followups if "max pooling" in q.question)
    assert "one position (the first maximum it finds)" in text
