"""Saved web pages: the article extracted with its headings, page furniture dropped and recorded."""

from __future__ import annotations

from pathlib import Path

from conftest import analyse_bytes, assert_offsets_valid

from tui.pipeline import analyse_source

# A realistic saved page written for these tests: header + nav, share bar, article with h1/h2,
# share and newsletter boxes, comments with a reply form, a sidebar and a footer.
PAGE = Path(__file__).parent / "fixtures" / "saved-page.html"


def test_article_extracted_with_headings():
    a = analyse_source(str(PAGE))
    assert a.source.format == "html"
    assert a.title == "Why Cities Should Plant Trees"
    kinds = [(b.kind, a.span_text(b)) for b in a.blocks]
    assert [t for k, t in kinds if k == "heading"] == ["What the critics say", "What should happen next"]
    assert kinds[0] == ("title", "Why Cities Should Plant Trees")  # the headline is not repeated
    paragraphs = [t for k, t in kinds if k == "paragraph"]
    assert len(paragraphs) == 5
    assert paragraphs[0].startswith("Street trees cool the pavement")
    assert paragraphs[-1].startswith("Councils should therefore plant more trees")
    assert_offsets_valid(a)


def test_page_furniture_is_not_article_text_but_is_recorded():
    a = analyse_source(str(PAGE))
    furniture = [
        "Politics", "Share on Facebook", "Subscribe to our newsletter", "Leave a Reply",
        "Your email address will not be published", "Great piece, totally agree", "Popular posts",
        "Ten parks we love", "All rights reserved", "Privacy policy", "Post Comment", "dataLayer",
    ]
    for phrase in furniture:
        assert phrase not in a.text, phrase
    dropped = "\n".join(d.text for d in a.dropped)
    for phrase in furniture[:-2]:
        assert phrase in dropped, phrase
    assert "dataLayer" not in dropped and "font-family" not in dropped  # scripts and styles are not text
    assert {d.reason for d in a.dropped} <= {"page furniture", "web boilerplate"}


def test_html_is_sniffed_from_content():
    a = analyse_bytes(PAGE.read_bytes(), name="page-without-extension")
    assert a.source.format == "html"
    assert a.title == "Why Cities Should Plant Trees"


def test_page_without_article_body_gives_best_effort_view_with_note():
    page = (
        "<html><head><title>Useful Links</title></head><body>"
        "<nav><a href='/'>Home</a></nav>"
        "<ul><li><a href='/a'>Alpha page</a></li><li><a href='/b'>Beta page</a></li></ul>"
        "<figure><img src='x.png'><figcaption>A red barn at dusk</figcaption></figure>"
        "<footer>Contact us</footer></body></html>"
    )
    a = analyse_bytes(page, hint="html")
    assert a.title == "Useful Links"
    assert [(b.kind, a.span_text(b)) for b in a.blocks][1:] == [
        ("list_item", "Alpha page"), ("list_item", "Beta page"), ("paragraph", "A red barn at dusk"),
    ]
    assert "Home" not in a.text and "Contact us" not in a.text
    assert a.caveats and "No article body" in a.caveats[0]
    assert_offsets_valid(a)


def test_entities_and_scripts_are_handled():
    page = (
        "<html><head><title>T</title><script>alert('x')</script></head><body><article>"
        "<h1>Fish &amp; Chips &lt;3</h1>"
        "<p>The case for fish &amp; chips is strong, and the evidence is plain to anyone who has eaten them by the sea in winter.</p>"
        "<p>Critics say they are unhealthy; the critics have clearly never been cold and hungry on a pier at dusk.</p>"
        "</article></body></html>"
    )
    a = analyse_bytes(page, hint="html")
    assert a.title == "Fish & Chips <3"
    assert "fish & chips is strong" in a.text
    assert "alert" not in a.text and "&amp;" not in a.text


def test_broken_html_does_not_crash():
    a = analyse_bytes("<html><body><p>Unclosed paragraph with <b>bold <i>text</p><div>more", hint="html")
    assert "Unclosed paragraph with bold text" in a.text
    assert_offsets_valid(a)


def test_a_saved_page_named_txt_is_read_as_html(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(PAGE.read_bytes())
    a = analyse_source(str(path))
    assert a.source.format == "html"
    assert a.title == "Why Cities Should Plant Trees" and "<p>" not in a.text


def test_text_that_mentions_tags_stays_text():
    a = analyse_bytes("Using HTML\n\nWrite <p> to open a paragraph and </p> to close it.\n", hint="text")
    assert a.source.format == "text"
    assert "Write <p> to open a paragraph and </p> to close it." in a.text
