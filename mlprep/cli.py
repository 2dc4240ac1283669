"""The command line: parse, call the engine, render, record. Nothing here decides a verdict.

Heavy imports (numpy, the engine, pydantic) happen inside the verbs that need them, so ``--help``
and ``list`` stay quick.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer
from typer.core import TyperGroup

from mlprep import __version__
from mlprep.errors import MlprepError

if TYPE_CHECKING:
    from mlprep.catalog import Entry
    from mlprep.store import Mock, Session, Store


class _Group(TyperGroup):
    """Renders a user's error (MlprepError) as one line and its exit code, never a traceback."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MlprepError as exc:
            from mlprep import render

            render.error(str(exc))
            raise typer.Exit(exc.code) from None

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command's whole first sentence, wrapped: click would cut it with ``...`` to fit one line."""
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


app = typer.Typer(
    cls=_Group,
    help="mlprep: practise machine-learning coding interviews offline, against hidden tests and a clock.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    add_completion=True,
)


def _version(value: bool) -> None:
    if value:
        print(f"mlprep {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    problems: Optional[list[str]] = typer.Option(
        None, "--problems", metavar="DIR", help="A problem pack searched before the built-in problems (repeatable)."
    ),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """mlprep: practise machine-learning coding interviews offline."""
    ctx.obj = {"problems": problems or []}


def _settled() -> Store:
    """The store with every attempt whose clock ran out ended, so every command shows the same state."""
    from mlprep.store import open_store

    store = open_store()
    if any(s.time_up() for s in store.open_sessions()):  # practice is imported only then: ``list`` stays quick
        from mlprep import practice

        practice.finish_expired(store)
    return store


def _entries(ctx: typer.Context) -> list[Entry]:
    from mlprep import catalog
    from mlprep.store import open_store

    return catalog.index(catalog.pack_dirs(ctx.obj["problems"], open_store().remembered_packs()))


@app.command("list")
def list_(ctx: typer.Context) -> None:
    """The problems, with your status and best time."""
    from mlprep import render

    entries = _entries(ctx)
    store = _settled()
    render.problems(entries, store.history(), store.due_dates())


@app.command()
def start(
    ctx: typer.Context,
    problem: str = typer.Argument(..., help="An id, a number (1-12), a unique prefix, or the id with - for _."),
    minutes: Optional[float] = typer.Option(None, "--minutes", min=1, help="Clock length (default: the problem's, usually 45)."),
    directory: Path = typer.Option(Path("."), "--dir", help="Where to write the stub."),
    force: bool = typer.Option(False, "--force", help="Start over even if the file exists (the old one is kept as a backup)."),
) -> None:
    """Write the stub, start the clock and show the prompt."""
    from mlprep import catalog, practice, render
    from mlprep.engine.examples import stub
    from mlprep.engine.runner import examples
    from mlprep.store import open_store

    entry = catalog.resolve(problem, _entries(ctx))
    prob = catalog.load(entry)
    mins = minutes or prob.minutes
    began = practice.start(open_store(), prob.id, stub(prob), directory, mins, force, catalog.pack_of(entry))
    render.started(prob, _shown(began.path), _shown(began.backup) if began.backup else None, mins, examples(prob))
    if began.left_open:
        render.left_open(began.left_open, practice.clock(began.left_open))


def _shown(path: Path) -> str:
    import os

    rel = os.path.relpath(path)
    return rel if not rel.startswith("..") else str(path)


