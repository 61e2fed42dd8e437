"""Named entities: what a reader sees in the entity pane — names found, aliases merged, types right."""

from __future__ import annotations

import os

import pytest

from conftest import analyse_bytes
from tui.analysis.entities import extract_entities
from tui.model import Analysis, Entity
from tui.pipeline import analyse_source


def surfaces(a: Analysis, e: Entity) -> list[str]:
    return [a.text[m.start : m.end] for m in e.mentions]


def named(a: Analysis, text: str) -> list[Entity]:
    """Entities whose name or aliases include ``text`` exactly."""
    return [e for e in a.entities if text == e.name or text in e.aliases]


def one(a: Analysis, text: str) -> Entity:
    found = named(a, text)
    assert len(found) == 1, f"{text!r}: {[(e.name, e.type, e.aliases) for e in found]}"
    return found[0]


def all_forms(a: Analysis) -> set[str]:
    return {s for e in a.entities for s in [e.name, *e.aliases, *surfaces(a, e)]}


def check_invariants(a: Analysis) -> None:
    ids = [e.id for e in a.entities]
    assert ids == [f"ent-{i}" for i in range(len(ids))]
    spans = sorted((m.start, m.end) for e in a.entities for m in e.mentions)
    for (_s1, e1), (s2, _e2) in zip(spans, spans[1:]):
        assert e1 <= s2, "mentions overlap"
    for e in a.entities:
        starts = [m.start for m in e.mentions]
        assert starts == sorted(starts)
        texts = surfaces(a, e)
        assert e.name in texts, "the name is a form the text uses"
        for t in texts:
            assert t == t.strip() and t, "mentions are trimmed, non-empty"
            assert t == e.name or t in e.aliases


# --------------------------------------------------------------------------- the bundled sample


@pytest.fixture(scope="module")
def sample() -> Analysis:
    return analyse_source(None)


def test_sample_one_person_for_putin_with_every_form(sample: Analysis) -> None:
    putins = [e for e in sample.entities if "Putin" in e.name or any("Putin" in x for x in e.aliases)]
    assert len(putins) == 1
    putin = putins[0]
    assert putin.type == "PERSON"
    assert putin.name == "Vladimir Putin"
    forms = {putin.name, *putin.aliases}
    assert {"Vladimir Putin", "Putin", "President Putin", "Mr. Putin", "Russian President Vladimir Putin"} <= forms
    # the title is no part of the highlighted span; the possessive "Putin’s" yields "Putin"
    assert set(surfaces(sample, putin)) == {"Vladimir Putin", "Putin"}
    assert len(putin.mentions) == sample.text.count("Putin")


def test_sample_tokayev(sample: Analysis) -> None:
    tok = one(sample, "Tokayev")
    assert tok.type == "PERSON"
    assert tok.name == "Kassym-Jomart Tokayev"
    assert "President Tokayev" in tok.aliases
    assert len(tok.mentions) == sample.text.count("Tokayev")


@pytest.mark.parametrize(
    "acronym, long_form",
    [("CSTO", "Collective Security Treaty Organization"), ("SCO", "Shanghai Cooperation Organization")],
)
def test_sample_acronyms_merge_with_long_forms(sample: Analysis, acronym: str, long_form: str) -> None:
    org = one(sample, acronym)
    assert org.type == "ORG"
    assert org.name == long_form
    assert set(surfaces(sample, org)) == {acronym, long_form}
    assert not [e for e in sample.entities if e is not org and acronym in [e.name, *e.aliases]]


@pytest.mark.parametrize("place", ["Kazakhstan", "Russia", "China", "Ukraine", "Central Asia", "Moscow", "US"])
def test_sample_places(sample: Analysis, place: str) -> None:
    assert one(sample, place).type == "PLACE"


def test_sample_no_sentence_initial_words_dates_or_adjectives(sample: Analysis) -> None:
    forms = all_forms(sample)
    for word in ("This", "Given", "Second", "Although", "Country", "First", "While", "Of", "Should",
                 "Will", "Opportunities", "Since", "That", "Leave", "Russian", "Ukrainian", "Kazakh"):
        assert word not in forms, word
    check_invariants(sample)


