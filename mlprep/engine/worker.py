"""The child process: imports the user's file, runs each test's steps, sends back outcomes only.

Started by the runner as ``python -m mlprep.engine.worker CMD_FD RESULT_FD FILE PARENT SCRATCH MEMORY_MB``
in a new session. It imports its own modules, then waits for a ``load`` frame naming the file (FILE is
only for people reading ``ps``; ``-`` for a standby worker, started ahead so a watcher's next check
starts warm). Before anything of the user's runs it
limits itself (memory, CPU, file size), asks to die with its parent, adopts its descendants' orphans,
confines its writes to SCRATCH (Landlock, where the kernel has it), moves its two pipe ends to
descriptor numbers nobody is told, and binds the functions its replies depend on. It never decides a
verdict: it reports what the code returned or raised, and the parent compares. Every reply carries
the id of the request it answers, and only the worker itself answers: a copy made by ``os.fork`` in
the user's code leaves at once instead. Its own stdout and stderr go to a log file the parent reads
after a crash; ``print`` output inside a test is captured per test and cut to a few KiB.
"""

from __future__ import annotations

import faulthandler
import gc
import importlib.util
import os
import random
import resource
import signal
import sys
import time
import traceback
from typing import Any

CPU_SECONDS = 600
FILE_BYTES = 64 * 1024 * 1024
_getpid, _exit = os.getpid, os._exit
_PID = _getpid()

OUTPUT_LIMIT = 4096