@app.command()
def check(
    ctx: typer.Context,
    file: Optional[str] = typer.Argument(None, help="The file to grade (default: the active session's)."),
    problem: Optional[str] = typer.Option(None, "--problem", help="Grade against this problem."),
    examples_only: bool = typer.Option(False, "--examples", help="Run only the visible examples."),
    no_efficiency: bool = typer.Option(False, "--no-efficiency", help="Skip the timed efficiency tests."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of tables."),
) -> None:
    """Grade a solution against the hidden tests (exit 0: all passed, 1: failed, 2: usage error). A check
    stops after 60 s in all; after a test times out, the other tests of its function are skipped."""
    from mlprep import practice
    from mlprep.store import open_store

    _interrupt_on_hangup()
    store = open_store()
    target = practice.target(store, file, problem, _entries(ctx))
    from mlprep import catalog
    from mlprep.engine.process import Worker

    prob = catalog.load(target.entry)  # before the worker starts: nothing it does can change the problem
    worker = Worker(target.file)  # starts importing the file while we import the engine
    if not as_json:
        _preload("mlprep.render", "rich.console", "rich.table", "rich.panel")
    try:
        from mlprep import render
        from mlprep.engine.runner import check as run_check

        session = target.session
        ended = bool(session and (session.ended or practice.clock(session).over))
        with render.progress(target.display, enabled=not as_json) as progress:
            report = run_check(prob, target.file, display=target.display, worker=worker, progress=progress,
                               examples_only=examples_only, efficiency=not no_efficiency, ended=ended)
    finally:
        worker.close()
    import time

    from mlprep import mock as mocks
    from mlprep.store import StoreError

    now = time.time()
    tick = practice.clock(session, now) if session else None
    # The verdict first: a history that cannot be written costs a warning, never the verdict.
    if as_json:
        render.json_out(report.as_json(tick.elapsed_s if tick else None, tick.remaining_s if tick else None))
    else:
        render.report(report, tick, ended)
    try:
        practice.record_check(
            store, target, report.passed, report.counts, report.named, examples_only, now
        )
        practice.finish_if_time_up(
            store, store.session(session.id) if session else None, passed_now=report.passed and not examples_only
        )
        step = mocks.after_check(store, session, prob, report) if session and not examples_only else None
    except StoreError as exc:
        render.warning(f"this check was not recorded: {exc}")
        step = None
    if step is not None and not as_json:
        if step.kind == "part":
            render.mock_part(prob, step.part)
        else:
            render.mock_ready()
    raise typer.Exit(0 if report.passed else 1)


def _interrupt_on_hangup() -> None:
    """SIGTERM (an editor cancelling) and SIGHUP (a closed terminal) end a check the way Ctrl-C does:
    through every ``finally``, so the worker and all it started are killed and its scratch folder removed."""
    import signal

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, interrupt)


def _preload(*modules: str) -> None:
    """Import modules on a background thread: it runs while the main thread waits on the worker."""
    import importlib
    import threading

    threading.Thread(target=lambda: [importlib.import_module(m) for m in modules], daemon=True).start()


def _session_problem(store: Store, ctx: typer.Context, problem: Optional[str]) -> tuple[Entry, Session | None]:
    """(entry, session) for a verb that defaults to the active session's problem."""
    from mlprep import catalog, practice

    current = store.current_session()
    if problem is None:
        if current is None:
            raise MlprepError("no active session: run `mlprep start PROBLEM` first, or name a problem")
        problem = current.problem
    entry = catalog.resolve(problem, _entries(ctx))
    session = store.latest_session(entry.id)
    return entry, practice.finish_if_time_up(store, session)


@app.command()
def hint(
    ctx: typer.Context,
    problem: Optional[str] = typer.Argument(None, help="Default: the active session's problem."),
    all_: bool = typer.Option(False, "--all", help="Show every hint taken so far (takes no new one)."),
) -> None:
    """Show the next hint (recorded); --all shows the ones taken so far again."""
    from mlprep import catalog, practice, render
    from mlprep.store import open_store

    store = open_store()
    entry, session = _session_problem(store, ctx, problem)
    prob = catalog.load(entry)
    if all_:
        render.hints_taken(prob.id, practice.taken_hints(store, prob, session), len(prob.hints))
        return
    render.hint(practice.next_hint(store, prob, session), prob.id)


