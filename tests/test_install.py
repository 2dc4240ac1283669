"""`pip install .` (not editable) gives a working mlprep whose problems ship inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("src")
    # Build from a copy so no build/ or egg-info is left in the checkout.
    subprocess.run(["git", "clone", "-q", str(ROOT), str(build / "src")], check=True)
    for changed in subprocess.run(
        ["git", "ls-files", "-m", "-o", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split():
        dest = build / "src" / changed
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes((ROOT / changed).read_bytes())
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--target",
         str(target), str(build / "src")],
        check=True,
    )
    return target


def test_installed_package_lists_and_checks_from_its_own_files(installed: Path, tmp_path: Path):
    env = dict(os.environ, PYTHONPATH=str(installed), MLPREP_HOME=str(tmp_path / "home"))
    probe = "import mlprep.catalog as c; print(c.BUILTIN)"
    builtin = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert builtin.stdout.strip().startswith(str(installed))
    for name in ("attention", "softmax", "top_k"):
        assert (installed / "mlprep" / "pack" / "problems" / f"{name}.yaml").is_file()
        assert (installed / "mlprep" / "pack" / "solutions" / f"{name}.py").is_file()
    listed = subprocess.run([sys.executable, "-m", "mlprep", "list"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert listed.returncode == 0 and "attention" in listed.stdout
    (tmp_path / "attention.py").write_text((installed / "mlprep" / "pack" / "solutions" / "attention.py").read_text())
    checked = subprocess.run(
        [sys.executable, "-m", "mlprep", "check", "attention.py", "--json"], env=env, cwd=tmp_path,
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["passed"] is True
