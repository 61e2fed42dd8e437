"""Where the reading store lives, without importing SQLite or the models: commands that only
read check that the file exists before paying for either."""

from __future__ import annotations

import os
from pathlib import Path

FILE_NAME = "reading.db"


def data_dir() -> Path:
    """The folder the store lives in: $ARGVIEW_DATA_DIR, else the platform's user data folder."""
    override = os.environ.get("ARGVIEW_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("argview", appauthor=False))


def store_path() -> Path:
    return data_dir() / FILE_NAME
