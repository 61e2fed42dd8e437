"""Run Argview in a real pseudo-terminal, as a person's terminal would: read what it draws,
type keys, send signals. For behaviour only a real terminal shows (modes, signals, locale)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from dataclasses import dataclass, field

# What a terminal must be told when the app ends: leave the alternate screen, show the cursor,
# stop reporting the mouse.
RESTORE = (b"\x1b[?1049l", b"\x1b[?25h", b"\x1b[?1000l", b"\x1b[?1003l")


@dataclass
class Terminal:
    pid: int
    fd: int
    output: bytearray = field(default_factory=bytearray)
    status: int | None = None

    @classmethod
    def spawn(cls, argv: list[str], *, env: dict[str, str] | None = None, size: tuple[int, int] = (100, 30),
              drop_env: tuple[str, ...] = ()) -> Terminal:
        """Start `python ARGV` (e.g. ["-m", "tui", FILE]) on a new pty of `size` (columns, rows)."""
        full = {**os.environ, **(env or {})}
        for name in drop_env:
            full.pop(name, None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its terminal
            try:
                os.execvpe(sys.executable, [sys.executable, *argv], full)
            finally:
                os._exit(127)
        cols, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        return cls(pid, fd)

    def read_until(self, needle: bytes | None, timeout: float = 60) -> bool:
        """Read output until `needle` appears (True), the program ends, or `timeout` passes."""
        end = time.monotonic() + timeout
        start = len(self.output)
        while time.monotonic() < end:
            ready, _, _ = select.select([self.fd], [], [], 0.1)
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:  # EIO: the program closed the terminal
                return False
            if not chunk:
                return False
            self.output += chunk
            if needle is not None and needle in self.output[max(0, start - len(needle)):]:
                return True
        return False

    def send(self, keys: bytes) -> None:
        os.write(self.fd, keys)

    def kill(self, sig: int) -> None:
        os.kill(self.pid, sig)

    def wait_stopped(self, timeout: float = 20) -> bool:
        """Wait until the program has stopped itself (after SIGTSTP), reading what it draws."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until(None, timeout=0.1)
            pid, status = os.waitpid(self.pid, os.WNOHANG | os.WUNTRACED)
            if pid and os.WIFSTOPPED(status):
                return True
        return False

    def wait(self, timeout: float = 60) -> int | None:
        """The exit code once the program ends within `timeout` (None if it is still running:
        then it is killed so no test leaves it behind)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self.read_until(None, timeout=0.2)
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = os.waitstatus_to_exitcode(status)
                self.read_until(None, timeout=0.2)
                os.close(self.fd)
                return self.status
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        return None

    def after(self, marker: bytes) -> bytes:
        """Output after the last `marker`."""
        at = self.output.rfind(marker)
        return bytes(self.output[at + len(marker):]) if at >= 0 else b""
