"""The worker process as the parent holds it: spawned under limits, asked one frame at a time, killed whole.

Every request carries a fresh random id and every reply must carry the id it answers; a frame that
is malformed, of the wrong shape or for another request is ``WireGarbled``: that test's error, and
the worker is replaced. Closing a worker kills everything below it, however it detached itself.

Kept free of numpy so ``mlprep check`` can start the child first and do its own imports while the
child imports the user's file: the two overlap on two cores.
"""

from __future__ import annotations

import fcntl
import glob
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from mlprep.engine import sandbox
from mlprep.errors import MlprepError

IMPORT_SECONDS = 10.0
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
_PREFIX = "mlprep-worker-"
_LIVE: dict[int, Worker] = {}  # pid -> worker, for telling the file's orphans from our own workers
_REGISTRY = threading.Lock()  # a worker being started (watch: another thread) is never taken for an orphan
_OWN: set[int] = set()  # helper processes mlprep runs for itself (run_own): never a worker's orphans
INTERFERED = "the file interfered with the checker"


def memory_mb() -> int:
    """The worker's address-space limit: ``MLPREP_MEMORY_MB`` or 2 GiB."""
    raw = os.environ.get("MLPREP_MEMORY_MB", "2048")
    try:
        return max(256, int(raw))
    except ValueError:
        raise MlprepError(f"MLPREP_MEMORY_MB must be a whole number of MiB (it is {raw!r})") from None


class Worker:
    """One child process that has imported the user's file (or failed to)."""

    def __init__(self, file: Path | None):
        """Start the worker on ``file``, or (None) as a warm standby until ``assign`` names the file."""
        memory = memory_mb()  # a bad value is the user's one-line error, before any process starts
        sweep_stale()
        sandbox.become_subreaper()
        self.file = str(Path(file).resolve()) if file is not None else "-"
        self.dir = tempfile.mkdtemp(prefix=_PREFIX)
        self.work = os.path.join(self.dir, "work")  # the only place the worker may write (Landlock)
        os.mkdir(self.work)
        self.lock = open(os.path.join(self.dir, "lock.new"), "wb")  # held while we live: see sweep_stale
        fcntl.flock(self.lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.rename(os.path.join(self.dir, "lock.new"), os.path.join(self.dir, "lock"))  # seen only once held
        self.log_path = os.path.join(self.dir, "worker.log")
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLPREP_")}  # no state path
        env.update(
            OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
            PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1", TMPDIR=self.work, TEMP=self.work, TMP=self.work,
            PYTHONPATH=os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")])),
        )
        argv = [str(cmd_r), str(res_w), self.file, str(os.getpid()), self.work, str(memory)]
        with open(self.log_path, "wb") as log, _REGISTRY:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "mlprep.engine.worker", *argv],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.work, env=env,
                pass_fds=(cmd_r, res_w), start_new_session=True,
            )
            _LIVE[self.proc.pid] = self
        self.started = sandbox.start_time(self.proc.pid)
        with open(os.path.join(self.dir, "pid"), "w") as fh:
            fh.write(str(self.proc.pid))
        os.close(cmd_r)
        os.close(res_w)
        self.cmd, self.res = cmd_w, res_r
        self.hello: dict[str, Any] | None = None
        self.request: str | None = None
        if file is not None:
            self.assign(Path(self.file))

    def assign(self, file: Path) -> None:
        """Give the worker its file to import (a standby worker waits for this)."""
        self.file = str(Path(file).resolve())
        try:
            self.send({"type": "load", "file": self.file})
        except _wire().WireClosed:
            pass  # a dead worker shows up as a crash when greeted

    def greet(self) -> dict[str, Any]:
        """The worker's first frame: ``ready`` or ``load_error`` (raises WireTimeout / WireClosed / WireGarbled)."""
        if self.hello is None:
            self.hello = self.reply(time.monotonic() + IMPORT_SECONDS)
            if self.hello["type"] not in ("ready", "load_error"):
                raise _wire().WireGarbled(f"a {self.hello['type']} frame before the file was imported")
        return self.hello

    def send(self, message: dict[str, Any]) -> None:
        """Hand the worker a request under a fresh id (it starts at once; the reply is read with ``reply``)."""
        self.request = message["id"] = os.urandom(8).hex()
        try:
            _wire().send(self.cmd, message)
        except OSError:
            raise _wire().WireClosed from None

    def reply(self, deadline: float) -> dict[str, Any]:
        """The answer to the last request, checked frame by frame: WireGarbled for anything malformed."""
        reply = _wire().receive(self.res, deadline)
        _check_reply(reply, self.request)
        return reply

    def ask(self, message: dict[str, Any], seconds: float) -> dict[str, Any]:
        self.send(message)
        return self.reply(time.monotonic() + seconds)

    def crash_message(self) -> str:
        """What killed the worker, in a candidate's words, with their line if Python saw it."""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            code = None
        where = self._fault_line()
        at = f" at {where}" if where else ""
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            reason = {
                "SIGSEGV": "a segmentation fault", "SIGKILL": "being killed (out of memory?)",
                "SIGXCPU": "using up its CPU time", "SIGABRT": "an abort", "SIGBUS": "a bus error",
                "SIGFPE": "a floating-point exception",
            }.get(name, name)
            return f"the process crashed with {reason}{at}"
        if code is not None:
            return (
                f"the process exited (code {code}) before returning a result{at}: "
                "did the code call os._exit or exit the interpreter?"
            )
        return "the process stopped answering"

    def _fault_line(self) -> str:
        try:
            with open(self.log_path, "rb") as fh:
                fh.seek(max(0, os.path.getsize(self.log_path) - 20000))
                text = fh.read().decode(errors="replace")
        except OSError:
            return ""
        found = ""
        marker = f'File "{self.file}", line '
        for line in text.splitlines():
            if marker in line:
                found = f"{os.path.basename(self.file)}:{line.split(marker, 1)[1].split()[0]}"
                if "Fatal Python error" in text:
                    break
        return found

    def close(self) -> None:
        """End the worker and everything it or the user's code started; remove its scratch folder."""
        gone = sandbox.kill_tree(self.proc.pid)  # the worker adopts orphans: its tree is all of them
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.kill()
        self.proc.wait()
        _LIVE.pop(self.proc.pid, None)
        # Orphans of a worker that had already died were adopted by this process (a subreaper).
        with _REGISTRY:
            gone += sandbox.kill_orphans(set(_LIVE) | _OWN, self.started or sandbox.MAX_START)
        sandbox.reap(gone)
        for fd in (self.cmd, self.res):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        self.lock.close()


