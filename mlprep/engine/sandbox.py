"""Linux confinement of the worker and of what it starts, through raw syscalls (ctypes, no dependency).

- ``restrict_writes``: Landlock (kernel 5.13+) lets the worker write only inside its scratch folder
  (and /dev/null); with ABI 6+ (kernel 6.12+) it can neither signal nor reach an abstract unix socket
  outside its own sandbox. Applied by the worker to itself before it imports anything of the user's.
- ``become_subreaper`` / ``die_with_parent``: orphans of the user's code are re-parented to the
  checker instead of init, and the worker dies with the process that started it.
- ``kill_tree``: stop, then kill, every descendant of a process, however it detached itself.

Elsewhere (macOS, older kernels, Landlock disabled) every function is a no-op that says so; the
threat model in docs/architecture.md says what each platform gets.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time

_SYS_CREATE_RULESET, _SYS_ADD_RULE, _SYS_RESTRICT_SELF = 444, 445, 446  # the same on every architecture
_CREATE_RULESET_VERSION = 1
_RULE_PATH_BENEATH = 1
_PR_SET_PDEATHSIG, _PR_SET_NO_NEW_PRIVS, _PR_SET_CHILD_SUBREAPER = 1, 38, 36
_SCOPE_ABSTRACT_UNIX_SOCKET, _SCOPE_SIGNAL = 1 << 0, 1 << 1

# Landlock filesystem rights that change something; reading and executing stay allowed everywhere.
_WRITE_FILE, _TRUNCATE = 1 << 1, 1 << 14
_CHANGES = (
    _WRITE_FILE | (1 << 4) | (1 << 5)  # write, remove dir, remove file
    | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12)  # make char/dir/reg/sock/fifo/block/sym
)
_REFER = 1 << 13  # ABI 2: link or rename across folders


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    libc.syscall.restype = ctypes.c_long
    return libc


def landlock_abi() -> int:
    """The kernel's Landlock ABI version, 0 when it has none (not Linux, too old, or disabled)."""
    libc = _libc()
    if libc is None:
        return 0
    version = libc.syscall(_SYS_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(_CREATE_RULESET_VERSION))
    return max(0, int(version))


def restrict_writes(folder: str) -> int:
    """Confine this process (and all it starts) to writing inside ``folder``; the ABI used, 0 if none.

    Call it while the process has a single thread: Landlock confines the calling thread and its
    future children only.
    """
    abi = landlock_abi()
    libc = _libc()
    if abi < 1 or libc is None:
        return 0
    handled = _CHANGES | (_REFER if abi >= 2 else 0) | (_TRUNCATE if abi >= 3 else 0)
    attr = _RulesetAttr(handled, 0, (_SCOPE_SIGNAL | _SCOPE_ABSTRACT_UNIX_SOCKET) if abi >= 6 else 0)
    size = 24 if abi >= 6 else 16 if abi >= 4 else 8  # the struct grew with the ABI
    ruleset = int(libc.syscall(_SYS_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0)))
    if ruleset < 0:
        return 0
    try:
        for path, rights in ((folder, handled), (os.devnull, _WRITE_FILE | (_TRUNCATE if abi >= 3 else 0))):
            fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            try:
                rule = _PathBeneath(rights, fd)
                if libc.syscall(_SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(_RULE_PATH_BENEATH),
                                ctypes.byref(rule), ctypes.c_uint32(0)) < 0:
                    return 0
            finally:
                os.close(fd)
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        if libc.syscall(_SYS_RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0)) < 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def become_subreaper() -> bool:
    """Adopt the orphans of every descendant (Linux 3.4+), so a double fork cannot escape ``kill_tree``."""
    libc = _libc()
    return libc is not None and libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def die_with_parent(parent: int) -> bool:
    """Be killed when the process that started this one dies; False if it is already gone."""
    libc = _libc()
    if libc is not None:
        libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    return os.getppid() == parent  # the parent may have died before the prctl: then nobody would tell us


def _processes() -> dict[int, tuple[int, int, int]]:
    """Every live process as pid -> (parent, session, start time), from /proc; zombies left out."""
    found: dict[int, tuple[int, int, int]] = {}
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if name.isdigit():
            stat = _stat(int(name))
            if stat and stat[0] != b"Z":
                found[int(name)] = (int(stat[1]), int(stat[3]), int(stat[19]))
    return found


