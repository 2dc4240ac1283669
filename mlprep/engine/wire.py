"""Frames between the checker and its worker: JSON metadata plus raw array bytes, never pickle.

A frame is an 8-byte length and a body; the body is a JSON header and the blobs it refers to. An
array travels as its raw bytes with its dtype and shape in the header (numeric and boolean dtypes
only; object arrays never travel), so nothing the worker sends can run code in the parent. This is
the ``.npy`` idea without its per-array header parsing, which dominated tests with many small arrays.
Values that cannot travel become an ``Opaque`` that still says what they were.
"""

from __future__ import annotations

import json
import math
import os
import select
import struct
import time
from typing import Any, NamedTuple

import numpy as np

from mlprep.engine.probes import Probe

MAX_FRAME = 256 * 1024 * 1024
MAX_DEPTH = 40

# Bound once, when the worker imports this module before the user's file: a file that replaces
# json.dumps, struct.pack or os.write afterwards changes nothing the checker sends or reads.
_iterencode = json.JSONEncoder(allow_nan=False).iterencode  # bound methods: a patched class changes nothing
_raw_decode = json.JSONDecoder().raw_decode
_pack, _unpack, _unpack_from = struct.pack, struct.unpack, struct.unpack_from
_write, _read, _select, _monotonic = os.write, os.read, select.select, time.monotonic
_asarray, _contiguous, _frombuffer, _dtype, _ndarray, _generic = (
    np.asarray, np.ascontiguousarray, np.frombuffer, np.dtype, np.ndarray, np.generic
)


class Raised(NamedTuple):
    """An exception raised by the code under test, as the parent sees it."""

    type: str
    mro: list[str]
    message: str
    where: str


class Opaque(NamedTuple):
    """A value that cannot cross the wire (a custom object, an object array, something huge)."""

    type: str
    repr: str


class Missing(NamedTuple):
    """A name the solution file does not define."""

    name: str


class WireClosed(Exception):
    """The other side closed the pipe before a whole frame arrived."""


class WireTimeout(Exception):
    """No whole frame arrived before the deadline."""


class WireGarbled(Exception):
    """A frame that is not one the checker's worker would send: wrong size, encoding, shape or id."""


def _short_repr(obj: Any) -> str:
    try:
        text = repr(obj)
    except Exception as exc:  # noqa: BLE001 - a user's __repr__ may raise anything
        text = f"<unrepresentable: {type(exc).__name__}>"
    return text if len(text) <= 200 else text[:197] + "..."


