"""What `mlprep watch` draws: whole messages at any width, efficiency as `check` says it, every hint taken."""

from __future__ import annotations

import io
import json
import re

from conftest import reference

from mlprep import catalog, practice, render
from mlprep.store import open_store
from mlprep.watch import Watcher


def _screen(watcher: Watcher, width: int = 60) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=width, height=200, color_system=None)
    console.print(render.watch_screen(watcher, 200))
    return console.file.getvalue()  # type: ignore[attr-defined]


def _watcher() -> Watcher:
    store = open_store()
    target = practice.target(store, None, None, catalog.index(catalog.pack_dirs()))
    return Watcher(store, target, catalog.load(target.entry))


def test_watch_wraps_messages_agrees_with_check_and_keeps_earlier_hints(run, isolated):
    run("start", "attention")
    (isolated / "attention.py").write_text(reference("attention").replace(" / np.sqrt(d_k)", ""))
    checked = json.loads(run("check", "--json").stdout)
    watcher = _watcher()
    try:
        report = watcher.check()
        assert [(e.name, e.status) for e in report.efficiency] == [(e["name"], e["status"]) for e in checked["efficiency"]]
        assert all(e.status != "skipped" for e in report.efficiency)  # timed, as check times it
        watcher.next_hint()
        watcher.next_hint()
        screen = _screen(watcher)
    finally:
        watcher.close()
    assert "…" not in screen
    flowing = " ".join(re.sub(r"[│╭╮╰╯─]", " ", screen).split())
    longest = max((t for t in report.tests if not t.passed), key=lambda t: len(t.message))
    assert all(word in flowing for word in longest.message.split())  # its end too: wrapped, not cut
    hints = watcher.problem.hints
    assert "hints 1-2 of" in screen  # the earlier hint stays on screen with the new one
    assert all(" ".join(h.split()[:4]) in flowing for h in hints[:2]) and " ".join(hints[2].split()[:6]) not in flowing
