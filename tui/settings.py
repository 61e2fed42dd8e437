"""The user's settings: a TOML file in the platform's config folder (`ARGVIEW_CONFIG_DIR` overrides
it, so tests never touch the user's home).

    theme = "nord"            # any Textual theme; `t` and the palette save the one chosen here
    side_pane = "auto"        # "auto" (shown when the terminal is 100 columns or wider), "shown", "hidden"
    role_tints = true         # tint argument units by role at start (`r` toggles)
    [keys]                    # binding id (see `argview` then `?`, or tui/commands.toml) = Textual key names
    toggle_side = "S"

A bad file never stops the app: each setting that is wrong is dropped (its default is used) and
`load` says why in one line naming the file, the line and the key.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tui.userdirs import user_dir

FILE_NAME = "config.toml"
SIDE_PANE = ("auto", "shown", "hidden")


@dataclass(frozen=True)
class Settings:
    # checked by hand in `load`, not with pydantic: the settings are read before the first paint
    theme: str | None = None  # None: Textual's default
    side_pane: Literal["auto", "shown", "hidden"] = "auto"
    role_tints: bool = True
    keys: dict[str, str] = field(default_factory=dict)


def _wrong(key: str, value: object) -> str | None:
    """Why `value` cannot be setting `key` (strict: "no" is not a bool), or None if it can."""
    if key == "theme":
        return None if isinstance(value, str) else "Input should be a valid string"
    if key == "side_pane":
        return None if isinstance(value, str) and value in SIDE_PANE else "Input should be 'auto', 'shown' or 'hidden'"
    if key == "role_tints":
        return None if isinstance(value, bool) else "Input should be a valid boolean"
    if key == "keys":
        return "Input should be a valid dictionary"  # a table is checked key by key
    return "unknown setting"


def config_dir() -> Path:
    return user_dir("config")


def config_path() -> Path:
    return config_dir() / FILE_NAME


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line (1-based) where `key` is set, in `[table]` if given; None if not found."""
    current: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
        elif current == table and re.match(rf"\s*[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number
    return None


def load(path: Path | None = None, *, key_ids: frozenset[str] = frozenset()) -> tuple[Settings, list[str]]:
    """The settings in `path` (default: `config_path()`) and one line per problem found.

    A missing file is no problem. `key_ids` are the binding ids `[keys]` may name (empty: any)."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(), []
    except (OSError, UnicodeDecodeError) as err:
        return Settings(), [f"{path}: cannot read it ({err}); using the defaults"]
    import tomllib  # here: with no settings file (the usual case) the first paint does without it

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        # the message ends "(at line N, column M)"; say the line first, like the other problems
        where = re.search(r"\(at line (\d+), column \d+\)", str(err))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        line = f"line {where.group(1)}: " if where else ""
        return Settings(), [f"{path}: {line}not valid TOML: {reason}; using the defaults"]

    problems: list[str] = []

    def problem(key: str, why: str, table: str | None = None, then: str = "using the default") -> None:
        line = _line_of(text, key, table)
        name = f"{table}.{key}" if table else key
        problems.append(f"{path}: {f'line {line}: ' if line else ''}{name}: {why}; {then}")

    good: dict[str, object] = {}
    for key, value in data.items():
        if key == "keys" and isinstance(value, dict):
            keys: dict[str, str] = {}
            for binding, keyspec in value.items():
                if key_ids and binding not in key_ids:
                    problem(binding, "no such command (binding id)", "keys", "ignored")
                elif not isinstance(keyspec, str) or not keyspec.strip() or any(
                    not part or part != part.strip() or " " in part for part in keyspec.split(",")
                ):
                    problem(binding, f"not a key list like \"ctrl+s\" or \"S,f2\": {keyspec!r}", "keys", "keeping its key")
                else:
                    keys[binding] = keyspec
            good["keys"] = keys
            continue
        why = _wrong(key, value)
        if why == "unknown setting":
            problem(key, why, then="ignored")
        elif why:
            problem(key, why)
        else:
            good[key] = value
    return Settings(**good), problems  # type: ignore[arg-type]  # each value checked above


def save_theme(theme: str, path: Path | None = None) -> None:
    """Set `theme` in the file, keeping every other line (settings and comments) as it is, and
    write it atomically. Raises OSError; never rewrites a file that is not valid TOML."""
    import tempfile
    import tomllib

    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    tomllib.loads(text)  # a broken file is the user's to fix: TOMLDecodeError, and it stays untouched
    line = f"theme = {_toml_string(theme)}"
    lines = text.splitlines()
    for i, old in enumerate(lines):
        if re.match(r"\s*\[", old):  # a table starts: the top-level keys are over
            lines.insert(i, line)
            break
        if re.match(r"\s*[\"']?theme[\"']?\s*=", old):
            lines[i] = line
            break
    else:
        lines.append(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _toml_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
