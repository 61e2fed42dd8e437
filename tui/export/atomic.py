"""Write a file all at once or not at all.

The text goes to a temporary file in the target's directory (so the final rename stays on one
file system), is flushed to disk, then moved into place. A reader sees the old state or the
complete new file, never a partial one, and a failure leaves no temporary file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write `text` as UTF-8 to `path` and return it.

    Raises FileExistsError if `path` exists and `force` is false, IsADirectoryError if it is a
    directory, and another OSError (FileNotFoundError, PermissionError, ...) if it cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{target} is a directory")
    if not force and (target.exists() or target.is_symlink()):
        raise FileExistsError(f"{target} already exists")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; an export is an ordinary file
        if force:
            os.replace(tmp, target)
        else:
            _move_no_clobber(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return target


def _move_no_clobber(tmp: str, target: Path) -> None:
    # link() refuses an existing name, so a file created meanwhile by someone else is never replaced.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise FileExistsError(f"{target} already exists") from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists() or target.is_symlink():
            raise FileExistsError(f"{target} already exists") from None
        os.replace(tmp, target)
    else:
        os.unlink(tmp)


def _umask() -> int:
    """The process umask, read without os.umask() (which sets it, racing other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
