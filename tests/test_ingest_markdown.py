"""Markdown: structure kept (headings, paragraphs, lists, quotes), inline markup removed."""

from __future__ import annotations

from conftest import analyse_bytes, assert_offsets_valid

DOC = """---
title: "The Front-Matter Title"
author: Someone
---

# A Heading One

The **first** paragraph has *emphasis*, `code`, ~~struck~~ text and a
[link to the source](https://example.org/source "tooltip") whose text stays.

## Reasons

- Trees cool streets.
- Trees slow *rain*.
  1. Nested point.

> A quoted objection says trees cost too much.

### Deeper

![a chart of costs](chart.png) Final words.
"""


def blocks(a):
    return [(b.kind, b.level, a.span_text(b)) for b in a.blocks]


def test_structure_and_inline_markup():
    a = analyse_bytes(DOC, hint="markdown")
    assert a.source.format == "markdown"
    assert a.title == "The Front-Matter Title"
    assert blocks(a) == [
        ("title", 1, "The Front-Matter Title"),
        ("heading", 2, "A Heading One"),  # front matter already gave the title
        ("paragraph", 0, "The first paragraph has emphasis, code, struck text and a link to the source whose text stays."),
        ("heading", 2, "Reasons"),
        ("list_item", 1, "Trees cool streets."),
        ("list_item", 1, "Trees slow rain."),
        ("list_item", 2, "Nested point."),
        ("quote", 1, "A quoted objection says trees cost too much."),
        ("heading", 3, "Deeper"),
        ("paragraph", 0, "a chart of costs Final words."),
    ]
    for marker in ("**", "`", "~~", "](", "https://example.org", "---", "author:"):
        assert marker not in a.text
    assert [s.title for s in a.sections] == ["The Front-Matter Title", "A Heading One", "Reasons", "Deeper"]
    assert_offsets_valid(a)


def test_first_h1_is_the_title_without_front_matter():
    a = analyse_bytes("# Real Title\n\nBody text here.\n\n## Part\n\nMore text.\n", hint="markdown")
    assert a.title == "Real Title"
    assert blocks(a)[0] == ("title", 1, "Real Title")
    assert ("heading", 2, "Part") in blocks(a)


def test_markdown_is_sniffed_without_an_extension():
    a = analyse_bytes("# Title\n\nSome *text* with a [link](http://x.org).\n\n## Next\n\n- item\n")
    assert a.source.format == "markdown"
    assert "*" not in a.text and "[" not in a.text


def test_setext_headings():
    a = analyse_bytes("Big Title\n=========\n\nText under it.\n\nSmaller\n-------\n\nMore.\n", hint="markdown")
    assert blocks(a)[0] == ("title", 1, "Big Title")
    assert ("heading", 2, "Smaller") in blocks(a)


def test_only_code_and_tables_gives_a_note_not_an_error():
    md = "```python\nprint('hi')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    a = analyse_bytes(md, hint="markdown")
    assert [b.kind for b in a.blocks] == ["code", "table"]
    assert "print('hi')" in a.text and "1 | 2" in a.text
    assert a.caveats and "no prose" in a.caveats[0]
    assert_offsets_valid(a)


def test_boilerplate_paragraphs_are_dropped():
    a = analyse_bytes("# T\n\nThe argument.\n\nLeave a comment\n\nShare this:\n", hint="markdown")
    assert "Leave a comment" not in a.text
    assert [d.text for d in a.dropped] == ["Leave a comment", "Share this:"]


def test_raw_html_in_markdown_is_not_shown_as_tags():
    a = analyse_bytes("# T\n\nText with <span>inline html</span> here.\n\n<div>block html</div>\n", hint="markdown")
    assert "<span>" not in a.text and "<div>" not in a.text
    assert "Text with inline html here." in a.text
    assert "block html" in a.text  # the words of raw HTML blocks are kept, the tags are not


def test_html_comments_and_scripts_in_markdown_are_not_text():
    a = analyse_bytes("# T\n\nProse.\n\n<!-- a hidden note -->\n\n<script>alert(1)</script>\n", hint="markdown")
    assert "hidden note" not in a.text and "alert" not in a.text
