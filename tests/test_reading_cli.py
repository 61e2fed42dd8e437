"""Corrections and notes carried into `--json`, every export and `--corrections-out`, and
`--forget`, through the command line as a user runs it. Corrections are made through the store's
public API, as the app makes them."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.reading.model import Anchor, Edit, Note
from tui.reading.store import ReadingStore, store_path

ARTICLE = """Cities should price parking

Cities should charge for street parking at the rate the market sets. Free parking is never free, because drivers pay for it in rent and in traffic.

Some people argue that paid parking hurts small shops. However, studies of priced districts show that shoppers come back when spaces are easy to find.

In conclusion, priced parking makes streets work better for everyone.
"""
THESIS = "Cities should charge for street parking at the rate the market sets."
FREE = "Free parking is never free, because drivers pay for it in rent and in traffic."
SHOPS = "Some people argue that paid parking hurts small shops."
END = "In conclusion, priced parking makes streets work better for everyone."
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
if not (EVAL / "score_args.py").exists():
    EVAL = Path("/work/shared/eval")


def analysed(run_argview, path: Path, *flags: str) -> dict:
    proc = run_argview("--json", *flags, str(path))
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def at(doc: dict, quote: str) -> Anchor:
    start = doc["text"].index(quote)
    return Anchor.of(doc["text"], start, start + len(quote))


def nodes(doc: dict) -> list[dict]:
    out: list[dict] = []

    def visit(node: dict) -> None:
        out.append(node)
        for child in node["children"]:
            visit(child)

    for node in doc["outline"]:
        visit(node)
    return out


def by_text(doc: dict, quote: str) -> dict:
    return next(n for n in nodes(doc) if doc["text"][n["start"]:n["end"]] == quote)


@pytest.fixture
def corrected(tmp_path: Path, run_argview) -> tuple[Path, dict]:
    """An article on disk with a reader's corrections and two notes, made as the app makes them."""
    path = tmp_path / "parking.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = analysed(run_argview, path)
    sha, text = doc["source"]["sha256"], doc["text"]
    with ReadingStore.open() as store:
        store.add_edit(sha, Edit(kind="role", anchor=at(doc, END), role="conclusion"), name=str(path), text=text)
        store.add_edit(sha, Edit(kind="unit", anchor=at(doc, FREE), role="premise", parent=at(doc, THESIS)),
                       name=str(path), text=text)
        store.add_edit(sha, Edit(kind="role", anchor=at(doc, SHOPS), role="none"), name=str(path), text=text)
        store.put_note(sha, Note(anchor=at(doc, FREE), text="Rent *and* traffic:\n[check] the <figures>"), name=str(path))
        store.put_note(sha, Note(anchor=at(doc, "Cities should price parking"), text="Good title."), name=str(path))
    return path, doc


def test_json_shows_the_corrections_and_notes_and_as_analysed_does_not(corrected, run_argview) -> None:
    path, machine = corrected
    doc = analysed(run_argview, path)
    end = by_text(doc, END)
    assert (end["role"], end["by"], end["cue"]) == ("conclusion", "reader", "yours")
    assert by_text(doc, FREE)["by"] == "reader"
    assert not any(doc["text"][n["start"]:n["end"]] == SHOPS for n in nodes(doc))  # not an argument
    assert [(n["quote"], n["text"]) for n in doc["notes"]] == [
        ("Cities should price parking", "Good title."), (FREE, "Rent *and* traffic:\n[check] the <figures>")]
    assert analysed(run_argview, path, "--as-analysed") == machine
    assert machine["notes"] == [] and all(n["by"] == "analysis" for n in nodes(machine))


def test_exports_carry_the_notes(corrected, run_argview) -> None:
    path, _ = corrected
    md = run_argview("--export", "md", str(path)).stdout
    assert "**Conclusion** (yours)" in md
    assert "    - *Your note:*\n      > Rent \\*and\\* traffic:\n      > \\[check\\] the \\<figures\\>" in md
    assert "## Notes" in md and "> Good title." in md  # a note on no unit: listed apart
    argdown = run_argview("--export", "argdown", str(path)).stdout
    assert "// Rent *and* traffic:\n" in argdown and "// [check] the <figures>" in argdown
    assert "// Note on \u201cCities should price parking\u201d (in the text):\n// Good title." in argdown
    aif = json.loads(run_argview("--export", "aif", str(path)).stdout)
    said = {n["nodeID"]: n["text"] for n in aif["nodes"] if n["type"] == "L"}
    assert sorted(said.values()) == ["Good title.", "Rent *and* traffic:\n[check] the <figures>"]
    assert {loc["nodeID"] for loc in aif["locutions"]} == set(said) and all(loc["personID"] == "reader" for loc in aif["locutions"])
    text_of = {n["nodeID"]: n["text"] for n in aif["nodes"]}
    ya = [n["nodeID"] for n in aif["nodes"] if n["type"] == "YA"]
    targets = [e["toID"] for e in aif["edges"] if e["fromID"] in ya]
    assert [text_of[t] for t in targets] == [FREE]  # the note on a unit is joined to it
    plain = run_argview("--export", "md", "--as-analysed", str(path)).stdout
    assert "Your note" not in plain and "yours" not in plain


