"""The README stays true: its two opening commands, and export excerpts that match the exports."""

import re
from pathlib import Path

import pytest

from tui.export import render
from tui.pipeline import analyse_source

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_run_and_test_commands() -> None:
    block = re.search(r"```sh\n(.*?)\n```", README, re.S)
    assert block and README.index(block.group(0)) < README.index("\n## ")
    run, test = block.group(1).splitlines()
    assert run.endswith(".venv/bin/argview") and "pip install" in run
    assert "pytest" in test and "'.[test]'" in test
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


@pytest.mark.parametrize("fmt, fence", [("md", "markdown"), ("argdown", "argdown"), ("dot", "dot"), ("mermaid", "mermaid")])
def test_export_excerpts_are_real_output(fmt: str, fence: str) -> None:
    excerpt = re.search(rf"```{fence}\n(.*?)\n```", README, re.S)
    assert excerpt, f"no {fence} excerpt in the README"
    output = render(analyse_source(None), fmt).splitlines()
    # "…" marks a cut; in DOT and Mermaid it is a comment, so the excerpt still parses
    shown = [line for line in excerpt.group(1).splitlines() if line and line.strip() not in ("…", "// …", "%% …")]
    assert shown and all(line in output for line in shown), [line for line in shown if line not in output]
