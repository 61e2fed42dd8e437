"""The pure layers (ingest, analysis, model, search, export) never pull in the UI or training code."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import tui

PURE_PACKAGES = ("tui.ingest", "tui.analysis", "tui.export")
PURE_MODULES = ("tui.model", "tui.search", "tui.pipeline", "tui.text", "tui.matches")
UI = ("textual", "rich")
TRAINING = ("sklearn", "scipy")  # fitting only: the run time scores models in plain Python


def _pure_modules() -> list[str]:
    names = list(PURE_MODULES)
    root = Path(tui.__file__).parent
    for package in PURE_PACKAGES:
        path = root.joinpath(*package.split(".")[1:])
        names.append(package)
        for info in pkgutil.walk_packages([str(path)], prefix=package + "."):
            if ".training" in info.name or info.name.endswith(".train"):
                continue  # the training entry point may import scikit-learn; it never runs in the app
            names.append(info.name)
    return names


def _imported_by(modules: list[str]) -> set[str]:
    """Top-level packages loaded after importing `modules` in a fresh interpreter."""
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted({n.split('.')[0] for n in sys.modules})))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out))


class TestImportHygiene:
    """Importing a pure layer loads no Textual, no Rich and no training library."""

    def test_every_pure_module_is_found(self) -> None:
        modules = _pure_modules()
        assert "tui.analysis.entities" in modules and "tui.ingest.html" in modules and "tui.export.aif" in modules

    def test_pure_layers_import_no_ui_and_no_training_library(self) -> None:
        loaded = _imported_by(_pure_modules())
        assert not loaded & set(UI + TRAINING), sorted(loaded & set(UI + TRAINING))

    def test_the_check_sees_a_ui_import(self) -> None:
        # the check itself can fail: the app module does load Textual
        assert "textual" in _imported_by(["tui.app"])


def test_the_first_screen_is_drawn_without_the_model_or_the_side_pane() -> None:
    # what the article's first paint waits for (issue 13): no pydantic (model, settings), no
    # side-pane widgets; they are imported right after it. Recorded as the first line is drawn.
    code = (
        "import asyncio, json, sys\n"
        "from tui.app import ArgviewApp\n"
        "from tui.widgets.article import ArticleView\n"
        "seen = None\n"
        "draw = ArticleView.render_line\n"
        "def first_line(self, y):\n"
        "    global seen\n"
        "    if seen is None:\n"
        "        seen = sorted(n for n in sys.modules if n.startswith(('pydantic', 'tui.model',"
        " 'textual.widgets._tabbed_content', 'tui.widgets.outline', 'tui.widgets.entities', 'tui.widgets.sections')))\n"
        "    return draw(self, y)\n"
        "ArticleView.render_line = first_line\n"
        "async def main():\n"
        "    app = ArgviewApp.from_path(None)\n"
        "    async with app.run_test(size=(120, 36)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())\n"
        "print(json.dumps(seen))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out.strip().splitlines()[-1]) == []