def test_an_edit_whose_words_are_gone_is_reported_in_one_line_and_kept(corrected, run_argview) -> None:
    path, doc = corrected
    gone = Anchor(start=0, end=20, quote="A sentence a newer analysis no longer has.")
    with ReadingStore.open() as store:
        store.add_edit(doc["source"]["sha256"], Edit(kind="role", anchor=gone, role="claim"))
    proc = run_argview("--json", str(path))
    assert proc.returncode == 0
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"argview: {path}: edit (role claim) on \u201cA sentence a newer")
    assert "no longer in the article" in lines[0]
    assert by_text(json.loads(proc.stdout), END)["role"] == "conclusion"  # the others still apply
    assert len(ReadingStore.open().load(doc["source"]["sha256"]).edits) == 4  # reported, never dropped


def _score(gold: Path, pred: Path, tmp_path: Path) -> dict:
    out = tmp_path / "scores.json"
    proc = subprocess.run([sys.executable, str(EVAL / "score_args.py"), str(gold), str(pred), "--no-baselines",
                           "--json", str(out)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())["system"]


@pytest.mark.skipif(not (EVAL / "score_args.py").exists(), reason="../shared/eval is not here")
def test_corrections_out_round_trips_through_the_scorer(corrected, run_argview, tmp_path: Path) -> None:
    path, _ = corrected
    gold = tmp_path / "corrections.jsonl"
    proc = run_argview("--corrections-out", str(gold))
    assert proc.returncode == 0 and proc.stderr == ""
    [line] = [json.loads(x) for x in gold.read_text().splitlines()]
    assert line["source"] == "argview_reader" and line["meta"]["name"] == str(path)
    assert {(line["text"][u["start"]:u["end"]], u["role"]) for u in line["units"]} >= {
        (END, "claim"), (FREE, "premise"), (THESIS, "major_claim"), (SHOPS, "none")}
    # the predictions predict.py makes from `argview --json` (the corrected outline) score 1.0
    spec = importlib.util.spec_from_file_location("predict", EVAL / "predict.py")
    assert spec and spec.loader
    predict = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(predict)
    pred_line, missed = predict.predict_args(line, analysed(run_argview, path))
    assert missed == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(json.dumps(pred_line) + "\n")
    scores = _score(gold, pred, tmp_path)["ALL"]
    assert scores["macro_f1"] == 1.0 and scores["mc_acc"] == 1.0
    assert scores["attachment"]["f1"] == 1.0 and scores["attachment"]["typed_f1"] == 1.0
    # ... and the machine's outline does not: the corrections are in the file
    machine_line, _ = predict.predict_args(line, analysed(run_argview, path, "--as-analysed"))
    pred.write_text(json.dumps(machine_line) + "\n")
    assert _score(gold, pred, tmp_path)["ALL"]["macro_f1"] < 1.0


def test_corrections_out_uses_the_kept_text_when_the_file_is_gone(corrected, run_argview, tmp_path: Path) -> None:
    path, doc = corrected
    path.unlink()
    proc = run_argview("--corrections-out", "-")
    assert proc.returncode == 0, proc.stderr
    [line] = [json.loads(x) for x in proc.stdout.splitlines()]
    assert line["text"] == doc["text"]
    assert (END, "claim") in {(line["text"][u["start"]:u["end"]], u["role"]) for u in line["units"]}


def test_corrections_out_refuses_to_overwrite_without_force(corrected, run_argview, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("mine\n")
    proc = run_argview("--corrections-out", str(target))
    assert proc.returncode == 1 and "already exists" in proc.stderr and target.read_text() == "mine\n"
    assert run_argview("--corrections-out", str(target), "--force").returncode == 0
    assert json.loads(target.read_text().splitlines()[0])["source"] == "argview_reader"


def test_forget_removes_what_was_kept(corrected, run_argview) -> None:
    path, machine = corrected
    proc = run_argview("--forget", str(path))
    assert proc.returncode == 0 and proc.stdout == f"forgot {path}: its corrections, notes, bookmarks and reading position\n"
    assert analysed(run_argview, path) == machine
    assert run_argview("--forget", str(path)).stdout == f"nothing is kept for {path}\n"
    assert run_argview("--corrections-out", "-").stdout == ""


def test_forget_finds_an_article_whose_file_changed_by_its_name(corrected, run_argview) -> None:
    path, _ = corrected
    path.write_text(ARTICLE + "\nA line added later.\n", encoding="utf-8")
    assert run_argview("--forget", str(path)).stdout.startswith("forgot ")
    assert list(ReadingStore.open().corrected()) == []


def test_forget_a_missing_file_with_nothing_kept_is_an_error(run_argview, tmp_path: Path) -> None:
    ReadingStore.open().close()
    proc = run_argview("--forget", str(tmp_path / "nope.txt"))
    assert proc.returncode == 1 and proc.stderr.startswith(f"argview: {tmp_path / 'nope.txt'}: ")


def test_reading_commands_never_create_the_store(run_argview, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    for args in (["--json", str(path)], ["--export", "md", str(path)], ["--corrections-out", "-"], ["--forget", str(path)]):
        assert run_argview(*args).returncode == 0
    assert not store_path().exists()


def test_a_damaged_store_is_one_line_and_the_analysis_still_prints(run_argview, tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE)
    store_path().parent.mkdir(parents=True, exist_ok=True)
    store_path().write_bytes(b"\x00garbage, not SQLite" * 64)
    proc = run_argview("--json", str(path))
    assert proc.returncode == 0 and json.loads(proc.stdout)["schema"] == "argview.analysis/2"
    [line] = proc.stderr.splitlines()
    assert line.startswith("argview: reading store ") and "moved aside" in line and "Traceback" not in proc.stderr
    assert any(p.name.startswith("reading.db.damaged-") for p in store_path().parent.iterdir())


def test_as_analysed_goes_with_json_or_export(run_argview) -> None:
    proc = run_argview("--as-analysed")
    assert proc.returncode == 2 and "--as-analysed goes with --json or --export" in proc.stderr


def test_corrections_out_takes_no_source(run_argview) -> None:
    assert run_argview("--corrections-out", "-", "a.txt").returncode == 2
    assert os.environ["ARGVIEW_DATA_DIR"]  # the scratch store of conftest, never the user's


def test_corrections_out_never_fetches_a_url_again(run_argview, local_server) -> None:
    url = local_server.url("/hang/essay")  # a server that never answers: a fetch would time out the run
    from tests.conftest import analyse_bytes

    a = analyse_bytes(ARTICLE)
    start = a.text.index(END)
    with ReadingStore.open() as store:
        store.add_edit("c" * 64, Edit(kind="role", anchor=Anchor.of(a.text, start, start + len(END)), role="conclusion"),
                       name=url, text=a.text)
    proc = run_argview("--corrections-out", "-", "--timeout", "60", timeout=20)
    assert proc.returncode == 0, proc.stderr
    [line] = [json.loads(x) for x in proc.stdout.splitlines()]
    assert line["meta"]["name"] == url
    assert (END, "claim") in {(line["text"][u["start"]:u["end"]], u["role"]) for u in line["units"]}


def test_a_note_cannot_carry_controls_or_markup_into_an_export() -> None:
    from tests.conftest import analyse_bytes
    from tui.export import render
    from tui.reading.apply import apply_reading
    from tui.reading.model import Reading

    a = analyse_bytes(ARTICLE)
    start = a.text.index(END)
    hostile = "\x1b]52;c;aGk=\x07red \x1b[31mtext\x1b[0m\n# not a heading\n</script>*/ -- [x]: <y>"
    note = Note(anchor=Anchor.of(a.text, start, start + len(END)), text=hostile)
    corrected, _ = apply_reading(a, Reading(sha256="0" * 64, notes=[note]))
    for fmt in ("md", "argdown", "aif", "json"):
        out = render(corrected, fmt)
        assert "\x1b" not in out and "\x07" not in out, fmt
    md = render(corrected, "md")
    assert "\n# not a heading" not in md and "> \\# not a heading" in md
    argdown = render(corrected, "argdown")
    assert all(line.lstrip().startswith("//") for line in argdown.splitlines() if "not a heading" in line or "script" in line)
    assert json.loads(render(corrected, "json"))["notes"][0]["text"] == hostile  # JSON keeps it, escaped
