"""Hostile input, round two (issue 17), ingest / CLI / export side: special files, odd names,
lying servers, bad numbers, deep Markdown and page breaks. One clear line or a faithful view."""

from __future__ import annotations

import asyncio
import errno
import gzip
import json
import os
import re
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Page, analyse_bytes

from tests.pilot import record_notifications, settled
from tui.cli import main
from tui.ingest.markdown import MAX_NESTING

ARTICLE = (
    "Night trains\n\n"
    "Cities should run night trains. First, they replace short flights. "
    "Of course, some say they are slow. But a night asleep is not a night lost.\n"
)
BAD = "bad\udcff.txt"  # the name b"bad\xff.txt" as Python hands it over (PEP 383)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def run_closed(*args: str, close: int, input: bytes | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m tui ARGS` with file descriptor `close` (0 or 1) closed, as `<&-` / `>&-` do."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        stdin=subprocess.PIPE if close != 0 else None,
        stdout=subprocess.PIPE if close != 1 else None,
        stderr=subprocess.PIPE,
        input=input,
        env=env,
        timeout=60,
        preexec_fn=lambda: os.close(close),  # a test helper: no threads in the child
    )
    return subprocess.CompletedProcess(proc.args, proc.returncode, (proc.stdout or b"").decode(), proc.stderr.decode())


def _toasts_after_export(app) -> list[str]:
    """Open the app, wait for the analysis, export the first format (x, enter: Markdown); the toasts
    it showed. The app must still be running afterwards: no crash."""
    said = record_notifications(app)

    async def scenario() -> list[str]:
        async with settled(app, (100, 30)) as pilot:
            await pilot.press("x", "enter")
            await pilot.pause()
            assert app.return_code is None
            return list(said)

    return asyncio.run(scenario())


class TestSpecialFilesAreNeverReplaced:
    """Exports replace only a regular file: a device, FIFO, socket or directory is refused, even with --force."""

    @staticmethod
    def _special(tmp_path: Path, kind: str) -> Path:
        path = tmp_path / kind
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "socket":
            sock = socket.socket(socket.AF_UNIX)
            try:
                sock.bind(str(path))
            except OSError:  # the path is too long for a socket address here
                pytest.skip("cannot bind a Unix socket under tmp_path")
            finally:
                sock.close()
        elif kind == "link-to-dev-null":  # the character device, without risking the real /dev/null
            path.symlink_to(os.devnull)
        elif kind == "directory":
            path.mkdir()
        return path

    @pytest.mark.parametrize(
        ("kind", "said"),
        [
            ("fifo", "it is a named pipe (FIFO), not a regular file"),
            ("socket", "it is a socket, not a regular file"),
            ("link-to-dev-null", "it is a character device, not a regular file"),
            ("directory", "it is a directory"),
        ],
    )
    def test_force_refuses_a_special_file_in_one_line(self, capsys, article, tmp_path, kind, said):
        target = self._special(tmp_path, kind)
        before = os.lstat(target)
        status, out, err = run_cli(capsys, "--export", "md", str(article), "-o", str(target), "--force")
        assert status == 1 and out == ""
        assert err.startswith(f"argview: {target}: cannot write: {said}") and err.count("\n") == 1, err
        after = os.lstat(target)
        assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode) and after.st_ino == before.st_ino

    def test_without_force_a_fifo_is_not_called_an_existing_file(self, capsys, article, tmp_path):
        fifo = self._special(tmp_path, "fifo")
        status, _out, err = run_cli(capsys, "--export", "md", str(article), "-o", str(fifo))
        assert status == 1 and "named pipe" in err and "--force to overwrite" not in err
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)

    def test_the_shared_writer_refuses_too(self, tmp_path):
        from tui.export import NotRegularFileError, write_atomic

        fifo = self._special(tmp_path, "fifo")
        with pytest.raises(NotRegularFileError):
            write_atomic(fifo, "text", force=True)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo"]  # no temporary file left

    def test_a_regular_file_is_still_replaced_with_force(self, capsys, article, tmp_path):
        target = tmp_path / "out.md"
        target.write_text("old", encoding="utf-8")
        assert run_cli(capsys, "--export", "md", str(article), "-o", str(target), "--force")[0] == 0
        assert target.read_text(encoding="utf-8").startswith("# ")