def test_sample_is_deterministic(sample: Analysis) -> None:
    again = analyse_source(None)
    assert [e.model_dump() for e in again.entities] == [e.model_dump() for e in sample.entities]


# --------------------------------------------------------------------------- our own short texts


def test_possessives_are_cut_from_the_mention() -> None:
    a = analyse_bytes(
        "Budget talks\n\nThe council heard from Grace Okafor on Tuesday. Okafor’s plan drew praise, "
        "and Okafor's allies said the vote would pass.\n"
    )
    okafor = one(a, "Okafor")
    assert okafor.name == "Grace Okafor"
    assert okafor.type == "PERSON"
    assert surfaces(a, okafor) == ["Grace Okafor", "Okafor", "Okafor"]
    assert "Tuesday" not in all_forms(a)
    check_invariants(a)


def test_hyphenated_and_accented_names() -> None:
    a = analyse_bytes(
        "A new mediator\n\nThe talks were chaired by Jean-Étienne Lefèvre, with help from Zoë "
        "Martínez-Ortega. Lefèvre opened the session and Martínez-Ortega closed it.\n"
    )
    lef = one(a, "Lefèvre")
    assert lef.name == "Jean-Étienne Lefèvre"
    mar = one(a, "Martínez-Ortega")
    assert mar.name == "Zoë Martínez-Ortega"
    assert lef.type == mar.type == "PERSON"
    check_invariants(a)


def test_inner_lowercase_joiners_and_org_heads() -> None:
    a = analyse_bytes(
        "Rates\n\nTraders watched the Bank of England and the University of the West Indies closely. "
        "Later the Bank of England held rates, said Maria Lopes of the Labour Party.\n"
    )
    bank = one(a, "Bank of England")
    assert bank.type == "ORG"
    assert len(bank.mentions) == 2
    assert one(a, "University of the West Indies").type == "ORG"
    # "X of the Y" after a person's name is an affiliation: two entities
    assert one(a, "Maria Lopes").type == "PERSON"
    assert one(a, "Labour Party").type == "ORG"
    check_invariants(a)


def test_acronyms_defined_and_spelled() -> None:
    a = analyse_bytes(
        "Energy outlook\n\nThe International Energy Agency (IEA) cut its forecast. Analysts said the "
        "IEA was cautious. The European Union agreed, and the EU will publish its own figures.\n"
    )
    iea = one(a, "IEA")
    assert iea.name == "International Energy Agency"
    assert iea.type == "ORG"
    eu = one(a, "EU")
    assert eu.name == "European Union"
    check_invariants(a)


def test_acronyms_of_ordinary_terms_are_not_entities() -> None:
    a = analyse_bytes(
        "Method\n\nWe measured sea surface temperature (SST) at four buoys. The SST rose in July, "
        "as the Met Office had predicted.\n"
    )
    forms = all_forms(a)
    assert "SST" not in forms
    assert "July" not in forms
    assert "Met Office" in forms


def test_us_forms_are_one_place() -> None:
    a = analyse_bytes(
        "Trade\n\nThe United States raised tariffs. Officials in the U.S. expect a reply, and US "
        "exporters are worried about the United States of America's next move.\n"
    )
    us = one(a, "U.S.")
    assert us.type == "PLACE"
    assert {"United States", "U.S.", "US"} <= {us.name, *us.aliases}
    assert len([e for e in a.entities if e.type == "PLACE"]) == 1


def test_titles_are_aliases_not_spans() -> None:
    a = analyse_bytes(
        "Hearing\n\nSenator Alan Brooks asked the first question. Later, Dr. Ruth Adebayo answered "
        "Senator Brooks, and Brooks thanked her.\n"
    )
    brooks = one(a, "Brooks")
    assert brooks.name == "Alan Brooks"
    assert "Senator Alan Brooks" in brooks.aliases
    assert "Senator Brooks" in brooks.aliases
    assert set(surfaces(a, brooks)) == {"Alan Brooks", "Brooks"}
    assert one(a, "Ruth Adebayo").type == "PERSON"
    forms = all_forms(a)
    assert "Senator" not in forms and "Later" not in forms
    check_invariants(a)


