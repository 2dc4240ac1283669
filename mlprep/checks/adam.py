"""Inputs and checks for the adam problem: a parameter dict, a list of gradient dicts, in-place updates."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from mlprep.checks.generators import generator
from mlprep.checks.properties import Context, prop


@generator
def adam_steps(
    rng, env, shapes: dict[str, list[int]], steps: int = 50, param_scale: float = 1.0,
    grad_scale: float | dict[str, float] = 1.0, zero: list[str] | None = None,
    params: str = "params", grads: str = "grads", shuffled: bool = False,
) -> dict[str, Any]:
    """A dict of parameters (normal, ``param_scale``) and a list of ``steps`` gradient dicts for them.

    Gradient ``k`` of every step is normal with standard deviation ``grad_scale`` (one number, or one
    per name); names listed in ``zero`` get exactly zero gradients at every step. ``shuffled`` lists the
    names in a new random order in every gradient dict (and the parameters in yet another), so state kept
    by position instead of by name goes wrong.
    """
    values = {k: rng.normal(0.0, param_scale, size=tuple(s)) for k, s in shapes.items()}
    scales = grad_scale if isinstance(grad_scale, dict) else {k: grad_scale for k in shapes}
    seq = []
    for _ in range(steps):
        seq.append({
            k: np.zeros(tuple(s)) if k in (zero or []) else rng.normal(0.0, float(scales[k]), size=tuple(s))
            for k, s in shapes.items()
        })
    if shuffled:
        names = list(shapes)
        values = {names[i]: values[names[i]] for i in rng.permutation(len(names))}
        seq = [{names[i]: g[names[i]] for i in rng.permutation(len(names))} for g in seq]
    return {params: values, grads: seq}


_SAME = re.compile(r"""^(\w+)\[["'](\w+)["']\] is (\w+)$""")


@prop
def adam_in_place(ctx: Context) -> str | None:
    """Every observed ``params["w"] is w_before`` holds: step() updated the caller's arrays in place."""
    for label, held in ctx.actual.items():
        found = _SAME.match(label)
        if found and held is not True and ctx.expected.get(label) is True:
            d, key, _ = found.groups()
            return (
                f'after step(), {d}["{key}"] is a new array, not the one the caller passed in: update each '
                'parameter in place (p -= ..., p *= ...) instead of storing a new array in the dict'
            )
    return None
