"""Everything a person sees, drawn with Rich. The only module that knows about Rich.

Rich honours NO_COLOR by itself. Heavy pieces (Markdown, Syntax) are imported in the functions that
draw them, so ``mlprep list`` stays quick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from mlprep.catalog import Entry
    from mlprep.engine.report import Report
    from mlprep.practice import Clock
    from mlprep.problem import Problem
    from mlprep.store import ProblemHistory, Session
    from mlprep.validate import Finding

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)

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
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)


def problems(entries: list[Entry], history: dict[str, ProblemHistory]) -> None:
    table = Table(title="mlprep problems", title_justify="left")
    for col in ("#", "id", "title", "difficulty", "status", "best time"):
        table.add_column(col, justify="right" if col == "#" else "left")
    for e in entries:
        h = history.get(e.id)
        status = "new"
        if h:
            status = "[green]passed[/]" if h.passed else ("[yellow]in progress[/]" if h.open else "attempted")
        table.add_row(str(e.number), e.id, e.title, e.difficulty, status, minutes(h.best_s if h else None))
    console.print(table)
    console.print("Start one with [bold]mlprep start ID[/] (an id, a number or a unique prefix).")


def started(problem: Problem, path: str, backup: str | None, mins: float, examples: list[tuple[str, str]]) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    console.print(Panel.fit(
        f"[bold]{problem.title}[/]  ({problem.difficulty})\n"
        f"Your file: [bold]{path}[/]   Clock: [bold]{mins:g} minutes[/], started now",
        title=f"mlprep: {problem.id}",
    ))
    if backup:
        console.print(f"[yellow]Your previous file was kept as {backup}[/]")
    for number, part in enumerate(problem.parts, start=1):
        heading = f"## Part {number}: {part.title}" + ("" if number == 1 else " (the follow-up)")
        console.print(Markdown(heading + "\n\n" + part.prompt))
    if examples:
        console.print(Markdown("## Examples"))
        for call, result in examples:
            console.print(f"[cyan]>>> {call}[/]", markup=True)
            console.print(result, markup=False)
    console.print(Markdown(
        "**Think aloud first.** Before you type, say what the inputs and outputs are (shapes!), "
        "the approach, where it can go wrong numerically, and how you would test it."
    ))
    console.print(
        f"Next: edit [bold]{path}[/], then [bold]mlprep check[/] (or [bold]mlprep check --examples[/] "
        "for the visible examples). [bold]mlprep hint[/] if you are stuck."
    )


def report(rep: Report, tick: Clock | None, ended: bool) -> None:
    from rich.panel import Panel

    if rep.load_error:
        console.print(Panel(rep.load_error, title=f"{rep.file} could not be loaded", border_style="red"))
    table = Table(title=f"{rep.problem}: {rep.file}", title_justify="left")
    for col in ("part", "category", "test", "status", "message"):
        table.add_column(col, overflow="fold")
    for t in rep.tests:
        message = t.message if not (rep.load_error and t.message == rep.load_error) else "(see above)"
        style = _STATUS_STYLE.get(t.status, "")
        table.add_row(str(t.part), t.category, t.name, f"[{style}]{t.status}[/]", message)
    console.print(table)
    ok, bad = rep.counts
    console.print(f"[bold]{ok} passed, {bad} failed[/]", markup=True)
    if len(rep.parts) > 1 and rep.part_passed(1) and not rep.passed:
        console.print(f"[green]Part 1 passed[/] - part 2 is the follow-up: {rep.parts[1]}.")
    elif rep.passed:
        console.print("[bold green]All correctness tests passed.[/]")
    for e in rep.efficiency:
        style = {"ok": "green", "slow": "yellow", "skipped": "dim"}[e.status]
        console.print(f"[{style}]efficiency {e.status}[/]: {e.name}: {e.message}")
    for i, d in enumerate(rep.diagnosis):
        if i == 0:
            console.print(Panel(
                d.explanation.strip(), title=f"This looks like a classic mistake: {d.title}", border_style="yellow",
            ))
        else:
            console.print(f"[yellow]Also consistent with:[/] {d.title}")
    if ended:
        for t in rep.tests:
            if t.detail:
                console.print(Panel(
                    f"inputs:\n{t.detail['inputs']}\n\nexpected:\n{t.detail['expected']}\n\nyours:\n{t.detail['actual']}",
                    title=f"failed: {t.name}", border_style="red",
                ))
    outputs = [t for t in rep.tests if t.output.strip()]
    if outputs:
        console.print(f"[dim]Your code printed output in {len(outputs)} test(s); first: {outputs[0].output[:300]!r}[/]")
    clock_line(tick)


def clock_line(tick: Clock | None) -> None:
    if tick is None:
        return
    if tick.over:
        console.print(f"[red]Over time by {minutes(tick.remaining_s)}[/] (elapsed {minutes(tick.elapsed_s)}).")
    else:
        style = "yellow" if tick.remaining_s < 600 else "green"
        console.print(f"Clock: {minutes(tick.elapsed_s)} elapsed, [{style}]{minutes(tick.remaining_s)} left[/].")


def hint(number: int, total: int, text: str, problem: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel

    console.print(Panel(Markdown(text), title=f"{problem}: hint {number} of {total}", border_style="cyan"))
    if number == total:
        console.print("That was the last hint. `mlprep reveal` shows the full solution (it ends the attempt).")


def status(session: Session, tick: Clock, checks: int, hints: int) -> None:
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
    console.print(table)


def reveal(problem: Problem, solution: str) -> None:
    from rich.markdown import Markdown
    from rich.panel import Panel
    from rich.syntax import Syntax

    console.print(Panel.fit(f"[bold]{problem.title}[/]: the reveal", border_style="cyan"))
    console.print(Markdown("## How a strong candidate thinks aloud\n\n" + problem.think_aloud))
    console.print(Markdown("## Reference solution"))
    console.print(Syntax(solution, "python", line_numbers=True, theme="ansi_dark"))
    console.print(Markdown("## Senior insights"))
    for insight in problem.insights:
        console.print(Panel(Markdown(insight.body), title=insight.title, border_style="magenta"))
    if problem.followups:
        console.print(Markdown("## Follow-up questions"))
        for i, f in enumerate(problem.followups, start=1):
            console.print(Markdown(f"**{i}. {f.question}**\n\n{f.answer}"))
    if problem.mistakes:
        console.print(Markdown("## Common mistakes\n\n" + "\n".join(
            f"- **{m.title}**: {' '.join(m.explanation.split())}" for m in problem.mistakes
        )))
    if problem.rubric:
        console.print(Markdown("## What the interviewer listens for\n\n" + "\n".join(f"- {r.point}" for r in problem.rubric)))


def validation(findings: list[Finding]) -> None:
    table = Table(title="mlprep validate", title_justify="left")
    table.add_column("problem")
    table.add_column("result")
    table.add_column("details", overflow="fold")
    for f in findings:
        table.add_row(f.problem, "[green]ok[/]" if f.ok else "[red]FAILED[/]", "\n".join(f.problems) or f.summary)
    console.print(table)


def json_out(data: Any) -> None:
    import json
    import sys

    sys.stdout.write(json.dumps(data, indent=2) + "\n")
