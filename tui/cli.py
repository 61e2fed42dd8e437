"""Command line: open the app, or print the analysis as JSON Lines / JSON Schema / exports."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from tui import __version__
from tui.export import EXPORTS, FORMATS as EXPORT_FORMATS  # light: no writer is imported until used

EXIT_OK, EXIT_SOURCE, EXIT_USAGE = 0, 1, 2
# Bounds for the numeric options: past them a value is a typo (or inf/nan), not a wish.
MAX_SIZE_MB = 1024  # analysis holds tens of MB of memory per MB of text: 1 GB of text is already far too much
MAX_TIMEOUT_S = 24 * 3600


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="argview",
        description="Read an argumentative article beside an outline of its argument.",
        epilog="With no SOURCE, opens the bundled sample article. SOURCE may be a .txt, .md or .html "
        "file, '-' for standard input, or an http(s) URL.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE", help="article to open (file, '-', or URL)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one analysis per SOURCE as JSON Lines, in order")
    mode.add_argument("--schema", action="store_true", help="print the JSON Schema of the analysis and exit")
    mode.add_argument("--config", action="store_true", help="print the settings file's path (theme, side pane, keys) and exit")
    mode.add_argument(
        "--export", choices=EXPORT_FORMATS, metavar="FORMAT",
        help=f"print SOURCE's argument as {', '.join(EXPORT_FORMATS[:-1])} or {EXPORT_FORMATS[-1]}: "
        + "; ".join(f"{f.id}, {f.description}" for f in EXPORTS),
    )
    mode.add_argument(
        "--corrections-out", metavar="FILE",
        help="write every article you corrected as JSON Lines in the eval gold format (units, roles, relations) to FILE ('-' prints)",
    )
    mode.add_argument("--forget", metavar="SOURCE", help="remove everything kept for SOURCE (corrections, notes, bookmarks, position) and exit")
    parser.add_argument("--as-analysed", action="store_true",
                        help="with --json and --export: the outline as the analysis made it, without your corrections and notes")
    parser.add_argument("-o", "--output", metavar="FILE", help="with --export: write FILE (atomically) instead of printing; DIR/ writes inside DIR")
    parser.add_argument("--force", action="store_true", help="with --output or --corrections-out: overwrite FILE if it exists")
    parser.add_argument(
        "--max-size", type=float, default=None, metavar="MB",
        help="refuse sources larger than this many megabytes (default: 10, at most 1024)",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS",
        help="give up fetching a URL after this many seconds (default: 10)",
    )
    parser.add_argument("--version", action="version", version=f"argview {__version__}")
    return parser


def _error(source: str | None, message: str) -> None:
    from tui.ingest.clean import clean_inline

    # a file name is untrusted too: no escape sequences or newlines reach the terminal
    where = "sample" if source is None else clean_inline(source) or repr(source)
    print(f"argview: {where}: {clean_inline(message)}", file=sys.stderr)


def _source_options(args: argparse.Namespace) -> dict:
    from tui.ingest import URL_TIMEOUT

    return {"max_bytes": _max_bytes(args), "timeout": URL_TIMEOUT if args.timeout is None else args.timeout}


def _max_bytes(args: argparse.Namespace) -> int:
    from tui.ingest import DEFAULT_MAX_BYTES

    return DEFAULT_MAX_BYTES if args.max_size is None else int(args.max_size * 1024 * 1024)


class StdoutError(Exception):
    """Standard output is closed or cannot be written (a full disk, /dev/full)."""


def _write_stdout(text: str | Callable[[Callable[[str], object]], None], end: str = "") -> None:
    """Write `text` (or what a writer function passes to `write`, piece by piece), then `end`."""
    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise StdoutError("standard output is closed")
    try:
        if isinstance(text, str):
            sys.stdout.write(text)
        else:
            text(sys.stdout.write)
        sys.stdout.write(end)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as err:  # ValueError: the stream was closed under us
        reason = getattr(err, "strerror", None) or str(err)
        raise StdoutError(f"cannot write to standard output: {reason}") from None


def _print_json(args: argparse.Namespace) -> int:
    from tui.ingest import SourceError
    from tui.pipeline import analyse_source

    if sys.stdout is None:  # fail before analysing anything
        raise StdoutError("standard output is closed")
    status = EXIT_OK
    stdin_read = False
    readings = _Readings(args.as_analysed)
    for name in args.sources or [None]:
        if name == "-" and stdin_read:  # reading it again would find it empty
            _error(name, "standard input was already read for an earlier '-'")
            status = EXIT_SOURCE
            continue
        stdin_read = stdin_read or name == "-"
        try:
            analysis = analyse_source(name, **_source_options(args))
        except SourceError as err:
            _error(name, str(err))
            status = EXIT_SOURCE
            continue
        except Exception as err:  # noqa: BLE001 - one bad source must not stop the batch
            _error(name, f"internal error: {type(err).__name__}: {err}")
            status = EXIT_SOURCE
            continue
        analysis = readings.apply(analysis, name)
        _write_stdout(analysis.write_json, "\n")  # in pieces: the JSON of a 10 MB text can be 250 MB
    return status


def _check_numbers(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """inf, nan, 1e30 or a size under one byte are usage errors, not crashes deep in a read."""
    import math

    if args.max_size is not None:
        if not (math.isfinite(args.max_size) and 0 < args.max_size <= MAX_SIZE_MB):
            parser.error(f"--max-size takes a number of megabytes above 0 and up to {MAX_SIZE_MB}, not {args.max_size:g}")
        if int(args.max_size * 1024 * 1024) < 1:
            parser.error(f"--max-size {args.max_size:g} MB is less than one byte")
    if args.timeout is not None and not (math.isfinite(args.timeout) and 0 < args.timeout <= MAX_TIMEOUT_S):
        parser.error(f"--timeout takes a number of seconds above 0 and up to {MAX_TIMEOUT_S}, not {args.timeout:g}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_numbers(parser, args)
    if args.output is not None and not args.export:
        parser.error("-o/--output goes with --export")
    if args.force and not (args.export or args.corrections_out is not None):
        parser.error("--force goes with --export or --corrections-out")
    if args.as_analysed and not (args.json or args.export):
        parser.error("--as-analysed goes with --json or --export")
    try:
        if args.schema:
            from tui.model import Analysis

            _write_stdout(json.dumps(Analysis.json_schema(), indent=2) + "\n")
            return EXIT_OK
        if args.config:
            from tui.settings import config_path

            _write_stdout(f"{config_path()}\n")
            return EXIT_OK
        if args.json:
            return _print_json(args)
        if args.corrections_out is not None:
            if args.sources:
                parser.error("--corrections-out takes no SOURCE: it writes every article you corrected")
            return _corrections_out(args)
        if args.forget is not None:
            if args.sources:
                parser.error("--forget takes one SOURCE")
            return _forget(args)
        if args.export:
            if len(args.sources) > 1:
                parser.error("--export takes one SOURCE")
            return _export(args)
        if len(args.sources) > 1:
            parser.error("the app opens one SOURCE at a time (use --json for several)")
        return _run_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, and stop Python complaining at exit
        _silence_stdout()
        return EXIT_OK
    except StdoutError as err:
        print(f"argview: {err}", file=sys.stderr)
        _silence_stdout()
        return EXIT_SOURCE
    except Exception as err:  # noqa: BLE001 - the user gets one line, never a traceback
        print(f"argview: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_SOURCE


def _silence_stdout() -> None:
    """Point fd 1 at /dev/null so Python's flush at exit cannot fail a second time."""
    import os

    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    except OSError:
        pass