def _to_json(obj: Any, blobs: list[bytes], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        return {"$opaque": ["nested too deeply", ""]}
    if obj is None or isinstance(obj, (bool, str)):
        return obj
    if isinstance(obj, (_ndarray, _generic)):
        arr = _asarray(obj)
        if arr.dtype.hasobject or arr.dtype.names is not None:
            return {"$opaque": [f"numpy array of dtype {arr.dtype}", _short_repr(obj)]}
        if arr.nbytes > MAX_FRAME // 2:
            return {"$opaque": [f"array of shape {arr.shape}", "too large to return"]}
        if arr.dtype.kind not in "biufcMm":
            return {"$opaque": [f"numpy array of dtype {arr.dtype}", _short_repr(obj)]}
        blobs.append(_contiguous(arr).tobytes())
        tag = "$nd" if isinstance(obj, _ndarray) else "$np"
        return {tag: [len(blobs) - 1, arr.dtype.str, list(arr.shape)]}
    if isinstance(obj, int) and not isinstance(obj, bool):
        return obj if abs(obj) < 2**53 else {"$bigint": str(obj)}
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else {"$float": repr(obj)}
    if type(obj).__module__.startswith("pandas"):
        return _pandas_to_json(obj, blobs, depth)
    if isinstance(obj, (Raised, Opaque, Missing)):
        return {"$" + type(obj).__name__.lower(): list(obj)}
    if isinstance(obj, Probe):  # a function a test passes, as its data: rebuilt by probes.live, never run here
        return {"$probe": [obj.kind, _to_json(dict(obj.params), blobs, depth + 1)]}
    if isinstance(obj, tuple):
        return {"$tuple": [_to_json(x, blobs, depth + 1) for x in obj]}
    if isinstance(obj, list):
        return [_to_json(x, blobs, depth + 1) for x in obj]
    if isinstance(obj, dict):
        return {"$dict": [[_to_json(k, blobs, depth + 1), _to_json(v, blobs, depth + 1)] for k, v in obj.items()]}
    return {"$opaque": [type(obj).__name__, _short_repr(obj)]}


def _from_json(meta: Any, blobs: list[bytes]) -> Any:
    if isinstance(meta, list):
        return [_from_json(x, blobs) for x in meta]
    if not isinstance(meta, dict):
        return meta
    ((tag, value),) = meta.items()
    if tag in ("$nd", "$np"):
        index, dtype, shape = value
        kind = _dtype(dtype)
        if kind.hasobject or kind.kind not in "biufcMm":
            raise ValueError("only numeric arrays travel")
        arr = _frombuffer(blobs[index], dtype=kind).reshape(shape).copy()  # a writable array of its own
        return arr if tag == "$nd" else arr[()]
    if tag == "$float":
        return float(value)
    if tag == "$bigint":
        return int(value)
    if tag == "$tuple":
        return tuple(_from_json(x, blobs) for x in value)
    if tag == "$dict":
        return {_hashable(_from_json(k, blobs)): _from_json(v, blobs) for k, v in value}
    if tag == "$raised":
        return Raised(*value)
    if tag == "$opaque":
        return Opaque(*value)
    if tag == "$missing":
        return Missing(*value)
    if tag == "$probe":
        kind, params = value[0], _from_json(value[1], blobs)
        if not isinstance(kind, str) or not isinstance(params, dict):
            raise ValueError("a probe is a kind and a mapping of parameters")
        return Probe(kind, params)
    if tag == "$json":
        return value
    if tag in ("$df", "$series", "$timestamp"):
        return _pandas_from_json(tag, value, blobs)
    raise ValueError(f"unknown wire tag {tag!r}")


def _column(values: Any, blobs: list[bytes], depth: int) -> Any:
    arr = _asarray(values)
    if arr.dtype.hasobject:
        return {"values": [_to_json(_plain(v), blobs, depth + 1) for v in arr.tolist()]}
    return {"array": _to_json(arr, blobs, depth + 1)}


def _plain(v: Any) -> Any:
    if v is None or isinstance(v, (str, bool, int, float)):
        return v
    if isinstance(v, _generic):
        return v.item()
    return str(v)  # timestamps and other scalars travel as text


def _pandas_to_json(obj: Any, blobs: list[bytes], depth: int) -> Any:
    """DataFrames and Series as columns of arrays (or plain values), Timestamps as nanoseconds; never pickled."""
    import pandas as pd

    if isinstance(obj, pd.DataFrame) and obj.columns.nlevels == 1 and obj.index.nlevels == 1:
        return {"$df": {
            "columns": [_to_json(_plain(c), blobs, depth + 1) for c in obj.columns],
            "data": [_column(obj.iloc[:, i].to_numpy(), blobs, depth) for i in range(obj.shape[1])],
            "index": _column(obj.index.to_numpy(), blobs, depth),
        }}
    if isinstance(obj, pd.Timestamp):
        return {"$timestamp": [obj.value, None if obj.tz is None else str(obj.tz)]}  # nanoseconds since the epoch
    if isinstance(obj, pd.Series) and obj.index.nlevels == 1:
        return {"$series": {
            "name": _to_json(_plain(obj.name), blobs, depth + 1), "data": _column(obj.to_numpy(), blobs, depth),
            "index": _column(obj.index.to_numpy(), blobs, depth),
        }}
    return {"$opaque": [type(obj).__name__, _short_repr(obj)]}


def _pandas_from_json(tag: str, value: Any, blobs: list[bytes]) -> Any:
    import pandas as pd

    if tag == "$timestamp":
        return pd.Timestamp(int(value[0]), tz=value[1])

    def column(c: dict[str, Any]) -> Any:
        if "array" in c:
            return _from_json(c["array"], blobs)
        return np.array([_from_json(v, blobs) for v in c["values"]], dtype=object)

    index = pd.Index(column(value["index"]))
    if tag == "$series":
        return pd.Series(column(value["data"]), index=index, name=_from_json(value["name"], blobs))
    columns = [_from_json(c, blobs) for c in value["columns"]]
    return pd.DataFrame({i: column(c) for i, c in enumerate(value["data"])}, index=index).set_axis(columns, axis=1)


def _hashable(key: Any) -> Any:
    return key.item() if isinstance(key, np.generic) else key


def encode(obj: Any) -> bytes:
    """One frame holding ``obj``."""
    blobs: list[bytes] = []
    head = "".join(_iterencode(_to_json(obj, blobs), _one_shot=True)).encode()
    parts = [_pack(">II", len(head), len(blobs)), head]
    for blob in blobs:
        parts += [_pack(">Q", len(blob)), blob]
    body = b"".join(parts)
    if len(body) > MAX_FRAME:
        return encode({"$json": {"error": "frame too large"}})
    return _pack(">Q", len(body)) + body


def decode(body: bytes) -> Any:
    """The value one frame's body holds; WireGarbled if it is not a well-formed frame."""
    try:
        n_head, n_blobs = _unpack_from(">II", body, 0)
        pos = 8
        text = body[pos : pos + n_head].decode("utf-8")
        meta, end = _raw_decode(text)
        if end != len(text):
            raise ValueError("text after the JSON header")
        pos += n_head
        blobs = []
        for _ in range(n_blobs):
            (size,) = _unpack_from(">Q", body, pos)
            pos += 8
            if pos + size > len(body):
                raise ValueError("a blob runs past the end of the frame")
            blobs.append(body[pos : pos + size])
            pos += size
        if pos != len(body):
            raise ValueError("bytes after the last blob")
        return _from_json(meta, blobs)
    except Exception as exc:  # noqa: BLE001 - whatever the bytes are, they are the sender's fault
        raise WireGarbled(f"{type(exc).__name__}: {exc}"[:300]) from None


def send(fd: int, obj: Any) -> None:
    """Write one frame to a pipe (blocking)."""
    write(fd, encode(obj))


def write(fd: int, frame: bytes) -> None:
    """Write an encoded frame to a pipe (blocking)."""
    view = memoryview(frame)
    while view:
        view = view[_write(fd, view) :]


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks = []
    while size:
        if deadline is not None:
            left = deadline - _monotonic()
            if left <= 0 or not _select([fd], [], [], left)[0]:
                raise WireTimeout
        chunk = _read(fd, min(size, 1 << 20))
        if not chunk:
            raise WireClosed
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def receive(fd: int, deadline: float | None = None) -> Any:
    """Read one frame from a pipe; ``deadline`` is a ``time.monotonic()`` value or None to wait forever."""
    (size,) = _unpack(">Q", _read_exact(fd, 8, deadline))
    if size > MAX_FRAME:
        raise WireGarbled(f"a frame of {size:,} bytes (the most is {MAX_FRAME:,})")
    return decode(_read_exact(fd, size, deadline))
