"""Hostile and broken input (issue 7), CLI side: one clear line and exit 1, or a safe best-effort view."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import Page, analyse_bytes, assert_offsets_valid

from tui.cli import main
from tui.ingest.clean import strip_controls


def run_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    status = main(["--json", *args])
    captured = capsys.readouterr()
    return status, [json.loads(line) for line in captured.out.splitlines()], captured.err


def assert_one_error_line(capsys, source: str, message: str, *extra: str) -> None:
    status, out, err = run_json(capsys, *extra, source)
    assert status == 1
    assert out == []
    assert err == f"argview: {source}: {message}\n"


# --- sources that cannot be read ---------------------------------------------------------------


def test_missing_file(capsys, tmp_path):
    assert_one_error_line(capsys, str(tmp_path / "missing.txt"), "no such file")


def test_directory(capsys, tmp_path):
    assert_one_error_line(capsys, str(tmp_path), "it is a directory, not a file")


def test_broken_symlink(capsys, tmp_path):
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    assert_one_error_line(capsys, str(link), "it is a broken symbolic link")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode; see the simulated test")
def test_permission_denied(capsys, tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Secret\n\nText.\n")
    path.chmod(0)
    assert_one_error_line(capsys, str(path), "permission denied")


def test_permission_denied_simulated(capsys, tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Secret\n\nText.\n")

    def denied(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "open", denied)
    assert_one_error_line(capsys, str(path), "permission denied")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "it is empty"),
        (b"   \n\t\n  \r\n", "it contains only whitespace"),
        ("\u200b\u200b\u202e\ufeff\n\x1b[0m".encode(), "no readable text was found in it"),
    ],
    ids=["empty", "whitespace", "invisible-only"],
)
def test_empty_files(capsys, tmp_path, content, message):
    path = tmp_path / "nothing.txt"
    path.write_bytes(content)
    assert_one_error_line(capsys, str(path), message)


def _png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")


def _zip(tmp_path: Path) -> bytes:
    target = tmp_path / "z.zip"
    with zipfile.ZipFile(target, "w") as z:
        z.writestr("article.txt", "An article inside a zip.")
    return target.read_bytes()


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("png", "this is a PNG image, not a text article"),
        ("zip", "this is a ZIP archive (or an Office document), not a text article"),
        ("nul", "this looks like a binary file (it contains NUL bytes), not a text article"),
        ("controls", "this looks like a binary file, not a text article"),
    ],
)
def test_binary_files(capsys, tmp_path, kind, message):
    data = {
        "png": _png,
        "zip": lambda: _zip(tmp_path),
        "nul": lambda: b"some words\x00and a NUL " * 50,
        "controls": lambda: bytes(range(1, 32)) * 40,
    }[kind]()
    path = tmp_path / f"file.{'txt' if kind in ('nul', 'controls') else kind}"  # extensions can lie
    path.write_bytes(data)
    assert_one_error_line(capsys, str(path), message)


def test_binary_via_subprocess_has_no_traceback(run_argview, tmp_path):
    path = tmp_path / "image.png"
    path.write_bytes(_png())
    proc = run_argview("--json", str(path))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == f"argview: {path}: this is a PNG image, not a text article\n"


def test_text_that_starts_like_a_signature_is_still_text(capsys, tmp_path):
    path = tmp_path / "bags.txt"
    path.write_text("MZ Wallace makes bags\n\nMZ Wallace makes bags, and this review says they are too dear.\n")
    status, out, _ = run_json(capsys, str(path))
    assert status == 0 and out[0]["title"] == "MZ Wallace makes bags"


def test_a_hostile_file_name_does_not_reach_the_terminal(capsys, tmp_path):
    name = str(tmp_path / "evil\x1b]0;pwned\x07\x1b[2J.txt")
    status, _, err = run_json(capsys, name)
    assert status == 1
    assert "\x1b" not in err and "\x07" not in err and err.endswith(": no such file\n")


# --- URLs ----------------------------------------------------------------------------------------


def test_unreachable_url(capsys):
    status, out, err = run_json(capsys, "--timeout", "2", "http://127.0.0.1:9/article")
    assert status == 1 and out == []
    assert err.startswith("argview: http://127.0.0.1:9/article: cannot reach it") and err.count("\n") == 1


def test_non_text_url(capsys, local_server):
    local_server.pages["/file.zip"] = Page(b"PK\x03\x04zip", "application/zip")
    url = local_server.url("/file.zip")
    assert_one_error_line(capsys, url, "the server sent application/zip, not a text page")


def test_binary_served_as_text_is_still_refused(capsys, local_server):
    local_server.pages["/lie.txt"] = Page(_png(), "text/plain")
    assert_one_error_line(capsys, local_server.url("/lie.txt"), "this is a PNG image, not a text article")


def test_silent_url_times_out(capsys, local_server):
    url = local_server.url("/hang")
    assert_one_error_line(capsys, url, "no answer within 0.3 s (the server is too slow or not answering)", "--timeout", "0.3")


# --- best-effort views -----------------------------------------------------------------------------


def test_html_without_article_body_has_a_note(capsys, tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title>Menu</title></head><body><ul><li><a href='/a'>Soup of the day</a></li>"
                    "<li><a href='/b'>Bread and butter</a></li></ul></body></html>")
    status, out, _ = run_json(capsys, str(path))
    assert status == 0
    assert "Soup of the day" in out[0]["text"]
    assert any("No article body" in n for n in out[0]["caveats"])


def test_markdown_of_only_code_and_tables_has_a_note(capsys, tmp_path):
    path = tmp_path / "code.md"
    path.write_text("```sh\nmake all\n```\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    status, out, _ = run_json(capsys, str(path))
    assert status == 0
    assert "make all" in out[0]["text"]
    assert out[0]["caveats"] and "no prose" in out[0]["caveats"][0]


# --- size --------------------------------------------------------------------------------------------


def test_file_over_the_default_limit(capsys, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: 50 MB long, nothing written
        f.truncate(50 * 1024 * 1024)
    assert_one_error_line(capsys, str(path), "it is 50.0 MB, over the 10.0 MB limit (raise it with --max-size MB)")


def test_max_size_is_configurable(capsys, tmp_path):
    path = tmp_path / "medium.txt"
    path.write_text("Words and more words. " * 100)  # 2.2 KB
    assert_one_error_line(capsys, str(path), "it is 2 KB, over the 1 KB limit (raise it with --max-size MB)", "--max-size", "0.001")
    status, out, _ = run_json(capsys, "--max-size", "1", str(path))
    assert status == 0 and out


def test_stdin_over_the_limit(run_argview):
    proc = run_argview("--json", "--max-size", "0.01", "-", input="x" * 20000)
    assert proc.returncode == 1
    assert proc.stderr == "argview: -: it is over the 10 KB limit (raise it with --max-size MB)\n"


# --- pathological shapes (completion is the test; timings are in the benchmark notes) -------------


def test_one_megabyte_line_without_newlines():
    line = " ".join(f"Word{i % 97}" + ("." if i % 13 == 0 else "") for i in range(150_000))[:1_000_000]
    a = analyse_bytes(line, hint="text")
    assert len(a.text) == len(line.rstrip())
    assert len(a.sentences) > 10_000
    assert_offsets_valid(a)


def test_one_megabyte_of_stops_and_abbreviations():
    for text in ("!" * 1_000_000 + "x", "Mr. " * 250_000, "[" * 1_000_000):
        a = analyse_bytes(text, hint="text")
        assert a.sentences
        assert_offsets_valid(a)


def test_ten_thousand_tiny_paragraphs():
    text = "Title\n\n" + "".join(f"Tiny point {i}.\n\n" for i in range(10_000))
    a = analyse_bytes(text, hint="text")
    assert sum(b.kind == "paragraph" for b in a.blocks) == 10_000
    assert len(a.sentences) == 10_001
    assert_offsets_valid(a)


# --- hostile content: shown literally, never executed ---------------------------------------------

HOSTILE = (
    "Hostile \x1b[31mRed\x1b[0m Title\n\n"
    "Markup [bold red]loud[/] and [@click=app.quit]x[/] and [/x] and [link=file:///etc/passwd]link[/link] stay.\n\n"
    "Escapes \x1b[2J\x1b[H\x1b[10;10Hmoved, \x1b]0;pwned title\x07 and \x1b]52;c;ZXZpbA==\x1b\\ clip, \x9b31m C1,"
    " \x1bP1$q\x1b\\ DCS and \x1b(0 charset.\n\n"
    "Bidi \u202eevil\u202c and \u2066isolate\u2069, zero\u200bwidth, family 👩\u200d👩\u200d👧, emoji 🎉, wide 漢字テキスト 한국어.\n"
)
CONTROL = {chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
INVISIBLE = {"\u200b", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\ufeff"}


def assert_neutralised(a) -> None:
    for field in (a.text, a.title, *[d.text for d in a.dropped], *[s.title for s in a.sections]):
        assert not (set(field) & CONTROL), repr(field)
        assert not (set(field) & INVISIBLE), repr(field)


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_escape_sequences_markup_and_bidi_are_neutralised(fmt):
    a = analyse_bytes(HOSTILE if fmt == "text" else "# " + HOSTILE, hint=fmt)
    assert_neutralised(a)
    assert a.title == "Hostile Red Title"
    # markup stays literal text, exactly as typed
    assert "[bold red]loud[/] and [@click=app.quit]x[/] and [/x] and [link=file:///etc/passwd]link[/link]" in a.text
    # escape sequences go whole, parameters included; the words around them stay
    assert "Escapes moved, and clip, C1, DCS and charset." in a.text
    assert "pwned" not in a.text and "ZXZpbA" not in a.text and "31m" not in a.text
    # bidi controls and zero-width spaces go; emoji sequences (ZWJ) and wide text stay intact
    assert "Bidi evil and isolate, zerowidth, family 👩\u200d👩\u200d👧, emoji 🎉, wide 漢字テキスト 한국어." in a.text
    assert_offsets_valid(a)


def test_escapes_in_html_entities_are_neutralised():
    page = (
        "<html><head><title>Esc&#x1b;]0;title&#x07; Page</title></head><body><article><h1>Esc Page</h1>"
        "<p>A paragraph with &#x1b;[31mred&#x1b;[0m text, a &#x202e;bidi override and &#x9b;2J a C1 CSI, "
        "long enough for the extractor to take it as the body of the article it is.</p>"
        "<p>A second paragraph follows so that the page reads like an article and not like a stub.</p>"
        "</article></body></html>"
    )
    a = analyse_bytes(page, hint="html")
    assert_neutralised(a)
    assert a.title == "Esc Page"
    assert "A paragraph with red text, a bidi override and" in a.text
    assert a.text.count("Esc Page") == 1


def test_unterminated_osc_does_not_swallow_the_article():
    a = analyse_bytes("Title\n\nBefore \x1b]0;no terminator here\n\nThe next paragraph survives.\n", hint="text")
    assert "The next paragraph survives." in a.text
    assert "no terminator" not in a.text


def test_carriage_return_overwrite_trick_is_not_hidden():
    # "\r" in a terminal would let the second half overwrite the first; here it is a line break
    a = analyse_bytes("Title\n\nYou agree to nothing.\rYou agree to everything.\n", hint="text")
    assert "You agree to nothing." in a.text and "You agree to everything." in a.text


def test_strip_controls_is_linear_on_many_escapes():
    text = "\x1b]0;" * 200_000 + "end"
    assert strip_controls(text) == ""  # one unterminated OSC string per ESC, each removed
    assert strip_controls("ok \x1b[0m" * 100_000) == "ok " * 100_000
    assert strip_controls("\x1b[" + "1;" * 300_000) == ""  # one long unfinished CSI


def test_html_nested_deeper_than_the_parser_allows_still_shows_its_words():
    page = "<html><body>" + "<div>" * 5000 + "Deep text &amp; survives" + "</div>" * 5000 + "</body></html>"
    a = analyse_bytes(page, hint="html")
    assert a.text == "Deep text & survives"
    assert a.caveats


def test_a_hostile_file_name_does_not_become_a_raw_title(tmp_path):
    path = tmp_path / "evil\x1b]0;pwned\x07\u202e-name.txt"
    path.write_text("This paragraph has no title line above it and ends with a stop, as prose does.\n")
    from tui.pipeline import analyse_source

    a = analyse_source(str(path))
    assert a.title == "evil name"


def test_overstrike_from_a_terminal_capture_reads_as_plain_words():
    # `man ls | cat` output: bold is "X\bX", underline is "_\bX"
    data = b"S\x08SY\x08YN\x08NO\x08OP\x08PS\x08SI\x08IS\x08S\n\nThe l\x08ls\x08s command lists _\x08f_\x08i_\x08l_\x08e_\x08s in a directory.\n"
    a = analyse_bytes(data, hint="text")
    assert a.title == "SYNOPSIS"
    assert "The ls command lists files in a directory." in a.text


def test_html_the_extractor_cannot_parse_prints_nothing_extra(run_argview, tmp_path):
    # trafilatura logs its parse failures; Python would print them on stderr beside our output
    path = tmp_path / "odd.html"
    path.write_text("Therefore [@click=app.quit]é")
    proc = run_argview("--json", str(path))
    assert proc.returncode == 0 and proc.stderr == ""
    assert json.loads(proc.stdout)["text"] == "Therefore [@click=app.quit]é"
