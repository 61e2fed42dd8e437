"""The terminal around the app: what Textual leaves to us before, during and after a run.

* Output is UTF-8 whatever the locale: Textual draws on stderr, which Python opens as ASCII under
  `LC_ALL=C` and writes box-drawing characters as `\\u2578` text.
* The terminal's own size wins over exported `COLUMNS`/`LINES`, which `shutil` reads first.
* Every signal that ends the app (SIGTERM, SIGHUP, SIGINT) exits through Textual, which restores
  the screen, cursor and mouse modes; Python's default for SIGTERM kills the process mid-frame.
* After SIGTSTP and `fg` the whole screen is painted again (Textual redrew only what changed, so
  a resumed screen could stay blank until a key was pressed), and suspend and resume run from
  the event loop rather than nested inside each other's signal handlers.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from textual.app import App

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


def prepare_terminal() -> None:
    """Before the app starts: UTF-8 on the stream Textual draws on, and the real size."""
    stream = sys.__stderr__
    if stream is None or not _isatty(stream):
        return
    if (stream.encoding or "").replace("-", "").lower() != "utf8":
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError, OSError):
            pass
    # shutil.get_terminal_size() believes these before asking the terminal; a shell that
    # exported them once (or a script) would make the app draw for the wrong size.
    if sys.__stdout__ is not None and _isatty(sys.__stdout__):
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)


def _isatty(stream: TextIO) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return False


def watch_signals(app: App[Any]) -> None:
    """Exit cleanly on an ending signal; suspend and resume from the event loop, repainting all.

    Only for a real terminal: a headless (test) app leaves the process's handlers alone.
    """
    if app.is_headless:
        return
    loop = asyncio.get_running_loop()
    for sig in ENDING_SIGNALS:
        try:
            loop.add_signal_handler(sig, app.exit, None, 128 + sig)  # exit(result, return_code)
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or no such signal here
            pass
    # Textual suspends and resumes the terminal inside Python signal handlers, which run between
    # any two bytecodes of the main thread: one that lands while the main thread holds a lock
    # the resume needs (starting the input thread) hangs the app on a blank screen. From the
    # event loop the same work runs at a safe point.
    driver = getattr(app, "_driver", None)
    for sig, name in ((signal.SIGTSTP, "_sigtstp_application"), (signal.SIGCONT, "_sigcont_application")):
        handler = getattr(driver, name, None)
        if handler is not None:
            try:
                loop.add_signal_handler(sig, handler)
            except (ValueError, RuntimeError, NotImplementedError):
                pass
    app.app_resume_signal.subscribe(app, _repaint)


def _repaint(app: App[Any]) -> None:
    """Back from a suspend the terminal shows a blank alternate screen, but Textual redraws only
    what changed since its last frame: draw the whole frame once things have settled."""

    def full_frame() -> None:
        screen = app.screen
        try:
            update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
            app._display(screen, update)
        except AttributeError:  # Textual's internals moved: a plain refresh is the next best thing
            app.refresh(layout=True)

    app.call_after_refresh(full_frame)

