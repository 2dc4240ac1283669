"""Everything a person sees, drawn with Rich. The only module that knows about Rich.

Rich honours NO_COLOR by itself. Rich itself is imported only by the functions that draw with it,
so ``mlprep list`` (plain aligned text) never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from mlprep.words import ended_words, plural, result_words

if TYPE_CHECKING:
    from pathlib import Path

    from rich.console import Console

    from mlprep.catalog import Entry
    from mlprep.engine.examples import Example
    from mlprep.engine.report import Report
    from mlprep.practice import Cleared, Clock, HintShown
    from mlprep.problem import Problem
    from mlprep.store import ProblemHistory, Session
    from mlprep.validate import Finding


def _prose(text: str) -> str:
    """A YAML block's text as paragraphs: its source line breaks dropped (the terminal wraps), blank lines,
    lists and indented code kept, so a box never breaks mid-sentence where the author's editor did."""
    paragraphs = []
    for para in text.strip().split("\n\n"):
        lines = para.splitlines()
        laid_out = any(line[:1].isspace() or line.lstrip().startswith(("- ", "* ", "```", "|")) for line in lines)
        paragraphs.append(para if laid_out else " ".join(line.strip() for line in lines))
    return "\n\n".join(paragraphs)


def _e(text: object) -> str:
    """Text from a problem or a user's code, safe inside Rich markup (``params[name]`` stays visible)
    and on a terminal (control characters shown as ``\\x1b``, never sent raw)."""
    from rich.markup import escape

    return escape(visible(str(text)))


_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)] if chr(c) not in "\n\t"}
_CONTROLS.update({ord("\r"): "\\r"})
_CONTROLS.update({c: f"\\u{c:04x}" for c in [0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]})


def visible(text: str) -> str:
    """``text`` with control characters (escape sequences, carriage returns, bidi overrides) written out."""
    return text.translate(_CONTROLS)


_consoles: dict[bool, Console] = {}


def _console(stderr: bool = False) -> Console:
    if stderr not in _consoles:
        from rich.console import Console

        _consoles[stderr] = Console(stderr=stderr, highlight=False, emoji=False)
    return _consoles[stderr]


_STATUS_STYLE = {
    "pass": "green", "fail": "red", "error": "red", "timeout": "magenta", "memory": "magenta",
    "crashed": "magenta", "skipped": "dim",
}


