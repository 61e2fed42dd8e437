"""The reader: the article beside its outline, entities and sections.

The text shows at once; the analysis (and the search index) runs in a thread worker and fills the
panes when done. This screen follows the reading position into the panes and the title bar, keeps
the matches n/N step through, and moves focus between the article and the side pane. Its keys
come from the command table (`tui.commands`); the article's movement keys are bound here so they
work from any pane, and run on the article (`ArticleView.run_move`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Static

from tui.commands import COMMANDS, bindings
from tui.matches import Matches, first_from, index_at
from tui.messages import AnalysisFailed, AnalysisProgress, AnalysisReady
from tui.screens.edits import EditActions
from tui.screens.marks import MarkActions
from tui.screens.reading import ReadingState
from tui.screens.sharing import SharingActions
from tui.widgets.article import ArticleView
from tui.widgets.legend import RoleLegend
from tui.text import label_line
from tui.widgets.titlebar import TitleBar

if TYPE_CHECKING:

    from tui.background import CancelFlag
    from tui.ingest import Document, SourceInfo
    from textual.widgets import OptionList, TabbedContent, Tree

    from tui.model import Analysis, ArgNode, Entity, Source
    from tui.search import SearchHit, SearchIndex

# The side pane (tabs, trees, lists), the progress bar and the model (pydantic) are not imported
# before the first paint: the article's text is what a reader waits for (issue 13). The side pane
# is built right after it, the model when the analysis needs it.

NARROW = 100  # below this many columns the side pane starts hidden
LARGE_TEXT = 150_000  # characters; above this the progress bar shows while analysing
# Left out of the footer on a narrow terminal, so Export, Help and Quit stay in sight (help and palette list them).
WIDE_FOOTER = frozenset(c.action for c in COMMANDS if c.group in ("Correct", "Notes"))
TABS = {"outline": "tab-outline", "entities": "tab-entities", "sections": "tab-sections", "notes": "tab-notes"}


class ReaderScreen(EditActions, MarkActions, ReadingState, SharingActions, Screen[None]):
    BINDINGS = bindings("reader") + bindings("article")

    def __init__(
        self,
        source: Source | SourceInfo,
        doc: Document | None = None,
        *,
        analysis: Analysis | None = None,
        side_pane: str = "auto",
        role_tints: bool = True,
    ) -> None:
        """Open an ingested document (analysed in the background) or a finished analysis; the side
        pane starts "auto" (shown on a wide terminal), "shown" or "hidden"; role tints on or off."""
        super().__init__()
        if doc is None and analysis is None:
            raise ValueError("ReaderScreen needs a Document or an Analysis")
        self.source = source
        self.doc = doc
        self.analysis: Analysis | None = analysis
        self.search_index: SearchIndex | None = None
        base = analysis if analysis is not None else doc
        assert base is not None
        self._text, self._blocks = base.text, base.blocks
        self.article_title = base.title or label_line(source.name, 300)  # a file name may hold escapes
        self.matches = Matches()
        self.last_query = ""
        self.side_visible = True
        self._narrow: bool | None = None
        self._units: list[ArgNode] = []
        self._analysis_failed = False
        self._side_setting = side_pane
        self._role_tints = role_tints
        self._first_tab = TABS["outline"]  # 1/2/3 pressed before the side pane is built choose it

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield TitleBar(self.article_title, id="titlebar")
        with Horizontal(id="body"):
            with Vertical(id="main"):
                yield ArticleView(self._text, self._blocks, id="article")
                if self.analysis is None and len(self._text) >= LARGE_TEXT:
                    yield self._progress()  # only a long wait has a progress bar
                yield RoleLegend(id="legend")
            if self.analysis is not None:
                yield self._side_pane()
            else:  # same place and width, until the first paint is done
                yield Static(Text("Analysing…", style="dim italic"), id="side-pending", classes="empty")
        if self.analysis is not None:
            yield Footer(compact=True)  # else after the first paint: composed once the focus is set

    def _side_pane(self) -> Widget:
        """The tabs Outline · Entities · Sections · Notes, each "Analysing…" until the analysis fills it."""
        from textual.widgets import TabbedContent, TabPane

        from tui.widgets.entities import EntityTree
        from tui.widgets.notes import NotesList
        from tui.widgets.outline import OutlineTree
        from tui.widgets.sections import SectionList

        side = TabbedContent(id="side", initial=self._first_tab)
        for title, name, pane in (("Outline", "outline", OutlineTree), ("Entities", "entities", EntityTree),
                                  ("Sections", "sections", SectionList), ("Notes", "notes", NotesList)):
            empty = Static(Text("Analysing…", style="dim italic"), id=f"{name}-empty", classes="empty")
            side.compose_add_child(TabPane(title, pane(id=name), empty, id=TABS[name]))
        return side

    @staticmethod
    def _progress() -> Widget:
        from textual.widgets import ProgressBar

        return Horizontal(Static(Text("Analysing", style="italic"), id="progress-label"),
                          ProgressBar(total=100, show_eta=False, id="progress-bar"), id="progress")

    async def _build_panes(self) -> None:
        """After the first paint: the side pane replaces its placeholder, then the analysis starts."""
        pending = self.query("#side-pending")
        if not pending:
            return
        side = self._side_pane()
        side.display = self.side_visible
        with self.app.batch_update():
            mounted = self.query_one("#body").mount(side, after="#side-pending")
            removed = pending.remove()
            footer = self.mount(Footer(compact=True))
        await mounted
        await removed
        await footer
        self._setup_side()
        self.open_reading()  # the reader's corrections, notes and place, from the store
        self.analyse_in_background()

    @property
    def article(self) -> ArticleView:
        return self.query_one("#article", ArticleView)

    @property
    def titlebar(self) -> TitleBar:
        return self.query_one("#titlebar", TitleBar)

    def on_mount(self) -> None:
        self.app.title = self.article_title
        self._apply_width(self.app.size.width)
        if self._side_setting != "auto":
            self._set_side(self._side_setting == "shown")
        if not self._role_tints:
            self.action_toggle_roles()
        self.article.focus()
        if self.analysis is not None:
            self._setup_side()
            self.open_reading()  # the reader's corrections, notes and place, from the store
            self._install(self.analysis, self._build_index(self.analysis))
        else:
            self.titlebar.set_status("analysing…")
            # After the first paint: the panes and the analysis (which competes for the GIL) wait
            # until the text is on screen.
            self.call_after_refresh(self._build_panes)
            for progress in self.query("#progress"):
                progress.display = True

    def _setup_side(self) -> None:
        from textual.widgets import Tabs

        for tabs in self.query(Tabs):
            tabs.can_focus = False  # tab moves between panes; the tabs switch with 1/2/3 or a click
        for pane in self.query("OutlineTree, EntityTree, SectionList, NotesList"):
            pane.display = False
        self._set_side(self.side_visible)

    def on_resize(self, event: events.Resize) -> None:
        self._apply_width(event.size.width)

    def on_screen_resume(self) -> None:
        self._apply_width(self.app.size.width)  # the terminal may have been resized under a dialog

    def _apply_width(self, width: int) -> None:
        narrow = width < NARROW
        if narrow != self._narrow:
            self._narrow = narrow
            self.set_class(narrow, "narrow")
            self._set_side(not narrow)
            self.refresh_bindings()

    @property
    def active_bindings(self) -> dict[str, Any]:
        """What the footer shows: on a narrow terminal, without the reading commands."""
        active = super().active_bindings
        if not self._narrow:
            return active
        return {key: a for key, a in active.items() if a.binding.id not in WIDE_FOOTER}

    def _set_side(self, visible: bool) -> None:
        self.side_visible = visible
        for side in self.query("#side, #side-pending"):
            side.display = visible
            if not visible and side.has_focus_within:
                self.article.focus()

    # ------------------------------------------------------------------ analysis
    @work(exclusive=True, group="analysis")
    async def analyse_in_background(self) -> None:
        """The analysis runs in a daemon thread: quitting stops it at its next progress report
        and never waits for it (see tui.background)."""
        from tui.background import Cancelled, run_in_daemon_thread

        try:
            analysis, index = await run_in_daemon_thread(self._analyse, "argview-analysis")
        except Cancelled:
            return
        except Exception as err:  # noqa: BLE001 - the reader keeps the plain text and sees why
            self.post_message(AnalysisFailed(f"{type(err).__name__}: {err}"))
            return
        self.post_message(AnalysisReady(analysis, index))

    def _analyse(self, cancel: CancelFlag) -> tuple[Analysis, SearchIndex]:
        from tui.analysis import analyse

        def progress(step: str, fraction: float) -> None:
            cancel.check()
            self.post_message(AnalysisProgress(step, fraction))

        assert self.doc is not None
        analysis = analyse(self.source, self.doc, progress)
        progress("search index", 0.95)
        return analysis, self._build_index(analysis)

    @staticmethod
    def _build_index(analysis: Analysis) -> SearchIndex:
        from tui.search import SearchIndex

        return SearchIndex(analysis)

    def on_analysis_progress(self, message: AnalysisProgress) -> None:
        if message.step == "done":
            return
        percent = int(message.fraction * 100)
        self.titlebar.set_status(f"analysing {message.step}… {percent}%")
        if self.query("#progress"):
            from textual.widgets import ProgressBar

            self.query_one("#progress-label", Static).update(Text(f"Analysing: {message.step}", style="italic"))
            self.query_one("#progress-bar", ProgressBar).update(progress=percent)

    def _hide_progress(self) -> None:
        for progress in self.query("#progress"):
            progress.display = False

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        self._install(message.analysis, message.index)

    def on_analysis_failed(self, message: AnalysisFailed) -> None:
        self._analysis_failed = True
        self._hide_progress()
        self.titlebar.set_status("analysis failed")
        self.notify(
            label_line(f"Analysis failed; showing the text only. {message.error}", 300), severity="error", markup=False
        )

    def _install(self, analysis: Analysis, index: SearchIndex) -> None:
        from tui.widgets.entities import EntityTree
        from tui.widgets.outline import OutlineTree
        from tui.widgets.sections import SectionList

        machine, analysis = analysis, self.corrected(analysis)
        self.analysis = analysis
        self.search_index = index
        self.article_title = analysis.title or self.article_title
        self.app.title = self.article_title
        self.titlebar.set_title(self.article_title)
        self.titlebar.set_status("")
        self._hide_progress()
        self.article.set_analysis(analysis)
        self._units = sorted(analysis.arg_nodes(), key=lambda n: (n.start, n.end))
        self._fill_pane(
            self.query_one(OutlineTree), "#outline-empty", analysis.outline,
            "No argument found in this text: no thesis, claims or reasons were recognised.",
        )
        self._fill_pane(
            self.query_one(EntityTree), "#entities-empty", analysis.entities,
            "No named entities found in this text.",
        )
        self._fill_pane(self.query_one(SectionList), "#sections-empty", analysis.sections, "No sections.")
        self.show_notes(analysis)
        if analysis is not machine:
            self.reindex(analysis)  # the corrected roles in "!" search
        from tui.screens.search import SearchScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, SearchScreen) and screen.index is None:
                screen.set_index(self.searchable(index))  # opened while analysing
        for note in analysis.caveats:
            self.notify(note, title="Note", markup=False, timeout=8)
        self.restore_cursor()
        self._on_moved()
        self.refresh_bindings()

    def _fill_pane(self, widget: Any, empty_id: str, items: list, empty_text: str) -> None:
        widget.load(items)
        widget.display = bool(items)
        empty = self.query_one(empty_id, Static)
        empty.update(Text(empty_text, style="dim italic"))
        empty.display = not items

    # ------------------------------------------------------------------ reading position
    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        self._on_moved()

    def _on_moved(self) -> None:
        article = self.article
        offset = article.cursor_offset
        section = ""
        if self.analysis is not None and self.analysis.sections:
            from tui.widgets.notes import NotesList
            from tui.widgets.outline import OutlineTree
            from tui.widgets.sections import SectionList

            sections = self.query_one(SectionList)
            i = sections.index_at(offset)
            if i is not None:
                section = self.analysis.sections[i].title
                sections.follow(offset)
            span = article.cursor_span or (offset, offset + 1)
            self.query_one(OutlineTree).follow(*span)
            self.query_one(NotesList).follow(offset)
        self.titlebar.set_position(section, round(article.position * 100))
        self.position_moved()

    def on_article_view_clicked(self, message: ArticleView.Clicked) -> None:
        entity = self._entity_at(message.offset)
        if entity is not None:
            self.select_entity(entity, at=message.offset, move=False)

    def _entity_at(self, offset: int) -> Entity | None:
        if self.analysis is None:
            return None
        for entity in self.analysis.entities:
            for m in entity.mentions:
                if m.start <= offset < m.end:
                    return entity
        return None

    # ------------------------------------------------------------------ jumping
    def goto(self, start: int, end: int | None = None, *, top: bool = False) -> None:
        """Move the sentence cursor to `start` and bring it into view (its line at the top if `top`)."""
        article = self.article
        sentence = article.sentence_at(start)
        if sentence is not None:
            article.set_cursor(sentence, scroll=False)
        if top:
            article.scroll_to(y=article.line_of(start), animate=False, immediate=True)
        else:
            article.reveal(start, end)
        self._on_moved()

    def _set_matches(self, spans: list[tuple[int, int]], index: int, label: str) -> None:
        self.matches.set(spans, index, label)
        self.article.set_highlights(spans, self.matches.current)
        self.titlebar.set_status(self.matches.status)
        self.refresh_bindings()

    def _clear_matches(self) -> None:
        self.matches.clear()
        self.article.clear_highlights()
        self.titlebar.set_status("")
        self.refresh_bindings()

    def _mark(self, start: int, end: int) -> None:
        """Mark one span (a unit, a search hit) as current, with no matches to step through."""
        self._clear_matches()
        self.article.set_highlights([], (start, end))
        self.goto(start, end)

    def select_entity(self, entity: Entity, *, at: int | None = None, move: bool = True) -> None:
        spans = sorted((m.start, m.end) for m in entity.mentions)
        index = index_at(spans, at) if at is not None else 0
        self._set_matches(spans, index, entity.name[:40])
        if spans and move:
            self.goto(*spans[index])

    def on_tree_node_selected(self, event: Tree.NodeSelected) -> None:
        from tui.model import ArgNode, Entity

        data = event.node.data
        if isinstance(data, ArgNode):
            self._mark(data.start, data.end)
        elif isinstance(data, Entity):
            self.select_entity(data)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "sections" and self.analysis is not None:
            section = self.analysis.sections[event.option_index]
            self.goto(section.start, top=True)
        elif event.option_list.id == "notes" and event.option.id is not None:
            self.jump_to_note(event.option.id)

    # ------------------------------------------------------------------ actions: reading
    def action_article(self, move: str) -> None:
        """The article's movement keys, bound on the screen so they work from any pane."""
        self.article.run_move(move)

    def _section_starts(self) -> list[int]:
        if self.analysis is not None:
            return [s.start for s in self.analysis.sections]
        from tui.tables import block_kind, span_starts

        starts = span_starts(self._blocks)
        return [starts[i] for i in range(len(starts)) if block_kind(self._blocks, i) in ("title", "heading")]

    def action_next_section(self) -> None:
        here = self.article.cursor_offset
        nxt = next((s for s in self._section_starts() if s > here), None)
        if nxt is None:
            self.notify("This is the last section.", markup=False, timeout=2)
            return
        self.goto(nxt, top=True)

    def action_prev_section(self) -> None:
        here = self.article.cursor_offset
        starts = [s for s in self._section_starts() if s < here]
        # From inside a section, go to its start; from its start, to the one before.
        self.goto(starts[-1] if starts else 0, top=True)

    def action_next_unit(self) -> None:
        self._step_unit(1)

    def action_prev_unit(self) -> None:
        self._step_unit(-1)

    def _step_unit(self, delta: int) -> None:
        if not self._units:
            self.notify("No argument units in this text.", markup=False, timeout=2)
            return
        here = self.article.cursor_offset
        if delta > 0:
            unit = next((u for u in self._units if u.start > here), None)
        else:
            unit = next((u for u in reversed(self._units) if u.start < here), None)
        if unit is None:
            self.notify("No more argument units this way.", markup=False, timeout=2)
            return
        self._mark(unit.start, unit.end)

    # ------------------------------------------------------------------ actions: finding
    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(self.searchable(self.search_index), self.last_query), self._search_done)

    def _search_done(self, result: tuple[str, SearchHit] | None) -> None:
        if result is None:
            return
        query, hit = result
        self.last_query = query
        self.jump_to_hit(query, hit)

    def jump_to_hit(self, query: str, hit: SearchHit) -> None:
        analysis = self.analysis
        if hit.kind == "note":  # the note's words, as an argument unit is shown
            self._mark(hit.start, hit.end)
            return
        if hit.kind == "entity" and analysis is not None:
            entity = next((e for e in analysis.entities if e.id == hit.ref), None)
            if entity is not None and entity.mentions:
                self.select_entity(entity, at=hit.start)
                return
        spans = self.search_index.occurrences(query) if self.search_index is not None else []
        target = getattr(hit, "match", None) or (hit.start, hit.end)
        index = first_from(spans, target[0])
        self._set_matches(spans, index, f"“{query[:30]}”")
        if not spans or not (hit.start <= spans[index][0] < hit.end):
            self.article.set_current((hit.start, hit.end))
        self.goto(hit.start, hit.end, top=hit.kind == "section")

    def action_next_match(self) -> None:
        self._step_match(1)

    def action_prev_match(self) -> None:
        self._step_match(-1)

    def _step_match(self, delta: int) -> None:
        span = self.matches.step(delta)
        if span is None:
            # say why n/N do nothing: after a fuzzy hit the query may not occur literally
            if self.last_query:
                message = f"“{self.last_query[:30]}” does not occur word for word in the text: search again with /."
            else:
                message = "Nothing to step through yet: search with / or choose an entity."
            self.notify(message, markup=False, timeout=3)
            return
        self.article.set_current(span)
        self.goto(*span)
        self.titlebar.set_status(self.matches.status)

    def action_clear(self) -> None:
        """esc backs out one step: the palette's key panel, side pane → article, then highlights,
        then a narrow side pane."""
        from textual.widgets import HelpPanel

        if self.query(HelpPanel):
            self.app.action_hide_help_panel()
        elif any(side.has_focus_within for side in self.query("#side, #side-pending")):
            self.article.focus()
        elif self.matches or self.article.has_highlights:
            self._clear_matches()
        elif self._narrow and self.side_visible:
            self._set_side(False)

    # ------------------------------------------------------------------ actions: panes and view
    def action_switch_pane(self) -> None:
        if self.article.has_focus:
            if not self.side_visible:
                self._set_side(True)
            self._focus_side()
        else:
            self.article.focus()

    def _side_tabs(self) -> TabbedContent | None:
        """The side pane's tabs; None for the moment between the first paint and their building."""
        found = self.query("#side")
        return found.first() if found else None  # type: ignore[return-value]

    def _focus_side(self) -> None:
        tabbed = self._side_tabs()
        pane = tabbed.get_pane(tabbed.active) if tabbed is not None and tabbed.active else None
        if pane is None:
            return
        for widget in pane.query("OutlineTree, EntityTree, SectionList, NotesList"):
            if widget.display:
                widget.focus()
                return
        self.article.focus()

    def action_toggle_side(self) -> None:
        self._set_side(not self.side_visible)

    def action_show_tab(self, name: str) -> None:
        self._set_side(True)
        tabbed = self._side_tabs()
        if tabbed is not None:
            tabbed.active = TABS[name]
        else:
            self._first_tab = TABS[name]
        self.call_after_refresh(self._focus_side)

    def action_toggle_roles(self) -> None:
        shown = self.article.toggle_roles()
        self.query_one(RoleLegend).display = shown

    def can_run(self, action: str) -> bool:
        """Whether a command would do something now: the palette offers only those. Its key still
        runs, and says why it cannot."""
        if action in ("export", "copy_outline"):
            return self.analysis is not None
        if action in ("next_match", "prev_match"):
            return bool(self.matches)
        if action in ("next_unit", "prev_unit"):
            return bool(self._units)
        return True

    # ------------------------------------------------------------------ actions: dialogs
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen())
