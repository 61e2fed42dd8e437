"""Shared fixtures: run the CLI as a user would, ingest bytes in-process, serve pages on 127.0.0.1."""

from __future__ import annotations

import http.server
import os
import shutil
import tempfile
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from collections.abc import Callable, Iterator

import pytest

from tui.analysis import analyse
from tui.ingest import Document, ingest_bytes
from tui.ingest.sources import RawSource
from tui.model import Analysis, ArgNode, Format, Source, with_parents


def pytest_configure(config: pytest.Config) -> None:
    # Derived data (the gazetteer cache) goes to a scratch folder, never the user's ~/.cache;
    # subprocesses started by tests inherit it.
    if "ARGVIEW_CACHE_DIR" not in os.environ:
        os.environ["ARGVIEW_CACHE_DIR"] = config._argview_cache = tempfile.mkdtemp(prefix="argview-test-cache-")  # type: ignore[attr-defined]  # kept on the config for pytest_unconfigure


def pytest_unconfigure(config: pytest.Config) -> None:
    scratch = getattr(config, "_argview_cache", None)
    if scratch:
        shutil.rmtree(scratch, ignore_errors=True)
        os.environ.pop("ARGVIEW_CACHE_DIR", None)


@pytest.fixture(autouse=True)
def _scratch_config(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with no settings file and an empty reading store, and never writes the
    user's (a theme chosen with `t` is saved); subprocesses inherit them."""
    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    # the reading store (corrections, notes, positions) too: never the user's own
    monkeypatch.setenv("ARGVIEW_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def held_analysis(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The app's analysis waits until the test sets the event it gets (set anyway at the end), so
    the test sees the reader while it is still analysing."""
    import tui.analysis

    release = threading.Event()
    real = tui.analysis.analyse

    def held(source, doc, progress=None):
        release.wait(120)  # a bound, never reached: the test or the teardown sets it
        return real(source, doc, progress)

    monkeypatch.setattr(tui.analysis, "analyse", held)
    yield release
    release.set()


def ingest_text(data: bytes | str, *, name: str = "test", hint: Format | None = None) -> tuple[Source, Document]:
    """Ingest bytes (or text, UTF-8 encoded) without touching the disk."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return ingest_bytes(RawSource(name=name, data=data, format_hint=hint, sha256="0" * 64))


def analyse_bytes(data: bytes | str, *, name: str = "test", hint: Format | None = None) -> Analysis:
    """Ingest and analyse bytes (or text, UTF-8 encoded) without touching the disk."""
    return analyse(*ingest_text(data, name=name, hint=hint))


@pytest.fixture
def run_argview() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m tui ARGS`` in a subprocess; returns the completed process (text mode)."""

    def run(*args: str, input: str | bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
        binary = isinstance(input, bytes)
        proc = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            input=input,
            capture_output=True,
            text=not binary,
            timeout=timeout,
            env=env,
        )
        if binary:  # keep callers simple: always hand back text
            proc.stdout = proc.stdout.decode("utf-8", "replace")
            proc.stderr = proc.stderr.decode("utf-8", "replace")
        return proc

    return run


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)  # extra headers; "Content-Length" here wins
    raw: bytes | None = None  # sent as it is instead of a reply (a lying or non-HTTP server)


@dataclass
class LocalServer:
    """A threaded HTTP server on 127.0.0.1 with a random port, serving ``pages`` by path."""

    pages: dict[str, Page] = field(default_factory=dict)
    port: int = 0
    hang: threading.Event = field(default_factory=threading.Event)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def local_server():
    server_state = LocalServer()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the stdlib's name for the GET handler
            if self.path.startswith("/hang"):
                # never answer: the client must give up on its own timeout
                server_state.hang.wait(30)
                return
            page = server_state.pages.get(self.path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            if page.raw is not None:
                self.wfile.write(page.raw)
                self.close_connection = True
                return
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            headers = {"Content-Length": str(len(page.body)), **page.headers}
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        server_state.hang.set()
        httpd.shutdown()
        httpd.server_close()


def assert_offsets_valid(analysis: Analysis) -> None:
    """Every span in the analysis lies inside ``text``; sentences are non-empty and stripped."""
    n = len(analysis.text)
    spans = [*analysis.blocks, *analysis.sections, *analysis.sentences, *analysis.arg_nodes()]
    spans += [m for e in analysis.entities for m in e.mentions]
    for span in spans:
        assert 0 <= span.start <= span.end <= n, span
    for block in analysis.blocks:
        assert block.end > block.start, block
    for sentence in analysis.sentences:
        piece = analysis.span_text(sentence)
        assert piece and piece == piece.strip(), sentence
    section_ids = {s.id for s in analysis.sections}
    assert all(s.section in section_ids for s in analysis.sentences)


def parents(analysis: Analysis) -> dict[str, ArgNode | None]:
    """Each outline unit's parent by id (None at the top level)."""
    return {node.id: parent for node, parent in with_parents(analysis.outline)}


def node_starting(analysis: Analysis, prefix: str) -> ArgNode:
    """The one outline unit whose text starts with `prefix`."""
    hits = [n for n in analysis.arg_nodes() if analysis.span_text(n).startswith(prefix)]
    assert len(hits) == 1, (prefix, [analysis.span_text(n) for n in hits])
    return hits[0]
