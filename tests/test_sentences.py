"""Sentence splitting: abbreviations, initials, decimals, quotes, brackets, ellipses; sections."""

from __future__ import annotations

import pytest
from conftest import analyse_bytes

from tui.analysis.sentences import split_spans


def split(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Mrs. Brown and Prof. Green agreed. Nobody else did.", ["Mrs. Brown and Prof. Green agreed.", "Nobody else did."]),
        ("The U.S. officials left. Then rain came.", ["The U.S. officials left.", "Then rain came."]),
        ("He moved to the U.S. The move was hard.", ["He moved to the U.S.", "The move was hard."]),
        ("Some fruit, e.g. apples, keep well. Others rot.", ["Some fruit, e.g. apples, keep well.", "Others rot."]),
        ("Use a tool, i.e. a hammer. Then stop.", ["Use a tool, i.e. a hammer.", "Then stop."]),
        ("It began on 5 Jan. 2022 in the capital. It ended soon.", ["It began on 5 Jan. 2022 in the capital.", "It ended soon."]),
        ("J. R. R. Tolkien wrote it. People read it.", ["J. R. R. Tolkien wrote it.", "People read it."]),
        ("Kassym-Jomart K. Tokayev spoke. The crowd left.", ["Kassym-Jomart K. Tokayev spoke.", "The crowd left."]),
        ("Pi is about 3.14 and e is 2.718. Both are irrational.", ["Pi is about 3.14 and e is 2.718.", "Both are irrational."]),
        ('He said, "Stop." Then he left.', ['He said, "Stop."', "Then he left."]),
        ("She asked “Why?” Nobody answered.", ["She asked “Why?”", "Nobody answered."]),
        ("(This is an aside.) The main text goes on.", ["(This is an aside.)", "The main text goes on."]),
        ("The result [see above.] holds. Next point.", ["The result [see above.] holds.", "Next point."]),
        ("Wait... what happened? Nobody knows.", ["Wait... what happened?", "Nobody knows."]),
        ("And then… Silence fell.", ["And then…", "Silence fell."]),
        ("Is it true? maybe not. Who knows!", ["Is it true? maybe not.", "Who knows!"]),
        ("Really?! Yes. Absolutely!!", ["Really?!", "Yes.", "Absolutely!!"]),
        ("It rose 5 p.c. on the year. Sales fell.", ["It rose 5 p.c. on the year.", "Sales fell."]),
        ("The end. – all of which matters.", ["The end. – all of which matters."]),
        ("See No. 5 and Fig. 2 for details. They agree.", ["See No. 5 and Fig. 2 for details.", "They agree."]),
        ("The answer is no. We move on.", ["The answer is no.", "We move on."]),
        ("Roe v. Wade was decided. It stood.", ["Roe v. Wade was decided.", "It stood."]),
        ('"Why?" he asked. She shrugged.', ['"Why?" he asked.', "She shrugged."]),
        ("No closing stop at the end", ["No closing stop at the end"]),
        ("  Spaces around.   Are trimmed.  ", ["Spaces around.", "Are trimmed."]),
        ("", []),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_spans_index_the_text_and_respect_bounds():
    text = "xx First one. Second one. yy"
    spans = split_spans(text, 3, 25)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]
    assert all(3 <= s < e <= 25 for s, e in spans)


def test_headings_and_titles_are_one_sentence_each():
    a = analyse_bytes("Title. With a Stop\n\nBody one. Body two.\n\nA Heading Here\n\nBody three.\n", hint="text")
    texts = [a.span_text(s) for s in a.sentences]
    assert texts == ["Title. With a Stop", "Body one.", "Body two.", "A Heading Here", "Body three."]


def test_every_sentence_knows_its_section():
    a = analyse_bytes("Title\n\nIntro one. Intro two.\n\nFirst Part\n\nP one. P two.\n\nSecond Part\n\nQ one.\n", hint="text")
    titles = {s.id: s.title for s in a.sections}
    assert [(a.span_text(s), titles[s.section]) for s in a.sentences] == [
        ("Title", "Title"),
        ("Intro one.", "Title"),
        ("Intro two.", "Title"),
        ("First Part", "First Part"),
        ("P one.", "First Part"),
        ("P two.", "First Part"),
        ("Second Part", "Second Part"),
        ("Q one.", "Second Part"),
    ]


def test_text_without_title_gets_an_introduction_section():
    a = analyse_bytes(
        "This opening paragraph is long enough and ends with a stop, so it reads as prose rather than a headline. Yes.\n\n"
        "Later Heading\n\nMore text.\n",
        hint="text",
        name="dir/some_file.txt",
    )
    assert a.title == "some file"
    assert a.sections[0].start == 0 and a.sections[0].title == "Introduction"
    assert a.sentences[0].section == a.sections[0].id


def test_code_blocks_split_by_line_not_by_stops():
    a = analyse_bytes("# T\n\n```\nx = 1. y = 2.\n\n  z()\n```\n\nProse here.\n", hint="markdown")
    code = [a.span_text(s) for s in a.sentences if a.span_text(s) in ("x = 1. y = 2.", "z()")]
    assert code == ["x = 1. y = 2.", "z()"]
