"""Inputs and checks for the grad_clip problem: lists of gradient arrays, clipped in place."""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import Context, prop


@generator
def grad_list(
    rng, env, name: str = "grads", shapes: list[list[int]] | None = None, scale: float | list[float] = 1.0,
    values: list[Any] | None = None,
) -> dict[str, Any]:
    """A list of float64 gradient arrays: the literal ``values``, or normal arrays of the given ``shapes``.

    ``scale`` is one standard deviation for all, or one per array.
    """
    if values is not None:
        return {name: [np.asarray(v, dtype=float) for v in values]}
    scales = scale if isinstance(scale, list) else [scale] * len(shapes or [])
    return {name: [rng.normal(0.0, float(s), size=tuple(shape)) for shape, s in zip(shapes or [], scales)]}


@prop
def clip_in_place(ctx: Context) -> str | None:
    """clip_grad_norm returned the list it was given and kept the caller's arrays (scaled in place)."""
    if ctx.actual.get("clipped is grads") is False:
        return (
            "clip_grad_norm returned a new list: return the same list it was given, "
            "with its arrays scaled in place"
        )
    if ctx.actual.get("grads[0] is g0") is False:
        return (
            "grads[0] is no longer the array the caller passed in: scale each array in place (g *= coef) "
            "instead of putting a new array in the list"
        )
    return None
