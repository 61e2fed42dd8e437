"""Command line: open the app, or print the analysis as JSON Lines / JSON Schema / exports."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from tui import __version__

EXIT_OK, EXIT_SOURCE, EXIT_USAGE = 0, 1, 2
EXPORT_FORMATS = ("md", "argdown", "aif", "json")  # = tui.export.FORMATS, kept here so --help stays light


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
    mode.add_argument(
        "--export", choices=EXPORT_FORMATS, metavar="FORMAT",
        help="print SOURCE's argument as md (Markdown outline), argdown, aif (AIF JSON) or json",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="with --export: write FILE (atomically) instead of printing")
    parser.add_argument("--force", action="store_true", help="with --output: overwrite FILE if it exists")
    parser.add_argument(
        "--max-size", type=float, default=None, metavar="MB",
        help="refuse sources larger than this many megabytes (default: 10)",
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


def _print_json(args: argparse.Namespace) -> int:
    from tui.ingest import SourceError
    from tui.pipeline import analyse_source

    status = EXIT_OK
    out = sys.stdout
    for name in args.sources or [None]:
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
        analysis.write_json(out.write)  # in pieces: the JSON of a 10 MB text can be 250 MB
        out.write("\n")
    out.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.max_size is not None and args.max_size <= 0:
        parser.error("--max-size must be a positive number of megabytes")
    if args.timeout is not None and not args.timeout > 0:
        parser.error("--timeout must be a positive number of seconds")
    if (args.output is not None or args.force) and not args.export:
        parser.error("-o/--output and --force go with --export")
    try:
        if args.schema:
            from tui.model import Analysis

            print(json.dumps(Analysis.json_schema(), indent=2))
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
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as err:  # noqa: BLE001 - the user gets one line, never a traceback
        print(f"argview: internal error: {type(err).__name__}: {err}", file=sys.stderr)
        return EXIT_SOURCE


def _export(args: argparse.Namespace) -> int:
    import os

    from tui.export import export_to_file, render
    from tui.ingest import SourceError
    from tui.pipeline import analyse_source

    name = args.sources[0] if args.sources else None
    output = None if args.output in (None, "-") else args.output
    exists = "already exists (use --force to overwrite)"
    if output is not None and os.path.isdir(output):  # checked before the analysis: fail fast
        _error(output, "cannot write: is a directory")
        return EXIT_SOURCE
    if output is not None and not args.force and os.path.lexists(output):
        _error(output, exists)
        return EXIT_SOURCE
    try:
        analysis = analyse_source(name, **_source_options(args))
    except SourceError as err:
        _error(name, str(err))
        return EXIT_SOURCE
    if output is None:
        sys.stdout.write(render(analysis, args.export))
        sys.stdout.flush()
        return EXIT_OK
    try:
        export_to_file(analysis, args.export, output, force=args.force)
    except FileExistsError:
        _error(output, exists)
        return EXIT_SOURCE
    except OSError as err:
        _error(output, f"cannot write: {err.strerror or err}")
        return EXIT_SOURCE
    return EXIT_OK


def _run_app(args: argparse.Namespace) -> int:
    from tui.ingest import SourceError, ingest_bytes, read_source

    name = args.sources[0] if args.sources else None
    try:
        raw = read_source(name, **_source_options(args))
        source, doc = ingest_bytes(raw)
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
    sys.stdin = open(0, closefd=False)  # noqa: SIM115 - replaces the consumed pipe for Textual


if __name__ == "__main__":
    raise SystemExit(main())
