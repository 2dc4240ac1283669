"""The worker process as the parent holds it: spawned under limits, asked one frame at a time, killed whole.

Kept free of numpy so ``mlprep check`` can start the child first and do its own imports while the
child imports the user's file: the two overlap on two cores.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mlprep.errors import MlprepError

IMPORT_SECONDS = 10.0
CPU_SECONDS = 600
FILE_BYTES = 64 * 1024 * 1024
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


def memory_mb() -> int:
    """The worker's address-space limit: ``MLPREP_MEMORY_MB`` or 2 GiB."""
    try:
        return max(256, int(os.environ.get("MLPREP_MEMORY_MB", "2048")))
    except ValueError:
        raise MlprepError("MLPREP_MEMORY_MB must be a whole number of MiB") from None


def _limit_child() -> None:  # runs in the child between fork and exec
    mem = memory_mb() * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS + 5))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_BYTES, FILE_BYTES))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # an oversized write fails instead of killing


class Worker:
    """One child process that has imported the user's file (or failed to)."""

    def __init__(self, file: Path | None):
        """Start the worker on ``file``, or (None) as a warm standby until ``assign`` names the file."""
        self.file = str(Path(file).resolve()) if file is not None else "-"
        self.dir = tempfile.mkdtemp(prefix="mlprep-worker-")
        self.log_path = os.path.join(self.dir, "worker.log")
        cmd_r, cmd_w = os.pipe()
        res_r, res_w = os.pipe()
        env = dict(os.environ)
        env.update(
            OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1",
            PYTHONDONTWRITEBYTECODE="1", PYTHONUNBUFFERED="1",
            PYTHONPATH=os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")])),
        )
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "mlprep.engine.worker", str(cmd_r), str(res_w), self.file],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.dir, env=env,
                pass_fds=(cmd_r, res_w), start_new_session=True, preexec_fn=_limit_child,
            )
        os.close(cmd_r)
        os.close(res_w)
        self.cmd, self.res = cmd_w, res_r
        self.hello: dict[str, Any] | None = None

    def assign(self, file: Path) -> None:
        """Give a standby worker its file to import."""
        self.file = str(Path(file).resolve())
        try:
            _wire().send(self.cmd, {"type": "load", "file": self.file})
        except OSError:
            pass  # a dead standby shows up as a crash when greeted

    def greet(self) -> dict[str, Any]:
        """The worker's first frame: ``ready`` or ``load_error`` (raises WireTimeout / WireClosed)."""
        if self.hello is None:
            self.hello = _wire().receive(self.res, time.monotonic() + IMPORT_SECONDS)
        return self.hello

    def send(self, message: dict[str, Any]) -> None:
        """Hand the worker a request (it starts at once; the reply is read with ``reply``)."""
        try:
            _wire().send(self.cmd, message)
        except (BrokenPipeError, OSError):
            raise _wire().WireClosed from None

    def reply(self, deadline: float) -> dict[str, Any]:
        reply = _wire().receive(self.res, deadline)
        if reply.get("type") == "internal_error":
            raise RuntimeError(f"mlprep's worker failed:\n{reply['traceback']}")
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
        """End the worker and everything it started; remove its scratch folder."""
        if self.proc.poll() is None and self.hello and self.hello.get("type") == "ready":
            try:
                self.ask({"type": "done"}, 0.5)
            except (_wire().WireClosed, _wire().WireTimeout, OSError):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.proc.wait()
        for fd in (self.cmd, self.res):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)




def _wire() -> Any:
    from mlprep.engine import wire

    return wire
