"""Every app command in one table (commands.toml, read here): each gives the key binding, the footer
entry, the command palette entry and the help screen line at once, so the four never drift apart."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import partial
from importlib import resources
from collections.abc import Callable

from rich.text import Text
from textual.binding import Binding
from textual.command import Hit, Hits, Provider


@dataclass(frozen=True)
class Command:
    action: str  # the command's name: its binding id, and its action unless `call` says otherwise
    keys: str  # Textual key names, comma-separated (the first is shown)
    title: str  # palette title and help screen text
    help: str  # one line for the palette and the help screen
    group: str  # heading on the help screen
    footer: str | None = None  # short footer label; None keeps it out of the footer
    key_display: str | None = None  # how the help screen and footer show the keys
    priority: bool = False
    scope: str = "reader"  # who runs it: "app" (also under dialogs), "reader" (the reader screen), "article",
    # or "pane": the focused outline/entities/sections pane (bound on each pane, so they win over the article's)
    call: str | None = None  # the action with its arguments, when it is not `action`
    @property
    def display_keys(self) -> str:
        return self.key_display or self.keys.split(",")[0] or "palette"

    @property
    def run(self) -> str:
        """The action string a key or the palette runs, in the namespace of `scope`."""
        if self.scope == "article":  # movement: the reader screen binds it so it works from any pane
            return f"article({self.action!r})"
        return self.call or self.action

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.run,
            self.footer or self.title,
            show=self.footer is not None,
            key_display=self.key_display.split(" ")[0] if self.key_display else None,
            priority=self.priority,
            id=self.action,
        )


def _load() -> tuple[Command, ...]:
    """The table in commands.toml (data, one command a line), in its order: group by group."""
    table = tomllib.loads(resources.files("tui").joinpath("commands.toml").read_text(encoding="utf-8"))
    return tuple(Command(action, group=group, **row) for group, rows in table.items() for action, row in rows.items())


COMMANDS: tuple[Command, ...] = _load()


def bindings(scope: str) -> list[Binding]:
    """The key bindings of the commands run by `scope` ("app", "reader", "article" or "pane")."""
    return [command.binding() for command in COMMANDS if command.scope == scope and command.keys]  # "": palette only


# Keys that belong to a pane or a dialog rather than the app; listed on the help screen only.
LOCAL_KEYS: tuple[tuple[str, str, str], ...] = (
    ("Side pane", "↑ ↓ enter", "Move in the outline / entities / sections list; enter jumps to it"),
    ("Side pane", "click", "Click a node or list item to jump; click the article to move the cursor"),
    ("Search box", "↑ ↓ ctrl+n ctrl+p", "Move through the results"),
    ("Search box", "enter / esc", "Jump to the result / close the box"),
    ("Note editor", "ctrl+s / esc", "Save the note (an empty one is deleted) / close: esc twice drops a change"),
    ("Move to…", "type, ↑ ↓, enter", "Narrow the units by their words, choose the new parent"),
    ("Anywhere", "ctrl+p", "Command palette: every command that can run now, by name, and themes"),
)


class JumpProvider(Provider):
    """Palette hits for the article's sections and entities, matched with rapidfuzz.

    Their names are untrusted text, so hits are built from `Text` (never markup) and Textual's
    own matcher, which parses candidates as markup, is not used.
    """

    async def search(self, query: str) -> Hits:
        reader = self.screen  # the screen the palette opened over
        analysis = getattr(reader, "analysis", None)
        if analysis is None or not query.strip():
            return
        from rapidfuzz import fuzz, process, utils

        targets: list[tuple[str, str, Callable[[], object]]] = []
        for section in analysis.sections:
            targets.append(("section", section.title, partial(reader.goto, section.start, top=True)))
        for entity in analysis.entities:
            targets.append(("entity", entity.name, partial(reader.select_entity, entity)))
        names = [" ".join(name.split())[:120] for _kind, name, _go in targets]
        # 70, not 60: WRatio gives 60 to any short name sharing a letter pair with a command word
        # ("export" → "EU"), while misspelt names ("tokaev", "puttin") score 75 and up.
        matches = process.extract(
            query, names, scorer=fuzz.WRatio, processor=utils.default_process, limit=12, score_cutoff=70
        )
        for name, score, index in matches:
            kind, _name, go = targets[index]
            yield Hit(
                score / 100,
                Text.assemble((f"Go to {kind}: ", "dim"), name),
                go,
                text=f"Go to {kind}: {name}",
            )