def test_a_shared_surname_alone_is_not_forced_onto_one_person() -> None:
    a = analyse_bytes(
        "Two brothers\n\nGeorge Hartley farmed the valley; his brother Edwin Hartley ran the mill. "
        "In the end Hartley sold everything.\n"
    )
    assert one(a, "George Hartley") is not one(a, "Edwin Hartley")
    alone = one(a, "Hartley")
    assert alone.name == "Hartley"


def test_heading_and_sentence_initial_capitals_are_not_names() -> None:
    a = analyse_bytes(
        "Rising Costs Squeeze Small Farmers\n\n"
        "Because fuel prices rose, farmers near Nairobi cut their planting. Meanwhile rain was late. "
        "Farmers said costs would keep rising, and Kenya's ministry agreed.\n\n"
        "What Happens Next\n\nNobody knows what happens next in Kenya.\n"
    )
    forms = all_forms(a)
    for word in ("Rising", "Costs", "Squeeze", "Small", "Farmers", "Because", "Meanwhile", "What",
                 "Happens", "Next", "Nobody"):
        assert word not in forms, word
    assert one(a, "Kenya").type == "PLACE"
    assert one(a, "Nairobi").type == "PLACE"


def test_nationality_adjectives_are_not_mentions_but_peoples_are() -> None:
    a = analyse_bytes(
        "Border\n\nRussian troops moved west while French diplomats waited. The Russians said little; "
        "Germans and Poles protested in Warsaw.\n"
    )
    forms = all_forms(a)
    assert "Russian" not in forms and "French" not in forms
    assert one(a, "Russians").type == "GROUP"
    assert one(a, "Germans").type == "GROUP"
    assert one(a, "Warsaw").type == "PLACE"


def test_calendar_words_and_pronoun_contractions_are_never_names() -> None:
    a = analyse_bytes(
        "Diary\n\nOn Monday, 3 March 2025, I’m told the Harbour Board met. We'll see. In April the "
        "board met again on a Friday.\n"
    )
    forms = all_forms(a)
    for word in ("Monday", "March", "April", "Friday", "I’m", "We'll", "On", "In"):
        assert word not in forms, word
    assert one(a, "Harbour Board").type == "ORG"


def test_empty_and_nameless_texts() -> None:
    assert extract_entities("", [], []) == []
    a = analyse_bytes("nothing here\n\nonly lower case words, and [bold]markup[/bold] that is text.\n")
    assert a.entities == []


def test_an_office_after_an_organisation_splits_into_two_entities() -> None:
    a = analyse_bytes(
        "Launch\n\nNASA Administrator Charles Bolden praised the crew. Bolden said the agency "
        "would fly again, and NASA confirmed it.\n"
    )
    nasa = one(a, "NASA")
    assert nasa.type == "ORG"
    assert len(nasa.mentions) == 2
    bolden = one(a, "Bolden")
    assert bolden.name == "Charles Bolden"
    assert bolden.type == "PERSON"
    assert "Administrator" not in all_forms(a)


def test_a_bare_the_name_that_decides_or_speaks_is_an_institution() -> None:
    # a seat of power named for its building acts through its verbs: "the Vellmark wants"
    a = analyse_bytes(
        "Talks\n\nDelegates arrived on Monday. For now the Vellmark wants calm, and later the "
        "Vellmark decided to wait. Nobody asked the Vellmark’s staff.\n"
    )
    assert one(a, "Vellmark").type == "ORG"
    # "the X" alone, with no act of its own, stays undecided between place and thing
    b = analyse_bytes("Visit\n\nWe walked past the Tollard twice. The Tollard was closed, sadly.\n")
    assert one(b, "Tollard").type != "ORG"


