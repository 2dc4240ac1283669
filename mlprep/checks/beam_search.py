"""Generators for the beam_search problem: the step function a test passes, as data (a ``Probe``).

``table_model`` is a model whose next token depends on the last token only, from a (V, V) table of
probabilities (small and pasteable: the examples use it); ``language_model`` depends on the whole
prefix, its log-probabilities seeded by the prefix itself, so beam search has real choices to make.
Either becomes a recording callable in ``scenario.run`` (mlprep/engine/probes.py).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.engine.probes import Probe, describe


@generator
def table_model(rng, env, name: str, probs: list[list[float]]) -> dict[str, Any]:
    """A step function returning ``log(probs[prefix[-1]])``: the next token depends on the last one only."""
    probe = Probe("table", {"probs": np.asarray(probs, dtype=np.float64)})
    describe(probe)  # a malformed table fails the problem's validation here, not in a test
    return {name: probe}


@generator
def language_model(rng, env, name: str, vocab: int, scale: float = 1.0, eos: int | None = None,
                   eos_bias: float = 0.0) -> dict[str, Any]:
    """A step function over ``vocab`` tokens depending on the whole prefix, deterministic from the row's seed.

    Its log-probabilities are the log-softmax of ``scale`` times standard normals drawn from a generator
    seeded by (model seed, *prefix), with ``eos_bias`` added to token ``eos``'s logit first. A larger
    ``scale`` makes the distributions more peaked; a negative ``eos_bias`` makes hypotheses finish late.
    """
    params: dict[str, Any] = {"seed": int(rng.integers(0, 1_000_000)), "vocab": int(vocab), "scale": float(scale)}
    if eos is not None:
        params.update(eos=int(eos), eos_bias=float(eos_bias))
    return {name: Probe("seeded", params)}
