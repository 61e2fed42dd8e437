"""The map as a picture: DOT (checked by Graphviz's own parser when it is installed), Mermaid
(checked by a parser of the flowchart subset the export writes) and SVG.

Two analyses: an outline built by hand around text full of what DOT, Mermaid and HTML give
meaning to, and the bundled sample. For each, every unit must be a node whose printed text is the
unit's text exactly, and every relation an edge of the right kind (attacks red and dashed).
"""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tui import cli
from tui.export import FORMATS, export_to_file, render
from tui.model import Analysis, ArgNode, Source
from tui.pipeline import analyse_source
from tui.text import clean_line

NASTY = {
    "thesis": 'Say "no" to \\n, \\l, \\N and \\G \\\\ escapes; C:\\new\\table ends in a backslash \\',
    "claim": "HTML <b>bold</b> <br/> <script>alert(1)</script> &lt; &amp; &#35; &quot; & AT&T",
    "premise1": "Mermaid #quot; #35; #60; %% comment ; semi; `code` | pipe |x| --> arrow -.-> end",
    "premise2": "Brackets [[sub]] ((round)) {{hex}} [/para/] ([stadium]) \"] ]\" {curly} (paren)",
    "counter": "Of course, unicode: Ünïcödé — “curly” ‘quotes’ … 中文 עברית 🙂 \u00a0nbsp\u2009thin",
    "rebuttal": "But digraph x { a -> b; } subgraph cluster_0 [label=\"x\"] @{ shape: rect } ::: cls",
    "conclusion": "So " + "a-very-long-unbreakable-word-" * 3 + " stays whole, and -- done.",
    "side_claim": "end",
    "side_counter": "   ",  # no text: the unit shows its label
}
TITLE = 'The "title" <i>with</i> \\ # ; `` & --> {x}'


def _hand_built() -> Analysis:
    text = TITLE + "\n\n"
    starts = {}
    for key, unit in NASTY.items():
        starts[key] = len(text)
        text += unit + "\n"

    def node(key: str, role: str, *children: ArgNode) -> ArgNode:
        start = starts[key]
        return ArgNode(id=key, role=role, start=start, end=start + len(NASTY[key]), label=f"{key} label", children=list(children))

    outline = [
        node(
            "thesis", "thesis",
            node("claim", "claim", node("premise1", "premise"), node("premise2", "premise"),
                 node("counter", "counter", node("rebuttal", "rebuttal"))),
            node("conclusion", "conclusion"),
        ),
        node("side_claim", "claim"),
        node("side_counter", "counter"),
    ]
    return Analysis(
        source=Source(name="nasty.txt", format="text", encoding="utf-8", sha256="0" * 64),
        title=TITLE, text=text, outline=outline,
    )


@pytest.fixture(scope="module", params=["hand_built", "sample"])
def analysis(request) -> Analysis:
    return _hand_built() if request.param == "hand_built" else analyse_source(None)


def expected(analysis: Analysis) -> tuple[list[tuple[str, str]], set[tuple[int, str, int]]]:
    """Stated without the exporters: per unit (walk order) its role and text; the relations
    (from, kind, to) by walk index: tree parent, else the first top-level thesis; counters attack,
    rebuttals attack a counter, the rest support."""
    nodes = list(analysis.arg_nodes())
    index = {id(n): i for i, n in enumerate(nodes)}
    thesis = next((n for n in analysis.outline if n.role == "thesis"), None)
    units = [(n.role, clean_line(analysis.span_text(n)) or clean_line(n.label) or n.role) for n in nodes]
    relations: set[tuple[int, str, int]] = set()

    def visit(node: ArgNode, parent: ArgNode | None) -> None:
        target = parent or (thesis if node is not thesis and node.role != "thesis" else None)
        if target is not None:
            attack = node.role == "counter" or (node.role == "rebuttal" and target.role == "counter")
            relations.add((index[id(node)], "attack" if attack else "support", index[id(target)]))
        for child in node.children:
            visit(child, node)

    for root in analysis.outline:
        visit(root, None)
    return units, relations


def role_titles(units: list[tuple[str, str]]) -> list[str]:
    counts: dict[str, int] = {}
    out = []
    for role, _text in units:
        counts[role] = counts.get(role, 0) + 1
        name = {"thesis": "Thesis", "claim": "Claim", "premise": "Premise", "counter": "Counter", "rebuttal": "Rebuttal", "conclusion": "Conclusion"}[role]
        out.append(name if role == "thesis" and counts[role] == 1 else f"{name} {counts[role]}")
    return out


# --- DOT, through Graphviz ----------------------------------------------------------------

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt install graphviz); .ci/run installs it")
SVG = "{http://www.w3.org/2000/svg}"


