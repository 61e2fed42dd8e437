"""Small dialogs the reader's corrections and bookmarks ask through: a list to choose from (with a
fuzzy filter when it is long: "move to…"), and one key (the letter after `m` or `'`).

Option texts come from the article (unit labels, sentences): built as `Text`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.choosing import ChoosesFromList
from tui.text import label_line

Choice = tuple[str, Text]  # (id returned, what the reader sees)


class ChoiceScreen(ChoosesFromList, ModalScreen["str | None"]):
    """Choose one of `choices`; returns its id, or None on esc. With `filter`, typing narrows the
    list (fuzzy, as the search box does)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down,ctrl+n", "move(1)", "Next", show=False, priority=True),
        Binding("up,ctrl+p", "move(-1)", "Previous", show=False, priority=True),
    ]

    def __init__(self, title: str, choices: list[Choice], *, initial: str | None = None, filter: bool = False,
                 hint: str = "enter chooses · esc closes") -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.initial = initial
        self.filter = filter
        self.hint = hint
        self.shown: list[Choice] = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog") as box:
            box.border_title = Text(self.title_text)  # names article text: never markup
            box.border_subtitle = self.hint
            if self.filter:
                yield Input(placeholder="Type to narrow…", id="choice-filter")
            yield OptionList(id="choice-list")

    def on_mount(self) -> None:
        self._show(self.choices)
        ids = [cid for cid, _ in self.shown]
        if self.initial in ids:
            self.query_one(OptionList).highlighted = ids.index(self.initial)
        (self.query_one(Input) if self.filter else self.query_one(OptionList)).focus()

    def _show(self, choices: list[Choice]) -> None:
        self.shown = choices
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(label, id=cid) for cid, label in choices)
        if choices:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        query = " ".join(event.value.split()).lower()
        if not query:
            self._show(self.choices)
            return
        from rapidfuzz import fuzz

        scored = [(fuzz.partial_ratio(query, label.plain.lower()), i) for i, (_cid, label) in enumerate(self.choices)]
        self._show([self.choices[i] for score, i in sorted(scored, key=lambda s: (-s[0], s[1])) if score >= 60])

    def rows(self) -> list:
        return self.shown

    def _choose(self, index: int | None) -> None:
        if index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index][0])

    def action_close(self) -> None:
        self.dismiss(None)


class KeyPrompt(ModalScreen["str | None"]):
    """Wait for one letter a–z (a bookmark's name); esc or any other key cancels. `marks` (letter →
    where it points, one line) are listed, so the reader sees which letters are taken."""

    def __init__(self, title: str, marks: dict[str, str], *, back: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.marks = marks
        self.back = back  # `'` accepts `'` too: back to where the last jump left

    def compose(self) -> ComposeResult:
        with Vertical(id="key-box", classes="dialog") as box:
            box.border_title = Text(self.title_text)  # names article text: never markup
            box.border_subtitle = "a–z" + (" · ' back" if self.back else "") + " · esc closes"
            lines = Text()
            for key, where in sorted(self.marks.items()):
                lines.append(f"{key}  ", style="bold")
                lines.append(label_line(where, 70) + "\n")
            if not self.marks:
                lines.append("No bookmarks yet: m then a letter sets one.", style="dim italic")
            yield Static(lines, id="key-marks")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        char = event.character or ""
        if len(char) == 1 and "a" <= char <= "z":
            self.dismiss(char)
        elif self.back and char == "'":
            self.dismiss("'")
        else:
            self.dismiss(None)
