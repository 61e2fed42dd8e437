"""Where the reading store lives, without importing SQLite or the models: commands that only
read check that the file exists before paying for either."""

from __future__ import annotations

from pathlib import Path

from tui.userdirs import user_dir

FILE_NAME = "reading.db"


def data_dir() -> Path:
    """The folder the store lives in: $ARGVIEW_DATA_DIR, else the platform's user data folder."""
    return user_dir("data")


def store_path() -> Path:
    return data_dir() / FILE_NAME
