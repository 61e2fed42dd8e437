"""Command line: open the app, or print the analysis as JSON Lines / JSON Schema / exports."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

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
    parser.add_argument("-o", "--output", metavar="FILE", help="with --export: write FILE (atomically) instead of printing; DIR/ writes inside DIR")
    parser.add_argument("--force", action="store_true", help="with --output: overwrite FILE if it exists")
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
    if (args.output is not None or args.force) and not args.export:
        parser.error("-o/--output and --force go with --export")
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
