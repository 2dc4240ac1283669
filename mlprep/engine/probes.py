"""Callables a test hands to the solution, built from the test's data, recording every call.

Some problems take a function (beam search takes ``step_fn(prefix)``, the model's next-token
log-probabilities). A test cannot send code to the worker, and must never take it from the user's
file, so the function travels as a ``Probe``: plain data, a kind and its parameters. ``scenario.run``
turns each ``Probe`` input into a fresh ``Recorder`` for every run and trial, with the same code in
the parent (reference, mistakes) and the worker (the user's file), so all of them see one function.

A ``Recorder`` returns a new float64 array on every call (changing it changes nothing later) and
records each prefix it was called with, as a tuple of ints (a list, tuple or integer array may be
passed). Tests observe ``step_fn.calls`` (every prefix in call order), ``step_fn.prefixes`` (the
distinct prefixes, sorted) and ``step_fn.n_calls``. ``literal.probe_source`` writes a probe as Python a
candidate can paste, computing exactly what the recorder computes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np


class Probe(NamedTuple):
    """A function a test passes to the solution, as data: its kind and parameters (never code)."""

    kind: str
    params: dict[str, Any]

    def __repr__(self) -> str:
        """One line saying what the function is (the failure detail of a hidden test shows it)."""
        try:
            return f"<step function: {describe(self)}>"
        except Exception:  # noqa: BLE001 - a malformed probe still has a repr
            return f"<step function of unknown kind {self.kind!r}>"


def _table(params: dict[str, Any]) -> np.ndarray:
    probs = np.asarray(params["probs"], dtype=np.float64)
    if probs.ndim != 2 or probs.shape[0] != probs.shape[1] or probs.shape[0] == 0:
        raise ValueError(f"a table step function needs square (V, V) probabilities, got shape {probs.shape}")
    with np.errstate(divide="ignore"):
        return np.log(probs)


def _seeded(params: dict[str, Any]) -> Callable[[tuple[int, ...]], np.ndarray]:
    seed, vocab = operator.index(params["seed"]), operator.index(params["vocab"])
    scale, eos, eos_bias = float(params.get("scale", 1.0)), params.get("eos"), float(params.get("eos_bias", 0.0))

    def step(prefix: tuple[int, ...]) -> np.ndarray:
        # Written exactly as `source` prints it, so a pasted copy returns the same bits.
        z = scale * np.random.default_rng([seed, *prefix]).standard_normal(vocab)
        if eos is not None:
            z[eos] += eos_bias
        z -= z.max()
        return z - np.log(np.exp(z).sum())

    return step


def _model(probe: Probe) -> Callable[[tuple[int, ...]], np.ndarray]:
    """The pure function a probe describes: a prefix tuple to a new float64 array."""
    if not isinstance(probe.params, dict):
        raise ValueError("a probe's parameters are a mapping")
    if probe.kind == "table":
        logp = _table(probe.params)
        return lambda prefix: logp[prefix[-1]].copy()
    if probe.kind == "seeded":
        return _seeded(probe.params)
    raise ValueError(f"unknown probe kind {probe.kind!r} (kinds: table, seeded)")


def describe(probe: Probe) -> str:
    """The function in words, for messages."""
    if probe.kind == "table":
        v = _table(probe.params).shape[0]
        return f"log-probabilities of the next token from the last token only, a {v} x {v} table"
    p = probe.params
    eos = f", eos {p['eos']} shifted by {p.get('eos_bias', 0.0)}" if p.get("eos") is not None else ""
    return (f"log-probabilities over {p['vocab']} tokens seeded by the whole prefix "
            f"(seed {p['seed']}, scale {p.get('scale', 1.0)}{eos})")


def _prefix(prefix: Any) -> tuple[int, ...]:
    """A prefix as a tuple of Python ints: a list, a tuple or an integer array; floats are refused."""
    if isinstance(prefix, np.ndarray) and prefix.ndim != 1:
        raise TypeError(f"step_fn takes a 1-D sequence of token ids, got an array of shape {prefix.shape}")
    try:
        items = list(prefix)
    except TypeError:
        raise TypeError(f"step_fn takes a sequence of token ids, got {type(prefix).__name__}") from None
    if not items:
        raise ValueError("step_fn takes a non-empty prefix (it starts with bos)")
    try:
        return tuple(operator.index(t) for t in items)
    except TypeError:
        raise TypeError("step_fn takes token ids as integers (a list, tuple or integer array)") from None


class Recorder:
    """A probe made callable: returns a fresh float64 array per call and records every prefix."""

    __slots__ = ("_model", "_log", "_about")
    _model: Callable[[tuple[int, ...]], np.ndarray]
    _log: list[tuple[int, ...]]
    _about: str

    def __init__(self, probe: Probe):
        object.__setattr__(self, "_model", _model(probe))
        object.__setattr__(self, "_log", [])
        object.__setattr__(self, "_about", describe(probe))

    def __call__(self, prefix: Any) -> np.ndarray:
        """The next-token log-probabilities after ``prefix``; the call is recorded first."""
        key = _prefix(prefix)
        self._log.append(key)
        return np.array(self._model(key), dtype=np.float64)

    @property
    def calls(self) -> list[list[int]]:
        """Every prefix passed, in call order, as lists of ints (a new list each time)."""
        return [list(p) for p in self._log]

    @property
    def prefixes(self) -> list[list[int]]:
        """The distinct prefixes passed, sorted, as lists of ints."""
        return [list(p) for p in sorted(set(self._log))]

    @property
    def n_calls(self) -> int:
        """How many times the function was called."""
        return len(self._log)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("the step function given by the test is read-only")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("the step function given by the test is read-only")

    def __repr__(self) -> str:
        return f"<step function: {self._about}>"

    def __deepcopy__(self, memo: dict[int, Any]) -> Recorder:
        return self  # the record is the test's: a copy must not start a second one

    def __copy__(self) -> Recorder:
        return self


def live(inputs: dict[str, Any]) -> dict[str, Any]:
    """``inputs`` with every ``Probe`` replaced by a new ``Recorder`` (the same dict if there are none)."""
    if not any(isinstance(v, Probe) for v in inputs.values()):
        return inputs
    return {k: Recorder(v) if isinstance(v, Probe) else v for k, v in inputs.items()}
