"""Text from problems and users keeps its square brackets on every path that shows it (never read as Rich markup)."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

from conftest import TINY_PACK

from mlprep import render
from mlprep.engine.report import Report
from mlprep.engine.report import TestResult as Result


def pack_with(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    """A copy of the tiny pack with text replacements in double.yaml."""
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    path = pack / "problems" / "double.yaml"
    text = path.read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text)
    return pack


def test_check_shows_a_test_named_with_brackets_and_a_message_with_markup(run, tmp_path, write, monkeypatch):
    pack = pack_with(tmp_path, ("{name: vector,", "{name: 'E[out] = x',"))
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    write("d.py", "# mlprep: double\ndef double(x):\n    raise ValueError('[bold]no[/bold] x[kept]')\n")
    out = run("check", "d.py", "--no-efficiency").stdout
    assert "E[out] = x" in out
    assert "ValueError: [bold]no[/bold] x[kept]" in out


def test_validate_quotes_a_failing_step_with_its_brackets(run, tmp_path):
    step = "steps: ['r = double(x[kept] / x[kept])'], observe: [r]}"
    pack = pack_with(tmp_path, ("call: double(x)}\n  - {name: matrix", step + "\n  - {name: matrix"))
    result = run("validate", str(pack))
    assert result.exit_code == 1
    assert "step 'r = double(x[kept] / x[kept])': `kept` is not defined" in result.stdout


def test_start_shows_a_title_and_an_example_step_with_brackets(run, tmp_path, monkeypatch):
    pack = pack_with(
        tmp_path,
        ("title: Double an array (test pack)", "title: Double [kept] entries"),
        ("call: double(x)}\n  - {name: vector",
         "steps: ['kept = x > 1', 'r = double(x[kept])'], observe: [r]}\n  - {name: vector"),
    )
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    out = run("start", "double").stdout
    assert "Double [kept] entries" in out and "double(x[kept])" in out


def test_status_shows_a_file_path_with_brackets(run, tmp_path, tiny):
    folder = tmp_path / "w[kept]"
    folder.mkdir()
    run("start", "double", "--dir", str(folder))
    assert "w[kept]" in run("status").stdout


def test_reveal_shows_an_insight_title_with_brackets(run, tmp_path, monkeypatch):
    pack = pack_with(tmp_path, ("insights: [{title: Copies,", "insights: [{title: 'Copies [kept] apart',"))
    monkeypatch.setenv("MLPREP_PROBLEMS", str(pack))
    assert "Copies [kept] apart" in run("reveal", "double", "--yes").stdout


def test_validate_shows_a_schema_error_with_brackets(run, tmp_path):
    pack = pack_with(tmp_path, ("{gen: normal, seed: 1,", "{gen: '[bold]normal', seed: 1,"))
    result = run("validate", str(pack))
    assert result.exit_code == 1 and "unknown generator '[bold]normal'" in result.stdout


def test_a_mock_follow_up_and_the_report_title_keep_brackets(capsys):
    problem = SimpleNamespace(parts=[SimpleNamespace(title="a", prompt="p"), SimpleNamespace(title="Halve [kept]", prompt="q")])
    render.mock_part(problem, 2)  # type: ignore[arg-type]
    report = Report(problem="double", file="x[kept].py", tests=[Result("E[out] = x", 1, "hidden", "fail", "[bold]")])
    render.report(report, None, False)
    out = capsys.readouterr().out
    assert "Halve [kept]" in out and "x[kept].py" in out and "E[out] = x" in out and "[bold]" in out


def test_the_watch_screen_keeps_brackets():
    from rich.console import Console

    report = Report(problem="double", file="d.py", tests=[Result("E[out] = x", 1, "hidden", "fail", "got [bold]")])
    watcher = SimpleNamespace(session=None, problem=SimpleNamespace(id="double", title="Double [kept]"),
                              target=SimpleNamespace(display="w[kept]/d.py"), report=report, checks=1, seconds=0.1,
                              running_for=None,
                              hint=None)
    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(render.watch_screen(watcher))
    text = console.export_text()
    assert "Double [kept]" in text and "w[kept]/d.py" in text and "E[out] = x" in text and "got [bold]" in text
