"""The kv_cache reference against torch.nn.MultiheadAttention with a causal mask (forward, and every step of
the cached decoder), and every number the problem's texts state, recomputed.
"""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest

from mlprep import catalog
from mlprep.checks.generators import build, load_topics
from mlprep.engine.loader import load_module
from mlprep.problem import Problem


@functools.lru_cache(maxsize=1)
def problem() -> Problem:
    return catalog.load(catalog.resolve("kv_cache", catalog.index(catalog.pack_dirs())))


@functools.lru_cache(maxsize=1)
def ref() -> dict:
    return load_module(catalog.BUILTIN / "solutions" / "kv_cache.py", "xref_kv_cache")


def patched(mistake_id: str) -> dict:
    p = problem()
    (mistake,) = [m for m in p.mistakes if m.id == mistake_id]
    return load_module(p.solution_path, f"xref_kv_cache_{mistake_id}", mistake.apply(p.reference_source()))  # type: ignore[arg-type]


def text() -> str:
    p = problem()
    parts = [part.prompt for part in p.parts] + [i.body for i in p.insights] + [f.answer for f in p.followups]
    return " ".join(" ".join(parts).split())  # one line: the texts wrap anywhere


def weights(rng: np.random.Generator, d: int, scale: float) -> list[np.ndarray]:
    return [rng.normal(scale=scale, size=(d, d)) for _ in range(4)]


def steps(mha, x: np.ndarray) -> np.ndarray:
    cache = mha.new_cache()
    return np.stack([mha.step(x[:, t], cache) for t in range(x.shape[1])], axis=1)


def torch_forward(W: list[np.ndarray], n_heads: int, x: np.ndarray) -> np.ndarray:
    torch = pytest.importorskip("torch")
    d = x.shape[-1]
    layer = torch.nn.MultiheadAttention(d, n_heads, bias=False, batch_first=True).double()
    W_q, W_k, W_v, W_o = W
    with torch.no_grad():
        # torch computes x @ in_proj_weight.T and ctx @ out_proj.weight.T: ours is x @ W, so it holds W.T.
        layer.in_proj_weight.copy_(torch.from_numpy(np.concatenate([W_q.T, W_k.T, W_v.T], axis=0)))
        layer.out_proj.weight.copy_(torch.from_numpy(W_o.T))
        T = x.shape[1]
        blocked = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)  # True = may NOT attend, in torch
        tx = torch.from_numpy(x)
        out, _ = layer(tx, tx, tx, attn_mask=blocked, need_weights=False)
    return out.numpy()


CASES = [(1, 1, 4, 1), (2, 6, 8, 2), (3, 7, 12, 3), (1, 9, 16, 4), (2, 6, 6, 1), (2, 5, 4, 4), (2, 12, 32, 8)]


