"""The reference solutions agree with PyTorch (and a brute-force sort) on random and extreme inputs."""

from __future__ import annotations

import numpy as np
import pytest

from mlprep import catalog
from mlprep.engine.loader import load_module

torch = pytest.importorskip("torch")


def ref(problem: str) -> dict:
    return load_module(catalog.BUILTIN / "solutions" / f"{problem}.py", f"xref_{problem}")


@pytest.mark.parametrize("lead", [(), (2,), (2, 3)])
@pytest.mark.parametrize("masked", [False, True])
def test_attention_matches_torch(lead, masked):
    rng = np.random.default_rng(len(lead) * 10 + masked)
    q, k, v = rng.normal(size=lead + (5, 8)), rng.normal(size=lead + (7, 8)), rng.normal(size=lead + (7, 3))
    mask = rng.random((5, 7)) < 0.7 if masked else None
    if mask is not None:
        mask[:, 0] = True
    context, weights = ref("attention")["scaled_dot_product_attention"](q, k, v, mask)
    t = [torch.from_numpy(a) for a in (q, k, v)]
    expected = torch.nn.functional.scaled_dot_product_attention(
        *t, attn_mask=None if mask is None else torch.from_numpy(mask)
    )
    np.testing.assert_allclose(context, expected.numpy(), rtol=1e-10, atol=1e-12)
    assert weights.shape == lead + (5, 7)


def test_attention_extreme_scores_match_torch():
    rng = np.random.default_rng(3)
    q, k, v = rng.normal(0, 100, (2, 6, 4)), rng.normal(0, 100, (2, 6, 4)), rng.normal(size=(2, 6, 4))
    m = ref("attention")
    mask = m["causal_mask"](6)[0]
    context, weights = m["scaled_dot_product_attention"](q, k, v, mask)
    expected = torch.nn.functional.scaled_dot_product_attention(
        *(torch.from_numpy(a) for a in (q, k, v)), attn_mask=torch.from_numpy(mask.astype(bool)), is_causal=False
    )
    assert np.isfinite(context).all()
    np.testing.assert_allclose(context, expected.numpy(), rtol=1e-9, atol=1e-9)
    assert np.all(weights[np.broadcast_to(mask == 0, weights.shape)] == 0)


@pytest.mark.parametrize("scale", [1.0, 1e2, 1e4])
def test_softmax_family_matches_torch(scale):
    rng = np.random.default_rng(int(scale))
    x = rng.normal(0, scale, (9, 6))
    y = rng.integers(0, 6, 9)
    m = ref("softmax")
    tx = torch.from_numpy(x).requires_grad_(True)
    np.testing.assert_allclose(m["softmax"](x), torch.softmax(tx, -1).detach().numpy(), rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(m["log_softmax"](x), torch.log_softmax(tx, -1).detach().numpy(), rtol=1e-10)
    loss = torch.nn.functional.cross_entropy(tx, torch.from_numpy(y))
    assert m["cross_entropy"](x, y) == pytest.approx(loss.item(), rel=1e-12)
    loss.backward()
    np.testing.assert_allclose(m["softmax_ce_grad"](x, y), tx.grad.numpy(), rtol=1e-9, atol=1e-15)


def test_cross_entropy_is_exact_for_a_confident_wrong_prediction():
    m = ref("softmax")
    assert m["cross_entropy"](np.array([[0.0, 1e4]]), np.array([0])) == pytest.approx(1e4)


def test_top_k_matches_a_brute_force_sort():
    m = ref("top_k")
    rng = np.random.default_rng(5)
    for n, k in [(1, 1), (10, 0), (10, 10), (1000, 17), (5000, 1)]:
        scores = rng.normal(size=n)
        want = list(np.argsort(-scores, kind="stable")[:k])
        assert m["top_k_heap"](scores, k) == want
        assert list(m["top_k_partition"](scores, k)) == want
    q, corpus = rng.normal(size=8), rng.normal(size=(300, 8))
    cos = torch.nn.functional.cosine_similarity(torch.from_numpy(corpus), torch.from_numpy(q)[None], dim=1).numpy()
    assert list(m["cosine_top_k"](q, corpus, 9)) == list(np.argsort(-cos, kind="stable")[:9])
    with pytest.raises(ValueError):
        m["top_k_heap"](np.zeros(3), 4)
