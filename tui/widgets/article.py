"""The article pane: a line-API `ScrollView` that renders only the visible lines.

Lines are pre-wrapped by `layout.layout_lines` (re-wrapped on resize) and rendered on demand into
`Strip`s kept in an LRU cache, as Textualize/toolong does for huge log files. Article text is never
parsed as markup: each line is a `rich.text.Text` built from the raw string and styled by offsets.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.widget import Widget

from tui.tables import block_kind, span_starts
from tui.text import UNJOIN
from tui.widgets.layout import Line, LineIndex, layout_lines
from tui.widgets.roles import MARKS, NOTE_MARK
from tui.widgets.spans import SpanSet

if TYPE_CHECKING:  # not imported: the article shows before pydantic is imported
    from tui.model import Analysis, ArgNode, Block, Sentence

# Any control character that slipped past ingest is drawn as U+FFFD: same length, so offsets hold.
_CONTROLS = {c: "\ufffd" for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]}
_CONTROLS[0x0A] = " "
_CONTROLS[0x09] = " "
_CONTROLS.update(UNJOIN)  # joined emoji drawn as their parts: the width every terminal agrees on

GUTTER = 3  # cells left of the text: the role marks (roles.MARKS) of up to two units starting on the line, a space
_DEPTH_PRIORITY = 10  # a nested unit's tint wins over its parent's


def component_style(widget: Widget, name: str) -> Style:
    """A component's style with translucent colours blended over the widget's background.

    `get_component_rich_style(partial=True)` drops alpha, so `$warning 30%` would paint solid.
    """
    styles = widget.get_component_styles(name)
    _, background = widget.background_colors
    color = bgcolor = None
    if styles.has_rule("background") and styles.background.a > 0:
        bgcolor = (background + styles.background).rich_color
    if styles.has_rule("color") and styles.color.a > 0:
        color = ((background + styles.background) + styles.color).rich_color
    return Style(color=color, bgcolor=bgcolor) + styles.text_style


class ArticleView(ScrollView, can_focus=True):
    """The article text with headings, entity mentions, role tints, a sentence cursor and matches."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--heading",
        "article--quote",
        "article--code",
        "article--prefix",
        "article--cursor",
        "article--highlight",
        "article--current",
        "article--entity-person",
        "article--entity-org",
        "article--entity-place",
        "article--entity-group",
        "article--entity-event",
        "article--entity-other",
        "article--role-thesis",
        "article--role-claim",
        "article--role-premise",
        "article--role-counter",
        "article--role-rebuttal",
        "article--role-conclusion",
        "article--note",
    }

    class Moved(Message):
        """The reading position (scroll or sentence cursor) changed."""

    class Clicked(Message):
        def __init__(self, offset: int) -> None:
            super().__init__()
            self.offset = offset

    def __init__(self, text: str, blocks: Sequence[Block], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = text
        self.blocks = blocks  # a table on a long text: a block is built when a line is drawn
        self.index = LineIndex([])
        self._wrap_width = 0
        self._sentences: Sequence[Sentence] = []
        self._sentence_starts: Sequence[int] = []
        self._mentions: SpanSet[str] = SpanSet()
        self._roles: SpanSet[str] = SpanSet()
        self._unit_starts: list[int] = []  # each unit's start, sorted, for the gutter marks
        self._unit_roles: list[str] = []
        self._note_starts: list[int] = []  # where the reader's notes start, sorted, for the gutter mark
        self._highlights: SpanSet[bool] = SpanSet()
        self._current: tuple[int, int] | None = None
        self._selection: tuple[int, int] | None = None  # a mouse selection, as text offsets
        self.cursor: int | None = None  # index of the current sentence
        self.show_roles = True
        self.show_entities = True
        self._generation = 0
        self._strip_cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}

    # ----------------------------------------------------------------- data in
    def set_analysis(self, analysis: Analysis) -> None:
        """Take sentences, mentions and argument units from the finished analysis."""
        self._sentences = analysis.sentences
        self._sentence_starts = span_starts(self._sentences)
        self._mentions = SpanSet(
            (m.start, m.end, entity.type.lower()) for entity in analysis.entities for m in entity.mentions
        )
        if self.cursor is None and self._sentences:
            self.cursor = self.sentence_at(self.offset_at_line(int(self.scroll_y)))
        self.set_outline(analysis.outline)

    def set_outline(self, outline: list[ArgNode]) -> None:
        """Take the argument units' tints and gutter marks (again after the reader corrects them)."""

        def units(nodes, depth):
            for node in nodes:
                yield (node.start, node.end, depth * _DEPTH_PRIORITY, node.role)
                yield from units(node.children, depth + 1)

        self._roles = SpanSet.flatten(units(outline, 0))
        starts = sorted((n.start, n.role) for root in outline for n in root.walk())
        self._unit_starts = [start for start, _role in starts]
        self._unit_roles = [role for _start, role in starts]
        self._invalidate()

    def set_notes(self, spans: Sequence[tuple[int, int]]) -> None:
        """The spans the reader wrote notes on: marked in the gutter on their first line."""
        self._note_starts = sorted(start for start, _end in spans)
        self._invalidate()

    # ----------------------------------------------------------------- layout
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width - GUTTER
        if width <= 0 or width == self._wrap_width:
            return
        # Keep the reader's place: the cursor sentence stays on the same screen row if it is
        # visible, otherwise the top line's text stays at the top.
        anchor, row = self.offset_at_line(int(self.scroll_y)), 0
        if self.index.lines and self.cursor is not None and self._sentences:
            top, bottom = self.visible_lines
            line = self.line_of(self._sentences[self.cursor].start)
            if top <= line < bottom:
                anchor, row = self._sentences[self.cursor].start, line - top
        self._wrap_width = width
        self.index = LineIndex(layout_lines(self.text, self.blocks, width))
        self.virtual_size = Size(width + GUTTER, len(self.index))
        self._invalidate()
        self.scroll_to(y=max(0, self.index.line_of(anchor) - row), animate=False, immediate=True)

    def offset_at_line(self, y: int) -> int:
        lines = self.index.lines
        if not lines:
            return 0
        return lines[max(0, min(y, len(lines) - 1))].start

    def line_of(self, offset: int) -> int:
        return self.index.line_of(offset)

    @property
    def visible_lines(self) -> tuple[int, int]:
        top = int(self.scroll_y)
        return top, top + max(1, self.scrollable_content_region.height)

    @property
    def position(self) -> float:
        """Reading position in [0, 1]: how far down the article the view is."""
        if self.max_scroll_y <= 0:
            return 1.0
        return min(1.0, self.scroll_y / self.max_scroll_y)

    # ----------------------------------------------------------------- sentences
    def sentence_at(self, offset: int) -> int | None:
        if not self._sentences:
            return None
        return max(0, bisect_right(self._sentence_starts, offset) - 1)

    @property
    def cursor_offset(self) -> int:
        if self.cursor is None or not self._sentences:
            return self.offset_at_line(int(self.scroll_y))
        return self._sentences[self.cursor].start

    @property
    def cursor_span(self) -> tuple[int, int] | None:
        if self.cursor is None or not self._sentences:
            return None
        sentence = self._sentences[self.cursor]
        return sentence.start, sentence.end

    def set_cursor(self, sentence: int | None, *, scroll: bool = True) -> None:
        if sentence is not None and self._sentences:
            sentence = max(0, min(sentence, len(self._sentences) - 1))
        if sentence != self.cursor:
            self.cursor = sentence
            self._invalidate()
        if scroll and self.cursor is not None:
            self.reveal(self._sentences[self.cursor].start)
        self.post_message(self.Moved())

    def scroll_to_end(self) -> None:
        """Show the article's last line, the cursor on the last sentence. The cursor moves without
        scrolling: revealing a long last sentence would bring back its start, not the end."""
        if self._sentences:
            self.set_cursor(len(self._sentences) - 1, scroll=False)
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def move_cursor(self, delta: int) -> None:
        if not self._sentences:
            self.scroll_lines(delta)
            return
        self.set_cursor((self.cursor or 0) + delta if self.cursor is not None else 0)

    def _clamp_cursor(self) -> None:
        """Keep the sentence cursor on screen when the reader scrolls the view."""
        if self.cursor is None or not self._sentences or not self.index.lines:
            return
        top, bottom = self.visible_lines
        sentence = self._sentences[self.cursor]
        first, last = self.line_of(sentence.start), self.line_of(max(sentence.start, sentence.end - 1))
        if last >= top and first < bottom:
            return
        if first < top:
            target = self.sentence_at(self.offset_at_line(top))
            if target is not None and self._sentences[target].start < self.offset_at_line(top):
                target = min(target + 1, len(self._sentences) - 1) if top > 0 else target
        else:
            target = self.sentence_at(self.offset_at_line(bottom - 1))
        if target is not None and target != self.cursor:
            self.cursor = target
            self._invalidate()

    # ----------------------------------------------------------------- scrolling
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._clamp_cursor()
        self.post_message(self.Moved())

    def scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_y + delta, animate=False, immediate=True)

    def scroll_pages(self, pages: float) -> None:
        step = max(1, int(self.scrollable_content_region.height * abs(pages)))
        self.scroll_lines(step if pages > 0 else -step)

    def run_move(self, move: str) -> None:
        """Run a movement command of `tui.commands` (scope "article") by name. The reader screen
        binds their keys so they work from any pane; named apart from Widget's own scroll actions,
        which the arrow keys run while the article has focus."""
        moves = {
            "scroll_down": lambda: self.scroll_lines(1),
            "scroll_up": lambda: self.scroll_lines(-1),
            "page_down": lambda: self.scroll_pages(1),
            "page_up": lambda: self.scroll_pages(-1),
            "half_down": lambda: self.scroll_pages(0.5),
            "half_up": lambda: self.scroll_pages(-0.5),
            "top": self.scroll_to_start,
            "bottom": self.scroll_to_end,
            "next_sentence": lambda: self.move_cursor(1),
            "prev_sentence": lambda: self.move_cursor(-1),
            "toggle_entities": self.toggle_entities,
        }
        moves[move]()

    def scroll_to_start(self) -> None:
        self.scroll_to(y=0, animate=False, immediate=True)
        if self.cursor is not None:
            self.set_cursor(0)

    def reveal(self, offset: int, end: int | None = None) -> None:
        """Scroll so the line of `offset` is visible, a third down the view if it must move."""
        line = self.line_of(offset)
        last = self.line_of(max(offset, (end or offset + 1) - 1))
        top, bottom = self.visible_lines
        if line >= top and last < bottom:
            return
        height = bottom - top
        y = line - height // 3 if last - line < height * 2 // 3 else line
        self.scroll_to(y=max(0, y), animate=False, immediate=True)

    # ----------------------------------------------------------------- highlights
    def set_highlights(self, spans: Sequence[tuple[int, int]], current: tuple[int, int] | None = None) -> None:
        self._highlights = SpanSet.flatten((s, e, 0, True) for s, e in spans)
        self._current = current
        self._invalidate()

    def set_current(self, current: tuple[int, int] | None) -> None:
        self._current = current
        self._invalidate()

    def clear_highlights(self) -> None:
        self.set_highlights([], None)

    @property
    def current_match(self) -> tuple[int, int] | None:
        """The span drawn as the current match (or the chosen argument unit), if any."""
        return self._current

    @property
    def has_highlights(self) -> bool:
        return bool(self._highlights) or self._current is not None

    def toggle_roles(self) -> bool:
        self.show_roles = not self.show_roles
        self._invalidate()
        return self.show_roles

    def toggle_entities(self) -> bool:
        self.show_entities = not self.show_entities
        self._invalidate()
        return self.show_entities

    # ----------------------------------------------------------------- mouse
    def _offset_at(self, x: int, y: int, *, after: bool = False) -> int:
        """The text offset under cell (x, y) of the laid-out article (y a display line, not a screen
        row). The gutter and a line's prefix map to the line's start; `after` gives the offset just
        past the character there (a selection's end includes the cell it ends on)."""
        lines = self.index.lines
        if y >= len(lines):
            return len(self.text)
        line = lines[max(0, y)]
        column = x - GUTTER - cell_len(line.prefix)
        if column < 0:
            return line.start
        cells = 0
        for pos in range(line.start, line.end):
            cells += cell_len(self.text[pos])
            if cells > column:
                return pos + 1 if after else pos
        return line.end

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not self.index.lines:
            return
        y = int(self.scroll_y) + offset.y
        if y >= len(self.index):
            return
        line = self.index.lines[y]
        pos = min(self._offset_at(offset.x, y), max(line.start, line.end - 1))
        if self._sentences:
            self.set_cursor(self.sentence_at(pos), scroll=False)
        self.post_message(self.Clicked(pos))

    # ----------------------------------------------------------------- mouse selection
    def _span_of(self, selection: Selection | None) -> tuple[int, int] | None:
        if selection is None:
            return None
        start = 0 if selection.start is None else self._offset_at(selection.start.x, selection.start.y)
        end = len(self.text) if selection.end is None else self._offset_at(selection.end.x, selection.end.y, after=True)
        return (start, end) if end > start else None

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The article text under a mouse selection (ctrl+c or y copies it), as the article holds
        it: no gutter marks, no list or quote prefixes, paragraphs as written."""
        span = self._span_of(selection)
        return (self.text[span[0] : span[1]], "\n") if span else None

    def selection_updated(self, selection: Selection | None) -> None:
        # mapped to text offsets once per change, not once per rendered line
        self._selection = self._span_of(selection)
        self._invalidate()

    @property
    def selected_text(self) -> str:
        span = self._selection
        return self.text[span[0] : span[1]] if span else ""

    # ----------------------------------------------------------------- rendering
    def _invalidate(self) -> None:
        self._generation += 1
        self._strip_cache.clear()
        self.refresh()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._restyle())

    def _restyle(self) -> None:
        self._styles.clear()
        self._invalidate()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strip_cache.clear()

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = component_style(self, f"article--{name}")
        return style

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if index >= len(self.index):
            return Strip.blank(width, base)
        key = (index, width, self._generation)
        strip = self._strip_cache.get(key)
        if strip is None:
            strip = self._render_strip(self.index.lines[index])
            strip = strip.crop_extend(0, width, base)
            self._strip_cache[key] = strip
        return strip.apply_offsets(0, index)

    def _gutter(self, start: int, end: int, base: Style) -> Text:
        """The role marks of the units starting on this line (two at most; "+" says there are
        more), so roles read without colour; a note starting on the line takes the second cell."""
        gutter = Text(end="")
        noted = end > start and bisect_left(self._note_starts, start) < bisect_left(self._note_starts, end)
        if self.show_roles and end > start:  # a blank line between paragraphs starts where the next one does
            i = bisect_left(self._unit_starts, start)
            j = bisect_left(self._unit_starts, end)
            roles = self._unit_roles[i:j]
            for role in roles[:1] if len(roles) > 2 or noted else roles:
                gutter.append(MARKS[role], base + self._style(f"role-{role}") + Style(bold=True))
            if len(roles) > 2 and not noted:
                gutter.append("+", base + Style(bold=True))
        if noted:
            gutter.append(" " * (1 - gutter.cell_len), base)
            gutter.append(NOTE_MARK, base + self._style("note") + Style(bold=True))
        gutter.append(" " * (GUTTER - gutter.cell_len), base)
        return gutter

    def _block_style(self, kind: str) -> Style | None:
        if kind == "title":
            return self._style("title")
        if kind == "heading":
            return self._style("heading")
        if kind == "quote":
            return self._style("quote")
        if kind in ("code", "table"):
            return self._style("code")
        return None

    def _render_strip(self, line: Line) -> Strip:
        start, end = line.start, line.end
        base = self.rich_style
        text = Text(self.text[start:end].translate(_CONTROLS), no_wrap=True, end="")
        text.stylize(base)  # as a span: Text.render ignores Text.style when there are no spans
        if line.block >= 0:
            block_style = self._block_style(block_kind(self.blocks, line.block))
            if block_style:
                text.stylize(block_style)
        if self.show_roles:
            for s, e, role in self._roles.overlapping(start, end):
                text.stylize(self._style(f"role-{role}"), max(s, start) - start, min(e, end) - start)
        if self.show_entities:
            for s, e, kind in self._mentions.overlapping(start, end):
                text.stylize(self._style(f"entity-{kind}"), max(s, start) - start, min(e, end) - start)
        span = self.cursor_span
        if span and span[0] < end and span[1] > start:
            text.stylize(self._style("cursor"), max(span[0], start) - start, min(span[1], end) - start)
        for s, e, _ in self._highlights.overlapping(start, end):
            text.stylize(self._style("highlight"), max(s, start) - start, min(e, end) - start)
        if self._current and self._current[0] < end and self._current[1] > start:
            s, e = self._current
            text.stylize(self._style("current"), max(s, start) - start, min(e, end) - start)
        selected = self._selection
        if selected and selected[0] < end and selected[1] > start:
            style = self.screen.get_component_rich_style("screen--selection")
            text.stylize(style, max(selected[0], start) - start, min(selected[1], end) - start)
        if line.prefix:
            text = Text.assemble((line.prefix, base + self._style("prefix")), text, no_wrap=True, end="")
        text = Text.assemble(self._gutter(start, end, base), text, no_wrap=True, end="")
        segments = list(text.render(self.app.console))
        return Strip(segments, text.cell_len)