class TestUndecodableFileNames:
    """A file name that is not UTF-8 is read, written and shown (escaped as \\xff), never a traceback."""

    def test_json_prints_every_source_around_a_bad_name(self, run_argview, article, tmp_path):
        bad = tmp_path / BAD
        bad.write_bytes(article.read_bytes())
        proc = run_argview("--json", str(article), str(bad), str(article))
        assert proc.returncode == 0 and proc.stderr == ""
        names = [json.loads(line)["source"]["name"] for line in proc.stdout.splitlines()]
        assert names == [str(article), str(tmp_path / "bad\\xff.txt"), str(article)]

    def test_an_export_named_with_a_bad_byte_is_written(self, run_argview, article, tmp_path):
        bad = tmp_path / BAD
        bad.write_bytes(article.read_bytes())
        out = tmp_path / "out\udcff.md"
        proc = run_argview("--export", "md", str(bad), "-o", str(out))
        assert proc.returncode == 0 and proc.stderr == ""
        text = out.read_text(encoding="utf-8")  # valid UTF-8: the name inside is escaped
        assert "bad\\\\xff.txt" in text  # Markdown escapes the backslash

    def test_an_error_names_the_file_escaped(self, run_argview, tmp_path):
        proc = run_argview("--json", str(tmp_path / "gone\udcff.txt"))
        assert proc.returncode == 1
        assert proc.stderr == f"argview: {tmp_path}/gone\\xff.txt: no such file\n"

    def test_the_app_exports_next_to_a_badly_named_file(self, article, tmp_path):
        from tui.app import ArgviewApp

        bad = tmp_path / BAD
        bad.write_bytes(article.read_bytes())
        messages = _toasts_after_export(ArgviewApp.from_path(str(bad)))
        assert messages == [f"Wrote {tmp_path}/bad.outline.md"], messages
        assert "bad\\\\xff.txt" in (tmp_path / "bad.outline.md").read_text(encoding="utf-8")


