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