def test_brand_names_that_open_in_lower_case() -> None:
    a = analyse_bytes("Selling\n\nShe listed the lamp on eBay and posted a photo from her iPhone.\n")
    # eBay here is the site she sells on: a firm or a product, never a person or a place
    assert one(a, "eBay").type in ("ORG", "OTHER")
    # a phone is a product, not a company (the rules alone said ORG for every inner capital)
    assert one(a, "iPhone").type == "OTHER"


def test_markdown_headline_place_does_not_vouch_for_the_verbs_after_it() -> None:
    a = analyse_bytes(
        "# Why Lagos Keeps Growing\n\n## The Port\n\nThe Nigerian Ports Authority (NPA) says traffic "
        "rose. *Bola Tinubu* visited the port.\n\n- Tinubu met dock workers\n- The NPA promised cranes\n",
        name="lagos.md",
        hint="markdown",
    )
    forms = all_forms(a)
    assert "Lagos Keeps Growing" not in forms and "Keeps" not in forms
    assert one(a, "Lagos").type == "PLACE"
    assert one(a, "NPA").name == "Nigerian Ports Authority"
    assert one(a, "Tinubu").name == "Bola Tinubu"
    check_invariants(a)


# --------------------------------------------------------------------------- gazetteer disk cache

from tui.analysis import gazetteer as gz  # noqa: E402


@pytest.fixture(scope="module")
def fresh_gazetteer() -> gz.Gazetteer:
    return gz.build_gazetteer()


def _answers(g: gz.Gazetteer) -> list:
    probes = ["U.S.", "United States", "usa", "Kazakhstan", "Central Asia", "Holt", "Moscow", "New York", "Putin"]
    return [[g.place_key(p) for p in probes], [g.is_demonym(w) for w in ("Russians", "Kazakh", "Ukrainian", "Basil")]]


def test_gazetteer_cache_gives_the_fresh_answers_without_rebuilding(tmp_path, monkeypatch, fresh_gazetteer) -> None:
    monkeypatch.setattr(gz, "build_gazetteer", lambda: fresh_gazetteer)
    first = gz.load_gazetteer(tmp_path)  # builds and stores
    assert len(list(tmp_path.glob("gazetteer-*.json"))) == 1
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is renamed into place"

    def no_build():
        raise AssertionError("a current cache must not be rebuilt")

    monkeypatch.setattr(gz, "build_gazetteer", no_build)
    cached = gz.load_gazetteer(tmp_path)
    assert cached is not first
    assert cached.places == fresh_gazetteer.places
    assert cached.place_starts == fresh_gazetteer.place_starts
    assert cached.demonyms == fresh_gazetteer.demonyms
    assert _answers(cached) == _answers(fresh_gazetteer)
    assert cached.place_key("U.S.") == cached.place_key("United States") is not None


def test_gazetteer_damaged_or_unwritable_cache_falls_back_to_building(tmp_path, monkeypatch, fresh_gazetteer) -> None:
    monkeypatch.setattr(gz, "build_gazetteer", lambda: fresh_gazetteer)
    gz.load_gazetteer(tmp_path)
    (path,) = tmp_path.glob("gazetteer-*.json")
    path.write_bytes(b'{"places": [1, 2')  # cut short, as by a crash without the atomic rename
    assert _answers(gz.load_gazetteer(tmp_path)) == _answers(fresh_gazetteer)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    assert _answers(gz.load_gazetteer(blocker / "argview")) == _answers(fresh_gazetteer)


