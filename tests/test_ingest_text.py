"""Plain text: title, headings, paragraphs, hard wraps, boilerplate, the bundled sample."""

from __future__ import annotations

from conftest import analyse_bytes, assert_offsets_valid

from tui.pipeline import analyse_source


def kinds(a):
    return [(b.kind, a.span_text(b)) for b in a.blocks]


ESSAY = """Why Cities Should Plant Trees

Street trees cool the pavement beneath them by several degrees in summer. They also slow
rainwater, which keeps drains from overflowing after a storm.

Critics say trees are expensive to maintain. Roots lift paving stones and leaves block gutters.

What the numbers say

A mature tree costs less each year than the air conditioning it saves the houses around it.
"""


def test_title_heading_and_paragraphs():
    a = analyse_bytes(ESSAY)
    assert a.title == "Why Cities Should Plant Trees"
    assert kinds(a) == [
        ("title", "Why Cities Should Plant Trees"),
        ("paragraph", "Street trees cool the pavement beneath them by several degrees in summer. They also slow "
         "rainwater, which keeps drains from overflowing after a storm."),
        ("paragraph", "Critics say trees are expensive to maintain. Roots lift paving stones and leaves block gutters."),
        ("heading", "What the numbers say"),
        ("paragraph", "A mature tree costs less each year than the air conditioning it saves the houses around it."),
    ]
    assert [s.title for s in a.sections] == ["Why Cities Should Plant Trees", "What the numbers say"]
    assert_offsets_valid(a)


def test_title_is_first_non_empty_line_after_blank_lines():
    a = analyse_bytes("\n\n   \nA Short Title\n\nThe body says something. It says it twice.\n")
    assert a.title == "A Short Title"


def test_a_long_first_paragraph_is_not_a_title():
    first = "This essay opens straight away with a long sentence that argues its case, " * 4
    a = analyse_bytes(first.strip() + "\n\nA second paragraph follows it.\n", name="notes/my-essay.txt")
    assert a.blocks[0].kind == "paragraph"
    assert a.title == "my essay"  # no title in the text: taken from the file name


def test_hard_wrapped_lines_are_joined_into_paragraphs():
    text = (
        "Title Here\n\n"
        "The first paragraph was wrapped at sixty characters by an old\n"
        "editor, so each of its lines is about the same length and\n"
        "none of them stands alone.\n"
        "A new paragraph starts after the short line above and is also\n"
        "wrapped by the same editor at the same width.\n"
    )
    a = analyse_bytes(text)
    paras = [t for k, t in kinds(a) if k == "paragraph"]
    assert paras == [
        "The first paragraph was wrapped at sixty characters by an old editor, so each of its lines "
        "is about the same length and none of them stands alone.",
        "A new paragraph starts after the short line above and is also wrapped by the same editor at the same width.",
    ]
    assert "\n" not in a.text[a.blocks[1].start:a.blocks[1].end]


def test_one_paragraph_per_line_without_blank_lines():
    lines = [
        "Rail Beats Roads",
        "Trains move more people per hour than a motorway lane can, and they do it with less land and less energy.",
        "Critics reply that trains are expensive to build and slow to plan, and that buses could do the same job.",
        "Why cost misleads",
        "Costs are paid once, while the benefits arrive every day for a century, which is why the comparison fails.",
    ]
    a = analyse_bytes("\n".join(lines))
    assert kinds(a) == [
        ("title", lines[0]),
        ("paragraph", lines[1]),
        ("paragraph", lines[2]),
        ("heading", lines[3]),
        ("paragraph", lines[4]),
    ]


def test_title_above_hard_wrapped_text_without_blank_line():
    text = (
        "Rail Beats Roads\n"
        "Trains move more people per hour than a motorway lane can, and\n"
        "they do it with less land and less energy per passenger carried.\n"
    )
    a = analyse_bytes(text)
    assert a.title == "Rail Beats Roads"
    assert kinds(a)[1][0] == "paragraph"


def test_sentence_like_single_lines_are_not_headings():
    a = analyse_bytes("Title\n\nA paragraph here.\n\nThis line ends with a full stop.\n\nAnother paragraph.\n")
    assert [k for k, _ in kinds(a)] == ["title", "paragraph", "paragraph", "paragraph"]


def test_list_items_are_kept_as_items():
    a = analyse_bytes("Title\n\nThree reasons:\n\n- cost\n- speed\n- comfort\n", hint="text")
    assert [(k, t) for k, t in kinds(a) if k == "list_item"] == [("list_item", "- cost"), ("list_item", "- speed"), ("list_item", "- comfort")]


