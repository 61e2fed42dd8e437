"""A normal (non-editable) install works anywhere: the wheel carries every module, the styles and
the bundled sample, so `argview` with no argument opens the sample after `pip install .`, pipx or
uv. Built and installed offline: no build isolation, dependencies taken from this environment."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _source_packages() -> set[str]:
    return {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tui").rglob("__init__.py")}


def test_every_package_under_tui_is_listed_for_the_wheel() -> None:
    # packages are listed, not found (so data/ can ship as tui.data): a new one must be added
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert _source_packages() - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["tui.data"] == "data"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # build from a copy, so the build leaves no build/ or egg-info in the working tree
    src = tmp_path_factory.mktemp("src")
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("tui", "data"):
        shutil.copytree(ROOT / name, src / name, ignore=skip)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        check=True, capture_output=True, timeout=120,
    )
    (built,) = out.glob("argview-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_code_styles_models_and_the_sample(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tui").rglob("*") if p.suffix in (".py", ".tcss", ".toml", ".json", ".gz")}
    shipped = {p for p in shipped if "__pycache__" not in p}
    assert shipped - names == set()
    assert "tui/data/kazakhstan-opportunity.txt" in names
    assert "tui/app.tcss" in names and "tui/commands.toml" in names


@pytest.mark.slow
def test_argview_from_the_installed_wheel_reads_the_bundled_sample(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=60)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / ("python.exe" if os.name == "nt" else "python")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True, timeout=120,
    )
    # the dependencies (textual, pydantic…) come from this environment's site-packages, after the
    # new venv's own: a .pth there adds the path without running this environment's .pth files
    # (so the editable install of the working tree stays out of sight)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True, timeout=60,
    ).stdout.strip()
    Path(site, "outer-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PYTHONIOENCODING"] = "utf-8"

    where = subprocess.run(
        [str(python), "-c", "import tui; print(tui.__file__)"],
        cwd=tmp_path, env=env, check=True, capture_output=True, text=True, timeout=60,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # the installed copy, not the working tree

    done = subprocess.run(
        [str(bindir / "argview"), "--json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    analysis = json.loads(done.stdout)
    sample = (ROOT / "data" / "kazakhstan-opportunity.txt").read_bytes()
    assert analysis["source"]["name"] == "kazakhstan-opportunity.txt"
    assert analysis["title"].startswith("Not bad luck: Kazakhstan riots")
    assert analysis["outline"] and analysis["entities"]
    assert analysis["source"]["sha256"] == hashlib.sha256(sample).hexdigest()

    # the app itself starts from the installed copy: its stylesheet ships and parses
    opened = subprocess.run(
        [str(python), "-c", _OPEN_APP], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert opened.returncode == 0, opened.stderr
    assert opened.stdout.strip() == "opened: Not bad luck: Kazakhstan riots are the opportunity of the century’ for Russia"


_OPEN_APP = """
import asyncio
from tui.app import ArgviewApp

async def main():
    app = ArgviewApp.from_path(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        print("opened:", app.reader.article_title)

asyncio.run(main())
"""
