"""Every app command in one table: each gives the key binding, the footer entry, the command
palette entry and the help screen line at once, so the four never drift apart."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
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


COMMANDS: tuple[Command, ...] = (
    # Reading
    Command("scroll_down", "j,down", "Scroll down", "Scroll the article one line down", "Read", key_display="j ↓", scope="article"),
    Command("scroll_up", "k,up", "Scroll up", "Scroll the article one line up", "Read", key_display="k ↑", scope="article"),
    Command("page_down", "space,pagedown", "Page down", "Scroll one screen down", "Read", key_display="space PgDn", scope="article"),
    Command("page_up", "b,pageup", "Page up", "Scroll one screen up", "Read", key_display="b PgUp", scope="article"),
    Command("half_down", "d", "Half page down", "Scroll half a screen down", "Read", scope="article"),
    Command("half_up", "u", "Half page up", "Scroll half a screen up", "Read", scope="article"),
    Command("top", "g,home", "Top", "Go to the start of the article", "Read", key_display="g Home", scope="article"),
    Command("bottom", "G,end", "Bottom", "Go to the end of the article", "Read", key_display="G End", scope="article"),
    Command("next_sentence", "right_parenthesis", "Next sentence", "Move the sentence cursor forward", "Read", key_display=")", scope="article"),
    Command("prev_sentence", "left_parenthesis", "Previous sentence", "Move the sentence cursor back", "Read", key_display="(", scope="article"),
    Command("next_section", "right_square_bracket", "Next section", "Jump to the next section", "Read", key_display="]"),
    Command("prev_section", "left_square_bracket", "Previous section", "Jump to the previous section", "Read", key_display="["),
    Command("next_unit", "right_curly_bracket", "Next argument unit", "Jump to the next thesis, claim, reason…", "Read", key_display="}"),
    Command("prev_unit", "left_curly_bracket", "Previous argument unit", "Jump to the previous argument unit", "Read", key_display="{"),
    # Side pane: the same keys move the focused pane's cursor instead of the article
    Command("pane_down", "j", "Pane cursor down", "In the outline, entities or sections pane: move its cursor down", "Side pane", scope="pane"),
    Command("pane_up", "k", "Pane cursor up", "In a side pane: move its cursor up", "Side pane", scope="pane"),
    Command("pane_first", "g", "Pane first item", "In a side pane: go to its first item", "Side pane", scope="pane"),
    Command("pane_last", "G", "Pane last item", "In a side pane: go to its last item", "Side pane", scope="pane"),
    # Finding
    Command("search", "slash,ctrl+k", "Search", "Fuzzy search sections (#), entities (@), arguments (!) and sentences", "Find", footer="Search", key_display="/ ctrl+k"),
    Command("next_match", "n", "Next match", "Step to the next match of the last search or entity", "Find", footer="Next"),
    Command("prev_match", "N", "Previous match", "Step to the previous match", "Find"),
    Command("clear", "escape", "Back", "Close, clear the highlights, or return to the article", "Find", key_display="esc"),
    # Panes and view
    Command("switch_pane", "tab", "Switch pane", "Move between the article and the side pane", "View", footer="Pane", priority=True),
    Command("toggle_side", "s", "Toggle side pane", "Show or hide the outline/entities/sections pane", "View", footer="Side"),
    Command("show_outline", "1", "Show outline", "Open the Outline tab", "View", call="show_tab('outline')"),
    Command("show_entities", "2", "Show entities", "Open the Entities tab", "View", call="show_tab('entities')"),
    Command("show_sections", "3", "Show sections", "Open the Sections tab", "View", call="show_tab('sections')"),
    Command("show_notes", "4", "Show notes", "Open the Notes tab: your notes, in text order", "View", call="show_tab('notes')"),
    Command("toggle_roles", "r", "Toggle role tints", "Tint argument units by role, with a legend", "View", footer="Roles"),
    Command("toggle_entities", "e", "Toggle entity colours", "Colour entity mentions by type", "View", scope="article"),
    Command("next_theme", "t", "Next theme", "Cycle through the colour themes", "View", scope="app"),
    # Your reading: corrections to the outline (on the highlighted outline node, or the unit at the
    # current sentence), notes and bookmarks, kept in the reading store between runs
    Command("change_role", "c", "Change role…", "Give the unit another role, or say it is not an argument", "Correct", footer="Role"),
    Command("make_unit", "U", "Make a unit…", "Make the current sentence, or a clause of it, an argument unit", "Correct"),
    Command("move_to", "M", "Move to…", "Put the unit under another one, chosen by name", "Correct"),
    Command("cut_node", "ctrl+x", "Cut unit", "Cut the unit, to paste it under another with p", "Correct"),
    Command("paste_node", "p", "Paste unit", "Put the cut unit under the highlighted one", "Correct"),
    Command("flip_relation", "f", "Flip support ↔ attack", "The unit attacks its parent instead of supporting it, or the reverse", "Correct"),
    Command("promote_thesis", "T", "Promote to thesis", "Make the unit the thesis; the old thesis becomes a claim under it", "Correct"),
    Command("undo", "z,ctrl+z", "Undo", "Undo the last correction", "Correct", footer="Undo", key_display="z ctrl+z"),
    Command("redo", "Z,ctrl+y", "Redo", "Redo the last undone correction", "Correct", key_display="Z ctrl+y"),
    Command("note", "a", "Note…", "Write or edit a note on the current sentence, the highlighted unit or note", "Notes", footer="Note"),
    Command("set_bookmark", "m", "Set bookmark", "m then a letter: mark the current sentence", "Notes", key_display="m<letter>"),
    Command("jump_bookmark", "apostrophe", "Go to bookmark", "' then a letter: jump to that mark ('' goes back)", "Notes", key_display="'<letter>"),
    Command("forget_reading", "", "Forget this article", "Remove your corrections, notes, bookmarks and place for this article", "Notes"),
    # Copying (OSC 52: works over SSH and in tmux with set-clipboard on)
    Command("copy", "y", "Copy", "Copy the current sentence, or the focused pane's item (an expanded outline node with its children)", "Copy"),
    Command("copy_outline", "Y", "Copy the outline", "Copy the whole outline as Markdown", "Copy"),
    # App
    Command("export", "x", "Export outline", "Write the outline as Markdown, Argdown, AIF or JSON", "App", footer="Export"),
    Command("help", "question_mark", "Help", "Show every key", "App", footer="Help", key_display="?"),
    Command("quit", "q", "Quit", "Leave Argview", "App", footer="Quit", scope="app"),
)


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
    ("Anywhere", "ctrl+p", "Command palette: every command by name, and themes"),
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
