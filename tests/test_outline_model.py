"""The learned outline: fitted models behind roles, thesis and tree, on texts written for these tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from conftest import analyse_bytes, node_starting, parents
from tui.analysis.arg_model import NAMES
from tui.analysis.linear import MODELS_DIR, LinearModel, dump, load

COLUMN = """Our city must stop building car parks

The council wants to spend forty million on three new car parks in the centre. I believe this is the wrong choice for a city that already chokes on traffic.

More parking brings more cars. Every study of city traffic since the seventies has found that new spaces fill within a year, and the queues return.

The money would do far more on the buses. Forty million would pay for twelve new routes and ten years of late-night services in the outer districts.

Shops in the centre fear they will lose customers. That fear is understandable. But the busiest shopping streets in Europe are the ones closed to cars, and their rents keep rising.

Clean air matters too. Children who grow up beside busy roads have weaker lungs, and the centre has three primary schools within a few hundred metres of the planned sites.

The council says the car parks will pay for themselves. It is an optimistic forecast. The last car park it built still loses money every year.

A city is judged by how it moves its people, not its cars. The council should drop the car parks and put the money into buses before the vote next month.
"""

REASONS = """Five reasons why every school should teach cooking

Schools should put cooking back on the timetable. Here are five reasons why.

First, cooking teaches children to look after themselves. A teenager who can make a simple meal will not live on takeaways.

Second, it improves their health. Children who cook eat more vegetables and less sugar.

Third, cooking is applied mathematics. Weighing, scaling a recipe and timing a meal use the fractions that children find dry on paper.

Fourth, it saves families money. A meal cooked at home costs a third of a delivered one.

Finally, cooking brings people together. A shared meal is where many families still talk.

Cooking lessons cost little and pay back for a lifetime.
"""




def test_an_opinion_column_gets_a_point_from_every_paragraph() -> None:
    a = analyse_bytes(COLUMN)
    nodes = list(a.arg_nodes())
    assert len(nodes) >= 12
    paragraphs = [b for b in a.blocks if b.kind == "paragraph"]
    for p in paragraphs:
        assert any(p.start <= n.start < p.end and n.role in ("thesis", "claim", "conclusion") for n in nodes), \
            a.text[p.start:p.end]
    thesis = a.outline[0]
    assert a.span_text(thesis).startswith(("I believe", "The council should drop"))


def test_a_concession_and_its_answer_show_their_cues() -> None:
    a = analyse_bytes(COLUMN)
    granted = node_starting(a, "That fear is understandable.")
    answer = node_starting(a, "But the busiest shopping streets")
    assert granted.role == "counter" and granted.cue == "before \u201cBut\u201d"
    assert answer.role == "rebuttal" and answer.cue == "But" and parents(a)[answer.id] is granted
    # every node above the premises says why it has its role
    assert all(n.cue for n in a.arg_nodes() if n.role != "premise")


def test_a_five_reasons_piece_gets_its_five_reasons() -> None:
    a = analyse_bytes(REASONS)
    up = parents(a)
    thesis = a.outline[0]
    assert a.span_text(thesis) == "Schools should put cooking back on the timetable."
    for opening in ("First, cooking teaches", "Second, it improves", "Third, cooking is", "Fourth, it saves",
                    "Finally, cooking brings"):
        reason = node_starting(a, opening)
        assert reason.role in ("claim", "premise")
        assert up[reason.id] is thesis or up[up[reason.id].id] is thesis


def test_reported_speech_is_never_the_thesis() -> None:
    a = analyse_bytes(
        "The minister said on Monday that every town must build a new stadium before the games. "
        "\u201cWe should be proud to host the world,\u201d she told reporters.\n\n"
        "The plan is a costly mistake. The old stadiums stand empty for most of the year, "
        "and the money is needed for housing."
    )
    thesis = a.outline[0]
    assert a.span_text(thesis) == "The plan is a costly mistake."
    reported = [n for n in a.arg_nodes() if "said" in a.span_text(n) or "told" in a.span_text(n)]
    assert all(n.role in ("premise", "counter") for n in reported)


def test_the_shipped_weights_load_and_are_small() -> None:
    total = 0
    for name in NAMES:
        model = load(name)
        assert model.classes == ("0", "1") and model.weights
        assert model.meta["trained_on"] and model.meta["examples"] > 100
        total += (MODELS_DIR / f"{name}.json.gz").stat().st_size
    assert total < 5 * 1024 * 1024


def test_fitting_and_writing_weights_is_deterministic(tmp_path: Path) -> None:
    pytest.importorskip("sklearn")
    from tui.analysis.training.fit import fit_logistic

    X = [{"w=" + w: 1.0, "len": len(w) / 5} for w in ("should", "must", "ran", "walked", "ought", "sat") * 4]
    y = ["1", "1", "0", "0", "1", "0"] * 4
    paths = []
    for k in range(2):
        model = fit_logistic("tiny", X, y, C=1.0, seed=7)
        paths.append(dump(model, tmp_path / f"tiny{k}.json.gz"))
    first, second = (p.read_bytes() for p in paths)
    assert first == second
    back = LinearModel.from_json(json.loads(gzip.decompress(first)))
    assert back.predict({"w=should": 1.0, "len": 1.2}) == "1" and back.predict({"w=sat": 1.0, "len": 0.6}) == "0"