def test_gazetteer_cache_dir_follows_the_environment(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("ARGVIEW_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert gz.cache_dir() == tmp_path / "argview"
    monkeypatch.setenv("ARGVIEW_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert gz.cache_dir() == tmp_path / "elsewhere"


def test_mentions_are_whole_models_that_survive_a_json_round_trip() -> None:
    # mentions are built without validation for speed: they must still be ordinary models
    from tui.model import Mention

    a = analyse_bytes("Tokayev met Vladimir Putin in Astana.\n\nAfterwards, Tokayev said the Kremlin would wait.")
    tokayev = one(a, "Tokayev")
    assert surfaces(a, tokayev) == ["Tokayev", "Tokayev"]
    for m in (m for e in a.entities for m in e.mentions):
        assert m == Mention(start=m.start, end=m.end)
        assert m.model_fields_set == {"start", "end"}
        assert m.model_copy(update={"end": m.end + 1}).end == m.end + 1
    assert Analysis.model_validate_json(a.model_dump_json()) == a


def test_gazetteer_cache_for_other_versions_is_replaced(tmp_path, monkeypatch, fresh_gazetteer) -> None:
    monkeypatch.setattr(gz, "build_gazetteer", lambda: fresh_gazetteer)
    stale = tmp_path / "gazetteer-0000000000000000.json"
    stale.write_text('{"places": {}, "place_starts": [], "demonyms": [], "stems": []}')
    g = gz.load_gazetteer(tmp_path)
    assert g.place_key("Kazakhstan") is not None, "a cache keyed for other versions is not read"
    assert not stale.exists()
    assert len(list(tmp_path.glob("gazetteer-*.json"))) == 1


def test_a_long_run_of_country_codes_does_not_overflow_the_stack() -> None:
    # each leading code is split off in turn: once done by recursion, 1,000 deep raised RecursionError
    a = analyse_bytes("Delegates chanted " + "USA " * 3000 + "Forever at the rally.")
    check_invariants(a)
    usa = one(a, "USA")
    assert usa.type == "PLACE"
    assert len(usa.mentions) == 3000


def test_long_of_chains_are_cut_as_their_short_forms_are() -> None:
    # hostile "A of the B of the C ..." runs type each rest in constant time; the answers must be
    # those of the direct rule for every suffix
    import random

    from tui.analysis import entity_candidates as ents
    from tui.analysis.gazetteer import gazetteer

    rng = random.Random(7)
    vocab = ["of", "of", "Bank", "War", "River", "Mount", "New", "North", "Kazakhstan", "Smith",
             "Congress", "Party", "Lake", "Games", "U.S.", "Paris", "Central", "Street", "Abc"]
    for _ in range(200):
        words = [rng.choice(vocab) for _ in range(rng.randint(13, 40))]
        suffixes = ents.Suffixes(words, gazetteer())
        for j in range(len(words)):
            assert suffixes.head_type(j) == ents.head_type_direct(words[j:], gazetteer()), words[j:]


def test_entities_do_not_depend_on_the_hash_seed(tmp_path) -> None:
    """Sets iterate in hash order; ties between type votes must still resolve the same way."""
    import subprocess
    import sys

    article = tmp_path / "a.txt"
    # an acronym defined in brackets whose long form draws tied PERSON/ORG votes
    article.write_text(
        "Field notes\n\nThe finding that healthy beetles die sooner when eating LFC [Lunar Fibre "
        "Compounds, the family of sugars that includes starch] but sick beetles live longer was "
        "reached another way.\n\nWe measured the LFC-level in the beetles after feeding using a "
        "meter. By adding certain salts, the LFC can be measured with light.\n\nThe harmful effect "
        "of LFC on eggs was easy to see. We mixed doses of LFC with the eggs and watched them grow.\n",
        encoding="utf-8",
    )
    outputs = set()
    for seed in ("1", "2", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "tui", "--json", str(article)], env=env,
                              capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1


# --------------------------------------------------------------------------- learned edges and types
# Short articles written for these tests, each with a name the rules alone got wrong (issue 12).


def test_a_president_with_an_unstopped_initial_is_one_person() -> None:
    a = analyse_bytes(
        "The long war\n\nWhen George W Bush ordered the invasion in 2003, few in Washington doubted the "
        "outcome. In the Bush years, the deficit doubled, and in Bush's second term the bill came due. "
        "Critics in Congress said the costs had been hidden.\n"
    )
    bush = one(a, "George W Bush")
    assert bush.type == "PERSON"
    assert surfaces(a, bush) == ["George W Bush", "Bush", "Bush"]  # "in the Bush years" is no place
    check_invariants(a)


def test_a_capital_city_is_a_place_not_a_person() -> None:
    a = analyse_bytes(
        "Winter protests\n\nThousands of protesters marched through Kiev on Sunday, demanding new elections. "
        "The police in Kiev said the march was peaceful, and the mayor promised to meet the organisers.\n"
    )
    assert one(a, "Kiev").type == "PLACE"


def test_mortgage_firms_named_like_people_are_organisations() -> None:
    a = analyse_bytes(
        "The rescue\n\nThe government took control of the mortgage companies Fannie Mae and Freddie Mac on "
        "Sunday. Shares of Fannie Mae fell 20 percent in early trading, and Freddie Mac said it would stop "
        "paying dividends. The Federal Reserve has since turned to Quantitative Easing, buying bonds on a "
        "scale never seen before.\n"
    )
    assert one(a, "Fannie Mae").type == "ORG"
    assert one(a, "Freddie Mac").type == "ORG"
    # a policy is neither an organisation nor a person: either no entity or an unplaced name
    assert all(e.type == "OTHER" for e in named(a, "Quantitative Easing"))
    check_invariants(a)


def test_a_law_with_and_in_its_name_and_a_possessive_paper_stay_whole() -> None:
    a = analyse_bytes(
        "Beijing answers\n\nOn Thursday the People's Daily called the Hong Kong Human Rights and Democracy Act "
        "an insult to China. The editorial said the law, signed in Washington a day earlier, would fail. "
        "Taiwan's president, Tsai Ing-wen, said the island was watching closely, and Tsai urged calm.\n"
    )
    act = one(a, "Hong Kong Human Rights and Democracy Act")
    assert act.type not in ("PERSON", "PLACE")
    assert not named(a, "Democracy Act")
    paper = one(a, "People's Daily")
    assert paper.type == "ORG"
    assert "People" not in all_forms(a)
    tsai = one(a, "Tsai Ing-wen")
    assert tsai.type == "PERSON"
    assert "Tsai" in surfaces(a, tsai)
    check_invariants(a)


def test_an_adjective_before_a_name_is_not_part_of_it() -> None:
    a = analyse_bytes(
        "Online harassment\n\nThe panel heard from several writers about abuse on social networks. "
        "Feminist Glenn Fleishman described how his inbox filled with threats, and Fleishman said the "
        "companies had done little.\n"
    )
    fleishman = one(a, "Glenn Fleishman")
    assert fleishman.type == "PERSON"
    assert "Feminist Glenn Fleishman" not in all_forms(a)
    check_invariants(a)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Weekend football\n\nManchester United beat Chelsea 2-1 at Old Trafford on Saturday, and the club's "
         "manager said Manchester United had deserved the win.\n", "Manchester United"),
        ("Car trouble\n\nFord recalled 300,000 pickup trucks on Monday over a faulty brake line, the company "
         "said. Ford shares fell 3 percent, and dealers said Ford would pay for the repairs.\n", "Ford"),
        ("Markets\n\nShares of Goldman Sachs rose on Wednesday after the bank reported higher profits. "
         "Goldman Sachs said trading revenue rose 12 percent.\n", "Goldman Sachs"),
    ],
)
def test_firms_and_clubs_named_after_places_or_people_are_organisations(text: str, name: str) -> None:
    assert one(analyse_bytes(text), name).type == "ORG"


