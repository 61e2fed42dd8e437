"""The fuzzy search box: one query over sections, entities, argument units and sentences.

Searching runs in an exclusive thread worker per keystroke, so typing never waits on the index;
a stale worker's results are dropped. Hit labels are untrusted text: built as `Text`, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.screens.choosing import ChoosesFromList
from tui.text import UNJOIN
from tui.widgets.roles import BADGES, strip_unsafe

if TYPE_CHECKING:
    from tui.notesearch import NoteSearch
    from tui.search import SearchHit, SearchIndex

KIND_BADGES = {"section": "§ section ", "entity": "@ entity  ", "argument": "! argument", "sentence": "¶ sentence",
               "note": "* note    "}
MAX_RESULT_ROWS = 24
QUERY_LIMIT = 300  # characters a query may hold: more never narrows a search, and a huge value makes every key slow
_FLAT = str.maketrans({"\n": " ", "\t": " ", "\r": " ", **UNJOIN})


_INDENT = 12  # cells taken by a kind badge and the two spaces after it


def _reader_detail(hit: SearchHit) -> str:
    """An argument hit's role opens its detail ("objection · “Of course”"), named as the outline
    badges and the `!` prefix name it (objection, reason, reply)."""
    if hit.role is None:
        return hit.detail
    return " · ".join(part for part in (BADGES[hit.role].lower(), hit.detail) if part)


def hit_prompt(hit: SearchHit, width: int = 112) -> Text:
    """Kind badge and label with its matched characters highlighted; the detail on a second line.

    Each line is cut to `width` cells with an ellipsis: the result list would otherwise wrap a
    long label onto a row of its own, under the badges.
    """
    room = max(8, width - _INDENT)
    label = Text(hit.label.translate(_FLAT), no_wrap=True)
    for i in hit.highlights:
        if 0 <= i < len(hit.label):
            label.stylize("bold underline", i, i + 1)
    label.truncate(room, overflow="ellipsis")
    prompt = Text.assemble((KIND_BADGES.get(hit.kind, hit.kind), "dim"), "  ", label)
    if hit.detail or hit.role:
        detail = Text(_reader_detail(hit).translate(_FLAT), style="dim italic", no_wrap=True)
        detail.truncate(room, overflow="ellipsis")
        prompt.append("\n" + " " * _INDENT)
        prompt.append_text(detail)
    return prompt


class QueryInput(Input):
    """The query line: a paste is cleaned once and cut to the room left, typing stops at the limit."""

    def __init__(self, value: str = "", **kwargs) -> None:
        super().__init__(value=clean_query(value), max_length=QUERY_LIMIT, **kwargs)

    def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()  # Input's own paste would insert the raw text, and all of it
        start, end = sorted(self.selection)
        room = QUERY_LIMIT - (len(self.value) - (end - start))
        text = clean_query(event.text, room)
        if text:
            self.replace(text, start, end)

    def restricted(self) -> None:
        """Keys past the limit are dropped quietly: a paste the terminal splits into keys would
        otherwise ring the bell thousands of times."""


def clean_query(text: str, limit: int = QUERY_LIMIT) -> str:
    """Pasted or remembered text as one line of at most `limit` characters: no escape sequences,
    controls or line breaks. Linear in the text, once per paste, never per key."""
    if limit <= 0:
        return ""
    return " ".join(strip_unsafe(text).split(maxsplit=limit))[:limit]


class SearchScreen(ChoosesFromList, ModalScreen["tuple[str, SearchHit] | None"]):
    """Returns (query, chosen hit), or None when closed with esc."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("down,ctrl+n", "move(1)", "Next result", priority=True),
        Binding("up,ctrl+p", "move(-1)", "Previous result", priority=True),
    ]

    def __init__(self, index: SearchIndex | NoteSearch | None, query: str = "") -> None:
        super().__init__()
        self.index = index
        self.initial = query
        self.hits: list[SearchHit] = []
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box"):
            yield QueryInput(
                value=self.initial,
                placeholder="Search…   # sections  @ entities  ! arguments  * notes",
                id="search-input",
            )
            yield OptionList(id="search-results")
            yield Static(Text("↑↓ move · enter jump · esc close", style="dim"), id="search-hint")

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)
        if self.hits:  # labels were cut to the old width: cut them again once the list has its new one
            self.call_after_refresh(self._show_hits, self.query_text, self.hits)

    def _fit(self, height: int) -> None:
        """Cap the result list, not the box, to the terminal: a capped box clips the list's end
        and the key hint instead of scrolling. The box adds 4 rows (border, input, hint) and sits
        2 rows down; Textual's `vh` caps are ignored when the box sizes itself to its children."""
        results = self.query_one(OptionList)
        results.styles.max_height = max(3, min(MAX_RESULT_ROWS, height - 8))

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        self.query_one(Input).focus()
        if self.index is None:
            self._show_message("Search is not ready yet: the article is still being analysed.")
        elif self.initial:
            self.run_search(self.initial)

    def set_index(self, index: SearchIndex | NoteSearch | None) -> None:
        """The analysis finished while the box was open: search what is typed so far."""
        self.index = index
        self.query_one(OptionList).clear_options()
        if self.query_text.strip():
            self.run_search(self.query_text)

    def _show_message(self, message: str) -> None:
        results = self.query_one(OptionList)
        results.clear_options()
        results.add_option(Option(Text(message, style="dim italic"), disabled=True))

    def on_input_changed(self, event: Input.Changed) -> None:
        clean = strip_unsafe(event.value)
        if clean != event.value:  # a paste can carry escape sequences: the Input would draw them raw
            event.input.value = clean  # posts another Changed, which searches
            return
        self.query_text = event.value
        if self.index is None:
            return
        if not event.value.strip():
            self.hits = []
            self.query_one(OptionList).clear_options()
            return
        self.run_search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        hits = self.index.search(query, limit=50)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show_hits, query, hits)

    def _show_hits(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_text or not self.is_attached:
            return
        results = self.query_one(OptionList)
        keep = results.highlighted if hits is self.hits else 0
        self.hits = hits
        results.clear_options()
        if not hits:
            self._show_message("No match")
            return
        width = self._option_width(results)
        results.add_options(Option(hit_prompt(hit, width), id=str(i)) for i, hit in enumerate(hits))
        results.highlighted = keep or 0

    @staticmethod
    def _option_width(results: OptionList) -> int:
        """Cells an option's text gets: the list's width less the option padding (a plain
        OptionList has no left gutter; a SelectionList's check boxes would)."""
        padding = results.get_component_styles("option-list--option").padding.width
        width = results.scrollable_content_region.width - padding
        if not results.show_vertical_scrollbar:  # leave room for the one the new options may bring
            width -= results.styles.scrollbar_size_vertical
        return width if width > 0 else 112

    def rows(self) -> list:
        return self.hits

    def _choose(self, index: int | None) -> None:
        if index is None or not (0 <= index < len(self.hits)):
            return
        self.dismiss((self.query_text, self.hits[index]))

    def action_close(self) -> None:
        self.dismiss(None)