def run_own(argv: list[str], cwd: Path, seconds: float) -> subprocess.CompletedProcess[str]:
    """Run a command of mlprep's own (validate runs a stub), output captured; TimeoutExpired after ``seconds``.

    Registered while it runs, so a worker closing in another thread does not take it for an orphan.
    """
    with _REGISTRY:
        proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        _OWN.add(proc.pid)
    try:
        out, err = proc.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise
    finally:
        with _REGISTRY:
            _OWN.discard(proc.pid)
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def live_pids() -> list[int]:
    """The process ids of the workers this process started and has not closed yet (any platform)."""
    return list(_LIVE)


def close_all() -> None:
    """Close every worker still running (before a fast exit skips the ``finally`` of no one)."""
    for worker in list(_LIVE.values()):
        worker.close()


def sweep_stale() -> None:
    """Remove the scratch folders of checks that died (killed, power cut), and end what they left running.

    A live check holds the lock file in its folder; a folder whose lock can be taken is nobody's.
    """
    for folder in glob.glob(os.path.join(tempfile.gettempdir(), _PREFIX + "*")):
        try:
            with open(os.path.join(folder, "lock"), "rb") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                try:
                    with open(os.path.join(folder, "pid")) as fh:
                        pid = int(fh.read())
                except (OSError, ValueError):
                    pid = 0
                sandbox.kill_strays(pid, os.path.join(folder, "work"))
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue  # in use (the lock is held), not ours, or half made: leave it


def _check_reply(reply: Any, request: str | None) -> None:
    """Raise WireGarbled unless ``reply`` is a frame the worker sends, answering ``request``."""
    wire = _wire()
    if not isinstance(reply, dict):
        raise wire.WireGarbled("a frame that is not a message")
    if reply.get("id") != request:
        raise wire.WireGarbled("a reply to a request that was not made")
    kind = reply.get("type")
    valid = _SCHEMA.get(kind) if isinstance(kind, str) else None
    if valid is None:
        raise wire.WireGarbled(f"a frame of unknown type {str(kind)[:40]!r}")
    if not valid(reply):
        raise wire.WireGarbled(f"a malformed {kind} frame")


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and v >= 0


def _is_raised(v: Any) -> bool:
    wire = _wire()
    return isinstance(v, wire.Raised) and all(map(_is_str, (v.type, v.message, v.where))) and (
        isinstance(v.mro, list) and all(map(_is_str, v.mro))
    )


def valid_outcome(v: Any) -> bool:
    """Whether ``v`` is an Outcome's fields as the wire carries them (from the worker or a cache)."""
    wire = _wire()
    return (
        isinstance(v, dict) and set(v) == {"observed", "raised", "missing", "mutated", "step"}
        and (v["step"] is None or _is_str(v["step"]))
        and isinstance(v["observed"], dict) and all(map(_is_str, v["observed"]))
        and (v["raised"] is None or _is_raised(v["raised"]))
        and (v["missing"] is None or (isinstance(v["missing"], wire.Missing) and _is_str(v["missing"].name)))
        and isinstance(v["mutated"], list) and all(map(_is_str, v["mutated"]))
    )


def _valid_efficiency(r: dict[str, Any]) -> bool:
    """One of: the reference's error, a stopped run (slow_cap), or a ratio (with what failed, if anything)."""
    if "error" in r:
        return _is_str(r["error"])
    if "slow_cap" in r:
        return _is_number(r["slow_cap"]) and _is_number(r.get("ref_seconds"))
    failed = r.get("failed")
    return (_is_number(r.get("ratio")) and _is_number(r.get("ref_seconds"))
            and (failed is None or _is_raised(failed) or isinstance(failed, _wire().Missing)))


_SCHEMA: dict[str, Any] = {  # type -> whether a reply of that type is well formed
    "ready": lambda r: _is_str(r.get("stdout")) and isinstance(r.get("landlock"), int),
    "load_error": lambda r: _is_raised(r.get("raised")),
    "result": lambda r: valid_outcome(r.get("outcome")) and _is_str(r.get("stdout")) and _is_number(r.get("seconds")),
    "efficiency": _valid_efficiency,
    "unsendable": lambda r: _is_str(r.get("message")),
    "internal_error": lambda r: _is_str(r.get("message")),
}


def _wire() -> Any:
    from mlprep.engine import wire

    return wire