def test_fitting_the_same_data_twice_gives_the_same_weight_bytes(tmp_path) -> None:
    pytest.importorskip("sklearn")
    from tui.analysis.linear import LinearModel, dump
    from tui.analysis.training.fit import fit_logistic

    X = [{"first:mr": 1.0, "n1:said": 1.0}, {"last:bank": 1.0}, {"p1:in": 1.0, "gaz:country": 1.0},
         {"n1:said": 1.0}, {"last:inc": 1.0}, {"p1:in": 1.0}] * 3
    y = ["PERSON", "ORG", "PLACE", "PERSON", "ORG", "PLACE"] * 3
    paths = []
    for name in ("a", "b"):
        paths.append(dump(fit_logistic("toy", X, y, seed=7), tmp_path / f"{name}.json.gz"))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    import gzip
    import json

    back = LinearModel.from_json(json.loads(gzip.decompress(paths[0].read_bytes())))
    assert back.predict(["p1:in"]) == "PLACE" and back.predict(["last:bank"]) == "ORG"


def test_a_training_document_does_not_see_its_own_people_on_the_given_name_list() -> None:
    from tui.analysis.training.entities import given_names, given_names_without

    def doc(i: str, text: str, *names: str) -> dict:
        return {"id": i, "text": text,
                "mentions": [{"start": text.index(n), "end": text.index(n) + len(n), "type": "PERSON"} for n in names]}

    bio = doc("bio", "Orlan Vesk was born in a valley. Orlan Vesk later wrote poems.", "Orlan Vesk")
    a = doc("a", "Maria Lind spoke first.", "Maria Lind")
    b = doc("b", "Then Maria Osk answered.", "Maria Osk")
    docs = [bio, a, b] * 3  # one corpus counted thrice, as the trainer counts GUM
    assert {"orlan", "maria"} <= set(given_names(docs))  # the shipped list keeps every name
    own = given_names_without(docs)
    # a name only the biography gives is not on the list its own features see (at run time a new
    # text's names are not on it either); a name other documents give stays
    assert "orlan" not in own["bio"] and "maria" in own["bio"]
    assert "orlan" in own["a"]