def test_web_boilerplate_is_dropped_and_recorded():
    text = (
        "An Argument\n\nThe only paragraph makes the case.\n\n"
        "Share this:\nTwitter\nFacebook\n\n"
        "Leave a comment\n\n"
        "Your email address will not be published. Required fields are marked *\n\n"
        "Save my name, email, and website in this browser for the next time I comment.\n"
    )
    a = analyse_bytes(text)
    assert kinds(a) == [("title", "An Argument"), ("paragraph", "The only paragraph makes the case.")]
    dropped = " ".join(d.text for d in a.dropped)
    for phrase in ("Share this:", "Twitter", "Leave a comment", "Your email address", "Save my name"):
        assert phrase in dropped
    assert all(d.reason == "web boilerplate" for d in a.dropped)


def test_boilerplate_stuck_to_the_last_paragraph_is_dropped():
    a = analyse_bytes("An Argument\n\nThe only paragraph makes the case.\nShare this:\nTwitter\n")
    assert kinds(a)[-1] == ("paragraph", "The only paragraph makes the case.")
    assert [d.text for d in a.dropped] == ["Share this:", "Twitter"]


def test_prose_that_discusses_newsletters_is_kept():
    body = "Subscribe to our newsletter, the editors beg, but the argument of this essay is that you should not."
    a = analyse_bytes(f"Title\n\n{body}\n")
    assert kinds(a)[-1] == ("paragraph", body)
    assert a.dropped == []


def test_bundled_sample_acceptance():
    """Issue 2's acceptance: title, one heading, every paragraph, no comment form, valid offsets."""
    a = analyse_source("data/kazakhstan-opportunity.txt")
    assert a.title.startswith("Not bad luck: Kazakhstan riots are the opportunity of the century")
    headings = [a.span_text(b) for b in a.blocks if b.kind == "heading"]
    assert headings == ["Opportunities for Russia are very open"]
    assert sum(b.kind == "paragraph" for b in a.blocks) == 18
    assert "Leave a comment" not in a.text and "Your email address" not in a.text
    assert {d.text for d in a.dropped} >= {"Leave a comment"}
    assert a.source.format == "text" and a.source.encoding == "utf-8"
    assert_offsets_valid(a)
    assert [s.title for s in a.sections][1] == "Opportunities for Russia are very open"
    # every sentence belongs to the section whose span contains it
    by_id = {s.id: s for s in a.sections}
    for sentence in a.sentences:
        section = by_id[sentence.section]
        assert section.start <= sentence.start < section.end


def test_sample_is_the_default_source():
    assert analyse_source(None).text == analyse_source("data/kazakhstan-opportunity.txt").text


def test_text_with_a_list_and_separators_is_not_taken_for_markdown():
    text = "Three Good Reasons\n\nThe reasons are these:\n\n- cost\n- speed\n\n-----\n\n1. first\n2. second\n"
    a = analyse_bytes(text)  # no extension, no hint: sniffed
    assert a.source.format == "text"
    assert a.title == "Three Good Reasons"


def test_title_with_byline_and_date_under_it():
    a = analyse_bytes("The Case for Trains\nBy Jane Doe\n12 March 2024\n\nTrains are good. They are fast.\n", hint="text")
    assert kinds(a) == [
        ("title", "The Case for Trains"),
        ("paragraph", "By Jane Doe"),
        ("paragraph", "12 March 2024"),
        ("paragraph", "Trains are good. They are fast."),
    ]


def test_sentences_about_copyright_or_news_are_not_boilerplate():
    body = ["Copyright law is broken, and this essay says how to fix it.", "Get the news from several sources before you judge."]
    a = analyse_bytes("Title\n\n" + "\n\n".join(body) + "\n\nCopyright © 2024 Example Media\n", hint="text")
    assert [t for k, t in kinds(a) if k == "paragraph"] == body
    assert [d.text for d in a.dropped] == ["Copyright © 2024 Example Media"]


def test_rules_and_underlines_are_decoration():
    a = analyse_bytes("Title\n=====\n\nBody text.\n\n* * *\n\nMore text.\n\n-----\n", hint="text")
    assert kinds(a) == [("title", "Title"), ("paragraph", "Body text."), ("paragraph", "More text.")]


def test_a_first_line_of_invisible_characters_does_not_take_the_title():
    a = analyse_bytes("\u200b\u202e\x1b[0m\n\nThe Real Title\n\nBody text.\n", hint="text")
    assert a.title == "The Real Title"
