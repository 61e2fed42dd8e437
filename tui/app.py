"""The Textual app: start-up, themes and screen routing. The reader itself is a screen
(`tui.screens.reader`); commands come from one table (`tui.commands`) that yields bindings,
footer, palette and help. Untrusted text reaches the screen only as `rich.text.Text`, never as markup.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen

from tui.commands import COMMANDS, JumpProvider, bindings
from tui.screens.reader import ReaderScreen

if TYPE_CHECKING:
    from tui.ingest import Document, SourceInfo
    from tui.model import Analysis, Source
    from tui.reading.store import ReadingStore

THEMES = ("textual-dark", "textual-light", "nord", "gruvbox", "tokyo-night", "solarized-light")


class ArgviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "Argview"
    BINDINGS = bindings("app")  # quit and themes: they work under the dialogs too
    COMMANDS = App.COMMANDS | {JumpProvider}

    def __init__(self, source: Source | SourceInfo, doc: Document | None = None, *, analysis: Analysis | None = None) -> None:
        """Open an ingested document (analysed in the background) or a finished analysis, with the
        user's settings (`tui.settings`; problems in the file are toasts once the app shows)."""
        super().__init__()
        if doc is None and analysis is None:
            raise ValueError("ArgviewApp needs a Document or an Analysis")
        self._open = (source, doc, analysis)
        from tui import settings

        self.settings, self.setting_problems = settings.load(key_ids=frozenset(c.action for c in COMMANDS))
        if self.settings.keys:
            self.set_keymap(self.settings.keys)

    @classmethod
    def from_analysis(cls, analysis: Analysis) -> ArgviewApp:
        return cls(analysis.source, analysis=analysis)

    @classmethod
    def from_path(cls, path: str | Path | None) -> ArgviewApp:
        """Ingest a file (None = the bundled sample); analysis runs in the reader's worker."""
        from tui.ingest import ingest, read_source

        source, doc = ingest(read_source(None if path is None else str(path)))  # no pydantic before the first paint
        return cls(source, doc)

    @property
    def reading_store(self) -> ReadingStore | None:
        """The user's reading store, opened once per app on first use; a problem with it is one
        warning toast, and the session then lives in memory (`tui.session.open_store`)."""
        if not hasattr(self, "_reading_store"):
            from tui.session import open_store

            self._reading_store, problem = open_store()
            if problem:
                self.notify(problem, title="Reading store", severity="warning", markup=False, timeout=12)
        return self._reading_store

    def get_default_screen(self) -> Screen:
        source, doc, analysis = self._open
        self.reader = ReaderScreen(
            source, doc, analysis=analysis, side_pane=self.settings.side_pane, role_tints=self.settings.role_tints
        )
        return self.reader

    def on_mount(self) -> None:
        from tui.terminal import watch_signals

        watch_signals(self)
        theme = self.settings.theme
        if theme is not None and theme in self.available_themes:
            self.theme = theme
        elif theme is not None:
            from tui.settings import config_path

            self.setting_problems.append(f"{config_path()}: theme: no theme called {theme!r}; using the default")
        for problem in self.setting_problems:  # one line each: file, line, key, what was done
            self.notify(problem, title="Settings", severity="warning", markup=False, timeout=12)
        self.theme_changed_signal.subscribe(self, self._save_theme)  # after the start-up theme

    def _save_theme(self, theme: object) -> None:
        """A theme chosen with `t` or the palette is the theme of the next run."""
        import tomllib

        from tui.settings import config_path, save_theme

        try:
            save_theme(self.theme)
        except (OSError, tomllib.TOMLDecodeError) as err:
            self.notify(f"{config_path()}: theme not saved: {err}", title="Settings", severity="warning", markup=False)

    def action_next_theme(self) -> None:
        names = [t for t in THEMES if t in self.available_themes]
        i = names.index(self.theme) + 1 if self.theme in names else 0
        self.theme = names[i % len(names)]
        self.notify(f"Theme: {self.theme}", markup=False, timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "command_palette":
            from tui.screens.search import SearchScreen

            return not isinstance(self.screen, SearchScreen)
        return True

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for command in COMMANDS:
            if command.action in ("quit", "clear") or command.scope == "pane":
                continue  # Textual's palette already has Quit; esc is not a command; pane keys act on the focused pane
            if command.scope != "app" and not self.reader.can_run(command.action):
                continue  # e.g. export before the analysis is done: the palette lists what can run now
            runner = self if command.scope == "app" else self.reader
            yield SystemCommand(
                command.title,
                escape(f"{command.help} · key: {command.display_keys}"),  # the palette parses help as markup
                partial(self.call_later, self.run_action, command.run, runner),
            )