def minutes(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    seconds = abs(seconds)
    return f"{int(seconds // 60)}:{int(seconds % 60):02d}"


def error(message: str) -> None:
    _console(True).print(f"[bold red]error:[/] {_e(message)}", markup=True, highlight=False, soft_wrap=True)


def warning(message: str) -> None:
    """One line on stderr: something went wrong that changes nothing the command reported."""
    _console(True).print(f"[bold yellow]warning:[/] {_e(message)}", markup=True, highlight=False, soft_wrap=True)


def info(message: str) -> None:
    """A plain statement (a choice the user made, not a failure)."""
    _console().print(_e(message), markup=True, highlight=False)


def _styled() -> bool:
    import os
    import sys

    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def when(ts: float | None, now: float | None = None) -> str:
    """A due time in words: ``today``, ``in 3 days``, ``2 days ago``."""
    import time

    if ts is None:
        return "-"
    days = (ts - (now if now is not None else time.time())) / 86400
    if -1 < days <= 0 or 0 < days < 1:
        return "today" if days <= 0 or time.localtime(ts).tm_yday == time.localtime().tm_yday else "tomorrow"
    span = plural(int(abs(days)), "day")
    return f"in {span}" if days > 0 else f"{span} ago"


def problems(entries: list[Entry], history: dict[str, ProblemHistory], due: dict[str, float] | None = None) -> None:
    """The problem list as aligned text: drawn without Rich, whose import would double its cost."""
    color = _styled()

    def paint(text: str, code: str) -> str:
        return f"\033[{code}m{text}\033[0m" if color and code else text

    due = due or {}
    header = ("#", "id", "title", "difficulty", "status", "best time", "due")
    rows, styles = [], []
    for e in entries:
        h = history.get(e.id)
        status, style = "new", ""
        if h:
            status, style = ("passed", "32") if h.passed else (("in progress", "33") if h.open else ("attempted", ""))
        rows.append((str(e.number), visible(e.id), visible(e.title), e.difficulty, status, minutes(h.best_s if h else None),
                     when(due.get(e.id))))
        styles.append(style)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    columns = _columns()

    def line(cells: tuple[str, ...], status_style: str = "") -> str:
        out = [cells[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(cells[1:], widths[1:])]
        out[4] = paint(out[4], status_style)
        return "  ".join(out).rstrip()

    def two_lines(cells: tuple[str, ...], status_style: str = "") -> str:
        """A row too wide for the terminal: number, id and title, then the rest indented below."""
        rest = [cells[3], paint(cells[4], status_style)]
        rest += [f"{label} {value}" for label, value in (("best", cells[5]), ("due", cells[6])) if value != "-"]
        return f"{cells[0].rjust(widths[0])}  {cells[1]}  {cells[2]}\n{' ' * (widths[0] + 2)}{', '.join(rest)}"

    if sum(widths) + 2 * (len(widths) - 1) <= columns:
        print(paint(line(header), "1"))
        for row, style in zip(rows, styles):
            print(line(row, style))
    else:
        print(paint(f"{'#'.rjust(widths[0])}  id  title\n{' ' * (widths[0] + 2)}difficulty, status, best time, due", "1"))
        for row, style in zip(rows, styles):
            print(two_lines(row, style))
    import textwrap

    print("\n" + textwrap.fill("Start one with `mlprep start ID` (an id, a number or a unique prefix).", min(columns, 100)))


def _columns() -> int:
    """The terminal's width (``COLUMNS`` first); unlimited when output goes to a file or a pipe."""
    import shutil

    return shutil.get_terminal_size((10_000, 24)).columns


def prompt(problem: Problem, examples: list[Example], parts: int | None = None) -> None:
    """The problem's parts (``parts``: only the first ones, as a mock shows them) and their examples."""
    from rich.markdown import Markdown

    console = _console()
    for number, part in enumerate(problem.parts[:parts], start=1):
        heading = f"## Part {number}: {part.title}" + ("" if number == 1 else " (the follow-up)")
        console.print(Markdown(heading + "\n\n" + part.prompt))
    shown = [ex for ex in examples if parts is None or ex.part <= parts]
    if shown:
        console.print(Markdown("## Examples"))
        console.print("[dim]Each one is Python you can paste (numpy as np, pandas as pd).[/]")
    for number, ex in enumerate(shown, start=1):
        label = f" (part {ex.part})" if len(problem.parts) > 1 and parts != 1 else ""
        console.print(f"\n[bold]Example {number}{label}: {_e(ex.title)}[/]")
        console.print(ex.code, style="cyan", markup=False, highlight=False, crop=False, soft_wrap=True)
        console.print("[dim]returns:[/]" if "\n" in ex.result else f"[dim]returns:[/] {_e(ex.result)}")
        if "\n" in ex.result:
            console.print(ex.result, markup=False, highlight=False, crop=False, soft_wrap=True)


def started(problem: Problem, path: str, backup: str | None, mins: float, examples: list[Example],
            parts: int | None = None) -> None:
    """The prompt first, then the essentials last (file, clock, what to do next): they stay on screen."""
    from rich.markdown import Markdown
    from rich.panel import Panel

    prompt(problem, examples, parts)
    console = _console()
    console.print(Markdown(
        "**Think aloud first.** Before you type, say what the inputs and outputs are (shapes!), "
        "the approach, where it can go wrong numerically, and how you would test it."
    ))
    if backup:
        console.print(f"[yellow]Your previous file was kept as {_e(backup)}[/]")
    console.print(Panel(
        f"[bold]{_e(problem.title)}[/] ({problem.difficulty})\n"
        f"Your file: [bold]{_e(path)}[/]\nClock: [bold]{plural(mins, 'minute')}[/], started now\n"
        f"Next: edit it; [bold]python {_e(path)}[/] runs the examples; [bold]mlprep check[/] grades it "
        "([bold]--examples[/]: the examples only). [bold]mlprep prompt[/] shows the prompt again, "
        "[bold]mlprep hint[/] gives a hint.",
        title=f"mlprep: {_e(problem.id)}", title_align="left",
    ))


def report(rep: Report, tick: Clock | None, ended: bool) -> None:
    """A check's results: the table, the verdict, the diagnosis, failing tests in full, what the code printed."""
    from rich.panel import Panel

    console = _console()
    if rep.load_error:
        console.print(Panel(_e(rep.load_error), title=f"{_e(rep.file)} could not be loaded", border_style="red"))
    console.print(_tests_table(rep, console.width))
    ok, bad = rep.counts
    parts = ""
    if len(rep.parts) > 1:
        per_part = []
        for number in range(1, len(rep.parts) + 1):
            tests = [t for t in rep.correctness if t.part == number]
            per_part.append(f"part {number}: {sum(t.passed for t in tests)}/{len(tests)}")
        parts = f"  ({', '.join(per_part)})"
    console.print(f"[bold]{ok} passed, {bad} failed[/]{parts}", markup=True)
    if len(rep.parts) > 1 and rep.part_passed(1) and not rep.passed:
        console.print(f"[green]Part 1 passed[/] - part 2 is the follow-up: {_e(rep.parts[1])}.")
    elif rep.passed:
        console.print("[bold green]All correctness tests passed.[/]")
    for e in rep.efficiency:
        style = {"ok": "green", "slow": "yellow", "skipped": "dim"}[e.status]
        console.print(f"[{style}]efficiency {e.status}[/]: {_e(e.name)}: {_e(e.message)}")
    # The title inside the panel, where it wraps: a panel's own title is cut to one line.
    if len(rep.diagnosis) == 1:
        d = rep.diagnosis[0]
        console.print(_box(f"This looks like a classic mistake: {_e(d.title)}",
                           f"\n{_e(_prose(d.explanation))}", "yellow"))
    elif rep.diagnosis:  # the evidence fits each of them equally: say so, and name none as the one
        body = "".join(f"\n[bold]{_e(d.title)}[/]\n{_e(_prose(d.explanation))}\n" for d in rep.diagnosis)
        console.print(_box(f"This looks like one of {len(rep.diagnosis)} classic mistakes (the tests cannot tell which)",
                           body.rstrip("\n"), "yellow"))
    _failures_in_full(rep)
    _printed(rep)
    clock_line(tick)


def _tests_table(rep: Report, width: int) -> Any:
    """One row per test; under 90 columns the part and category go under the test's name."""
    from rich.table import Table

    wide = width >= 90
    table = Table(title=f"{_e(rep.problem)}: {_e(rep.file)}", title_justify="left")
    for col in (("part", "category") if wide else ()) + ("test", "status", "message"):
        table.add_column(col, overflow="fold")
    previous = None
    for t in sorted(rep.tests, key=lambda t: t.part):  # stable: the problem's order within a part
        message = _e(t.message)
        if rep.load_error and t.message == rep.load_error:
            message = "(see above)"
        elif t.message and t.message == previous:
            message = "[dim]same as above[/]"
        previous = t.message
        status = f"[{_STATUS_STYLE.get(t.status, '')}]{t.status}[/]"
        if wide:
            table.add_row(str(t.part), t.category, _e(t.name), status, message)
        else:
            table.add_row(f"{_e(t.name)}\n[dim]part {t.part}, {t.category}[/]", status, message)
    return table


def _failures_in_full(rep: Report) -> None:
    """Inputs, expected and yours for each failing test that shows them; the same failure once only."""
    groups: dict[str, list[Any]] = {}
    for t in rep.tests:
        if t.detail:
            groups.setdefault(t.detail["actual"] if t.detail["actual"].startswith("raised ") else t.name, []).append(t)
    for tests in groups.values():
        first, detail = tests[0], tests[0].detail
        assert detail is not None
        body = f"[bold]inputs:[/]\n{_e(detail['inputs'])}\n\n[bold]expected:[/]\n{_e(detail['expected'])}\n\n" \
               f"[bold]yours:[/]\n{_e(detail['actual'])}"
        if len(tests) > 1:
            body += f"\n\n[dim]The same in {plural(len(tests) - 1, 'more test')}: " \
                    f"{_e(', '.join(t.name for t in tests[1:]))}[/]"
        _console().print(_box(f"failed: {_e(first.name)}", body, "red"))


def _box(heading: str, body: str, style: str = "dim") -> Any:
    """A panel headed inside by ``heading`` (markup), which wraps at any width where a panel title is cut."""
    from rich.panel import Panel

    return Panel(f"[bold]{heading}[/]\n{body}", border_style=style)


def _clipped(text: str, chars: int = 800, lines: int = 20) -> str:
    """Printed output cut to fit a screen: at most ``lines`` lines and ``chars`` characters, marked."""
    from mlprep.engine.report import cut

    kept = text.rstrip().splitlines()
    if len(kept) > lines:
        text = "\n".join(kept[:lines]) + f"\n[... {len(kept) - lines} more lines cut]"
    return cut(text.rstrip(), chars)


def _printed(rep: Report, most: int = 3) -> None:
    """What the user's code printed: while loading, and in each failing test (cut, the same text once)."""
    console = _console()
    if rep.load_output.strip():
        console.print(_box(f"{_e(rep.file)} printed while loading", _e(_clipped(rep.load_output))))
    seen: dict[str, list[str]] = {}
    for t in rep.tests:
        if not t.passed and t.output.strip():
            seen.setdefault(t.output, []).append(t.name)
    for output, names in list(seen.items())[:most]:
        also = f" (and {plural(len(names) - 1, 'more test')})" if len(names) > 1 else ""
        console.print(_box(f"printed during {_e(names[0])}{also}", _e(_clipped(output))))
    if len(seen) > most:
        console.print(f"[dim]{plural(len(seen) - most, 'more failing test')} printed output too "
                      "(`mlprep check --json` has each).[/]")
    passing = sum(1 for t in rep.tests if t.passed and t.output.strip())
    if passing:
        console.print(f"[dim]Your code also printed output in {plural(passing, 'passing test')}.[/]")


def clock_line(tick: Clock | None) -> None:
    if tick is None:
        return
    if tick.over:
        _console().print(f"[red]Over time by {minutes(tick.remaining_s)}[/] (elapsed {minutes(tick.elapsed_s)}).")
    else:
        style = "yellow" if tick.remaining_s < 600 else "green"
        _console().print(f"Clock: {minutes(tick.elapsed_s)} elapsed, [{style}]{minutes(tick.remaining_s)} left[/].")


def _hint_panel(number: int, total: int, text: str, problem: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    _console().print(Panel(Markdown(text), title=f"{_e(problem)}: hint {number} of {total}", border_style="cyan"))


def hint(shown: HintShown, problem: str) -> None:
    number, total = shown.number, shown.total
    _hint_panel(number, total, shown.text, problem)
    if shown.after_pass:
        _console().print("Your attempt has already passed: this hint does not change its rating or your schedule.")
    if number == total:
        _console().print("That was the last hint. `mlprep reveal` shows the full solution (it ends the attempt).")


def hints_taken(problem: str, texts: list[str], total: int) -> None:
    """Every hint taken so far, in order (``mlprep hint --all``)."""
    if not texts:
        _console().print(f"No hints taken yet for {_e(problem)}. [bold]mlprep hint[/] shows the first of {total}.")
    for number, text in enumerate(texts, start=1):
        _hint_panel(number, total, text, problem)
    if texts and len(texts) < total:
        _console().print(f"[dim]{plural(total - len(texts), 'more hint')} left: [bold]mlprep hint[/] shows the next.[/]")


def prompt_again(path: str | None, tick: Clock | None) -> None:
    """After ``mlprep prompt``: which file is being graded and the clock, last so they stay on screen."""
    if path:
        _console().print(f"\nYour file: [bold]{_e(path)}[/]")
    clock_line(tick)


def status(session: Session, tick: Clock, checks: int, hints: int) -> None:
    from rich.table import Table

    table = Table(show_header=False, title="mlprep status", title_justify="left")
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("", overflow="fold")  # a long path wraps, never cut
    table.add_row("problem", _e(session.problem))
    table.add_row("file", _e(session.file))
    table.add_row("elapsed", minutes(tick.elapsed_s))
    table.add_row("remaining", "over time" if tick.over else minutes(tick.remaining_s))
    table.add_row("checks", str(checks))
    table.add_row("hints", str(hints))
    state = "open" if not session.ended else f"ended: {ended_words(session.end_reason, session.result)}"
    if session.first_pass_s is not None:
        state += f", passed at {minutes(session.first_pass_s)}"
    table.add_row("attempt", _e(state))
    _console().print(table)


def reveal(problem: Problem, solution: str) -> None:
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.syntax import Syntax
    from rich.text import Text

    _console().print(Panel(f"[bold]{_e(problem.title)}[/]: the reveal", border_style="cyan"))
    _console().print(Markdown("## How a strong candidate thinks aloud\n\n" + problem.think_aloud))
    _console().print(Markdown("## Reference solution"))
    # Long lines wrap under their line number: a narrow terminal must not crop the code.
    _console().print(Syntax(solution, "python", line_numbers=True, theme="ansi_dark", word_wrap=True))
    _console().print(Markdown("## Senior insights"))
    for insight in problem.insights:  # the title inside the panel, where it wraps
        _console().print(Panel(Group(Text(insight.title, style="bold"), Markdown(insight.body)), border_style="magenta"))
    if problem.followups:
        _console().print(Markdown("## Follow-up questions"))
        for i, f in enumerate(problem.followups, start=1):
            _console().print(Markdown(f"**{i}. {f.question}**\n\n{f.answer}"))
    if problem.variants:
        _console().print(Markdown("## Answers the checker also accepts\n\n" + "\n".join(
            f"- **{v.title}**: {' '.join(v.explanation.split())}" for v in problem.variants
        )))
    if problem.mistakes:
        _console().print(Markdown("## Common mistakes\n\n" + "\n".join(
            f"- **{m.title}**: {' '.join(m.explanation.split())}" for m in problem.mistakes
        )))
    if problem.rubric:
        _console().print(Markdown("## What the interviewer listens for\n\n" + "\n".join(f"- {r.point}" for r in problem.rubric)))


def validation(findings: list[Finding]) -> None:
    from rich.table import Table

    table = Table(title="mlprep validate", title_justify="left")
    table.add_column("problem")
    table.add_column("result")
    table.add_column("details", overflow="fold")
    for f in findings:
        details = [_e(p) for p in f.problems] or [_e(f.summary)]
        if f.todo:
            details.append("[yellow]still the scaffold's example text, to fill in:[/] " + _e(", ".join(f.todo)))
        result = ("[green]ok[/]" if not f.todo else "[yellow]ok, unfinished[/]") if f.ok else "[red]FAILED[/]"
        table.add_row(_e(f.problem), result, "\n".join(details))
    _console().print(table)


def created(paths: list[Path], pack: Path, problem_id: str) -> None:
    """What ``mlprep new`` wrote and what to do next."""
    console = _console()
    for path in paths:
        console.print(f"wrote {_e(path)}")
    console.print(
        f"Next: [bold]mlprep validate {_e(pack)}[/] (green at once: the example works, and it lists every "
        "FILL IN left), then replace the example with your problem (docs/authoring.md walks through one). "
        f"Practise it with [bold]mlprep --problems {_e(pack)} start {_e(problem_id)}[/]."
    )


def suggestions(items: list[Any], due: dict[str, float]) -> None:
    console = _console()
    if not items:
        upcoming = sorted(due.items(), key=lambda kv: kv[1])
        nxt = f" The next review: {upcoming[0][0]}, {when(upcoming[0][1])}." if upcoming else ""
        console.print(f"Nothing is due today and every problem has been tried.{_e(nxt)}")
        return
    console.print("[bold]Practise today[/]")
    for i, s in enumerate(items, start=1):
        console.print(f"  {i}. [bold]{s.entry.id}[/] ({_e(s.entry.title)}, {s.entry.difficulty}): {_e(s.reason)}")
    console.print(f"Start with [bold]mlprep start {_e(items[0].entry.id)}[/].")


def stats(summary: Any, titles: dict[str, str] | None = None) -> None:
    """The history at a glance; ``titles`` names each mistake by its title rather than its id."""
    from rich.table import Table

    console = _console()
    pct = "-" if summary.pass_rate is None else f"{summary.pass_rate:.0%}"
    hints = "-" if summary.hints_per_attempt is None else f"{summary.hints_per_attempt:.1f}"
    console.print(
        f"[bold]{plural(summary.attempts, 'attempt')}[/], [bold]{summary.passes}[/] passed ({pct}); "
        f"median time to pass {minutes(summary.median_time_to_pass_s)}; {hints} hints per attempt; "
        f"streak {plural(summary.streak_days, 'day')}, {plural(summary.practice_days, 'practice day')} in all."
    )
    if summary.top_mistakes:
        titles = titles or {}
        console.print("Mistakes you make most: " + "; ".join(
            f"{_e(titles.get(m, m.replace('_', ' ')))} ({plural(n, 'time')})" for m, n in summary.top_mistakes
        ))
    if summary.problems:
        table = Table(title="per problem", title_justify="left")
        table.add_column("problem", no_wrap=True)  # ids are never cut; the other columns wrap
        for col in ("passed", "best", "last result", "due"):
            table.add_column(col, overflow="fold")
        for r in summary.problems:
            table.add_row(_e(r.problem), f"{r.passes} of {r.attempts}", minutes(r.best_s), result_words(r.last_result),
                          when(r.due_at))
        console.print(table)
    if summary.recent_passes:
        console.print("[bold]Time to pass, latest attempts[/]")
        longest = max(s for _, s in summary.recent_passes)
        width = max(len(p) for p, _ in summary.recent_passes)
        for problem, secs in summary.recent_passes:
            bar = "█" * max(1, round(30 * secs / longest))
            console.print(f"  {_e(problem.ljust(width))}  [cyan]{bar}[/] {minutes(secs)}")


def reset_done(what: str, cleared: Cleared) -> None:
    import shlex

    db = str(cleared.database)
    # The database's -wal/-shm files belong to the replaced file: left in place, SQLite would replay them.
    wal, shm = shlex.quote(db + "-wal"), shlex.quote(db + "-shm")
    restore = f"cp {shlex.quote(str(cleared.backup))} {shlex.quote(db)} && rm -f {wal} {shm}"
    _console().print(f"Cleared {_e(what)} ({plural(cleared.removed, 'attempt')}). The database was backed up first; "
                     "to undo, with no mlprep command running:", soft_wrap=True)
    print(f"  {restore}")


def left_open(session: Session, tick: Clock) -> None:
    """Starting another problem leaves the open attempt as it is: say so."""
    left = "its time is up" if tick.over else f"{minutes(tick.remaining_s)} left on its clock, which keeps running"
    _console().print(f"[yellow]Your attempt at {_e(session.problem)} stays open ({left}); "
                     f"`mlprep check {_e(session.file)}` still grades it. `mlprep check`, `hint` and `status` "
                     "now mean this new attempt.[/]")


def ask(question: str) -> None:
    _console().print(f"[bold cyan]{_e(question)}[/]")


def mock_started(problem: str) -> None:
    _console().print(
        "[bold]The interview has started.[/] Code under the clock; run [bold]mlprep check[/] as often as you "
        "like (passing part 1 reveals the follow-up). Hints ([bold]mlprep hint[/]) cost points. "
        "[bold]mlprep mock --end[/] scores the interview; [bold]mlprep mock[/] shows where you are."
    )


def mock_part(problem: Problem, number: int) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    part = problem.parts[number - 1]
    title = f"Part {number - 1} passed. The follow-up, part {number}: {_e(part.title)}"
    _console().print(Panel(Markdown(part.prompt), title=title, border_style="green"))


def mock_ready() -> None:
    _console().print("[bold green]Every part passes.[/] Run [bold]mlprep mock --end[/] for your scorecard.")


def mock_status(session: Session, tick: Clock, parts_shown: int) -> None:
    _console().print(f"A mock interview on [bold]{_e(session.problem)}[/] is in progress (file: {_e(session.file)}); "
                     f"{plural(parts_shown, 'part')} shown.")
    clock_line(tick)
    _console().print("Run [bold]mlprep check[/] to test it, [bold]mlprep mock --end[/] to finish and score it.")


def model_answer(text: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    _console().print(Panel(Markdown(text), title="A strong answer", border_style="magenta"))


def scorecard(card: Any, text: str, saved: str | None) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    style = "green" if "Hire" in card.verdict and "No" not in card.verdict else "red"
    _console().print(Panel(Markdown(text), title=f"Verdict: {_e(card.verdict)}", border_style=style))
    _console().print(f"Scorecard saved to {_e(saved)}." if saved else "The scorecard could not be saved next to your file.")


def watch_screen(w: Any, height: int = 24) -> Any:
    """One frame of ``mlprep watch``: header and countdown, the latest results, the latest hint, the keys."""
    from rich.console import Group
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    from mlprep.practice import clock

    session = w.session
    parts: list[Any] = []
    title = f"[bold]{_e(w.problem.id)}[/]: {_e(w.problem.title)}  [dim]{_e(w.target.display)}[/]"
    if session is not None:
        tick = clock(session)
        limit = session.minutes * 60
        color = "red" if tick.over else ("yellow" if tick.remaining_s < 600 else "green")
        left = f"over time by {minutes(tick.remaining_s)}" if tick.over else f"{minutes(tick.remaining_s)} left"
        bar = ProgressBar(total=limit, completed=min(tick.elapsed_s, limit), width=40,
                          complete_style=color, finished_style=color)
        parts.append(Panel(Group(Text.from_markup(title), Group(bar, Text.from_markup(f"[{color}]{left}[/]"))),
                           padding=(0, 1)))
    else:
        parts.append(Panel(Text.from_markup(title + "  (no clock: not a session's file)"), padding=(0, 1)))
    running = w.running_for
    if running is not None:
        parts.append(Text.from_markup(f"[bold cyan]checking...[/] {running:.0f} s so far   [dim]q stops it[/]"))
    rep = w.report
    if rep is not None and rep.load_error:
        parts.append(Panel(_e(rep.load_error), title="your file could not be loaded", border_style="red"))
    elif rep is not None:
        ok, bad = rep.counts
        summary = f"[bold]{ok} passed, {bad} failed[/]   [dim]check #{w.checks} took {w.seconds:.2f} s[/]"
        if rep.passed:
            summary += "   [bold green]all correctness tests pass[/]"
        parts.append(Text.from_markup(summary))
        room = max(3, height - 14)
        rows = sorted(rep.tests, key=lambda t: (t.passed, t.part))[:room]
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column("", width=2)
        table.add_column("", ratio=2, overflow="fold")  # wrapped, never cut: the end of a message is the useful half
        table.add_column("", ratio=3, overflow="fold")
        for t in rows:
            style = _STATUS_STYLE.get(t.status, "")
            table.add_row(f"[{style}]{'ok' if t.passed else 'x'}[/]", f"{t.part} {_e(t.name)}", _e(t.message))
        if len(rep.tests) > room:
            table.add_row("", f"[dim]... {len(rep.tests) - room} more passing[/]", "")
        parts.append(table)
        if rep.diagnosis:
            said = "Looks like" if len(rep.diagnosis) == 1 else "Looks like one of"
            parts.append(Text.from_markup(f"[yellow]{said}: {_e('; '.join(d.title for d in rep.diagnosis))}[/]"))
    if w.hint is not None:  # every hint taken so far, the latest last: an earlier one is never lost
        taken = w.problem.hints[: w.hint.number - 1] + [w.hint.text]
        text = "\n\n".join(f"**Hint {i}**\n\n{hint}" for i, hint in enumerate(taken, start=1))
        title = f"hint {w.hint.number} of {w.hint.total}" if len(taken) == 1 else f"hints 1-{w.hint.number} of {w.hint.total}"
        parts.append(Panel(Markdown(text), title=title, border_style="cyan"))
    parts.append(Text.from_markup("[dim]h[/] next hint   [dim]r[/] re-check   [dim]q[/] quit (the session stays open)"))
    return Group(*parts)


class _Progress:
    """One transient line on stderr while a check runs: tests done out of total, the current test, elapsed.

    Rich redraws it four times a second from its own thread, so the clock moves even while a test hangs.
    It starts only after half a second, from a timer: a quick check neither flickers nor waits for Rich.
    """

    QUIET_SECONDS = 0.5

    def __init__(self, file: str):
        import time

        self.file, self.done, self.total = file, 0, 0
        self.current: str | None = None
        self.clock, self.started = time.monotonic, time.monotonic()

    def __call__(self, done: int, total: int, current: str | None) -> None:
        self.done, self.total, self.current = done, total, current

    def __rich__(self) -> Any:
        from rich.text import Text

        line = Text(f"checking {self.file}: {self.done}/{self.total} tests", style="dim")
        if self.current is not None:
            line.append(" · running ", style="dim").append(self.current)
        return line.append(f" · {self.clock() - self.started:.0f} s", style="dim")


def _stderr_is_terminal() -> bool:
    """Whether a person watches stderr, asked without importing Rich when no console exists yet."""
    import sys

    return _consoles[True].is_terminal if True in _consoles else sys.stderr.isatty()


@contextmanager
def progress(file: str, enabled: bool = True) -> Iterator[Callable[[int, int, str | None], None] | None]:
    """A progress callback for ``runner.check`` shown live on a terminal, or None when nobody would see it."""
    if not enabled or not _stderr_is_terminal():
        yield None
        return
    import threading

    line = _Progress(file)
    shown: list[Any] = []
    guard = threading.Lock()
    ended = False

    def show() -> None:
        from rich.live import Live

        with guard:
            if not ended:
                shown.append(Live(line, console=_console(True), transient=True, refresh_per_second=4))
                shown[0].start()

    timer = threading.Timer(_Progress.QUIET_SECONDS, show)
    timer.daemon = True
    if _Progress.QUIET_SECONDS > 0:
        timer.start()
    else:
        show()
    try:
        yield line
    finally:
        timer.cancel()
        with guard:
            ended = True
            for live in shown:
                live.stop()


def live() -> Any:
    from rich.live import Live

    return Live(console=_console(), auto_refresh=False, transient=False)


def json_out(data: Any) -> None:
    import json
    import sys

    sys.stdout.write(json.dumps(data, indent=2) + "\n")
