"""Properties for the batchnorm problem: backward passes against central differences of the forward.

The forward differentiated is the reference module's pure ``_batch_norm`` (training mode, the batch's
own statistics) or ``_layer_norm``, so the check does not depend on the reference's backward code.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlprep.checks.properties import Context, central_difference, prop
from mlprep.engine.compare import position

_NAMES = ("dx", "dgamma", "dbeta")


@prop
def batchnorm_numerical_grads(
    ctx: Context, layer: str = "batch", x: str = "x", gamma: str | None = None,
    beta: str | None = None, dout: str = "dout", eps: float = 1e-5, h: float = 1e-6,
    rtol: float = 1e-4, atol: float = 1e-7,
) -> str | None:
    """The outputs labelled dx, dgamma, dbeta equal central differences of L = sum(dout * forward(x)).

    ``layer`` is "batch" (training-mode BatchNorm1d) or "layer" (LayerNorm); ``gamma`` and ``beta``
    name the inputs the test assigned (None: the initial ones and zeros). Deterministic: with inputs
    of order 1 and h = 1e-6 the central difference is accurate to about 1e-9, far inside the tolerance.
    """
    assert ctx.reference is not None
    forward = ctx.reference["_batch_norm" if layer == "batch" else "_layer_norm"]
    xv = np.array(ctx.inputs[x], dtype=float)
    features = xv.shape[-1]
    g = np.array(ctx.inputs[gamma], dtype=float) if gamma else np.ones(features)
    b = np.array(ctx.inputs[beta], dtype=float) if beta else np.zeros(features)
    d = np.asarray(ctx.inputs[dout], dtype=float)
    arrays: dict[str, Any] = {"dx": xv, "dgamma": g, "dbeta": b}

    def loss() -> float:
        return float(np.sum(d * forward(xv, g, b, eps)))

    for name in _NAMES:
        numeric = central_difference(loss, arrays[name], h)
        mine = np.asarray(ctx.actual[name], dtype=float)
        bad = ~np.isclose(mine, numeric, rtol=rtol, atol=atol)
        if bad.any():
            which = "the last training-mode forward" if layer == "batch" else "the last forward"
            return (
                f"{name}{position(np.argwhere(bad)[0])} disagrees with a numerical "
                f"(central-difference) gradient of sum(dout * output) for {which}"
            )
    return None