@pytest.mark.parametrize("N, T, d, h", CASES)
def test_forward_and_steps_match_torch(N, T, d, h):
    rng = np.random.default_rng(N * 1000 + T * 10 + h)
    W = weights(rng, d, 1 / math.sqrt(d))
    x = rng.normal(size=(N, T, d))
    expected = torch_forward(W, h, x)
    mha = ref()["MultiHeadAttention"](*W, h)
    np.testing.assert_allclose(mha.forward(x), expected, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(steps(mha, x), expected, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("magnitude", [100.0, 1000.0])
def test_extreme_inputs_match_torch(magnitude):
    rng = np.random.default_rng(int(magnitude))
    W = weights(rng, 8, 0.35)
    x = magnitude * rng.normal(size=(2, 6, 8))
    expected = torch_forward(W, 2, x)
    mha = ref()["MultiHeadAttention"](*W, 2)
    out = mha.forward(x)
    assert np.isfinite(out).all()
    np.testing.assert_allclose(out, expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(steps(mha, x), expected, rtol=1e-9, atol=1e-9)


def test_two_caches_interleaved_and_a_causal_prefix():
    rng = np.random.default_rng(7)
    W = weights(rng, 8, 0.35)
    mha = ref()["MultiHeadAttention"](*W, 2)
    a, b = rng.normal(size=(2, 5, 8)), rng.normal(size=(2, 5, 8))
    ca, cb = mha.new_cache(), mha.new_cache()
    ya, yb = [], []
    for t in range(5):
        ya.append(mha.step(a[:, t], ca))
        yb.append(mha.step(b[:, t], cb))
    np.testing.assert_allclose(np.stack(ya, 1), mha.forward(a), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(np.stack(yb, 1), mha.forward(b), rtol=1e-12, atol=1e-14)
    # Causal: changing the last token changes no earlier output.
    a2 = a.copy()
    a2[:, -1] += 1.0
    np.testing.assert_array_equal(mha.forward(a2)[:, :-1], mha.forward(a)[:, :-1])


def test_mistakes_hide_where_the_texts_say():
    """Bare reshape: T = 1 or one head. sqrt(d_model): one head. Batch-axis cache: one sequence."""
    rng = np.random.default_rng(3)
    W8 = weights(rng, 8, 0.35)
    good = ref()["MultiHeadAttention"]
    bare = patched("bare_reshape_heads")["MultiHeadAttention"]
    wide = patched("scaled_by_sqrt_d_model")["MultiHeadAttention"]
    batch = patched("cache_grown_on_batch_axis")["MultiHeadAttention"]
    x1, x6 = rng.normal(size=(3, 1, 8)), rng.normal(size=(2, 6, 8))
    np.testing.assert_allclose(bare(*W8, 4).forward(x1), good(*W8, 4).forward(x1), rtol=1e-12)
    np.testing.assert_allclose(bare(*W8, 1).forward(x6), good(*W8, 1).forward(x6), rtol=1e-12)
    assert not np.allclose(bare(*W8, 2).forward(x6), good(*W8, 2).forward(x6))
    np.testing.assert_allclose(wide(*W8, 1).forward(x6), good(*W8, 1).forward(x6), rtol=1e-12)
    assert not np.allclose(wide(*W8, 2).forward(x6), good(*W8, 2).forward(x6))
    np.testing.assert_allclose(steps(batch(*W8, 2), x6[:1]), steps(good(*W8, 2), x6[:1]), rtol=1e-12)
    assert not np.allclose(steps(batch(*W8, 2), x6), steps(good(*W8, 2), x6))


def test_bare_reshape_insight():
    """T = 4, d_model = 8, 2 heads: bare head 0 holds tokens 0 and 1 whole; its 'token 1' is token 0's second half."""
    x = np.arange(4 * 8, dtype=float).reshape(1, 4, 8)  # token t, feature f holds 8 t + f
    bare = x.reshape(1, 2, 4, 4)
    np.testing.assert_array_equal(bare[0, 0].ravel(), np.concatenate([x[0, 0], x[0, 1]]))
    np.testing.assert_array_equal(bare[0, 0, 1], x[0, 0, 4:])
    right = x.reshape(1, 4, 2, 4).transpose(0, 2, 1, 3)
    np.testing.assert_array_equal(right[0, 0, 1], x[0, 1, :4])
    body = " ".join(next(i.body for i in problem().insights if i.title.startswith("The bare reshape")).split())
    assert "with `T = 4`, `d_model = 8` and 2 heads, bare \"head 0\" holds tokens 0 and 1 whole" in body
    assert "its \"token 1\" row is really the second half of token 0's features" in body


def test_sqrt_d_model_insight():
    assert f"{math.sqrt(8):.2f}" == "2.83"
    assert "a factor of `sqrt(n_heads)`: about 2.83 with 8 heads" in text()


def multiply_adds(d: int, T: int) -> tuple[int, int]:
    """(cached, recomputing) multiply-adds over T steps of one sequence, one layer."""
    cached = sum(4 * d * d + 2 * t * d for t in range(1, T + 1))
    recomputing = sum(2 * t * d * d + 2 * d * d + 2 * t * d for t in range(1, T + 1))
    return cached, recomputing


def test_cache_cost_insight():
    cached, recomputing = multiply_adds(384, 256)
    assert (cached, recomputing) == (176_259_072, 9_802_186_752)
    assert f"{recomputing / cached:.1f}" == "55.6"
    small = multiply_adds(64, 256)
    assert f"{small[1] / small[0]:.1f}" == "32.8"
    body = text()
    assert "that is 176,259,072 against 9,802,186,752 multiply-adds, 55.6 times as many" in body
    assert "at `d_model = 64`, over the same 256 steps, still 32.8 times" in body
    assert "costs `4 d^2`, and attending over the cache `2 t d`" in body


def test_cache_memory_followup():
    per_token = 2 * 32 * 4096 * 2  # K and V, 32 layers, d_model 4096, 2 bytes
    assert per_token == 524_288 and per_token / 1024 == 512
    assert per_token * 4096 / 2**30 == 2.0
    gqa = 2 * 32 * 8 * 128 * 2
    assert gqa / 1024 == 128 and gqa * 4 == per_token
    body = text()
    assert "2 x 32 x 4096 x 2 bytes = 524,288 bytes, 512 KiB per token, so 4,096 tokens of context take 2 GiB" in body
    assert "8 KV heads of width 128 instead of 32 gives 128 KiB per token, a quarter" in body


def test_step_agrees_with_forward_to_about_1e_15():
    """The insight's 'about 1e-15 here': the largest gap over the problem's ordinary (not magnitude-100) tests."""
    load_topics()
    M = ref()["MultiHeadAttention"]
    gaps = []
    for test in problem().tests:
        if test.category in ("efficiency", "stability"):
            continue
        data = build([r.as_dict() for r in test.inputs], test.given)
        h = int(test.program[0].rsplit(",", 1)[1].strip(" )"))
        mha = M(data["W_q"], data["W_k"], data["W_v"], data["W_o"], h)
        for key in ("x", "a", "b"):
            if key in data and data[key].shape[1] > 1:
                gaps.append(np.abs(steps(mha, data[key]) - mha.forward(data[key])).max())
    assert 5e-16 < max(gaps) < 2e-15
    assert "they agree to rounding error, about 1e-15 here, not bit for bit" in text()


def test_prompt_numbers_match_the_tests():
    load_topics()
    p = problem()
    body = text()
    (eff,) = [t for t in p.tests if t.category == "efficiency"]
    data = build([r.as_dict() for r in eff.inputs], eff.given)
    assert data["x"].shape == (2, 256, 384) and data["W_q"].shape == (384, 384)
    assert "MultiHeadAttention(W_q, W_k, W_v, W_o, 6)" in eff.program[0] and "range(256)" in eff.program[2]
    assert eff.max_ratio == 5
    assert "256 steps of two sequences with `d_model = 384` and 6 heads, within 5x of the reference" in body
    # Magnitude-100 inputs give scores in the tens of thousands.
    M = ref()["MultiHeadAttention"]
    for test in p.tests:
        if test.category != "stability":
            continue
        data = build([r.as_dict() for r in test.inputs], test.given)
        assert test.given["big"] == 100.0
        mha = M(data["W_q"], data["W_k"], data["W_v"], data["W_o"], 2)
        x = data["x"]
        q, k = mha._split(x @ mha.W_q), mha._split(x @ mha.W_k)
        top = np.abs(q @ k.swapaxes(-1, -2) * mha.scale).max()
        assert 1e4 <= top < 1e5
    assert "Stay finite when the scores reach the tens of thousands." in body
    assert "Finite, correct output for inputs of magnitude 100." in body
    # Part 2 is graded on batches of 1 to 3 sequences.
    sizes = set()
    for test in p.tests:
        if test.part == 2 and test.category not in ("efficiency", "example"):
            data = build([r.as_dict() for r in test.inputs], test.given)
            sizes |= {data[k].shape[0] for k in ("x", "a", "b", "x_t") if k in data}
    assert sizes == {1, 2, 3}
    assert "for batches of 1 to 3 sequences" in body


def test_single_token_is_x_wv_wo():
    """The edge tests' claim: a lone token (T = 1, or the first step) outputs x @ W_v @ W_o."""
    rng = np.random.default_rng(5)
    W = weights(rng, 8, 0.35)
    mha = ref()["MultiHeadAttention"](*W, 4)
    x = rng.normal(size=(3, 1, 8))
    np.testing.assert_allclose(mha.forward(x), x @ W[2] @ W[3], rtol=1e-12)
    np.testing.assert_allclose(mha.step(x[:, 0], mha.new_cache()), x[:, 0] @ W[2] @ W[3], rtol=1e-12)
