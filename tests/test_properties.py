"""Property-based tests: for any input, ingest + analysis either refuse it with a SourceError or
produce a model whose every offset is in bounds, whose text is safe, and which round-trips as JSON.
Search never raises for any query. Deterministic (derandomized) and modest in size, to stay fast.
"""

from __future__ import annotations

from functools import lru_cache

import pytest
from conftest import analyse_bytes, assert_offsets_valid
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tui.ingest import SourceError
from tui.model import Analysis

FAST = settings(max_examples=80, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])

UNSAFE = {chr(c) for c in [*range(0x00, 0x0A), *range(0x0B, 0x20), *range(0x7F, 0xA0)]} | set(
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff\u2028\u2029"
)

# Pieces that make inputs look like real, and really nasty, articles: words, stops, abbreviations,
# Markdown and HTML syntax, Rich markup, escape sequences, bidi controls, wide characters.
PIECES = [
    "The", "argument", "Mr.", "Dr.", "U.S.", "e.g.", "J.", "3.14", "...", "…", "?", "!", ".", ",", ";",
    " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "# ", "## ", "- ", "1. ", "> ", "```", "|", "---",
    "*", "_", "[", "]", "(", ")", "[link](http://x.org)", "<p>", "</p>", "<h1>", "</h1>", "<html>",
    "&amp;", "[bold red]", "[/]", "[@click=app.quit]", "\x1b[31m", "\x1b]0;t\x07", "\x1b]52;c;eA==\x1b\\",
    "\x9b", "\x1b", "\u202e", "\u200b", "\u200d", "\ufeff", "👩\u200d💻", "漢字", "é", "e\u0301", "\x00",
    "Leave a comment", "Share this:", "Russia", "Putin", "However,", "Because", "First,", "Therefore",
]
WORDS = ["Russia", "China", "the", "government", "should", "act", "because", "it", "is", "clear", "Mr.", "Putin",
         "critics", "argue", "that", "however", "therefore", "of", "course", "but", "Moscow", "first", "second",
         "[bold]", "\x1b[1m", "3.14", "U.S.", "e.g.", "“quoted”", "(aside)", "漢字", "🎉"]
OPENERS = ["", "However, ", "Therefore, ", "First, ", "Of course, ", "Critics argue that ", "Because ", "In conclusion, "]
sentence = st.builds(
    lambda opener, words, stop: opener + " ".join(words).capitalize() + stop,
    st.sampled_from(OPENERS), st.lists(st.sampled_from(WORDS), min_size=1, max_size=14), st.sampled_from([".", "?", "!", "", "..."]),
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)
prose = st.builds(
    lambda title, paras, sep: title + sep + sep.join(paras),
    st.sampled_from(["", "A Title\n\n", "# A Title\n\n", "Heading Without Stop\n"]),
    st.lists(st.one_of(paragraph, st.sampled_from(["Opportunities Ahead", "## Part Two", "- item one", "> a quote"])), min_size=1, max_size=8),
    st.sampled_from(["\n\n", "\n", "\r\n\r\n"]),
)
articles = st.one_of(
    prose,
    st.text(max_size=400),
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60).map("".join),
)
formats = st.sampled_from([None, "text", "markdown", "html"])


def check(a: Analysis) -> None:
    assert_offsets_valid(a)
    assert not (set(a.text) & UNSAFE), repr(a.text)
    assert not (set(a.title) & UNSAFE) and "\n" not in a.title
    for d in a.dropped:
        assert not (set(d.text) & UNSAFE)
    # blocks are in order and do not overlap; sections tile the text from 0 to its end
    for prev, nxt in zip(a.blocks, a.blocks[1:]):
        assert prev.end <= nxt.start
    assert a.sections[0].start == 0 and a.sections[-1].end == len(a.text)
    for prev, nxt in zip(a.sections, a.sections[1:]):
        assert prev.end == nxt.start
    # a sentence lies inside the section it names
    by_id = {s.id: s for s in a.sections}
    for s in a.sentences:
        section = by_id[s.section]
        assert section.start <= s.start and s.end <= section.end
    for node in a.arg_nodes():
        assert node.label and "\n" not in node.label
    assert Analysis.model_validate_json(a.to_json()) == a


def analyse_or_refuse(data: bytes | str, fmt) -> Analysis | None:
    try:
        return analyse_bytes(data, hint=fmt)
    except SourceError as err:
        message = str(err)
        assert message and "\n" not in message
        return None


@FAST
@given(text=articles, fmt=formats)
@example(text="<HTML>", fmt="markdown")  # lxml raised AssertionError on this raw HTML block
@example(text="<html><body>" + "<div>" * 3000 + "x", fmt="html")
def test_any_text_is_analysed_or_refused_cleanly(text, fmt):
    a = analyse_or_refuse(text, fmt)
    if a is not None:
        check(a)


@FAST
@given(data=st.binary(max_size=600), fmt=formats)
def test_any_bytes_are_analysed_or_refused_cleanly(data, fmt):
    a = analyse_or_refuse(data, fmt)
    if a is not None:
        check(a)


@FAST
@given(text=articles, encoding=st.sampled_from(["utf-8-sig", "utf-16", "utf-16-be", "cp1252", "latin-1"]))
def test_any_encoding_of_text_keeps_it(text, encoding):
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    a = analyse_or_refuse(data, "text")
    if a is not None:
        check(a)


# --- search ------------------------------------------------------------------------------------------

search = pytest.importorskip("tui.search")


@lru_cache(maxsize=1)
def _sample_index():
    from tui.pipeline import analyse_source

    return search.SearchIndex(analyse_source(None))


queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(["#", "@", "!", "Putin", "russ", "kaz", " ", "(", "[", "\\", "*", ".*", "\x1b", "\u202e", "漢"]), max_size=12).map("".join),
)


@FAST
@given(query=queries)
def test_search_never_raises_on_the_sample(query):
    index = _sample_index()
    hits = index.search(query)
    text = index.analysis.text if hasattr(index, "analysis") else None
    for hit in hits:
        assert 0 <= hit.start <= hit.end
        if text is not None:
            assert hit.end <= len(text)
        assert all(0 <= i < len(hit.label) for i in hit.highlights)
    for start, end in index.occurrences(query):
        assert 0 <= start <= end


@settings(max_examples=40, derandomize=True, deadline=None)
@given(text=articles, query=queries)
def test_search_never_raises_on_any_article(text, query):
    a = analyse_or_refuse(text, "text")
    if a is not None:
        hits = search.SearchIndex(a).search(query)
        assert all(0 <= h.start <= h.end <= len(a.text) for h in hits)
