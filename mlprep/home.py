"""Where mlprep keeps its state: ``MLPREP_HOME``, else the platform's user data directory."""

from __future__ import annotations

import os
from pathlib import Path


def home() -> Path:
    """The state directory (created on first use)."""
    override = os.environ.get("MLPREP_HOME")
    if override:
        path = Path(override).expanduser()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("mlprep", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
