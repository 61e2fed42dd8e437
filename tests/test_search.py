"""The search index: what a reader typing into the search box gets back, best first."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from tui.analysis import analyse
from tui.ingest import ingest_bytes
from tui.ingest.sources import RawSource
from tui.model import ArgNode, Entity, Mention
from tui.search import SearchHit, SearchIndex, split_query
from tui.text import fold_aligned

ARTICLE = """The harbour question

Port Callis has argued for a new harbour wall since the storm of 1998. The council says the wall will pay for itself within twenty years.

Why the council is wrong

First, the cost estimate leaves out dredging. Mayor Ingrid Solheim admitted as much in March. Of course, supporters say the fishing fleet needs shelter. But the fleet has shrunk to nine boats.

The Harbour Authority disagrees with the mayor. Solheim replied that the Authority had never built anything on time.

What should happen

The town should repair the old pier instead. Cheaper repairs leave money for the school roof.
"""


def _analysis():
    raw = ARTICLE.encode()
    source, doc = ingest_bytes(RawSource("harbour.txt", raw, "text", "0" * 64))
    a = analyse(source, doc)
    text = a.text

    def span(s: str) -> tuple[int, int]:
        i = text.index(s)
        return i, i + len(s)

    def mentions(*names: str) -> list[Mention]:
        out = []
        for name in names:
            i = text.find(name)
            while i >= 0:
                out.append(Mention(start=i, end=i + len(name)))
                i = text.find(name, i + 1)
        return sorted(out, key=lambda m: m.start)

    entities = [
        Entity(id="ent-solheim", name="Ingrid Solheim", type="PERSON", aliases=["Solheim", "the mayor"],
               mentions=mentions("Ingrid Solheim", "Solheim replied", "the mayor")),
        Entity(id="ent-authority", name="Harbour Authority", type="ORG", aliases=["the Authority"],
               mentions=mentions("Harbour Authority", "the Authority")),
        Entity(id="ent-callis", name="Port Callis", type="PLACE", mentions=mentions("Port Callis")),
    ]
    s1, e1 = span("The town should repair the old pier instead.")
    s2, e2 = span("First, the cost estimate leaves out dredging.")
    s3, e3 = span("Of course, supporters say the fishing fleet needs shelter.")
    outline = [
        ArgNode(id="arg-0", role="thesis", start=s1, end=e1, label="The town should repair the old pier instead.",
                children=[
                    ArgNode(id="arg-1", role="premise", start=s2, end=e2, cue="First,",
                            label="the cost estimate leaves out dredging"),
                    ArgNode(id="arg-2", role="counter", start=s3, end=e3, cue="Of course,",
                            label="supporters say the fishing fleet needs shelter"),
                ])
    ]
    return a.model_copy(update={"entities": entities, "outline": outline})


@pytest.fixture(scope="module")
def analysis():
    return _analysis()


@pytest.fixture(scope="module")
def index(analysis):
    return SearchIndex(analysis)


def marked(hit: SearchHit) -> str:
    return "".join(hit.label[i] for i in hit.highlights)


def test_exact_entity_name_ranks_first(index):
    hits = index.search("Port Callis")
    assert hits[0].kind == "entity" and hits[0].ref == "ent-callis"
    assert hits[0].score == 100
    # The sentence that mentions it is found too, but below the name.
    assert any(h.kind == "sentence" and "Port Callis has argued" in h.label for h in hits[1:])


def test_name_prefix_beats_fuzzy_and_is_case_insensitive(index):
    hits = index.search("harb")
    # A name starting with the query, then a title with a word starting with it, then sentences.
    assert [h.label for h in hits[:2]] == ["Harbour Authority", "The harbour question"]
    assert marked(hits[0]) == "Harb"
    assert {h.kind for h in hits[2:]} == {"sentence"}


def test_entity_found_by_alias_and_detail_names_the_alias(index):
    hits = index.search("@solheim")
    assert [h.ref for h in hits] == ["ent-solheim"]
    hit = hits[0]
    assert hit.label == "Ingrid Solheim"
    assert "Solheim" in hit.detail and "person" in hit.detail
    assert marked(hit) == "Solheim"
    # Jumping goes to the first mention.
    assert index.analysis.text[hit.start:hit.end] == "Ingrid Solheim"

    hits = index.search("the authority")
    top = hits[0]
    assert top.ref == "ent-authority" and "alias" in top.detail and "the Authority" in top.detail


def test_prefixes_narrow_the_kind(index):
    assert {h.kind for h in index.search("#council")} == {"section"}
    assert [h.title for h in index.analysis.sections if "council" in h.title.lower()]
    assert {h.kind for h in index.search("@harbour")} == {"entity"}
    args = index.search("!fleet")
    assert [h.ref for h in args] == ["arg-2"]
    assert args[0].role == "counter" and "Of course," in args[0].detail
    # A bare prefix lists everything of that kind, in reading order.
    assert [h.label for h in index.search("#")] == [s.title for s in index.analysis.sections]
    assert [h.ref for h in index.search("!")] == ["arg-0", "arg-1", "arg-2"]
    assert {h.ref for h in index.search("@")} == {"ent-solheim", "ent-authority", "ent-callis"}
    assert index.search("") == [] and index.search("   ") == []


def test_sentence_found_by_a_phrase_and_jumps_to_it(index, analysis):
    hits = index.search("nine boats")
    top = hits[0]
    assert top.kind == "sentence"
    assert analysis.text[top.start:top.end] == "But the fleet has shrunk to nine boats."
    assert marked(top).replace(" ", "") == "nineboats"
    assert top.match is not None and analysis.text[top.match[0]:top.match[1]] == "nine boats"
    assert top.detail == "Why the council is wrong"


def test_phrase_ignores_punctuation_between_words(index, analysis):
    top = index.search("course supporters")[0]
    assert analysis.text[top.start:top.end].startswith("Of course, supporters")


def test_typos_still_find_names_and_sentences(index, analysis):
    assert index.search("Solhiem")[0].ref == "ent-solheim"
    assert index.search("Port Calis")[0].ref == "ent-callis"
    hits = index.search("dregding")
    sentences = [analysis.text[h.start:h.end] for h in hits if h.kind == "sentence"]
    assert "First, the cost estimate leaves out dredging." in sentences


def test_words_in_any_order_find_a_sentence(index, analysis):
    hits = [h for h in index.search("roof school money") if h.kind == "sentence"]
    assert analysis.text[hits[0].start:hits[0].end] == "Cheaper repairs leave money for the school roof."


def test_literal_hits_rank_above_fuzzy_ones(index):
    hits = index.search("pier")
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert "pier" in hits[0].label.lower()


def test_ties_put_names_before_sentences(index):
    hits = index.search("What should happen")
    assert hits[0].kind == "section"


def test_highlights_index_the_label(index):
    for q in ["harbour", "Solheim", "nine boats", "Solhiem", "dregding", "council", "!dredging", "roof school"]:
        for hit in index.search(q):
            assert all(0 <= i < len(hit.label) for i in hit.highlights), (q, hit)
            assert list(hit.highlights) == sorted(set(hit.highlights))
            assert "\n" not in hit.label


def test_long_sentence_label_shows_the_match():
    body = "Intro\n\n" + ("word " * 120) + "the needle sits here at the end." + "\n"
    source, doc = ingest_bytes(RawSource("long.txt", body.encode(), "text", "0" * 64))
    index = SearchIndex(analyse(source, doc))
    hit = [h for h in index.search("needle") if h.kind == "sentence"][0]
    assert len(hit.label) <= 210
    assert marked(hit) == "needle"


def test_occurrences_are_literal_case_insensitive_and_in_order(index, analysis):
    occ = index.occurrences("the council")
    assert len(occ) == 2
    assert all(analysis.text[a:b].lower() == "the council" for a, b in occ)
    assert occ == sorted(occ)
    assert index.occurrences("#council") == index.occurrences("council")
    assert index.occurrences("COUNCIL") == index.occurrences("council")
    assert index.occurrences("zebra") == []
    assert index.occurrences("") == []


@pytest.mark.parametrize(
    "query",
    ["(", ")", "[bold]", "[@click=app.quit]x[/]", ".*", "\\", "?", "#", "@@", "!!", "İstanbul", "ß", "🙂",
     "\x00", "\x1b[31m", "\ud800", "harbour\udfff", "a" * 5000, " ".join(["word"] * 400), "\u200b", "*" * 30, "#(", "@[", "!\\d"],
)
def test_weird_queries_do_not_raise(index, query):
    hits = index.search(query)
    assert isinstance(hits, list)
    assert isinstance(index.occurrences(query), list)


def test_regex_characters_are_literal(index):
    assert index.occurrences(".") == [(i, i + 1) for i, c in enumerate(index.analysis.text) if c == "."]


def test_empty_analysis_is_searchable():
    source, doc = ingest_bytes(RawSource("one.txt", b"Just one line of text here.", "text", "0" * 64))
    a = analyse(source, doc).model_copy(update={"entities": [], "outline": []})
    index = SearchIndex(a)
    assert index.search("@") == [] and index.search("!") == []
    assert index.search("line")[0].kind in ("sentence", "section")


def test_short_name_inside_a_misspelt_query_does_not_win():
    text = "Notes\n\nThe EU looked east to Eurasia. Part 12 of the plan followed.\n"
    source, doc = ingest_bytes(RawSource("eu.txt", text.encode(), "text", "0" * 64))
    a = analyse(source, doc)
    at = a.text.index
    ents = [
        Entity(id="eu", name="EU", type="ORG", mentions=[Mention(start=at("EU"), end=at("EU") + 2)]),
        Entity(id="eurasia", name="Eurasia", type="PLACE", mentions=[Mention(start=at("Eurasia"), end=at("Eurasia") + 7)]),
    ]
    index = SearchIndex(a.model_copy(update={"entities": ents}))
    top = index.search("Euarsia")[0]
    assert top.ref == "eurasia"
    assert marked(top)  # the aligned letters are highlighted


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=60))
def test_any_query_returns_hits_that_point_into_the_text(query):
    index = _INDEX
    text = index.analysis.text
    for hit in index.search(query):
        assert 0 <= hit.start <= hit.end <= len(text)
        assert all(0 <= i < len(hit.label) for i in hit.highlights)
        assert 0 <= hit.score <= 100
    for a, b in index.occurrences(query):
        assert 0 <= a < b <= len(text)
        assert fold_aligned(text[a:b]) == fold_aligned(split_query(query)[1])


_INDEX = SearchIndex(_analysis())


def test_typing_a_query_key_by_key_gives_the_same_hits_as_searching_it_at_once(analysis):
    typed = SearchIndex(analysis)
    for query in ["the fleet needs", "council says", "nine boats", "harbour wall", "solheim replied"]:
        for k in range(1, len(query) + 1):
            fresh = SearchIndex(analysis).search(query[:k])
            assert typed.search(query[:k]) == fresh, query[:k]
    # Deleting back to a shorter query is not an extension: it must not reuse the narrowed set.
    assert typed.search("the") == SearchIndex(analysis).search("the")


def test_a_phrase_across_two_sentences_is_not_a_sentence_match(index):
    # "nine boats." ends one sentence and "The Harbour" starts the next paragraph's first one.
    assert not [h for h in index.search("boats the harbour") if h.kind == "sentence" and h.score >= 70]


def test_one_letter_finds_names_not_every_sentence(index):
    hits = index.search("p")
    assert hits and {h.kind for h in hits} <= {"section", "entity"}
    assert hits[0].label == "Port Callis"
    # Asked for arguments explicitly, one letter is enough.
    assert index.search("!d") and {h.kind for h in index.search("!d")} == {"argument"}


def test_role_name_after_the_argument_prefix_lists_units_of_that_role(index):
    assert [h.ref for h in index.search("!objection")] == ["arg-2"]
    assert [h.ref for h in index.search("!counter")] == ["arg-2"]
    assert [h.ref for h in index.search("!reason")] == ["arg-1"]
    assert [h.ref for h in index.search("!thesis")] == ["arg-0"]
    # Without the prefix a role name is just a word.
    assert "arg-2" not in [h.ref for h in index.search("objection")]