class TestDownloads:
    """A server that lies about its length, speaks no HTTP or compresses anyway gets a clear answer."""

    def test_a_download_cut_short_is_an_error(self, capsys, local_server):
        body = (ARTICLE * 20).encode()[:1000]
        local_server.pages["/cut.txt"] = Page(body, "text/plain", headers={"Content-Length": "100000"})
        url = local_server.url("/cut.txt")
        status, out, err = run_cli(capsys, "--json", url)
        assert (status, out) == (1, "")
        assert err == f"argview: {url}: the download was cut short: 1,000 of the 100,000 bytes the server announced arrived\n"

    def test_a_chunked_download_cut_short_is_an_error(self, capsys, local_server):
        reply = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n400\r\nCities should"
        local_server.pages["/chunked.txt"] = Page(b"", raw=reply)
        status, _out, err = run_cli(capsys, "--json", local_server.url("/chunked.txt"))
        assert status == 1 and err.endswith(": the download was cut short (the connection closed before the end)\n")

    def test_an_http_0_9_reply_is_not_shown_as_the_error(self, capsys, local_server):
        local_server.pages["/old"] = Page(b"", raw=b"Secret article text that is not an error message.\n")
        url = local_server.url("/old")
        status, _out, err = run_cli(capsys, "--json", url)
        assert status == 1 and err == f"argview: {url}: the server's reply is not HTTP\n"

    def test_a_gzip_encoded_page_is_decoded(self, capsys, local_server):
        local_server.pages["/gz.txt"] = Page(gzip.compress(ARTICLE.encode()), "text/plain", headers={"Content-Encoding": "gzip"})
        status, out, err = run_cli(capsys, "--json", local_server.url("/gz.txt"))
        assert (status, err) == (0, "")
        assert "Cities should run night trains." in json.loads(out)["text"]

    def test_a_gzip_bomb_stops_at_the_size_limit(self, capsys, local_server):
        local_server.pages["/bomb.txt"] = Page(gzip.compress(b"a " * 5_000_000), "text/plain", headers={"Content-Encoding": "gzip"})
        status, _out, err = run_cli(capsys, "--json", "--max-size", "1", local_server.url("/bomb.txt"))
        assert status == 1 and "over the 1.0 MB limit" in err

    @pytest.mark.parametrize("encoding", ["gzip", "deflate"])
    def test_a_compressed_page_cut_short_is_an_error(self, capsys, local_server, encoding):
        import zlib

        whole = gzip.compress((ARTICLE * 50).encode()) if encoding == "gzip" else zlib.compress((ARTICLE * 50).encode())
        local_server.pages["/cut.txt"] = Page(whole[: len(whole) // 2], "text/plain", headers={"Content-Encoding": encoding})
        status, out, err = run_cli(capsys, "--json", local_server.url("/cut.txt"))
        assert (status, out) == (1, "")
        assert err.endswith(": the download was cut short (the compressed data stops before its end)\n")

    def test_a_deflate_page_is_decoded(self, capsys, local_server):
        import zlib

        local_server.pages["/z.txt"] = Page(zlib.compress(ARTICLE.encode()), "text/plain", headers={"Content-Encoding": "deflate"})
        status, out, err = run_cli(capsys, "--json", local_server.url("/z.txt"))
        assert (status, err) == (0, "") and "Cities should run night trains." in json.loads(out)["text"]

    def test_an_unknown_encoding_is_named(self, capsys, local_server):
        local_server.pages["/br.txt"] = Page(ARTICLE.encode(), "text/plain", headers={"Content-Encoding": "br"})
        status, _out, err = run_cli(capsys, "--json", local_server.url("/br.txt"))
        assert status == 1 and err.endswith(": the server sent it compressed as 'br', which Argview cannot read\n")

    def test_a_malformed_url_is_a_source_error(self, capsys):
        status, _out, err = run_cli(capsys, "--json", "http://[127.0.0.1")
        assert status == 1 and err == "argview: http://[127.0.0.1: it is not a valid URL (Invalid IPv6 URL)\n"


class TestBadNumbersAndStreams:
    """inf, nan, huge or tiny numbers and closed or full streams get one line, never 'internal error'."""

    @pytest.mark.parametrize("value", ["inf", "nan", "1e30", "-1", "0"])
    def test_max_size_out_of_range_is_a_usage_error(self, run_argview, article, value):
        proc = run_argview("--json", "--max-size", value, str(article))
        assert proc.returncode == 2 and proc.stdout == ""
        assert "--max-size takes a number of megabytes above 0 and up to 1024" in proc.stderr
        assert "internal error" not in proc.stderr

    def test_max_size_under_one_byte_is_a_usage_error(self, run_argview, article):
        proc = run_argview("--json", "--max-size", "1e-9", str(article))
        assert proc.returncode == 2 and "--max-size 1e-09 MB is less than one byte" in proc.stderr

    def test_a_limit_under_a_kilobyte_is_said_in_bytes(self, capsys, article):
        status, _out, err = run_cli(capsys, "--json", "--max-size", "0.00005", str(article))  # 52 bytes
        assert status == 1 and f"it is {len(ARTICLE)} bytes, over the 52 bytes limit" in err

    @pytest.mark.parametrize("value", ["inf", "nan", "1e30"])
    def test_timeout_out_of_range_is_a_usage_error(self, run_argview, value):
        proc = run_argview("--json", "--timeout", value, "http://127.0.0.1:9/")
        assert proc.returncode == 2 and "--timeout takes a number of seconds" in proc.stderr
        assert "internal error" not in proc.stderr

    def test_stdin_closed(self):
        proc = run_closed("--json", "-", close=0)
        assert proc.returncode == 1 and proc.stdout == ""
        assert proc.stderr == "argview: -: there is no standard input to read\n"

    @pytest.mark.parametrize("argv", [["--json", "ARTICLE"], ["--export", "md", "ARTICLE"], ["--schema"]])
    def test_stdout_closed(self, article, argv):
        proc = run_closed(*[str(article) if a == "ARTICLE" else a for a in argv], close=1)
        assert proc.returncode == 1 and proc.stderr == "argview: standard output is closed\n"

    @pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
    @pytest.mark.parametrize("argv", [["--json", "ARTICLE"], ["--export", "md", "ARTICLE"], ["--schema"]])
    def test_stdout_full(self, article, argv):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run(
                [sys.executable, "-m", "tui", *[str(article) if a == "ARTICLE" else a for a in argv]],
                stdout=full, stderr=subprocess.PIPE, timeout=60, env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            )
        assert proc.returncode == 1
        assert proc.stderr.decode() == "argview: cannot write to standard output: No space left on device\n"


class TestExportNames:
    """Long names, a trailing slash and an empty name do what a user expects."""

    def test_a_name_near_the_length_limit_is_written(self, capsys, article, tmp_path):
        target = tmp_path / ("n" * 250 + ".md")  # 253 bytes: the old temporary name was longer than 255
        status, _out, err = run_cli(capsys, "--export", "md", str(article), "-o", str(target))
        assert (status, err) == (0, "") and target.read_text(encoding="utf-8").startswith("# ")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([article.name, target.name])

    def test_a_trailing_slash_writes_inside_the_directory(self, capsys, article, tmp_path):
        folder = tmp_path / "exports"
        folder.mkdir()
        status, _out, err = run_cli(capsys, "--export", "argdown", str(article), "-o", f"{folder}/")
        assert (status, err) == (0, "")
        assert [p.name for p in folder.iterdir()] == ["article.argdown"]

    def test_a_trailing_slash_on_a_missing_directory_is_refused(self, capsys, article, tmp_path):
        status, _out, err = run_cli(capsys, "--export", "md", str(article), "-o", f"{tmp_path}/newdir/")
        assert status == 1 and err == f"argview: {tmp_path}/newdir/: cannot write: no such directory\n"
        assert not (tmp_path / "newdir").exists()

    def test_a_directory_without_slash_says_how_to_write_inside(self, capsys, article, tmp_path):
        status, _out, err = run_cli(capsys, "--export", "md", str(article), "-o", str(tmp_path))
        assert status == 1 and err == f"argview: {tmp_path}: cannot write: it is a directory (to write inside it, end the name with /)\n"

    def test_an_empty_output_name(self, capsys, article):
        status, _out, err = run_cli(capsys, "--export", "md", str(article), "-o", "")
        assert status == 1 and err == "argview: '': cannot write: the file name is empty\n"

    def test_a_failed_write_names_the_target_not_the_temporary_file(self, article, tmp_path, monkeypatch):
        import tempfile

        from tui.export import write_atomic

        target = tmp_path / "out.md"

        def denied(*args, dir=None, **kwargs):  # what mkstemp raises in a directory we may not write
            raise PermissionError(errno.EACCES, "Permission denied", os.path.join(dir, ".out.md.x1y2z3.tmp"))

        monkeypatch.setattr(tempfile, "mkstemp", denied)
        with pytest.raises(PermissionError) as raised:
            write_atomic(target, "text")
        assert raised.value.filename == str(target) and ".tmp" not in str(raised.value)


    def test_a_failed_export_in_the_app_names_the_target(self, article, tmp_path, monkeypatch):
        import tempfile

        from tui.app import ArgviewApp

        def denied(*args, dir=None, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied", os.path.join(dir, ".x.outline.md.abc123.tmp"))

        monkeypatch.setattr(tempfile, "mkstemp", denied)
        messages = _toasts_after_export(ArgviewApp.from_path(str(article)))
        assert messages == [f"Export failed: [Errno 13] Permission denied: '{tmp_path}/article.outline.md'"], messages


class TestNamesTakenLiterally:
    """A name is the file the shell passed: no '~' expansion, '-' read once, '' named as empty."""

    def test_a_file_named_tilde_root(self, capsys, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("~root").write_text(ARTICLE, encoding="utf-8")
        status, out, err = run_cli(capsys, "--json", "~root")
        assert (status, err) == (0, "") and json.loads(out)["source"]["name"] == "~root"

    def test_stdin_given_twice(self, run_argview):
        proc = run_argview("--json", "-", "-", input=ARTICLE)
        assert proc.returncode == 1 and len(proc.stdout.splitlines()) == 1
        assert proc.stderr == "argview: -: standard input was already read for an earlier '-'\n"

    def test_an_empty_file_name(self, capsys):
        status, _out, err = run_cli(capsys, "--json", "")
        assert status == 1 and err == "argview: '': the file name is empty\n"


def _texts(analysis) -> list[tuple[str, str]]:
    return [(b.kind, analysis.text[b.start:b.end]) for b in analysis.blocks]


class TestDeepMarkdown:
    """Markdown nested deeper than the parser goes keeps every word, in order, and says so."""

    AFTER = "\n\nAfter the list stands a plain paragraph.\n\n## Next section\n\nCities should act now.\n"

    def test_a_list_nested_ten_levels(self):
        text = "".join("  " * i + f"- item {chr(97 + i)}\n" for i in range(10)) + self.AFTER
        a = analyse_bytes(text, hint="markdown")
        blocks = _texts(a)
        assert [t for k, t in blocks if k == "list_item"] == [f"item {chr(97 + i)}" for i in range(10)]
        assert blocks[-3:] == [
            ("paragraph", "After the list stands a plain paragraph."),
            ("heading", "Next section"),
            ("paragraph", "Cities should act now."),
        ]
        assert a.caveats == [] and a.dropped == []

    def test_a_quote_nested_twenty_levels(self):
        text = "> " * 20 + "A deep quoted claim.\n\nAfter the quote.\n"
        blocks = _texts(analyse_bytes(text, hint="markdown"))
        assert blocks == [("quote", "A deep quoted claim."), ("paragraph", "After the quote.")]

    @pytest.mark.parametrize("shape", ["quote", "list"])
    def test_past_the_parser_limit_the_text_is_kept_with_a_note(self, shape):
        depth = MAX_NESTING + 30
        if shape == "quote":
            deep = "> " * depth + "The deepest words.\n"
        else:
            deep = "".join("  " * i + f"- level{i}\n" for i in range(depth))
        text = "Intro paragraph.\n\n" + deep + self.AFTER
        a = analyse_bytes(text, hint="markdown")
        words = a.text.split()
        expected = ["The", "deepest", "words."] if shape == "quote" else [f"level{i}" for i in range(depth)]
        assert [w for w in words if w in expected] == expected  # every word, in order
        assert _texts(a)[-3:] == [
            ("paragraph", "After the list stands a plain paragraph."),
            ("heading", "Next section"),
            ("paragraph", "Cities should act now."),
        ]
        assert any("nested deeper than" in note for note in a.caveats), a.caveats


class TestSeparatorsAreWhitespace:
    """Form feed, vertical tab and Unicode line/paragraph separators break lines; they never glue words."""

    @pytest.mark.parametrize("sep", ["\f", "\v", "\u2028", "\u2029", "\x85", "\x1c"])
    @pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
    def test_a_separator_between_sentences(self, sep, fmt):
        body = f"The first sentence ends here.{sep}Form feeds once split pages."
        data = f"<html><body><article><p>{body}</p></article></body></html>" if fmt == "html" else body
        a = analyse_bytes(data.encode("utf-8"), hint=fmt)  # type: ignore[arg-type]  # fmt: a Format from the parametrize list
        assert re.search(r"here\.\s+Form feeds", a.text), repr(a.text)

    def test_a_separator_in_a_file_name_shown_in_an_error(self, capsys, tmp_path):
        status, _out, err = run_cli(capsys, "--json", str(tmp_path / "a\fb.txt"))
        assert status == 1 and err == f"argview: {tmp_path}/a b.txt: no such file\n"

