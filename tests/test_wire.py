"""The wire carries values faithfully and never unpickles."""

from __future__ import annotations

import numpy as np

from mlprep.engine import wire


def roundtrip(value):
    body = wire.encode(value)[8:]
    return wire.decode(body)


def test_values_round_trip_with_their_types():
    value = {"a": (np.arange(6).reshape(2, 3), 1.5, float("nan")), 3: [None, True, "x", np.float64(np.inf)]}
    back = roundtrip(value)
    arr, f, nan = back["a"]
    assert isinstance(back["a"], tuple) and arr.dtype == np.int64 and arr.shape == (2, 3)
    assert f == 1.5 and np.isnan(nan)
    assert back[3][:3] == [None, True, "x"] and isinstance(back[3][3], np.float64) and np.isinf(back[3][3])


def test_objects_that_cannot_travel_become_opaque():
    class Thing:
        def __repr__(self):
            return "Thing()"

    assert roundtrip(Thing()) == wire.Opaque("Thing", "Thing()")
    assert roundtrip(np.array([object()], dtype=object)).type.startswith("numpy array of dtype object")


def test_arrays_are_read_without_pickle(monkeypatch):
    calls = []
    real = np.load
    monkeypatch.setattr(np, "load", lambda *a, **k: calls.append(k) or real(*a, **k))
    roundtrip(np.ones(3))
    assert calls and all(k.get("allow_pickle") is False for k in calls)
