"""A wheel built from the repository gives a working mlprep whose built-in problems ship inside it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    build = tmp_path_factory.mktemp("src")
    # Build from a copy of the working tree (tracked and new files) so nothing is left in the checkout.
    files = subprocess.run(
        ["git", "ls-files", "-c", "-o", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            dest = build / "src" / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes((ROOT / name).read_bytes())
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", str(wheels),
         str(build / "src")],
        check=True,
    )
    (wheel,) = wheels.glob("mlprep-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    for yaml in (ROOT / "problems").glob("*.yaml"):
        assert f"mlprep/pack/problems/{yaml.name}" in names
        assert f"mlprep/pack/solutions/{yaml.stem}.py" in names
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
    )
    return target


def test_installed_package_lists_and_checks_from_its_own_files(installed: Path, tmp_path: Path):
    env = dict(os.environ, PYTHONPATH=str(installed), MLPREP_HOME=str(tmp_path / "home"))
    probe = "import mlprep.catalog as c; print(c.BUILTIN)"
    builtin = subprocess.run([sys.executable, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert builtin.stdout.strip().startswith(str(installed))
    ids = sorted(p.stem for p in (ROOT / "problems").glob("*.yaml"))
    listed = subprocess.run([sys.executable, "-m", "mlprep", "list"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert listed.returncode == 0
    assert all(pid in listed.stdout for pid in ids)
    for pid in ids:
        (tmp_path / f"{pid}.py").write_text((installed / "mlprep" / "pack" / "solutions" / f"{pid}.py").read_text())
        checked = subprocess.run(
            [sys.executable, "-m", "mlprep", "check", f"{pid}.py", "--json", "--no-efficiency"], env=env,
            cwd=tmp_path, capture_output=True, text=True,
        )
        assert checked.returncode == 0, (pid, checked.stdout[-2000:], checked.stderr[-2000:])
        assert json.loads(checked.stdout)["passed"] is True
