"""Single key presses from the terminal, without waiting for Enter (and lines when stdin is not a terminal)."""

from __future__ import annotations

import os
import select
import sys
from typing import Any


class Keys:
    """``with Keys() as keys: keys.read(timeout)`` returns one key, or None when nothing was pressed."""

    def __init__(self) -> None:
        self.fd = sys.stdin.fileno() if sys.stdin and not sys.stdin.closed else -1
        self.saved: Any = None
        self.closed = self.fd < 0

    def __enter__(self) -> Keys:
        if self.fd >= 0 and os.isatty(self.fd):
            import termios
            import tty

            self.saved = termios.tcgetattr(self.fd)
            tty.setcbreak(self.fd)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)

    def read(self, timeout: float) -> str | None:
        if self.closed:
            select.select([], [], [], timeout)
            return None
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        data = os.read(self.fd, 1)
        if not data:
            self.closed = True  # end of input: a script that pipes keys has finished
            return None
        return data.decode(errors="replace")
