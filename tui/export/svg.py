"""The argument map drawn as SVG by Graphviz's `dot` (a separate program, not a Python package)."""

from __future__ import annotations

import shutil
import subprocess

from tui.export.dot import to_dot
from tui.model import Analysis

INSTALL_HINT = "install Graphviz: apt install graphviz (Debian, Ubuntu) or brew install graphviz (macOS)"
# dot lays out a few hundred units in seconds; a whole book's outline could take much longer
DOT_TIMEOUT = 120.0


class RenderError(OSError):
    """The picture could not be drawn. An OSError, so callers that report failed writes report
    this the same way."""


def graphviz_missing() -> str | None:
    """Why SVG cannot be drawn here (dot is not installed), or None when it can."""
    return None if shutil.which("dot") else f"drawing SVG needs Graphviz's dot, which is not installed; {INSTALL_HINT}"


def to_svg(analysis: Analysis) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise RenderError(graphviz_missing())
    try:
        done = subprocess.run(
            [dot, "-Tsvg"], input=to_dot(analysis), capture_output=True, text=True, encoding="utf-8",
            errors="replace", timeout=DOT_TIMEOUT, check=False,
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz's dot gave no picture within {DOT_TIMEOUT:.0f} s (the map is too large)") from None
    except OSError as err:
        raise RenderError(f"cannot run Graphviz's dot ({err.strerror or err})") from None
    if done.returncode != 0 or "<svg" not in done.stdout:
        reason = " ".join(done.stderr.split())[:200] or f"exit status {done.returncode}"
        raise RenderError(f"Graphviz's dot failed: {reason}")
    return done.stdout
