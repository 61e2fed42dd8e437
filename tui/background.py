"""Long work off the event loop, in a daemon thread that quitting never waits for.

Textual's thread workers run in the event loop's executor, which `asyncio.run` joins on exit: a
reader who quits while a 3 MB text is analysed got the shell back only when the analysis ended,
18–20 s later. Here the thread is a daemon (the process exits without it) and cancelling the
awaiting task sets a flag the work checks at each progress report, so it stops there too.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from typing import Any, TypeVar
from collections.abc import Callable

T = TypeVar("T")
_running: set[threading.Thread] = set()


class Cancelled(Exception):
    """Raised inside the work at its next check once the awaiting task was cancelled."""


class CancelFlag:
    """Set when the work is no longer wanted; `check()` is cheap enough for every progress report."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled


async def run_in_daemon_thread(work: Callable[[CancelFlag], T], name: str = "argview-work") -> T:
    """Await `work(flag)` run in a daemon thread; cancelling the await sets the flag."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()
    flag = CancelFlag()

    def settle(ok: bool, value: Any) -> None:  # the result (a T) when ok, else the exception
        if not future.done():
            future.set_result(value) if ok else future.set_exception(value)

    def run() -> None:
        try:
            result: object = work(flag)
            ok = True
        except BaseException as err:  # noqa: BLE001 - handed to the awaiting task
            result, ok = err, False
        try:
            loop.call_soon_threadsafe(settle, ok, result)
        except RuntimeError:  # the loop has closed: nobody is waiting any more
            pass
        finally:
            _running.discard(threading.current_thread())

    thread = threading.Thread(target=run, name=name, daemon=True)
    _running.add(thread)
    thread.start()
    try:
        return await future
    except asyncio.CancelledError:
        flag.set()
        raise


def exit_if_work_left(code: int) -> None:
    """End the process now if cancelled work is still finishing a step: interpreter shutdown
    would share the processor with it and then free its millions of objects (about a second
    after quitting a 3 MB text). Output is flushed first; files are only ever written atomically."""
    if any(thread.is_alive() for thread in list(_running)):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)
