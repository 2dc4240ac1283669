"""The wire carries values faithfully and never unpickles."""

from __future__ import annotations

import numpy as np
import pytest

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


def test_nothing_is_ever_unpickled(monkeypatch):
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("pickle was used")

    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(pickle, "load", refuse)
    back = roundtrip({"a": np.arange(12.0).reshape(3, 4)[:, ::2], "m": np.eye(2, dtype=bool), "t": np.datetime64("2024-01-02")})
    assert back["a"].tolist() == [[0.0, 2.0], [4.0, 6.0], [8.0, 10.0]] and back["a"].flags.writeable
    assert back["m"].dtype == bool and str(back["t"]) == "2024-01-02"


def test_a_forged_object_dtype_is_refused():
    import json
    import struct

    head = json.dumps({"$nd": [0, "|O", [1]]}).encode()
    body = struct.pack(">II", len(head), 1) + head + struct.pack(">Q", 8) + b"\0" * 8
    with pytest.raises(wire.WireGarbled, match="only numeric arrays travel"):
        wire.decode(body)


@pytest.mark.parametrize(
    "body",
    [
        b"",  # too short for a header
        b"\0\0\0\x04\0\0\0\0\xff\xfe\xfd\xfc",  # not UTF-8
        b"\0\0\0\x03\0\0\0\0{{{",  # not JSON
        b"\0\0\0\x02\0\0\0\x05[]",  # five blobs promised, none there
        b"\0\0\0\x0b\0\0\0\0{\"a\": 1, \"b\": 2}"[:19],  # a dict that is no tag
        b"\0\0\0\x02\0\0\0\0[]junk",  # bytes after the end
    ],
)
def test_any_malformed_frame_is_garbled_never_another_error(body):
    with pytest.raises(wire.WireGarbled):
        wire.decode(body)


def test_an_oversized_length_is_garbled_without_reading_it():
    import os
    import struct

    r, w = os.pipe()
    os.write(w, struct.pack(">Q", wire.MAX_FRAME + 1))
    with pytest.raises(wire.WireGarbled, match="a frame of"):
        wire.receive(r)
    os.close(r)
    os.close(w)