def _stat(pid: int) -> list[bytes]:
    """The fields of /proc/PID/stat after the command name (state first), or [] if it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            raw = fh.read()
    except OSError:
        return []
    return raw[raw.rfind(b")") + 2 :].split()


MAX_START = 2**63  # a start time no process has: "since" it, nothing is an orphan of ours


def start_time(pid: int) -> int:
    """When ``pid`` started, in clock ticks since boot (0 if unknown)."""
    stat = _stat(pid)
    return int(stat[19]) if len(stat) > 19 else 0


def _children(pid: int) -> list[int] | None:
    """The children of ``pid`` from /proc/PID/task/*/children (quick), None where the kernel lacks that file."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found: list[int] = []
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                found += [int(c) for c in fh.read().split()]
        except FileNotFoundError:
            if not os.path.exists(f"/proc/{pid}/task/{tid}"):
                continue  # the thread ended meanwhile
            return None
        except OSError:
            continue
    return found


def descendants(pid: int) -> list[int]:
    """The processes below ``pid`` (Linux; empty elsewhere)."""
    if _children(pid) is None:  # an old kernel: one pass over every process instead
        tree: dict[int, list[int]] = {}
        for child, (parent, _, _) in _processes().items():
            tree.setdefault(parent, []).append(child)
        below = tree.get
    else:
        below = _children  # type: ignore[assignment]
    found, todo = [], list(below(pid) or [])
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(below(child) or [])
    return found


def kill_tree(pid: int) -> list[int]:
    """Freeze every descendant of ``pid`` until no new one appears, then kill them all; returns them.

    Stopping first means a process that forks in a loop cannot outrun the walk. ``pid`` itself is
    left to the caller (it is usually a child to be waited for).
    """
    seen: set[int] = set()
    for _ in range(100):
        fresh = [p for p in descendants(pid) if p not in seen]
        if not fresh:
            break
        for p in fresh:
            _signal(p, signal.SIGSTOP)
        seen.update(fresh)
    for p in seen:
        _signal(p, signal.SIGKILL)
    return sorted(seen)


def kill_orphans(keep: set[int], since: int) -> list[int]:
    """Kill this process's children started at ``since`` or later, except ``keep``, with their trees.

    With this process a subreaper, those are what a dead worker's descendants became: orphans it adopted.
    """
    mine = _children(os.getpid())
    if mine is None:
        mine = [p for p, (parent, _, _) in _processes().items() if parent == os.getpid()]
    found = [p for p in mine if p not in keep and start_time(p) >= since]
    gone: list[int] = []
    for p in found:
        _signal(p, signal.SIGSTOP)
        gone += kill_tree(p) + [p]
        _signal(p, signal.SIGKILL)
    return gone


def kill_strays(session: int, scratch: str) -> None:
    """Kill what a dead check left running: its worker's session, and anything whose TMPDIR is its scratch.

    The session counts only while its leader (the dead worker) is gone or still carries the mark: a
    reused process id never makes someone else's session a target.
    """
    marker = f"TMPDIR={scratch}".encode()

    def carries_mark(pid: int) -> bool:
        try:
            with open(f"/proc/{pid}/environ", "rb") as fh:
                return marker in fh.read().split(b"\0")
        except OSError:
            return False

    ours = bool(session) and (not _stat(session) or carries_mark(session))
    for p, (_, sid, _) in _processes().items():
        if p != os.getpid() and ((ours and sid == session) or carries_mark(p)):
            _signal(p, signal.SIGKILL)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def reap(pids: list[int], seconds: float = 2.0) -> None:
    """Wait (briefly) for killed ``pids`` to be gone, collecting those that became this process's children."""
    deadline = time.monotonic() + seconds
    pending = set(pids)
    while pending and time.monotonic() < deadline:
        for p in list(pending):
            try:
                if os.waitpid(p, os.WNOHANG)[0] == p:
                    pending.discard(p)
            except ChildProcessError:  # not ours (yet): gone, or dying under another killed parent
                if not _stat(p):
                    pending.discard(p)
        if pending:
            time.sleep(0.002)
