"""(6) Launch → the article's first line on screen, in a real terminal, as a reader waits for it.

Every subject is started as its own process in a tmux pane of 120x36 (a real pseudo-terminal,
imports and interpreter start-up included) and the clock stops when a known line of its text is
on the screen that tmux keeps (`capture-pane`, polled every few milliseconds). Subjects are run
interleaved, rep by rep, so a busy moment of a shared machine hits them all alike; medians.

Baselines in the same run: an empty Textual app showing one `Static`, and toolong on the same
1 MB file when ARGVIEW_PEERS_PYTHON names an interpreter that has it (peers pin older Textual
releases). Also `argview --json` on a one-line file against `python -c "import textual.app"`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import MB, Table, corpus, median
from benchmarks.paint import PEERS_PYTHON_ENV, installed, peer_python

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 36)
SOCKET = f"argview-bench-{os.getpid()}"
HOLMES = ROOT.parent / "shared" / "bench" / "holmes.txt"
POLL = 0.004
_NO_CONFIG = os.devnull  # an empty settings folder while `run` times (set there)
LIMIT = 60.0

EMPTY_APP = """
import sys
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static(sys.argv[1])

Empty().run()
"""


def _tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)


def _piece(line: str, width: int) -> str:
    """The line's words, cut at a word to at most `width` characters: short enough for one row."""
    joined = " ".join(line.split())
    return joined if len(joined) <= width else joined[:width].rsplit(" ", 1)[0]


def _text_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8-sig", errors="replace").splitlines() if line.strip()]


def first_line(path: Path) -> str:
    """A piece of the file's first line of text."""
    lines = _text_lines(path)
    if not lines:
        raise ValueError(f"{path}: no text")
    return _piece(lines[0], 40)


def last_line(path: Path) -> str:
    """A piece of the file's last line of text: toolong opens a file at its end, as `tail` does."""
    return _piece(_text_lines(path)[-1], 30)