def _export(args: argparse.Namespace) -> int:
    import os

    from tui.export import check_target, export_to_file, render, suggested_name, unavailable
    from tui.export.svg import RenderError
    from tui.ingest import SourceError
    from tui.pipeline import analyse_source

    name = args.sources[0] if args.sources else None
    missing = unavailable(args.export)
    if missing:  # checked before the analysis: fail fast
        _error(f"--export {args.export}", missing)
        return EXIT_SOURCE
    output = None if args.output in (None, "-") else args.output
    # "-o dir/" means "in dir, under the suggested name", as `cp a.txt dir/` does
    into_directory = output is not None and output.endswith(os.sep)
    # checked before the analysis: fail fast
    if output == "":
        _error(output, "cannot write: the file name is empty")
        return EXIT_SOURCE
    if into_directory and not os.path.isdir(output):
        missing = not os.path.lexists(output.rstrip(os.sep) or os.sep)
        _error(output, f"cannot write: {'no such directory' if missing else 'it is not a directory'}")
        return EXIT_SOURCE
    try:
        if output is not None and not into_directory:
            check_target(output, force=args.force)
    except OSError as err:
        _error(output, _cannot_write(err))
        return EXIT_SOURCE
    if output is None and sys.stdout is None:
        raise StdoutError("standard output is closed")
    try:
        analysis = analyse_source(name, **_source_options(args))
    except SourceError as err:
        _error(name, str(err))
        return EXIT_SOURCE
    analysis = _Readings(args.as_analysed).apply(analysis, name)
    try:
        if output is None:
            _write_stdout(render(analysis, args.export))
            return EXIT_OK
        if into_directory:
            output = os.path.join(output, suggested_name(analysis, args.export))
        export_to_file(analysis, args.export, output, force=args.force)
    except RenderError as err:  # Graphviz failed on this map
        _error(name, str(err))
        return EXIT_SOURCE
    except OSError as err:
        _error(output, _cannot_write(err))
        return EXIT_SOURCE
    return EXIT_OK