class _Capped:
    """A text stream that keeps the first ``OUTPUT_LIMIT`` characters and counts the rest."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def write(self, text: str) -> int:
        room = OUTPUT_LIMIT - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        out = "".join(self.parts)
        if self.dropped:
            out += f"\n... ({self.dropped:,} more characters of output cut)"
        return out


class _TooSlow(BaseException):
    pass


def _load(path: str) -> dict[str, Any]:
    # A private module name: a file called numpy.py or json.py must not replace the real module.
    name = "_mlprep_solution"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return vars(module)


def _with_capture(fn: Any) -> tuple[Any, str, float]:
    out = _Capped()
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = out
    start = time.perf_counter()
    try:
        result = fn()
    finally:
        seconds = time.perf_counter() - start
        sys.stdout, sys.stderr = saved
    return result, out.text(), seconds


def _time_run(run: Any, inputs: dict[str, Any], cap: float | None) -> tuple[float, Any]:
    """Wall time and outcome of one run on fresh inputs; a run that passes ``cap`` is stopped by an alarm.

    The alarm's exception usually surfaces inside the user's code, where the scenario records it as
    raised.
    """
    from mlprep.engine.scenario import fresh

    args = fresh(inputs)
    if cap is not None:
        signal.setitimer(signal.ITIMER_REAL, cap)
    start = time.perf_counter()
    try:
        outcome = run(args)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return time.perf_counter() - start, outcome


def _efficiency(msg: dict[str, Any], user: dict[str, Any], filename: str) -> dict[str, Any]:
    from mlprep.checks import generators
    from mlprep.engine import scenario

    inputs = generators.build(msg["inputs"], msg.get("given") or {})
    reference = _load_reference(msg["reference"])

    def on(module: dict[str, Any], fname: str | None) -> Any:
        return lambda args: scenario.run(msg["steps"], msg["observe"], module, args, fname)

    ref_time, ref_outcome = _time_run(on(reference, None), inputs, None)
    if ref_outcome.raised or ref_outcome.missing:
        failed = ref_outcome.raised
        said = f"{failed.type}: {failed.message}" if failed else f"{ref_outcome.missing.name} is missing"
        return {"type": "efficiency", "error": f"reference failed: {said}"}
    cap = max(ref_time * msg["max_ratio"] * 3, 0.05)

    def _alarm(signum: int, frame: Any) -> None:
        raise _TooSlow

    signal.signal(signal.SIGALRM, _alarm)
    # Best of three each, the user's runs and the reference's taken in turn: a busy moment on the
    # machine then slows both sides of the ratio instead of one.
    user_time = float("inf")
    for _ in range(3):
        try:
            seconds, outcome = _time_run(on(user, filename), inputs, cap)
        except _TooSlow:
            outcome = None
        if outcome is None or (outcome.raised and outcome.raised.type == "_TooSlow"):
            return {"type": "efficiency", "slow_cap": cap / ref_time, "ref_seconds": ref_time}
        user_time = min(user_time, seconds)
        if outcome.raised or outcome.missing:
            break
        ref_time = min(ref_time, _time_run(on(reference, None), inputs, None)[0])
    failed = outcome.raised or outcome.missing
    return {"type": "efficiency", "ratio": user_time / ref_time, "ref_seconds": ref_time, "failed": failed}


_references: dict[str, dict[str, Any]] = {}


def _load_reference(path: str) -> dict[str, Any]:
    if path not in _references:
        spec = importlib.util.spec_from_file_location(f"_mlprep_reference_{len(_references)}", path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        _references[path] = vars(module)
    return _references[path]


def _limit_and_confine(parent: int, scratch: str, memory_mb: int) -> int:
    """Resource limits, parent-death signal, subreaper, Landlock: the Landlock ABI in force (0: none)."""
    from mlprep.engine import sandbox

    for kind, soft, hard in [
        (resource.RLIMIT_AS, memory_mb * 1024 * 1024, memory_mb * 1024 * 1024),
        (resource.RLIMIT_CPU, CPU_SECONDS, CPU_SECONDS + 5),
        (resource.RLIMIT_FSIZE, FILE_BYTES, FILE_BYTES),
        (resource.RLIMIT_CORE, 0, 0),
    ]:
        _, now = resource.getrlimit(kind)  # only ever lowered: a user's tighter `ulimit` stands
        hard = hard if now == resource.RLIM_INFINITY else min(hard, now)
        resource.setrlimit(kind, (min(soft, hard), hard))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails instead of killing
    if not sandbox.die_with_parent(parent):
        _exit(0)  # the checker is already gone: nobody will ask anything
    sandbox.become_subreaper()
    return sandbox.restrict_writes(scratch)


def _hide(fd: int) -> int:
    """The same pipe end on an unannounced descriptor number, not inherited by programs the user runs."""
    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    top = min(soft if soft > 0 else 1024, 1024)
    for _ in range(50):
        target = random.randrange(max(64, top // 4), top)
        try:
            os.fstat(target)
        except OSError:
            os.dup2(fd, target, inheritable=False)
            os.close(fd)
            return target
    os.set_inheritable(fd, False)
    return fd


class _Replies:
    """The worker's side of the result pipe: one reply per request, carrying the request's id."""

    def __init__(self, fd: int):
        from mlprep.engine import wire

        self.fd, self.wire = fd, wire

    def send(self, reply: dict[str, Any], request: Any = None) -> None:
        """Encode, collect the garbage the test made (its __del__ runs now, on its own clock), write.

        A forked copy of the worker (the user's code called os.fork and returned twice) leaves
        without a word: only the worker answers.
        """
        if request is not None:
            reply["id"] = request
        try:
            frame = self.wire.encode(reply)
        except Exception as exc:  # noqa: BLE001 - a value whose type lies about itself
            from mlprep.engine.scenario import raised

            said = raised(exc, None)
            frame = self.wire.encode({"type": "unsendable", "id": request,
                                      "message": f"{said.type}: {said.message}"[:500]})
        reply.clear()
        gc.collect()  # only what is new since the last freeze: the last test's objects
        gc.freeze()  # what survives is reachable, and this worker lives for one check
        if _getpid() != _PID:
            _exit(0)
        self.wire.write(self.fd, frame)


def main(argv: list[str]) -> None:
    cmd_fd, res_fd = int(argv[0]), int(argv[1])  # argv[2], the file, is for people reading `ps`
    landlock = _limit_and_confine(int(argv[3]), argv[4], int(argv[5]))
    cmd_fd, res_fd = _hide(cmd_fd), _hide(res_fd)
    del sys.argv[1:]
    faulthandler.enable()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 3000))
    from mlprep.engine import scenario, wire

    replies = _Replies(res_fd)
    msg = wire.receive(cmd_fd)  # a standby worker is warm by now, and waits here to be told its file
    if msg.get("type") != "load":
        _exit(0)
    filename, hello = os.path.abspath(msg["file"]), msg.get("id")
    sys.path.append(os.path.dirname(filename))

    gc.freeze()  # mlprep's and numpy's objects: later collections only look at what the tests make
    try:
        namespace, printed, _ = _with_capture(lambda: _load(filename))
    except BaseException as exc:  # noqa: BLE001 - report any failure to import, SyntaxError included
        replies.send({"type": "load_error", "raised": _load_error(exc, filename)}, hello)
        _exit(0)
    gc.freeze()  # and what the file imported (pandas is half a million objects): not scanned after each test
    replies.send({"type": "ready", "stdout": printed, "landlock": landlock}, hello)
    _warm_while_idle(cmd_fd)
    while True:
        msg = wire.receive(cmd_fd)
        try:
            if msg["type"] == "test":
                outcome, printed, seconds = _with_capture(
                    lambda: scenario.run(
                        msg["steps"], msg["observe"], namespace, msg["inputs"], filename, msg.get("repeat", 0)
                    )
                )
                reply = {"type": "result", "outcome": outcome.__dict__, "stdout": printed, "seconds": seconds}
                del outcome
            else:
                reply, printed, _ = _with_capture(lambda: _efficiency(msg, namespace, filename))
        except Exception:  # noqa: BLE001 - the worker ran the user's code: the parent cannot tell whose fault
            print(traceback.format_exc(), file=sys.__stderr__, flush=True)
            reply = {"type": "internal_error", "message": traceback.format_exc().strip().splitlines()[-1][:500]}
        replies.send(reply, msg.get("id"))


def _warm_while_idle(cmd_fd: int) -> None:
    """Import numpy.random (18 ms, loaded lazily) if the parent, usually still importing, has not asked yet."""
    import select

    if not select.select([cmd_fd], [], [], 0)[0]:
        import numpy.random  # noqa: F401

        gc.freeze()


def _load_error(exc: BaseException, filename: str) -> Any:
    from mlprep.engine import scenario

    found = scenario.raised(exc, filename)
    if isinstance(exc, SyntaxError) and exc.lineno:
        found = found._replace(where=f"{os.path.basename(filename)}:{exc.lineno}", message=exc.msg)
    return found


if __name__ == "__main__":
    main(sys.argv[1:])