def test_a_lone_unknown_name_is_called_some_name_not_guessed_a_person() -> None:
    a = analyse_bytes(
        "Notes from the valley\n\nEveryone agrees that the town has changed since the flood. Sometimes "
        "Brannic helps too, and the mayor is grateful.\n"
    )
    # nothing says what Brannic is: the pane says "some name" (the rules alone said PERSON)
    assert one(a, "Brannic").type == "OTHER"


def test_a_magazine_a_past_state_and_an_uprising_get_their_own_kinds() -> None:
    # a weekly named like a person, a secessionist state of the 1960s, and an event named after a
    # people and a season, as an op-ed names them: the name before a noun, after "against", "the now
    # distant ..."
    a = analyse_bytes(
        "Satire and its price\n\nTen years ago two gunmen forced their way into the offices of Charlie Hebdo "
        "in Paris and killed twelve people. The attack on Charlie Hebdo was meant to silence a small weekly, "
        "yet the Charlie Hebdo cartoons were printed again across Europe, and Charlie Hebdo's editors refused "
        "to apologise.\n\nOld wounds\n\nThe war against Biafra in the late 1960s starved a generation, and "
        "Biafra is still a wound in the politics of Nigeria. When the Arab Spring reached Cairo, hopes ran "
        "high; the now distant Arab Spring is remembered more for the wars that followed.\n"
    )
    assert one(a, "Charlie Hebdo").type == "ORG"
    assert one(a, "Biafra").type == "PLACE"
    assert one(a, "Arab Spring").type == "EVENT"
    check_invariants(a)


def test_a_flood_of_made_up_one_off_names_is_not_listed_but_repeated_names_are() -> None:
    # random capitalised words are not prose: listing each as an entity cost ~900 bytes apiece
    import random

    rng = random.Random(5)

    def word() -> str:
        return "".join(rng.choice("bcdfghjklmnpqrstvwxz") for _ in range(6)).title()

    lines = [f"Then {word()} met {word()} near the old mill." for _ in range(3000)]
    lines[100] = "Then Ingrid Falstrom met the mayor. Ingrid Falstrom said the mill would stay."
    text = "Notes\n\n" + " ".join(lines) + "\n"
    ents = extract_entities(text, [], [])
    assert len(ents) < 50
    assert [e.name for e in ents if e.name == "Ingrid Falstrom"] == ["Ingrid Falstrom"]