def draw(dot_source: str) -> ET.Element:
    done = subprocess.run(["dot", "-Tsvg"], input=dot_source, capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert done.returncode == 0 and not done.stderr, done.stderr  # no syntax error, not even a warning
    return ET.fromstring(done.stdout)


@needs_dot
def test_graphviz_draws_every_unit_and_relation_as_written(analysis: Analysis) -> None:
    units, relations = expected(analysis)
    svg = draw(render(analysis, "dot"))
    groups = {g.get("class"): [] for g in svg.iter(f"{SVG}g")}
    for g in svg.iter(f"{SVG}g"):
        groups[g.get("class")].append(g)
    drawn = {}
    for g in groups.get("node", []):
        lines = [t.text or "" for t in g.iter(f"{SVG}text")]
        drawn[g.find(f"{SVG}title").text] = lines
    titles = role_titles(units)
    assert set(drawn) == {f"u{i + 1}" for i in range(len(units))}
    for i, (_role, text) in enumerate(units):
        lines = drawn[f"u{i + 1}"]
        # first line the unit's title, then its text wrapped at spaces: joined, exactly the text
        assert lines[0] == titles[i] and " ".join(lines[1:]) == text, (lines, text)
        assert all(len(line) <= 40 or " " not in line for line in lines[1:])
    edges = set()
    for g in groups.get("edge", []):
        tail, head = g.find(f"{SVG}title").text.split("->")
        path = g.find(f"{SVG}path")
        attack = path.get("stroke-dasharray") is not None
        assert path.get("stroke") == ("#c62828" if attack else "#2e7d32")
        edges.add((int(tail[1:]) - 1, "attack" if attack else "support", int(head[1:]) - 1))
    assert edges == relations
    # the article's title is the graph's label, as written
    graph_label = [t.text for t in svg.find(f"{SVG}g").findall(f"{SVG}text")]
    assert " ".join(graph_label) == clean_line(analysis.title)


@needs_dot
def test_svg_export_is_graphviz_drawing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "map.svg"
    assert cli.main(["--export", "svg", "-o", str(out)]) == 0
    svg = ET.fromstring(out.read_text(encoding="utf-8"))
    assert svg.tag == f"{SVG}svg"
    texts = " ".join(t.text or "" for t in svg.iter(f"{SVG}text"))
    assert "Not bad luck: Kazakhstan riots are the" in texts


def test_svg_without_graphviz_says_how_to_get_it(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot anywhere
    out = tmp_path / "map.svg"
    assert cli.main(["--export", "svg", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("argview: ")
    assert "apt install graphviz" in err and "brew install graphviz" in err
    assert not out.exists() and list(tmp_path.iterdir()) == []
    # DOT itself needs no Graphviz
    assert cli.main(["--export", "dot", "-o", str(tmp_path / "map.dot")]) == 0


def test_dot_strings_are_closed_and_escaped() -> None:
    # without Graphviz: every quoted string in the output closes on its own line, and no
    # article backslash reaches DOT unescaped (an odd run of backslashes would start an escape)
    dot = render(_hand_built(), "dot")
    for line in dot.splitlines():
        strings = re.findall(r'"((?:[^"\\]|\\.)*)"', line)
        assert re.sub(r'"((?:[^"\\]|\\.)*)"', "", line).count('"') == 0, line
        for s in strings:
            assert not re.search(r"(?<!\\)(\\\\)*\\[^\\\"n]", s), s
    assert "&amp;lt;" in dot and "AT&amp;T" in dot  # Graphviz would print "&lt;" as "<"


# --- Mermaid ------------------------------------------------------------------------------

SHAPES = {"[[": "]]", "([": "])", "{{": "}}", "[/": "/]", "(": ")", "[": "]"}
NODE = re.compile(r'^  (u\d+|empty)(\[\[|\(\[|\{\{|\[/|\(|\[)"([^"]*)"(\]\]|\]\)|\}\}|/\]|\)|\])$')
EDGE = re.compile(r"^  (u\d+) (-->|-\.->) (u\d+)$")
CLASSDEF = re.compile(r"^  classDef (\w+) fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},stroke-width:\dpx,color:#000$")
CLASS = re.compile(r"^  class (u\d+(?:,u\d+)*) (\w+)$")
LINKSTYLE = re.compile(r"^  linkStyle (default|\d+(?:,\d+)*) stroke:(#[0-9a-f]{6})$")


def parse_mermaid(source: str) -> dict:
    """The flowchart subset the export writes; any other line fails the test. Labels are decoded
    the way Mermaid does (`#NNN;` entity codes, `<br/>` line breaks)."""
    lines = source.splitlines()
    assert lines[0] == "---" and lines[1].startswith("title: ") and lines[2] == "---" and lines[3] == "flowchart BT"
    out: dict = {"title": json.loads(lines[1][len("title: "):]), "nodes": {}, "edges": [], "classes": {}, "styles": {}}
    for line in lines[4:]:
        if m := NODE.match(line):
            node_id, opening, label, closing = m.groups()
            assert SHAPES[opening] == closing, line
            assert not re.search(r"[<>&;`|%]", re.sub(r"#\d+;|<br/>", "", label)), label
            decoded = [re.sub(r"#(\d+);", lambda e: chr(int(e[1])), part) for part in label.split("<br/>")]
            out["nodes"][node_id] = (opening, decoded)
        elif m := EDGE.match(line):
            out["edges"].append((m[1], m[2], m[3]))
        elif CLASSDEF.match(line):
            pass
        elif m := CLASS.match(line):
            for node_id in m[1].split(","):
                out["classes"][node_id] = m[2]
        elif m := LINKSTYLE.match(line):
            for index in m[1].split(","):
                out["styles"][index] = m[2]
        else:
            raise AssertionError(f"not flowchart syntax the export should write: {line!r}")
    return out


def test_mermaid_flowchart_has_every_unit_and_relation_as_written(analysis: Analysis) -> None:
    units, relations = expected(analysis)
    chart = parse_mermaid(render(analysis, "mermaid"))
    assert chart["title"] == clean_line(analysis.title)
    titles = role_titles(units)
    assert set(chart["nodes"]) == {f"u{i + 1}" for i in range(len(units))}
    shapes = {"thesis": "[[", "claim": "(", "premise": "[", "counter": "{{", "rebuttal": "[/", "conclusion": "(["}
    for i, (role, text) in enumerate(units):
        opening, lines = chart["nodes"][f"u{i + 1}"]
        assert lines[0] == titles[i] and " ".join(lines[1:]) == text, (lines, text)
        assert opening == shapes[role] and chart["classes"][f"u{i + 1}"] == role
    found = set()
    for number, (tail, arrow, head) in enumerate(chart["edges"]):
        attack = arrow == "-.->"
        assert chart["styles"].get(str(number), chart["styles"]["default"]) == ("#c62828" if attack else "#2e7d32")
        found.add((int(tail[1:]) - 1, "attack" if attack else "support", int(head[1:]) - 1))
    assert found == relations and len(chart["edges"]) == len(relations)


def test_an_article_without_an_outline_is_still_a_valid_picture() -> None:
    empty = _hand_built().model_copy(update={"outline": []})
    assert parse_mermaid(render(empty, "mermaid"))["nodes"]["empty"][1] == ["No argument outline was found."]
    if shutil.which("dot"):
        texts = [t.text for t in draw(render(empty, "dot")).iter(f"{SVG}text")]
        assert "No argument outline was found." in texts


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_graph_exports_carry_no_control_characters(fmt: str) -> None:
    evil = "\x1b[2J\x1b]0;owned\x07\x9b31m\r\n\u2028"
    analysis = _hand_built()
    tainted = analysis.model_copy(update={
        "title": "Title" + evil,
        "text": analysis.text.replace("Say", "Say\x1b[1m"),
        "outline": [analysis.outline[0].model_copy(update={"label": "l" + evil}), *analysis.outline[1:]],
    })
    out = render(tainted, fmt)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028]", out), repr(out[:300])
    assert "owned" in out


# --- One list of formats, everywhere ------------------------------------------------------

def test_the_cli_and_the_dialog_offer_the_same_formats(capsys) -> None:
    # the dialog reads EXPORTS too: its ids are checked in test_the_export_dialog_writes_a_mermaid_map
    assert {"dot", "mermaid", "svg"} <= set(FORMATS)
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert all(fmt in help_text for fmt in FORMATS)


def _export_from_the_dialog(analysis: Analysis, fmt: str) -> tuple[list[str], list[str]]:
    """Press x, choose `fmt`, press enter: the dialog's format ids and the app's notifications."""
    from textual.widgets import OptionList

    from tests.pilot import options_of, record_notifications
    from tui.app import ArgviewApp

    async def run() -> tuple[list[str], list[str]]:
        app = ArgviewApp.from_analysis(analysis)
        said = record_notifications(app)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("x")
            await pilot.pause()
            options = app.screen.query_one(OptionList)
            ids = [option.id for option in options_of(options)]
            await pilot.press(*["down"] * ids.index(fmt), "enter")
            await pilot.pause()
            return ids, said

    return asyncio.run(run())


def test_the_export_dialog_writes_a_mermaid_map(tmp_path: Path, monkeypatch) -> None:
    analysis = analyse_source(None)
    monkeypatch.chdir(tmp_path)  # the sample is no file here: the export goes to the current directory
    ids, _said = _export_from_the_dialog(analysis, "mermaid")
    assert ids == list(FORMATS)
    (written,) = tmp_path.iterdir()
    assert written.name == "kazakhstan-opportunity.mmd"
    assert written.read_text(encoding="utf-8") == render(analysis, "mermaid")


def test_the_export_dialog_says_how_to_get_graphviz_for_svg(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no dot anywhere
    _ids, said = _export_from_the_dialog(analyse_source(None), "svg")
    assert any("apt install graphviz" in message and "brew install graphviz" in message for message in said), said
    assert list(tmp_path.iterdir()) == []


def test_export_to_file_renders_graph_formats(tmp_path: Path) -> None:
    analysis = _hand_built()
    for fmt in ("dot", "mermaid"):
        path = export_to_file(analysis, fmt, tmp_path / f"map.{fmt}")
        assert path.read_text(encoding="utf-8") == render(analysis, fmt)
