"""Which problems exist: the user's packs (searched first) and the built-in pack, by id or number.

A pack is a folder with ``problems/<id>.yaml`` and ``solutions/<id>.py``. Listing must stay fast (no
YAML or pydantic on that path), so the summary of every pack is cached as JSON in the state folder,
keyed by each problem file's path, size and modification time, and rebuilt when any of them changes;
each problem's validated form is cached keyed by its file's content. Every cache file starts with the
digest of its content: one that fails the check is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlprep.errors import MlprepError
from mlprep.home import home

if TYPE_CHECKING:
    from mlprep.problem import Problem

def _builtin() -> Path:
    """The built-in pack: the folder holding ``problems/`` and ``solutions/``, found by import spec."""
    spec = importlib.util.find_spec("mlprep.pack.problems")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("mlprep is installed without its built-in problems (mlprep.pack.problems)")
    return Path(next(iter(spec.submodule_search_locations))).resolve().parent


BUILTIN = _builtin()
CACHE_VERSION = 3


@dataclass(frozen=True)
class Entry:
    """A problem as the list shows it, without loading its YAML."""

    id: str
    number: int
    title: str
    difficulty: str
    minutes: int
    summary: str
    names: tuple[str, ...]
    path: str
    builtin: bool


def pack_dirs(extra: list[str] | None = None, remembered: list[str] | None = None) -> list[Path]:
    """User packs from ``--problems`` and ``MLPREP_PROBLEMS`` (os.pathsep-separated), then ``remembered``
    ones (the active session's, skipped if gone), then the built-in pack."""
    wanted = list(extra or []) + [p for p in os.environ.get("MLPREP_PROBLEMS", "").split(os.pathsep) if p]
    packs = []
    for raw in wanted:
        path = Path(raw).expanduser().resolve()
        if not (path / "problems").is_dir():
            raise MlprepError(f"{raw} is not a problem pack: expected a folder with problems/ and solutions/ in it")
        packs.append(path)
    for raw in remembered or []:
        path = Path(raw)
        if (path / "problems").is_dir() and path not in packs and path != BUILTIN:
            packs.append(path)
    return packs + [BUILTIN]


def pack_of(entry: Entry) -> str | None:
    """The pack folder an entry comes from, or None for the built-in pack."""
    return None if entry.builtin else str(Path(entry.path).parent.parent)


def _files(packs: list[Path]) -> list[Path]:
    return [f for pack in packs for f in sorted((pack / "problems").glob("*.yaml"))]


def _key(files: list[Path]) -> list[list[object]]:
    out: list[list[object]] = []
    for f in files:
        st = f.stat()
        out.append([str(f), st.st_size, st.st_mtime_ns])
    return out


def index(packs: list[Path]) -> list[Entry]:
    """Every available problem, numbered, user packs shadowing built-ins with the same id."""
    files = _files(packs)
    key = _key(files)
    cache = home() / "cache" / "catalog.json"
    data = _read(cache)
    try:
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION and data.get("key") == key:
            return [Entry(**{**e, "names": tuple(e["names"])}) for e in data["entries"]]
    except (ValueError, TypeError, KeyError):
        pass
    entries = _build(files)
    _save(cache, {"version": CACHE_VERSION, "key": key, "entries": [asdict(e) for e in entries]})
    return entries


def _save(cache: Path, data: object) -> None:
    """Write a cache file atomically, its first line the digest of the rest; unwritable is only slower."""
    try:
        body = json.dumps(data)
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(hashlib.sha256(body.encode()).hexdigest() + "\n" + body)
        os.replace(tmp, cache)
    except (OSError, TypeError, ValueError):
        pass


def _read(cache: Path) -> object:
    """A cache file's data if it is whole (its digest matches), else None: damaged means rebuilt."""
    try:
        digest, _, body = cache.read_text().partition("\n")
        if hashlib.sha256(body.encode()).hexdigest() != digest:
            return None
        return json.loads(body)
    except (OSError, ValueError):
        return None


def _build(files: list[Path]) -> list[Entry]:
    from mlprep.problem import load

    seen: dict[str, Entry] = {}
    pending: list[tuple[Problem, Path]] = []
    for f in files:
        problem = load(f)
        if problem.id in seen or any(p.id == problem.id for p, _ in pending):
            continue  # an earlier pack's problem shadows this one
        pending.append((problem, f))
    used = {p.number for p, f in pending if p.number and f.parent.parent == BUILTIN}
    next_number = max(used | {12}) + 1
    for problem, f in pending:
        builtin = f.parent.parent == BUILTIN
        number = problem.number if builtin and problem.number else None
        if number is None:
            number, next_number = next_number, next_number + 1
        seen[problem.id] = Entry(
            problem.id, number, problem.title, problem.difficulty, problem.minutes, problem.summary,
            tuple(problem.names), str(f), builtin,
        )
    return sorted(seen.values(), key=lambda e: e.number)


def resolve(query: str, entries: list[Entry]) -> Entry:
    """The problem a user means: an id, the id with - for _, a number, or a unique prefix."""
    wanted = query.strip().lower().replace("-", "_")
    if wanted.isdigit():
        for e in entries:
            if e.number == int(wanted):
                return e
        raise MlprepError(f"there is no problem number {wanted} (see `mlprep list`)")
    for e in entries:
        if e.id == wanted:
            return e
    matches = [e for e in entries if e.id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise MlprepError(f"{query!r} is ambiguous: it could be {', '.join(e.id for e in matches)}")
    import difflib

    near = difflib.get_close_matches(wanted, [e.id for e in entries], n=1, cutoff=0.6)
    if near:
        raise MlprepError(f"unknown problem {query!r}; did you mean {near[0]}? (`mlprep list` shows them all)")
    raise MlprepError(f"unknown problem {query!r}; known: {', '.join(e.id for e in entries)}")


def load(entry: Entry) -> Problem:
    """The full problem behind an entry, from a JSON cache of its validated form when the file is unchanged."""
    from mlprep.problem import from_json

    path = Path(entry.path)
    key = hashlib.sha256(f"{CACHE_VERSION}|{path}|".encode() + path.read_bytes()).hexdigest()[:16]  # by content
    cache = home() / "cache" / "problems" / f"{path.stem}-{key}.json"
    data = _read(cache)
    try:
        if isinstance(data, dict):
            return from_json(data)
    except (ValueError, TypeError, KeyError, AttributeError):
        pass
    from mlprep.problem import load as load_problem
    from mlprep.problem import to_json

    problem = load_problem(path)
    _save(cache, to_json(problem))
    return problem


def by_names(defined: set[str], entries: list[Entry]) -> Entry | None:
    """The one problem whose part-1 names a file defines, if exactly one fits."""
    fits = [e for e in entries if e.names and e.names[0] in defined]
    best = [e for e in fits if set(e.names) <= defined] or fits
    return best[0] if len(best) == 1 else None