@app.command()
def prompt(
    ctx: typer.Context,
    problem: Optional[str] = typer.Argument(None, help="Default: the active session's problem."),
) -> None:
    """Show the prompt and its examples again (in a mock, the parts shown so far)."""
    from mlprep import catalog, practice, render
    from mlprep import mock as mocks
    from mlprep.engine.runner import examples
    from mlprep.store import open_store

    store = open_store()
    entry, session = _session_problem(store, ctx, problem)
    prob = catalog.load(entry)
    current = session if session and not session.ended else None
    render.prompt(prob, examples(prob), mocks.parts_shown(store, current) if current else None)
    render.prompt_again(_shown(Path(current.file)) if current else None, practice.clock(current) if current else None)


@app.command()
def status() -> None:
    """Time used and left, and checks so far, for the active session."""
    from mlprep import practice, render

    store = _settled()
    session = store.current_session()
    if session is None:
        raise MlprepError("no active session: run `mlprep start PROBLEM`")
    render.status(session, practice.clock(session), store.checks_in(session.id), store.hints_taken(session.id, session.problem))


@app.command()
def reveal(
    ctx: typer.Context,
    problem: Optional[str] = typer.Argument(None, help="Default: the active session's problem."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Show the think-aloud script, reference solution, insights and follow-ups (ends the attempt)."""
    from mlprep import catalog, practice, render
    from mlprep.store import open_store

    store = open_store()
    entry, session = _session_problem(store, ctx, problem)
    if not yes and practice.reveal_needs_confirmation(session):
        if not sys.stdin.isatty() and sys.stdin.closed:
            raise MlprepError("revealing now ends your attempt; add --yes to confirm")
        try:
            confirmed = typer.confirm("Your attempt has not passed and time is left. Reveal and end the attempt?")
        except typer.Abort:
            confirmed = False
        if not confirmed:
            render.info("Not revealed: your attempt goes on. (`mlprep reveal --yes` skips this question.)")
            return
    prob = catalog.load(entry)
    practice.reveal(store, prob.id, session)
    render.reveal(prob, prob.reference_source())


@app.command()
def validate(
    ctx: typer.Context,
    directory: Optional[Path] = typer.Argument(None, metavar="[DIR]", help="A problem pack (default: every pack in use)."),
    only: Optional[list[str]] = typer.Option(None, "--problem", help="Validate only this problem (repeatable)."),
) -> None:
    """For problem authors: prove every problem sound (reference passes, stub fails, mistakes diagnosed)."""
    from mlprep import catalog, render
    from mlprep.validate import validate as run_validate

    packs = catalog.pack_dirs([str(directory)])[:1] if directory else catalog.pack_dirs(ctx.obj["problems"])
    findings = run_validate(packs, only)
    render.validation(findings)
    raise typer.Exit(0 if all(f.ok for f in findings) else 1)


@app.command()
def new(
    problem_id: str = typer.Argument(..., metavar="ID", help="The new problem's id (lowercase letters, digits and _)."),
    pack: Path = typer.Option(Path("."), "--pack", metavar="DIR", help="The pack to add it to (made if needed)."),
) -> None:
    """For problem authors: scaffold a problem (YAML + reference) that validates at once; then fill it in."""
    from mlprep import render
    from mlprep.scaffold import create

    render.created(create(problem_id, pack), pack, problem_id)


@app.command("next")
def next_(ctx: typer.Context) -> None:
    """What to practise today: what is due in your schedule, then one new problem."""
    import time

    from mlprep import render, schedule

    store = _settled()
    current = store.current_session()
    suggestions = schedule.plan(store, _entries(ctx), time.time(), current.problem if current else None)
    render.suggestions(suggestions, store.due_dates())


@app.command()
def stats(ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help="Print one JSON object.")) -> None:
    """Your history at a glance: attempts, pass rate, time to pass, hints, mistakes, streak."""
    from dataclasses import asdict

    from mlprep import render
    from mlprep.stats import compute

    store = _settled()
    entries = _entries(ctx)
    summary = compute(store, entries)
    if as_json:
        render.json_out(asdict(summary))
    else:
        render.stats(summary, _mistake_titles(entries) if summary.top_mistakes else {})


def _mistake_titles(entries: list[Any]) -> dict[str, str]:
    """Every problem's mistakes by id: stats names them by title."""
    from mlprep import catalog

    return {m.id: m.title for e in entries for m in catalog.load(e).mistakes}


@app.command()
def reset(
    ctx: typer.Context,
    problem: Optional[str] = typer.Argument(None, help="The problem whose progress to clear."),
    all_: bool = typer.Option(False, "--all", help="Clear the progress of every problem."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Clear progress for one problem or all (the database is backed up first)."""
    from mlprep import catalog, practice, render
    from mlprep.store import open_store

    if bool(problem) == all_:
        raise MlprepError("name one problem, or use --all")
    pid = catalog.resolve(problem, _entries(ctx)).id if problem else None
    what = f"all progress on {pid}" if pid else "ALL your progress"
    if not yes and not typer.confirm(f"Clear {what}? (a backup is kept)"):
        render.info("Nothing was cleared.")
        return
    render.reset_done(what, practice.reset(open_store(), pid))


@app.command()
def mock(
    ctx: typer.Context,
    minutes: Optional[float] = typer.Option(None, "--minutes", min=1, help="Clock length (default: the problem's)."),
    problem: Optional[str] = typer.Option(None, "--problem", help="Pose this problem instead of choosing one."),
    no_input: bool = typer.Option(False, "--no-input", help="Ask nothing (no plan, rubric unanswered): for scripts."),
    end: bool = typer.Option(False, "--end", help="Finish the mock: final tests, self-assessment, scorecard."),
    directory: Path = typer.Option(Path("."), "--dir", help="Where to write the stub."),
    force: bool = typer.Option(False, "--force", help="Start over if the file exists (the old one is kept as a backup)."),
) -> None:
    """A timed mock interview: a problem chosen for you, follow-ups, and an interviewer's scorecard."""
    from mlprep import catalog, practice, render
    from mlprep import mock as mocks
    from mlprep.store import open_store

    store = open_store()
    running = store.open_mock()
    if end:
        if running is None:
            raise MlprepError("no mock interview in progress: start one with `mlprep mock`")
        _end_mock(ctx, store, running, no_input)
        return
    if running is not None:
        session = practice.finish_if_time_up(store, store.session(running.session_id))
        if session is None:
            raise RuntimeError(f"mock {running.id} has no session")
        render.mock_status(session, practice.clock(session), running.parts_shown)
        return
    entries = _entries(ctx)
    entry = catalog.resolve(problem, entries) if problem else mocks.choose(store, entries)
    prob = catalog.load(entry)
    from mlprep.engine.examples import stub
    from mlprep.engine.runner import examples

    mins = minutes or prob.minutes
    began = practice.start(store, prob.id, stub(prob), directory, mins, force, catalog.pack_of(entry))
    part_one = [ex for ex in examples(prob) if ex.part == 1]
    render.started(prob, _shown(began.path), _shown(began.backup) if began.backup else None, mins, part_one, parts=1)
    plan = "" if no_input else _ask_lines(
        "Clarify and think aloud: type your plan (shapes, approach, numerical traps, tests). "
        "An empty line ends it; Enter alone skips."
    )
    store.start_mock(began.session.id, plan)
    render.mock_started(prob.id)


def _ask_lines(question: str) -> str:
    from mlprep import render

    render.ask(question)
    lines = []
    while True:
        try:
            line = input("> ")
        except EOFError:
            break
        if not line.strip():
            break
        lines.append(line)
    return "\n".join(lines)


def _end_mock(ctx: typer.Context, store: Store, row: Mock, no_input: bool) -> None:
    """The final check, then (if it fails with time left) a question, the self-assessment, the scorecard.

    Nothing ends until every answer is in: Ctrl-C leaves the mock running and ``mock --end`` works later.
    """
    import time

    from mlprep import catalog, practice, render
    from mlprep import mock as mocks
    from mlprep.engine.runner import check as run_check

    session = store.session(row.session_id)
    if session is None:
        raise RuntimeError(f"mock {row.id} has no session")
    target = practice.Target(Path(session.file), _shown(Path(session.file)),
                             catalog.resolve(session.problem, _entries(ctx)), session)
    if not target.file.is_file():
        raise MlprepError(f"{session.file} is gone: the mock cannot be scored without your solution file")
    prob = catalog.load(target.entry)
    report = run_check(prob, target.file, display=target.display)
    checked_at = time.time()
    tick = practice.record_check(store, target, report.passed, report.counts,
                                 report.named, False, now=checked_at)
    render.report(report, tick, ended=False)
    answers: list[bool | None] = [None] * len(prob.rubric)
    followups: list[str] = []
    try:
        if not no_input and not report.passed and tick is not None and not tick.over and not session.ended:
            if not typer.confirm(f"{render.minutes(tick.remaining_s)} left and the tests do not pass yet. "
                                 "End the interview and score it now?", default=False):
                render.info("The interview goes on. Run `mlprep mock --end` when you are done.")
                return
        if not no_input:
            render.ask("Self-assessment: for each point, did you do it (out loud or in the plan)?")
            answers = [typer.confirm(f"  {point.point}", default=False) for point in prob.rubric]
            for f in prob.followups:
                followups.append(_ask_lines(f"Follow-up: {f.question}"))
                render.model_answer(f.answer)
    except (typer.Abort, KeyboardInterrupt):
        render.info("\nThe interview was not ended and nothing was scored; `mlprep mock --end` finishes it later.")
        raise typer.Exit(130) from None
    ended = mocks.finish(store, row, prob, report, checked_at=checked_at, rubric_answers=answers,
                         followup_answers=followups)
    render.scorecard(ended.card, ended.text, _shown(ended.saved) if ended.saved else None)


@app.command()
def watch(
    ctx: typer.Context,
    file: Optional[str] = typer.Argument(None, help="The file to watch (default: the active session's)."),
    problem: Optional[str] = typer.Option(None, "--problem", help="Grade against this problem."),
    poll: bool = typer.Option(False, "--poll", help="Poll for changes (for filesystems without change events)."),
) -> None:
    """Re-check on every save, with a live countdown. Keys: h hint, r re-check, q quit."""
    from mlprep import catalog, practice, render
    from mlprep import watch as watching
    from mlprep.keys import Keys
    from mlprep.store import open_store

    _interrupt_on_hangup()
    store = open_store()
    target = practice.target(store, file, problem, _entries(ctx))
    watcher = watching.Watcher(store, target, catalog.load(target.entry))
    with Keys() as keys, render.live() as screen:
        def draw(w: watching.Watcher) -> None:
            screen.update(render.watch_screen(w, screen.console.height), refresh=True)

        code = watching.run(watcher, keys, draw, poll)
    raise typer.Exit(code)


def main() -> None:
    """The ``mlprep`` console script.

    Once a command has finished and said everything, the process leaves with ``os._exit``: tearing
    down the interpreter (numpy, Rich, pandas) would keep the prompt waiting another 50 ms for nothing.
    A crash in mlprep itself is not a SystemExit and still ends the ordinary way, traceback and all.
    """
    try:
        app()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            _leave(exc.code or 0)
        raise


def _leave(code: int) -> None:
    import os
    import sys

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (mlprep list | head): nothing more can be said
        pass
    if "mlprep.store" in sys.modules:  # only a verb that opened a store has one to close (not --help)
        sys.modules["mlprep.store"].close_all()
    if "mlprep.engine.process" in sys.modules:  # a worker still running (an interrupted check) goes too
        sys.modules["mlprep.engine.process"].close_all()
    os._exit(code)
