"""Copying and exporting (a mixin of `ReaderScreen`): `y` copies what the focus is on, `Y` the
outline as Markdown, `x` writes an export beside the source. What leaves the app is the text as
the article holds it (cleaned of controls at ingest) or an export's own rendering, never markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.text import label_line

if TYPE_CHECKING:
    from pathlib import Path

    from tui.screens.reader import ReaderScreen


class SharingActions:
    # ------------------------------------------------------------------ copying
    def action_copy(self: ReaderScreen) -> None:
        """y: what the focus is on, as the article holds it (cleaned of controls at ingest), never markup."""
        from tui.widgets.entities import EntityTree
        from tui.widgets.outline import OutlineTree
        from tui.widgets.sections import SectionList

        focused = self.focused
        if isinstance(focused, OutlineTree):
            text, below = focused.copy_text(self._text)
            what = "the outline node" + (f" and {below} below it" if below else "")
        elif isinstance(focused, EntityTree):
            entity = focused.cursor_node.data if focused.cursor_node is not None else None
            from tui.model import Entity

            text, what = (entity.name, "the entity's name") if isinstance(entity, Entity) else ("", "")
        elif isinstance(focused, SectionList) and self.analysis is not None and focused.highlighted is not None:
            text, what = self.analysis.sections[focused.highlighted].title, "the section title"
        elif self.article.selected_text:
            text, what = self.article.selected_text, "the selection"
        else:
            span = self.article.cursor_span
            text, what = (self._text[span[0] : span[1]], "the sentence") if span else ("", "")
        self._copy(text, what)

    def action_copy_outline(self: ReaderScreen) -> None:
        from tui.export import render

        if self.analysis is None:
            self.notify("The outline is not ready: the article is still being analysed.", markup=False, timeout=3)
            return
        self._copy(render(self.analysis, "md"), "the outline as Markdown")

    def _copy(self: ReaderScreen, text: str, what: str) -> None:
        if not text:
            self.notify("Nothing to copy here.", markup=False, timeout=2)
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what} ({len(text):,} characters)", markup=False, timeout=3)

    # ------------------------------------------------------------------ exporting
    def action_export(self: ReaderScreen) -> None:
        from tui.screens.export import ExportScreen

        if self.analysis is None:
            if self._analysis_failed:
                self.notify("Nothing to export: the analysis failed.", markup=False, timeout=3)
            else:
                self.notify("The article is still being analysed.", markup=False, timeout=3)
            return
        self.app.push_screen(ExportScreen(), self._export_done)

    def _export_done(self: ReaderScreen, fmt: str | None) -> None:
        if fmt is None or self.analysis is None:
            return
        try:
            path = self.export(fmt)
        except OSError as err:
            self.notify(label_line(f"Export failed: {err}", 300), severity="error", markup=False)
            return
        self.notify(label_line(f"Wrote {path}", 300), title="Exported", markup=False, timeout=6)  # path: untrusted

    def export(self: ReaderScreen, fmt: str, directory: Path | None = None) -> Path:
        """Write the export next to the source file (else in the current directory), never over a file."""
        from tui.export import export_beside

        assert self.analysis is not None
        return export_beside(self.analysis, fmt, self.article_title, directory)
