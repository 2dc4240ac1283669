"""`mlprep validate` proves the built-in problems, and names what is wrong in a broken pack."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import TINY_PACK


def test_builtin_problems_validate(run):
    result = run("validate")
    assert result.exit_code == 0, result.stdout
    for pid in ("attention", "softmax", "top_k"):
        assert pid in result.stdout


def test_tiny_pack_validates(run):
    assert run("validate", str(TINY_PACK)).exit_code == 0


def broken_pack(tmp_path: Path, old: str, new: str) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    yaml_path = pack / "problems" / "double.yaml"
    yaml_path.write_text(yaml_path.read_text().replace(old, new))
    return pack


def test_a_mistake_that_passes_is_reported(run, tmp_path):
    pack = broken_pack(tmp_path, 'replace: "3.0 * np.asarray(x)"', 'replace: "2.0 * np.array(x)"')
    result = run("validate", str(pack))
    assert result.exit_code == 1 and "mistake times_three passes every test" in result.stdout


def test_a_patch_that_does_not_apply_is_reported(run, tmp_path):
    pack = broken_pack(tmp_path, 'find: "2.0 * np.asarray(x)"', 'find: "no such text"')
    result = run("validate", str(pack))
    assert result.exit_code == 1 and "found 0 times" in result.stdout


def test_a_schema_error_names_the_file_and_field(run, tmp_path):
    pack = broken_pack(tmp_path, "difficulty: easy", "difficulty: trivial")
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "double.yaml" in result.stdout and "difficulty" in result.stdout


def test_a_broken_problem_at_check_time_is_a_clear_error(run, tmp_path, write, monkeypatch):
    pack = broken_pack(tmp_path, "call: double(x)}", "call: halve(x)}")
    (pack / "solutions" / "double.py").write_text("# mlprep: double\ndef double(x):\n    return 2 * x\n")
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    write("d.py", "# mlprep: double\ndef double(x):\n    return 2 * x\n")
    result = run("check", "d.py")
    assert result.exit_code == 1 and "is broken" in result.stderr


def test_every_think_aloud_earns_every_rubric_point():
    from mlprep import catalog
    from mlprep.validate import rubric_gaps

    for entry in catalog.index(catalog.pack_dirs()):
        assert rubric_gaps(catalog.load(entry)) == [], entry.id


def test_a_rubric_the_think_aloud_does_not_earn_is_reported(run, tmp_path):
    rubric = ('think_aloud: Say the shapes, then write one line.\nrubric:\n'
              '- {point: "Names the copy.", key_terms: ["shape", "new array", "he"]}\n')
    pack = broken_pack(tmp_path, "think_aloud: Say the shapes, then write one line.\n", rubric)
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "does not earn rubric point 'Names the copy.': it never says ['new array', 'he']" in result.stdout
    assert "key term(s) ['he'] are everyday words" in result.stdout


def test_a_patch_that_does_not_apply_never_crashes_the_diagnosis_of_the_others(run, tmp_path):
    """Another mistake's check diagnoses among all mistakes: the broken one is skipped, and reported in words."""
    pack = broken_pack(tmp_path, "tests:\n", "  - id: halves_by_three\n    part: 2\n    title: Divided by three\n"
                       "    explanation: Half means two.\n    patch: [{find: \"no such text\", replace: \"x\"}]\ntests:\n")
    result = run("validate", str(pack))
    assert result.exit_code == 1 and "Traceback" not in result.stdout
    said = " ".join(result.stdout.replace("│", " ").split())
    assert "mistake halves_by_three: patch text found 0 times" in said
    assert "times_three" not in said  # still diagnosed as itself
