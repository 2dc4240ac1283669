"""Everything a person sees, drawn with Rich. The only module that knows about Rich.

Rich honours NO_COLOR by itself. Rich itself is imported only by the functions that draw with it,
so ``mlprep list`` (plain aligned text) never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from mlprep.catalog import Entry
    from mlprep.engine.report import Report
    from mlprep.practice import Cleared, Clock, HintShown
    from mlprep.problem import Problem
    from mlprep.store import ProblemHistory, Session
    from mlprep.validate import Finding


def _e(text: object) -> str:
    """Text from a problem or a user's code, safe inside Rich markup (``params[name]`` stays visible)."""
    from rich.markup import escape

    return escape(str(text))


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
    n = int(abs(days))
    unit = "day" if n == 1 else "days"
    return f"in {n} {unit}" if days > 0 else f"{n} {unit} ago"


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
        rows.append((str(e.number), e.id, e.title, e.difficulty, status, minutes(h.best_s if h else None),
                     when(due.get(e.id))))
        styles.append(style)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: tuple[str, ...], status_style: str = "") -> str:
        out = [cells[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(cells[1:], widths[1:])]
        out[4] = paint(out[4], status_style)
        return "  ".join(out).rstrip()

    print(paint(line(header), "1"))
    for row, style in zip(rows, styles):
        print(line(row, style))
    print("\nStart one with `mlprep start ID` (an id, a number or a unique prefix).")


def started(problem: Problem, path: str, backup: str | None, mins: float, examples: list[tuple[str, str]],
            parts: int | None = None) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    _console().print(Panel.fit(
        f"[bold]{problem.title}[/]  ({problem.difficulty})\n"
        f"Your file: [bold]{path}[/]   Clock: [bold]{mins:g} minutes[/], started now",
        title=f"mlprep: {problem.id}",
    ))
    if backup:
        _console().print(f"[yellow]Your previous file was kept as {backup}[/]")
    for number, part in enumerate(problem.parts[:parts], start=1):
        heading = f"## Part {number}: {part.title}" + ("" if number == 1 else " (the follow-up)")
        _console().print(Markdown(heading + "\n\n" + part.prompt))
    if examples:
        _console().print(Markdown("## Examples"))
        for call, result in examples:
            _console().print(f"[cyan]>>> {call}[/]", markup=True)
            _console().print(result, markup=False)
    _console().print(Markdown(
        "**Think aloud first.** Before you type, say what the inputs and outputs are (shapes!), "
        "the approach, where it can go wrong numerically, and how you would test it."
    ))
    _console().print(
        f"Next: edit [bold]{path}[/], then [bold]mlprep check[/] (or [bold]mlprep check --examples[/] "
        "for the visible examples). [bold]mlprep hint[/] if you are stuck."
    )


def report(rep: Report, tick: Clock | None, ended: bool) -> None:
    from rich.panel import Panel

    if rep.load_error:
        _console().print(Panel(_e(rep.load_error), title=f"{_e(rep.file)} could not be loaded", border_style="red"))
    from rich.table import Table

    table = Table(title=f"{rep.problem}: {_e(rep.file)}", title_justify="left")
    for col in ("part", "category", "test", "status", "message"):
        table.add_column(col, overflow="fold")
    previous = None
    for t in sorted(rep.tests, key=lambda t: t.part):  # stable: the problem's order within a part
        message = _e(t.message)
        if rep.load_error and t.message == rep.load_error:
            message = "(see above)"
        elif t.message and t.message == previous:
            message = "[dim]same as above[/]"
        previous = t.message
        style = _STATUS_STYLE.get(t.status, "")
        table.add_row(str(t.part), t.category, _e(t.name), f"[{style}]{t.status}[/]", message)
    _console().print(table)
    ok, bad = rep.counts
    parts = ""
    if len(rep.parts) > 1:
        per_part = []
        for number in range(1, len(rep.parts) + 1):
            tests = [t for t in rep.correctness if t.part == number]
            per_part.append(f"part {number}: {sum(t.passed for t in tests)}/{len(tests)}")
        parts = f"  ({', '.join(per_part)})"
    _console().print(f"[bold]{ok} passed, {bad} failed[/]{parts}", markup=True)
    if len(rep.parts) > 1 and rep.part_passed(1) and not rep.passed:
        _console().print(f"[green]Part 1 passed[/] - part 2 is the follow-up: {_e(rep.parts[1])}.")
    elif rep.passed:
        _console().print("[bold green]All correctness tests passed.[/]")
    for e in rep.efficiency:
        style = {"ok": "green", "slow": "yellow", "skipped": "dim"}[e.status]
        _console().print(f"[{style}]efficiency {e.status}[/]: {_e(e.name)}: {_e(e.message)}")
    for i, d in enumerate(rep.diagnosis):
        if i == 0:
            _console().print(Panel(
                _e(d.explanation.strip()), title=f"This looks like a classic mistake: {_e(d.title)}",
                border_style="yellow",
            ))
        else:
            _console().print(f"[yellow]Also consistent with:[/] {_e(d.title)}")
    if ended:
        for t in rep.tests:
            if t.detail:
                _console().print(Panel(
                    _e(f"inputs:\n{t.detail['inputs']}\n\nexpected:\n{t.detail['expected']}\n\nyours:\n{t.detail['actual']}"),
                    title=f"failed: {_e(t.name)}", border_style="red",
                ))
    outputs = [t for t in rep.tests if t.output.strip()]
    if outputs:
        first = _e(repr(outputs[0].output[:300]))
        _console().print(f"[dim]Your code printed output in {len(outputs)} test(s); first: {first}[/]")
    clock_line(tick)


def clock_line(tick: Clock | None) -> None:
    if tick is None:
        return
    if tick.over:
        _console().print(f"[red]Over time by {minutes(tick.remaining_s)}[/] (elapsed {minutes(tick.elapsed_s)}).")
    else:
        style = "yellow" if tick.remaining_s < 600 else "green"
        _console().print(f"Clock: {minutes(tick.elapsed_s)} elapsed, [{style}]{minutes(tick.remaining_s)} left[/].")


def hint(shown: HintShown, problem: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    number, total = shown.number, shown.total
    _console().print(Panel(Markdown(shown.text), title=f"{problem}: hint {number} of {total}", border_style="cyan"))
    if shown.after_pass:
        _console().print("Your attempt has already passed: this hint does not change its rating or your schedule.")
    if number == total:
        _console().print("That was the last hint. `mlprep reveal` shows the full solution (it ends the attempt).")


def status(session: Session, tick: Clock, checks: int, hints: int) -> None:
    from rich.table import Table

    table = Table(show_header=False, title="mlprep status", title_justify="left")
    table.add_column("", style="bold")
    table.add_column("")
    table.add_row("problem", session.problem)
    table.add_row("file", session.file)
    table.add_row("elapsed", minutes(tick.elapsed_s))
    table.add_row("remaining", "over time" if tick.over else minutes(tick.remaining_s))
    table.add_row("checks", str(checks))
    table.add_row("hints", str(hints))
    state = "open" if not session.ended else f"ended ({session.end_reason}: {session.result})"
    if session.first_pass_s is not None:
        state += f", passed at {minutes(session.first_pass_s)}"
    table.add_row("attempt", state)
    _console().print(table)


def reveal(problem: Problem, solution: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.syntax import Syntax

    _console().print(Panel.fit(f"[bold]{problem.title}[/]: the reveal", border_style="cyan"))
    _console().print(Markdown("## How a strong candidate thinks aloud\n\n" + problem.think_aloud))
    _console().print(Markdown("## Reference solution"))
    _console().print(Syntax(solution, "python", line_numbers=True, theme="ansi_dark"))
    _console().print(Markdown("## Senior insights"))
    for insight in problem.insights:
        _console().print(Panel(Markdown(insight.body), title=insight.title, border_style="magenta"))
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
        table.add_row(f.problem, "[green]ok[/]" if f.ok else "[red]FAILED[/]", "\n".join(f.problems) or f.summary)
    _console().print(table)


def suggestions(items: list[Any], due: dict[str, float]) -> None:
    console = _console()
    if not items:
        upcoming = sorted(due.items(), key=lambda kv: kv[1])
        nxt = f" The next review: {upcoming[0][0]}, {when(upcoming[0][1])}." if upcoming else ""
        console.print(f"Nothing is due today and every problem has been tried.{nxt}")
        return
    console.print("[bold]Practise today[/]")
    for i, s in enumerate(items, start=1):
        console.print(f"  {i}. [bold]{s.entry.id}[/] ({_e(s.entry.title)}, {s.entry.difficulty}): {_e(s.reason)}")
    console.print(f"Start with [bold]mlprep start {items[0].entry.id}[/].")


def stats(summary: Any) -> None:
    from rich.table import Table

    console = _console()
    pct = "-" if summary.pass_rate is None else f"{summary.pass_rate:.0%}"
    hints = "-" if summary.hints_per_attempt is None else f"{summary.hints_per_attempt:.1f}"
    console.print(
        f"[bold]{summary.attempts}[/] attempts, [bold]{summary.passes}[/] passed ({pct}); "
        f"median time to pass {minutes(summary.median_time_to_pass_s)}; {hints} hints per attempt; "
        f"streak {summary.streak_days} day(s), {summary.practice_days} practice day(s) in all."
    )
    if summary.top_mistakes:
        console.print("Mistakes you make most: " + ", ".join(f"{m} ({n})" for m, n in summary.top_mistakes))
    if summary.problems:
        table = Table(title="per problem", title_justify="left")
        for col in ("problem", "attempts", "passed", "best", "last result", "due"):
            table.add_column(col)
        for r in summary.problems:
            table.add_row(r.problem, str(r.attempts), str(r.passes), minutes(r.best_s), r.last_result or "open",
                          when(r.due_at))
        console.print(table)
    if summary.recent_passes:
        console.print("[bold]Time to pass, latest attempts[/]")
        longest = max(s for _, s in summary.recent_passes)
        width = max(len(p) for p, _ in summary.recent_passes)
        for problem, secs in summary.recent_passes:
            bar = "█" * max(1, round(30 * secs / longest))
            console.print(f"  {problem.ljust(width)}  [cyan]{bar}[/] {minutes(secs)}")


def reset_done(what: str, cleared: Cleared) -> None:
    import shlex

    restore = f"cp {shlex.quote(str(cleared.backup))} {shlex.quote(str(cleared.database))}"
    _console().print(f"Cleared {_e(what)} ({cleared.removed} attempt(s)). The database was backed up first; "
                     "to undo, with no mlprep command running:", soft_wrap=True)
    print(f"  {restore}")


def left_open(session: Session, tick: Clock) -> None:
    """Starting another problem leaves the open attempt as it is: say so."""
    left = "its time is up" if tick.over else f"{minutes(tick.remaining_s)} left on its clock, which keeps running"
    _console().print(f"[yellow]Your attempt at {_e(session.problem)} stays open ({left}); "
                     f"`mlprep check {_e(session.file)}` still grades it. `mlprep check`, `hint` and `status` "
                     "now mean this new attempt.[/]")


def ask(question: str) -> None:
    _console().print(f"[bold cyan]{question}[/]")


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
    _console().print(Panel(Markdown(part.prompt), title=f"Part {number - 1} passed. The follow-up, part {number}: {part.title}",
                           border_style="green"))


def mock_ready() -> None:
    _console().print("[bold green]Every part passes.[/] Run [bold]mlprep mock --end[/] for your scorecard.")


def mock_status(session: Session, tick: Clock, parts_shown: int) -> None:
    _console().print(f"A mock interview on [bold]{session.problem}[/] is in progress (file: {session.file}); "
                     f"{parts_shown} part(s) shown.")
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
    _console().print(Panel(Markdown(text), title=f"Verdict: {card.verdict}", border_style=style))
    _console().print(f"Scorecard saved to {saved}." if saved else "The scorecard could not be saved next to your file.")


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
        table.add_column("", ratio=2, overflow="ellipsis", no_wrap=True)
        table.add_column("", ratio=3, overflow="ellipsis", no_wrap=True)
        for t in rows:
            style = _STATUS_STYLE.get(t.status, "")
            table.add_row(f"[{style}]{'ok' if t.passed else 'x'}[/]", f"{t.part} {_e(t.name)}", _e(t.message))
        if len(rep.tests) > room:
            table.add_row("", f"[dim]... {len(rep.tests) - room} more passing[/]", "")
        parts.append(table)
        if rep.diagnosis:
            d = rep.diagnosis[0]
            parts.append(Text.from_markup(f"[yellow]Looks like: {_e(d.title)}[/]"))
    if w.hint is not None:
        parts.append(Panel(Markdown(w.hint.text), title=f"hint {w.hint.number} of {w.hint.total}", border_style="cyan"))
    parts.append(Text.from_markup("[dim]h[/] next hint   [dim]r[/] re-check   [dim]q[/] quit (the session stays open)"))
    return Group(*parts)


class _Progress:
    """One transient line on stderr while a check runs: tests done out of total, the current test, elapsed.

    Rich redraws it four times a second from its own thread, so the clock moves even while a test hangs.
    Nothing shows during the first half second: a quick check does not flicker.
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

        elapsed = self.clock() - self.started
        if elapsed < self.QUIET_SECONDS:
            return Text("")
        line = Text(f"checking {self.file}: {self.done}/{self.total} tests", style="dim")
        if self.current is not None:
            line.append(" · running ", style="dim").append(self.current)
        return line.append(f" · {elapsed:.0f} s", style="dim")


@contextmanager
def progress(file: str, enabled: bool = True) -> Iterator[Callable[[int, int, str | None], None] | None]:
    """A progress callback for ``runner.check`` shown live on a terminal, or None when nobody would see it."""
    console = _console(True) if enabled else None
    if console is None or not console.is_terminal:
        yield None
        return
    from rich.live import Live

    line = _Progress(file)
    with Live(line, console=console, transient=True, refresh_per_second=4):
        yield line


def live() -> Any:
    from rich.live import Live

    return Live(console=_console(), auto_refresh=False, transient=False)


def json_out(data: Any) -> None:
    import json
    import sys

    sys.stdout.write(json.dumps(data, indent=2) + "\n")
