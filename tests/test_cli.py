"""The command line as scripts use it: exit codes, JSON Lines, schema, version, python -m tui."""

from __future__ import annotations

import json
import subprocess
import sys

from tui import __version__
from tui.cli import main
from tui.model import SCHEMA_ID, Analysis

SAMPLE = "data/kazakhstan-opportunity.txt"


def test_json_sample_acceptance(run_argview):
    proc = run_argview("--json", SAMPLE)
    assert proc.returncode == 0 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["schema"] == SCHEMA_ID
    assert data["title"].startswith("Not bad luck")
    text = data["text"]
    assert "Leave a comment" not in text and "Your email address" not in text
    headings = [text[b["start"]:b["end"]] for b in data["blocks"] if b["kind"] == "heading"]
    assert headings == ["Opportunities for Russia are very open"]
    for key in ("sections", "sentences", "blocks", "outline"):
        for item in data[key]:
            assert 0 <= item["start"] <= item["end"] <= len(text)
    for entity in data["entities"]:
        for mention in entity["mentions"]:
            assert 0 <= mention["start"] < mention["end"] <= len(text)
    Analysis.model_validate(data)  # the output is the contract, round-trippable


def test_json_several_sources_in_input_order(tmp_path, capsys):
    names = []
    for i, title in enumerate(["Zebra Crossing", "Apple Orchard", "Mango Grove"]):
        path = tmp_path / f"{i}.txt"
        path.write_text(f"{title}\n\nA paragraph about the {title.lower()}.\n")
        names.append(str(path))
    assert main(["--json", *names]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [json.loads(line)["title"] for line in out] == ["Zebra Crossing", "Apple Orchard", "Mango Grove"]


def test_json_batch_continues_past_a_bad_source(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Good One\n\nFine.\n")
    missing = tmp_path / "missing.txt"
    assert main(["--json", str(missing), str(good)]) == 1
    captured = capsys.readouterr()
    assert [json.loads(line)["title"] for line in captured.out.splitlines()] == ["Good One"]
    assert captured.err == f"argview: {missing}: no such file\n"


def test_json_without_source_is_the_sample(capsys):
    assert main(["--json"]) == 0
    assert json.loads(capsys.readouterr().out)["source"]["name"] == "kazakhstan-opportunity.txt"


def test_missing_file_exit_1_one_line_no_traceback(run_argview):
    proc = run_argview("--json", "no/such/file.txt")
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert proc.stderr == "argview: no/such/file.txt: no such file\n"


def test_schema_is_valid_json_schema(run_argview):
    proc = run_argview("--schema")
    assert proc.returncode == 0
    schema = json.loads(proc.stdout)
    assert schema["$id"] == SCHEMA_ID
    assert {"schema", "source", "title", "text", "sections", "sentences", "entities", "outline"} <= set(schema["properties"])
    jsonschema = __import__("importlib").util.find_spec("jsonschema")
    if jsonschema is not None:  # validate a real analysis against it when the validator is around
        import jsonschema as js

        js.validate(json.loads(run_argview("--json", SAMPLE).stdout), schema)


def test_version(run_argview):
    proc = run_argview("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"argview {__version__}"


def test_help_mentions_sources_and_json(run_argview):
    proc = run_argview("--help")
    assert proc.returncode == 0
    assert "--json" in proc.stdout and "SOURCE" in proc.stdout


def test_bad_usage_exits_2(run_argview):
    for args in (["--no-such-option"], ["--json", "--schema"], ["--max-size", "0", "x"], ["--max-size", "lots", "x"], ["--timeout", "-1", "x"]):
        proc = run_argview(*args)
        assert proc.returncode == 2, args
        assert "usage: argview" in proc.stderr and "Traceback" not in proc.stderr


def test_app_refuses_several_sources_with_usage_error(run_argview):
    proc = run_argview("a.txt", "b.txt")
    assert proc.returncode == 2
    assert "one SOURCE at a time" in proc.stderr


def test_app_with_unreadable_source_fails_before_starting(run_argview, tmp_path):
    proc = run_argview(str(tmp_path / "nope.txt"))
    assert proc.returncode == 1
    assert proc.stderr.strip().endswith("nope.txt: no such file")


def test_console_script_is_installed():
    script = __import__("shutil").which("argview", path=str(__import__("pathlib").Path(sys.executable).parent))
    assert script is not None
    proc = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == f"argview {__version__}"


def test_output_closed_early_is_quiet(tmp_path):
    # `argview --json … | head -c 1`: the reader goes away; no traceback, no "Exception ignored"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "--json", *[SAMPLE] * 40],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0
    assert err == ""


def test_internal_errors_are_one_line(monkeypatch, tmp_path, capsys):
    import tui.pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(tui.pipeline, "analyse_source", boom)
    assert main(["--json", SAMPLE]) == 1
    err = capsys.readouterr().err
    assert err == f"argview: {SAMPLE}: internal error: RuntimeError: simulated bug\n"
