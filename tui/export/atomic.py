"""Write a file all at once or not at all.

The text goes to a temporary file in the target's directory (so the final rename stays on one
file system), is flushed to disk, then moved into place. A reader sees the old state or the
complete new file, never a partial one, and a failure leaves no temporary file behind.

Only a regular file is ever replaced: a rename over /dev/null, a FIFO or a socket would swap the
special file for an ordinary one (as root, even /dev/null), so those are refused, even when forced.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

# What a name can be besides a regular file, as the refusal says it.
_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFileError(OSError):
    """The target exists and is a device, FIFO or socket: it is never replaced."""


def check_target(path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Raise what `write_atomic` would raise for `path` before writing anything.

    IsADirectoryError for a directory, NotRegularFileError for a device, FIFO or socket (or a
    symbolic link to one), FileExistsError if it exists and `force` is false.
    """
    target = os.fspath(path)
    try:
        st = os.stat(target)  # follows a symbolic link: a link to /dev/null is refused too
    except OSError:  # missing (the usual case), or a loop of links, a name too long: the write reports it
        st = None
    except ValueError:  # a NUL byte in the name
        raise OSError(errno.EINVAL, "the file name is not valid", target) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "it is a directory", target)
    if st is not None and not stat.S_ISREG(st.st_mode):
        kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
        raise NotRegularFileError(errno.EPERM, f"it is {kind}, not a regular file", target)
    if not force and os.path.lexists(target):
        raise FileExistsError(errno.EEXIST, "it already exists", target)


def write_atomic(path: str | os.PathLike[str], text: str, *, force: bool = False) -> Path:
    """Write `text` as UTF-8 to `path` and return it.

    Raises FileExistsError if `path` exists and `force` is false, IsADirectoryError if it is a
    directory, NotRegularFileError if it is a device, FIFO or socket, and another OSError
    (FileNotFoundError, PermissionError, ...) if it cannot be written. Every error names `path`,
    never the temporary file.
    """
    target = Path(path)
    check_target(target, force=force)
    try:
        _write(target, text, force)
    except OSError as err:
        if err.filename == os.fspath(target) and err.filename2 is None:
            raise
        # the temporary file is an implementation detail: the user asked for `target`
        raise type(err)(err.errno, err.strerror or str(err), os.fspath(target)) from None
    return target


def _write(target: Path, text: str, force: bool) -> None:
    # A short temporary name: a target name near the 255-byte limit must still fit.
    fd, tmp = tempfile.mkstemp(prefix=".argview-", suffix=".tmp", dir=target.parent)
    try:
        # backslashreplace: a stray lone surrogate (from a file name) must not fail the whole export
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; an export is an ordinary file
        if force:
            check_target(target, force=True)  # it may have become a FIFO while we wrote
            os.replace(tmp, target)
        else:
            _move_no_clobber(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _move_no_clobber(tmp: str, target: Path) -> None:
    # link() refuses an existing name, so a file created meanwhile by someone else is never replaced.
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise FileExistsError(errno.EEXIST, "it already exists", os.fspath(target)) from None
    except OSError:  # a file system without hard links: check, then rename
        if os.path.lexists(target):
            raise FileExistsError(errno.EEXIST, "it already exists", os.fspath(target)) from None
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
