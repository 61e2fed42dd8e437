"""Where bytes come from: files (format by extension), standard input, URLs on a local server."""

from __future__ import annotations

import json
import time

import pytest
from conftest import Page

from tui.ingest import SourceError, read_source
from tui.pipeline import analyse_source

ARTICLE = "A Local Article\n\nThe server on this machine serves a short argument. It has two sentences.\n"


def test_format_is_chosen_by_extension(tmp_path):
    body = "# Heading\n\nText.\n"
    (tmp_path / "a.md").write_text(body)
    (tmp_path / "a.txt").write_text(body)
    assert analyse_source(str(tmp_path / "a.md")).source.format == "markdown"
    assert analyse_source(str(tmp_path / "a.txt")).source.format == "text"


def test_sha256_is_of_the_raw_bytes(tmp_path):
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    assert analyse_source(str(path)).source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_stdin_with_dash(run_argview):
    proc = run_argview("--json", "-", input=ARTICLE)
    assert proc.returncode == 0, proc.stderr
    a = json.loads(proc.stdout)
    assert a["source"]["name"] == "-"
    assert a["title"] == "A Local Article"
    assert a["source"]["format"] == "text"


def test_stdin_markdown_is_sniffed(run_argview):
    proc = run_argview("--json", "-", input="# From a Pipe\n\nSome **bold** words and a [link](http://x.org).\n\n## More\n\n- one\n")
    a = json.loads(proc.stdout)
    assert a["source"]["format"] == "markdown"
    assert a["title"] == "From a Pipe"


def test_empty_stdin_is_an_error(run_argview):
    proc = run_argview("--json", "-", input="")
    assert proc.returncode == 1
    assert proc.stderr.strip() == "argview: -: it is empty"


def test_url_on_a_local_server(local_server):
    local_server.pages["/article.txt"] = Page(ARTICLE.encode(), "text/plain; charset=utf-8")
    local_server.pages["/page"] = Page(b"<html><head><title>Served Page</title></head><body><article>"
                                       b"<p>This paragraph is the whole article and it says enough to be kept by the extractor, "
                                       b"which wants a little more text than a single short line before it trusts a page.</p>"
                                       b"</article></body></html>")
    a = analyse_source(local_server.url("/article.txt"))
    assert a.title == "A Local Article" and a.source.format == "text"
    assert a.source.name == local_server.url("/article.txt")
    b = analyse_source(local_server.url("/page"))
    assert b.source.format == "html"  # from the Content-Type, not the path
    assert "whole article" in b.text


def test_url_via_cli(local_server, run_argview):
    local_server.pages["/a.md"] = Page(b"# Served Markdown\n\nBody.\n", "text/markdown")
    proc = run_argview("--json", local_server.url("/a.md"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["title"] == "Served Markdown"


def test_url_404_is_a_clear_error(local_server):
    with pytest.raises(SourceError, match="the server answered 404"):
        read_source(local_server.url("/missing"))


def test_url_with_non_text_content_type(local_server):
    local_server.pages["/logo.png"] = Page(b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    with pytest.raises(SourceError, match="the server sent image/png, not a text page"):
        read_source(local_server.url("/logo.png"))


def test_url_that_never_answers_times_out(local_server):
    started = time.monotonic()
    with pytest.raises(SourceError, match=r"no answer within 0\.5 s"):
        read_source(local_server.url("/hang"), timeout=0.5)
    assert time.monotonic() - started < 10  # bounded: it did not wait for the server


def test_url_that_never_answers_via_cli(local_server, run_argview):
    proc = run_argview("--json", "--timeout", "0.5", local_server.url("/hang"))
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "no answer within 0.5 s" in proc.stderr


def test_unreachable_url():
    # port 9 on 127.0.0.1 ("discard") has no listener here: the connection is refused at once
    with pytest.raises(SourceError, match="cannot reach it"):
        read_source("http://127.0.0.1:9/article", timeout=2)


def test_url_over_the_size_limit(local_server):
    local_server.pages["/big.txt"] = Page(b"word " * 1000, "text/plain")
    with pytest.raises(SourceError, match="over the 1 KB limit"):
        read_source(local_server.url("/big.txt"), max_bytes=1024)


def test_url_charset_from_content_type(local_server):
    body = "Заголовок\n\nТекст статьи в кодировке KOI8-R, которую объявляет сервер.\n"
    local_server.pages["/koi8"] = Page(body.encode("koi8-r"), "text/plain; charset=KOI8-R")
    a = analyse_source(local_server.url("/koi8"))
    assert a.title == "Заголовок" and a.source.encoding == "koi8-r"