def _cpu_seconds(pid: str) -> float:
    """User + system CPU time of a running process (Linux /proc; NaN elsewhere), 10 ms ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def time_to_screen(command: list[str], marker: str) -> tuple[float, float]:
    """Wall seconds from starting `command` in a fresh tmux window until `marker` is on its
    screen, and the CPU seconds the process had used by then (steadier on a busy machine)."""
    name = f"w{time.monotonic_ns()}"
    # no settings file: a theme saved in ~/.config/argview would be a cost the baseline never pays
    env = {"ARGVIEW_PEERS_PYTHON": "", "PYTHONPATH": str(ROOT), "ARGVIEW_CONFIG_DIR": _NO_CONFIG}
    shell = " ".join(f"{k}={v!r}" for k, v in env.items()) + " exec " + " ".join(map(_quote, command))
    t0 = time.perf_counter()
    _tmux("new-window", "-d", "-n", name, shell)
    try:
        pid = _tmux("display-message", "-p", "-t", name, "#{pane_pid}").stdout.strip()
        while True:
            screen = _tmux("capture-pane", "-p", "-t", name).stdout
            elapsed = time.perf_counter() - t0
            if marker in screen:
                return elapsed, _cpu_seconds(pid)
            if elapsed > LIMIT:
                return float("nan"), float("nan")
            time.sleep(POLL)
    finally:
        _tmux("kill-window", "-t", name)


def _quote(s: str) -> str:
    return "'" + s.replace("'", "'\\''") + "'"


def _start_server() -> None:
    # one long-lived session keeps the server up, so no launch pays tmux's own start-up
    _tmux("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(SIZE[0]), "-y", str(SIZE[1]), "sleep 3600")


def _timed(command: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - t0


def run(quick: bool = False) -> dict[str, float]:
    if shutil.which("tmux") is None:
        print("(6) launch: tmux is not installed (apt-get install tmux); skipped\n")
        return {}
    reps = 3 if quick else 5
    py = sys.executable
    # An installed argview has its bytecode compiled (pip and pipx do it at install time); a
    # checkout run with PYTHONDONTWRITEBYTECODE=1 would compile every module at every launch
    # (~30 ms of the first paint), a cost no user pays. Textual, from site-packages, has its own.
    compileall.compile_dir(ROOT / "tui", quiet=1)
    results: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    global _NO_CONFIG
    with tempfile.TemporaryDirectory(prefix="argview-launch-") as tmp:
        _NO_CONFIG = str(Path(tmp) / "config")
        Path(_NO_CONFIG).mkdir()
        essay = ROOT / "data" / "kazakhstan-opportunity.txt"
        big = Path(tmp) / "generated-1mb.txt"
        big.write_bytes(corpus(1 * MB, seed=11))
        subjects: list[tuple[str, list[str], str]] = [
            ("empty Textual app (baseline)", [py, "-c", EMPTY_APP, "Ready when you are"], "Ready when you are"),
            (f"argview, sample ({essay.stat().st_size // 1000} KB)", [py, "-m", "tui", str(essay)], first_line(essay)),
            ("argview, generated 1 MB", [py, "-m", "tui", str(big)], first_line(big)),
        ]
        if HOLMES.exists():
            holmes_100k = Path(tmp) / "holmes-100k.txt"
            holmes_100k.write_bytes(HOLMES.read_bytes()[:100_000].rsplit(b"\n", 1)[0])
            subjects.append(("argview, holmes first 100 KB", [py, "-m", "tui", str(holmes_100k)], first_line(holmes_100k)))
            subjects.append((f"argview, holmes.txt ({HOLMES.stat().st_size // 1000} KB)", [py, "-m", "tui", str(HOLMES)],
                             first_line(HOLMES)))
        peers_note = None
        if os.environ.get(PEERS_PYTHON_ENV) and installed("toolong"):
            tl = [peer_python("toolong"), "-c", "import sys; from toolong.cli import run; sys.argv[0] = 'tl'; run()"]
            subjects.append(("toolong, generated 1 MB (opens at the end)", [*tl, str(big)], last_line(big)))
        else:
            peers_note = f"toolong not timed: set {PEERS_PYTHON_ENV} to an interpreter that has it"
        _start_server()
        try:
            for _ in range(reps):
                for name, command, marker in subjects:
                    wall, used = time_to_screen(command, marker)
                    results.setdefault(name, []).append(wall)
                    cpu.setdefault(name, []).append(used)
        finally:
            _tmux("kill-server")
        one_line = Path(tmp) / "one-line.txt"
        one_line.write_text("Cities should plant more trees because shade saves lives.\n", encoding="utf-8")
        json_runs = {"python -c 'import textual.app' (baseline)": [py, "-c", "import textual.app"],
                     "argview --json one-line file": [py, "-m", "tui", "--json", str(one_line)]}
        for _ in range(reps):
            for name, command in json_runs.items():
                results.setdefault(name, []).append(_timed(command))

    fig = {name: median(times) for name, times in results.items()}
    cpu_fig = {name: median(times) for name, times in cpu.items()}
    base = fig["empty Textual app (baseline)"]
    cpu_base = cpu_fig["empty Textual app (baseline)"]
    table = Table(f"(6) Launch to the first line on screen, real process in tmux {SIZE[0]}x{SIZE[1]} "
                  f"(median of {reps}, interleaved)", ["subject", "seconds", "vs empty app", "CPU s", "CPU vs empty app"])
    for name, _command, _marker in subjects:
        table.add(name, fig[name], f"{fig[name] / base:.2f}x", cpu_fig[name], f"{cpu_fig[name] / cpu_base:.2f}x")
    json_base = fig["python -c 'import textual.app' (baseline)"]
    for name in json_runs:
        table.add(name, fig[name], f"{fig[name] / json_base:.2f}x (vs import textual.app)", "", "")
    if peers_note:
        table.notes.append(peers_note)
    table.notes.append("targets (issue 13): ≤ 100 KB article ≤ 1.4x the empty app; 1 MB ≤ toolong; --json ≤ 2x import textual.app")
    table.notes.append("argview's modules are byte-compiled first, as an installation has them")
    table.notes.append("CPU s: the process's user+system time when the line was seen (/proc, 10 ms ticks): "
                       "what a busy machine changes least; it includes a few ms of work after the paint")
    table.print()
    return fig


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks launch", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="three launches per subject (default: five)")
    run(p.parse_args(argv).quick)


if __name__ == "__main__":
    main()
