"""Read the bytes of a source: a path, ``-`` for stdin, an http(s) URL, or the bundled sample."""

from __future__ import annotations

import errno
import hashlib
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from tui.ingest.decode import declared_charset
from tui.ingest.detect import format_from_content_type, format_from_name
from tui.ingest.errors import SourceError
from tui.kinds import Format

# Analysis runs at roughly 0.7 MB/s and holds ~80 MB of memory per MB of text (benchmarks/): at
# 10 MB a source takes ~15 s; a bigger default would let one stray log file eat gigabytes.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
URL_TIMEOUT = 10.0
SAMPLE_NAME = "kazakhstan-opportunity.txt"


@dataclass(frozen=True)
class RawSource:
    name: str
    data: bytes
    format_hint: Format | None
    sha256: str
    charset: str | None = None  # what the server's Content-Type declared, if anything


def sample_path() -> Path:
    """The bundled sample article: the repository's ``data/`` folder, installed as ``tui.data``."""
    from importlib.resources import files

    try:
        return Path(str(files("tui.data") / SAMPLE_NAME))
    except ModuleNotFoundError:  # a checkout run without installing it (python -m tui)
        return Path(__file__).resolve().parents[2] / "data" / SAMPLE_NAME


def _human(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    if n < 1024:
        return f"{n:,} bytes"  # never "0 KB"
    return f"{n / 1024:.0f} KB"


def _too_big(size: int | None, limit: int) -> SourceError:
    """``size`` is None when only the first ``limit + 1`` bytes were read (a pipe, a download)."""
    what = "it is over" if size is None else f"it is {_human(size)}, over"
    return SourceError(f"{what} the {_human(limit)} limit (raise it with --max-size MB)")


def is_url(name: str) -> bool:
    return name.lower().startswith(("http://", "https://"))


def _read_path(name: str, limit: int) -> bytes:
    if not name:
        raise SourceError("the file name is empty")
    path = Path(name)
    try:
        if path.is_symlink() and not path.exists():
            raise SourceError("it is a broken symbolic link")
        if path.is_dir():
            raise SourceError("it is a directory, not a file")
        size = path.stat().st_size
        if size > limit:
            raise _too_big(size, limit)
        with path.open("rb") as f:
            # read(n) allocates n bytes first: ask for the size stat() gave, not the limit (a
            # 64 MB buffer for a 1 MB file), then for whatever the file grew by meanwhile
            data = f.read(size + 1) if size else b""
            if len(data) > size or not size:
                data += f.read(limit + 1 - len(data))
    except SourceError:
        raise
    except FileNotFoundError:
        raise SourceError("no such file") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except IsADirectoryError:
        raise SourceError("it is a directory, not a file") from None
    except ValueError:  # e.g. a NUL byte in the name
        raise SourceError("the file name is not valid") from None
    except OSError as err:
        if err.errno == errno.ENAMETOOLONG:
            raise SourceError("the file name is too long") from None
        raise SourceError(err.strerror or str(err)) from None
    if len(data) > limit:  # the file grew, or stat() could not tell (a FIFO, /dev/zero)
        raise _too_big(None, limit)
    return data


def _read_stdin(limit: int) -> bytes:
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise SourceError("there is no standard input to read")
    try:
        data = stream.read(limit + 1)
    except OSError as err:  # e.g. `< /`: a directory as standard input
        raise SourceError(f"cannot read standard input ({err.strerror or err})") from None
    if len(data) > limit:
        raise _too_big(None, limit)
    return data


def _read_url(url: str, limit: int, timeout: float) -> tuple[bytes, Format | None, str | None]:
    """Fetch a URL within ``timeout`` seconds in all: a server that trickles bytes is cut off too."""
    import http.client  # here, not at the top: opening a file does not pay for the HTTP stack
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    late = SourceError(f"no answer within {timeout:g} s (the server is too slow or not answering)")
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "argview (terminal reader)", "Accept": "text/html, text/plain, text/markdown;q=0.9, */*;q=0.1"})
    except ValueError as err:  # "http://[127.0.0.1": an unclosed IPv6 bracket
        raise SourceError(f"it is not a valid URL ({err})") from None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get("Content-Type", "")
            main_type = content_type.split(";", 1)[0].strip().lower()
            if main_type and not (main_type.startswith("text/") or main_type in ("application/xhtml+xml", "application/xml")):
                raise SourceError(f"the server sent {main_type}, not a text page")
            encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
            if encoding not in _DECOMPRESS:
                raise SourceError(f"the server sent it compressed as {encoding!r}, which Argview cannot read")
            declared = response.headers.get("Content-Length", "").strip()
            if declared.isdigit() and int(declared) > limit and encoding == "identity":
                raise _too_big(int(declared), limit)
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                if time.monotonic() > deadline:
                    raise late
                chunk = response.read1(min(65536, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            data = b"".join(chunks)
            if declared.isdigit() and size < min(int(declared), limit + 1):
                # the connection closed early: a cut article must not pass for the whole one
                raise SourceError(f"the download was cut short: {size:,} of the {int(declared):,} bytes the server announced arrived")
            data = _DECOMPRESS[encoding](data, limit)
    except SourceError:
        raise
    except http.client.IncompleteRead:  # a chunked reply cut short
        raise SourceError("the download was cut short (the connection closed before the end)") from None
    except http.client.RemoteDisconnected:
        raise SourceError("the server closed the connection without answering") from None
    except http.client.BadStatusLine:  # an HTTP/0.9 reply, or another protocol on the port
        raise SourceError("the server's reply is not HTTP") from None
    except urllib.error.HTTPError as err:
        raise SourceError(f"the server answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        reason = err.reason
        if isinstance(reason, (TimeoutError, OSError)) and "timed out" in str(reason):
            raise late from None
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        if isinstance(reason, http.client.RemoteDisconnected):
            raise SourceError("the server closed the connection without answering") from None
        raise SourceError(f"cannot reach it ({reason})") from None
    except TimeoutError:
        raise late from None
    except (OSError, ValueError, http.client.HTTPException) as err:
        raise SourceError(f"cannot fetch it ({err or type(err).__name__})") from None
    if len(data) > limit:
        raise _too_big(None, limit)
    fmt = format_from_content_type(content_type) or format_from_name(url)
    return data, fmt, declared_charset(b"", content_type)


def _gunzip(data: bytes, limit: int) -> bytes:
    """A gzip or zlib body, decompressed to at most ``limit + 1`` bytes (a small bomb stays small)."""
    inflater = zlib.decompressobj(wbits=47)  # 32 + 15: gzip or zlib header, detected
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise SourceError("the server said it is gzip-compressed, but it is not") from None
    if len(out) > limit:
        raise _too_big(None, limit)
    if not inflater.eof:  # the compressed stream stops before its end: the article would be cut
        raise SourceError("the download was cut short (the compressed data stops before its end)")
    return out


def _inflate(data: bytes, limit: int) -> bytes:
    """HTTP "deflate" is zlib data, though some servers send it raw: accept both."""
    for wbits in (15, -15):
        inflater = zlib.decompressobj(wbits=wbits)
        try:
            out = inflater.decompress(data, limit + 1)
        except zlib.error:
            continue
        if len(out) > limit:
            raise _too_big(None, limit)
        if not inflater.eof:
            raise SourceError("the download was cut short (the compressed data stops before its end)")
        return out
    raise SourceError("the server said it is deflate-compressed, but it is not")


# Content-Encoding → how to undo it. We ask for none, but a server may compress anyway.
_DECOMPRESS = {
    "identity": lambda data, limit: data,
    "": lambda data, limit: data,
    "gzip": _gunzip,
    "x-gzip": _gunzip,
    "deflate": _inflate,
}


def read_source(name: str | None, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = URL_TIMEOUT) -> RawSource:
    """Read a source's bytes. ``None`` means the bundled sample. Raises SourceError."""
    hint: Format | None
    charset = None
    if name is None:
        path = sample_path()
        data = _read_path(str(path), max_bytes)
        name, hint = path.name, "text"
    elif name == "-":
        data, hint = _read_stdin(max_bytes), None
    elif is_url(name):
        data, hint, charset = _read_url(name, max_bytes, timeout)
    else:
        # the shell has already expanded "~"; a file literally named "~root" is opened as named
        data, hint = _read_path(name, max_bytes), format_from_name(name)
    return RawSource(name=name, data=data, format_hint=hint, sha256=hashlib.sha256(data).hexdigest(), charset=charset)
