"""Loading a problem's own Python (its reference solution, or the reference with a mistake patched in).

Only the parent calls this, and only on the problem's files: a user's file is imported by the worker,
never here. It is its own module because the runner and the diagnosis both need it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from mlprep.errors import MlprepError


def load_module(path: Path, name: str, source: str | None = None) -> dict[str, Any]:
    """A solution module's namespace, from its file or from patched source text."""
    if source is None:
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise MlprepError(f"cannot load the reference solution {path}", code=1)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return vars(module)
    namespace: dict[str, Any] = {"__name__": name, "__file__": str(path)}
    exec(compile(source, f"<{name}>", "exec"), namespace)  # noqa: S102 - the problem's own reference, patched
    return namespace
