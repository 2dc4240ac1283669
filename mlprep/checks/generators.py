"""Input generators: named, seeded recipes that build a hidden test's inputs.

A problem's YAML names a generator and its parameters (``{gen: normal, seed: 3, shapes: {x: [4, 5]}}``);
the parent builds the inputs from that row, so every run of a test sees exactly the same values.
Each generator gets a fresh ``numpy.random.Generator`` seeded from the row and the inputs built so far
(so a later row can transform an earlier one) and returns the names it adds or replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

Generator = Callable[..., dict[str, Any]]
GENERATORS: dict[str, Generator] = {}


def generator(fn: Generator) -> Generator:
    """Register ``fn`` under its own name."""
    GENERATORS[fn.__name__] = fn
    return fn


def literal(value: Any) -> Any:
    """A YAML literal as a test input: lists become arrays (float64 if any element is a float)."""
    if isinstance(value, (list, tuple)):
        return np.asarray(value)
    return value


def build(recipes: list[dict[str, Any]], given: dict[str, Any] | None = None) -> dict[str, Any]:
    """The inputs of one test: its literal ``given`` values, then each generator row in order."""
    env = {name: literal(value) for name, value in (given or {}).items()}
    for recipe in recipes:
        params = dict(recipe)
        name = params.pop("gen")
        rng = np.random.default_rng(params.pop("seed", 0))
        env.update(find(GENERATORS, name)(rng, env, **params))
    return env


@generator
def normal(rng, env, shapes: dict[str, list[int]], scale: float = 1.0, loc: float = 0.0) -> dict[str, Any]:
    """Independent normal arrays, one per name, with the given shapes."""
    return {name: rng.normal(loc, scale, size=tuple(shape)) for name, shape in shapes.items()}


@generator
def uniform(rng, env, shapes: dict[str, list[int]], low: float = 0.0, high: float = 1.0) -> dict[str, Any]:
    """Independent uniform arrays on [low, high)."""
    return {name: rng.uniform(low, high, size=tuple(shape)) for name, shape in shapes.items()}


@generator
def integers(rng, env, name: str, shape: list[int], low: int, high: int) -> dict[str, Any]:
    """An int64 array with values in [low, high)."""
    return {name: rng.integers(low, high, size=tuple(shape), dtype=np.int64)}


@generator
def row_offsets(rng, env, name: str, shape: list[int], offsets: list[float], spread: float = 1.0) -> dict[str, Any]:
    """Rows (over the last axis) centred on wildly different values: row i is near offsets[i % len]."""
    x = rng.normal(0.0, spread, size=tuple(shape))
    rows = x.reshape(-1, shape[-1])
    rows += np.resize(np.asarray(offsets, dtype=float), rows.shape[0])[:, None]
    return {name: x}


@generator
def ties(rng, env, name: str, n: int, levels: int) -> dict[str, Any]:
    """``n`` float scores drawn from only ``levels`` distinct values, so many tie."""
    return {name: rng.integers(0, levels, size=n).astype(float)}


@generator
def causal(rng, env, name: str, size: int, lead: int = 2, dtype: str = "float64") -> dict[str, Any]:
    """A lower-triangular mask of ones (1 = may attend) with ``lead`` leading axes of size 1."""
    mask = np.tril(np.ones((size, size))).astype(dtype)
    return {name: mask.reshape((1,) * lead + (size, size))}


@generator
def random_mask(rng, env, name: str, shape: list[int], keep: float = 0.6, dtype: str = "bool") -> dict[str, Any]:
    """A random 0/1 mask in which every row (last axis) keeps at least one position."""
    mask = rng.random(tuple(shape)) < keep
    rows = mask.reshape(-1, shape[-1])
    rows[np.arange(rows.shape[0]), rng.integers(0, shape[-1], size=rows.shape[0])] = True
    return {name: mask.astype(dtype)}


@generator
def padding_mask(rng, env, name: str, lengths: list[int], size: int, dtype: str = "bool") -> dict[str, Any]:
    """A key-padding mask of shape (batch, 1, 1, size): sequence b may attend to its first lengths[b] keys."""
    mask = np.arange(size)[None, :] < np.asarray(lengths)[:, None]
    return {name: mask[:, None, None, :].astype(dtype)}


@generator
def zero_rows(rng, env, name: str, rows: list[int]) -> dict[str, Any]:
    """The input ``name`` with the given rows set to exactly zero."""
    x = np.array(env[name], dtype=float)
    x[rows] = 0.0
    return {name: x}


@generator
def scale(rng, env, names: list[str], by: float) -> dict[str, Any]:
    """The named inputs multiplied by ``by`` (e.g. to push scores to magnitude 1e4)."""
    return {name: env[name] * by for name in names}


@generator
def place(rng, env, name: str, at: list[list[int]], values: list[float]) -> dict[str, Any]:
    """The input ``name`` with single entries set: ``at[i]`` is an index, ``values[i]`` its new value."""
    x = np.array(env[name], dtype=float)
    for index, value in zip(at, values):
        x[tuple(index)] = value
    return {name: x}


@generator
def product(rng, env, name: str, of: list[str]) -> dict[str, Any]:
    """``name`` set to the element-wise (broadcast) product of the named inputs."""
    out = np.asarray(env[of[0]], dtype=float)
    for other in of[1:]:
        out = out * env[other]
    return {name: out}


@generator
def frame(rng, env, name: str, columns: list[str], rows: int, scale: float = 1.0) -> dict[str, Any]:
    """A pandas DataFrame of normal columns (imports pandas only when a problem asks for a frame)."""
    import pandas as pd

    return {name: pd.DataFrame({c: rng.normal(0.0, scale, rows) for c in columns})}


def load_topics() -> None:
    """Import every other module of ``mlprep.checks``: each registers its problem's generators and properties."""
    import importlib
    import pkgutil

    import mlprep.checks as package

    for found in pkgutil.iter_modules(package.__path__):
        if found.name not in ("generators", "properties"):
            importlib.import_module(f"mlprep.checks.{found.name}")


def find(registry: dict[str, Any], name: str) -> Any:
    """A registered generator or property; the topic modules are imported only when a name is not yet known."""
    if name not in registry:
        load_topics()
    return registry[name]