class _Readings:
    """The reading store as the commands that print an analysis see it: opened on first use, never
    created (reading leaves no trace), its problems and each orphan one line on stderr."""

    def __init__(self, as_analysed: bool) -> None:
        self.as_analysed = as_analysed
        self._store: object = None

    def apply(self, analysis: Any, name: str | None) -> Any:
        from tui.reading.paths import store_path

        if self.as_analysed or (self._store is None and not store_path().exists()):
            return analysis  # nothing kept: the models and SQLite are not even imported
        import sqlite3

        from tui.reading.apply import apply_reading
        from tui.reading.store import ReadingStore

        if self._store is None:
            self._store = ReadingStore.open(create=False)
            if self._store.problem:
                _say(self._store.problem)
        assert isinstance(self._store, ReadingStore)
        try:
            reading = self._store.load(analysis.source.sha256)
        except (sqlite3.Error, ValueError) as err:  # ValueError: a row pydantic cannot read
            _say(f"reading store: cannot read ({_one_line(err)}): shown as analysed")
            return analysis
        try:
            corrected, orphans = apply_reading(analysis, reading)
        except Exception as err:  # noqa: BLE001 - a bug in the corrections must not cost the reader the analysis
            _error(name, f"internal error applying your corrections ({type(err).__name__}: {_one_line(err)}): shown as analysed")
            return analysis
        for orphan in orphans:
            _error(name, orphan.describe())
        return corrected


def _say(message: str) -> None:
    from tui.ingest.clean import clean_inline

    print(f"argview: {clean_inline(message)}", file=sys.stderr)


def _shown(name: str) -> str:
    from tui.ingest.clean import clean_inline

    return clean_inline(name) or repr(name)


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__


def _corrections_out(args: argparse.Namespace) -> int:
    """Every corrected article in the eval gold format, one JSON line each, written atomically."""
    from tui.export import check_target, write_atomic
    from tui.reading.store import ReadingStore

    output = None if args.corrections_out == "-" else args.corrections_out
    if output is not None:
        if output == "":
            _error(output, "cannot write: the file name is empty")
            return EXIT_SOURCE
        try:
            check_target(output, force=args.force)
        except OSError as err:
            _error(output, _cannot_write(err))
            return EXIT_SOURCE
    elif sys.stdout is None:
        raise StdoutError("standard output is closed")
    store = ReadingStore.open(create=False)
    if store.problem:
        _say(store.problem)
    lines: list[str] = []
    status = EXIT_OK
    for sha, name, reading in store.corrected():
        try:
            line = _gold_line(args, store, sha, name, reading)
        except Exception as err:  # noqa: BLE001 - one article must not stop the others
            line = f"internal error: {type(err).__name__}: {_one_line(err)}"
        if line.startswith("{"):
            lines.append(line)
        else:
            _error(name or sha[:16], f"not written: {line}")
            status = EXIT_SOURCE
    text = "".join(line + "\n" for line in lines)
    if output is None:
        _write_stdout(text)
        return status
    try:
        write_atomic(output, text, force=args.force)
    except OSError as err:
        _error(output, _cannot_write(err))
        return EXIT_SOURCE
    if not lines and status == EXIT_OK:
        _error(output, "no corrected articles yet: wrote an empty file")
    return status


