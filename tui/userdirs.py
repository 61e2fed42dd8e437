"""Where Argview keeps a user's files, one place for all three kinds: settings (config), the
reading store (data) and derived lookups (cache). Each has an environment override, which the
tests use; otherwise platformdirs gives the platform's folder (~/.config, ~/.local/share and
~/.cache on Linux; ~/Library/… on macOS). platformdirs is imported only when asked."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

Kind = Literal["config", "data", "cache"]
OVERRIDES: dict[Kind, str] = {"config": "ARGVIEW_CONFIG_DIR", "data": "ARGVIEW_DATA_DIR", "cache": "ARGVIEW_CACHE_DIR"}


def user_dir(kind: Kind) -> Path:
    """The folder for `kind`: its $ARGVIEW_…_DIR when set, else the platform's folder for argview."""
    override = os.environ.get(OVERRIDES[kind])
    if override:
        return Path(override)
    import platformdirs

    find = {"config": platformdirs.user_config_dir, "data": platformdirs.user_data_dir,
            "cache": platformdirs.user_cache_dir}[kind]
    return Path(find("argview", appauthor=False))