def _gold_line(args: argparse.Namespace, store: Any, sha: str, name: str, reading: Any) -> str:
    """The article's gold line as JSON, or why it cannot be written. A local source is read again
    when it is still there unchanged (the analysis the reader corrected); else (a URL, standard
    input, a moved or changed file) the text kept with the edits is analysed, and the edits find
    their words in it again."""
    import json as json_

    from tui.ingest import SourceError, ingest_bytes, read_source
    from tui.ingest.sources import RawSource
    from tui.analysis import analyse
    from tui.reading.apply import apply_reading, locate
    from tui.reading.gold import gold_document
    from tui.reading.model import NOT_ARGUMENT

    from tui.ingest.sources import is_url

    analysis = None
    if name and name != "-" and not is_url(name):  # nothing is fetched: what was kept is used
        try:
            raw = read_source(name, **_source_options(args))
            if raw.sha256 == sha:
                analysis = analyse(*ingest_bytes(raw))
        except SourceError:
            pass
    if analysis is None:
        kept = store.text(sha)
        if kept is None:
            return "the article is no longer where it was read and its text was not kept"
        source, doc = ingest_bytes(RawSource(name=name or "-", data=kept.encode("utf-8"), format_hint="text", sha256=sha))
        analysis = analyse(source, doc)
    corrected, orphans = apply_reading(analysis, reading.model_copy(update={"notes": []}))
    for orphan in orphans:
        _error(name or sha[:16], orphan.describe())
    removed = [where for e in reading.edits if e.kind == "role" and e.role == NOT_ARGUMENT
               for where in [locate(analysis.text, e.anchor)] if where is not None]
    return json_.dumps(gold_document(corrected, not_argument=removed), ensure_ascii=False)


def _forget(args: argparse.Namespace) -> int:
    """Remove what is kept for a source: the article with its bytes' sha256 and any article last
    opened under that name (an older version of the file)."""
    from tui.ingest import SourceError, read_source
    from tui.ingest.sources import is_url
    from tui.reading.paths import store_path
    from tui.reading.store import ReadingStore, StoreError

    name = args.forget
    if not store_path().exists():
        _write_stdout(f"nothing is kept for {_shown(name)}\n")
        return EXIT_OK
    store = ReadingStore.open()
    if store.problem:
        _say(store.problem)
        if store.read_only:
            return EXIT_SOURCE
    shas = set(store.find(name))
    if not is_url(name) and name != "-":  # never fetch a page just to forget it
        try:
            shas.add(read_source(name, **_source_options(args)).sha256)
        except SourceError as err:
            if not shas:
                _error(name, str(err))
                return EXIT_SOURCE
    try:
        forgot = [sha for sha in sorted(shas) if store.forget(sha)]
    except StoreError as err:
        _error(name, str(err))
        return EXIT_SOURCE
    if forgot:
        _write_stdout(f"forgot {_shown(name)}: its corrections, notes, bookmarks and reading position\n")
    else:
        _write_stdout(f"nothing is kept for {_shown(name)}\n")
    return EXIT_OK


def _cannot_write(err: OSError) -> str:
    import os

    from tui.export import NotRegularFileError

    if isinstance(err, FileExistsError):
        return "already exists (use --force to overwrite)"
    if isinstance(err, IsADirectoryError):
        return f"cannot write: it is a directory (to write inside it, end the name with {os.sep})"
    if isinstance(err, NotRegularFileError):
        return f"cannot write: {err.strerror} (never replaced, even with --force)"
    return f"cannot write: {err.strerror or err}"


def _run_app(args: argparse.Namespace) -> int:
    from tui.ingest import SourceError, ingest, read_source

    name = args.sources[0] if args.sources else None
    try:
        raw = read_source(name, **_source_options(args))
        source, doc = ingest(raw)  # the model (pydantic) is imported after the first paint
    except SourceError as err:
        _error(name, str(err))
        return EXIT_SOURCE
    from tui.app import ArgviewApp
    from tui.terminal import prepare_terminal

    if name == "-":
        _reattach_tty()
    prepare_terminal()
    app = ArgviewApp(source, doc)
    app.run()
    from tui.background import exit_if_work_left

    exit_if_work_left(app.return_code or EXIT_OK)  # a cancelled analysis is not waited for
    return app.return_code or EXIT_OK  # 128 + N after signal N


def _reattach_tty() -> None:
    """After reading an article from a pipe, take keyboard input from the terminal again."""
    import os

    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, closefd=False)  # replaces the consumed pipe for Textual; fd 0 stays open


if __name__ == "__main__":
    raise SystemExit(main())
