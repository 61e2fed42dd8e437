"""Pilot tests of the reader's comforts: keys that follow the focus, copying, settings, role marks."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.pilot import hand_built, record_notifications, settled, sync
from tui.app import ArgviewApp
from tui.widgets.entities import EntityTree
from tui.widgets.outline import OutlineTree


@sync
async def test_j_k_g_G_move_the_focused_panes_cursor_not_the_article():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 20)) as pilot:
        article = app.reader.article
        tree = app.query_one(OutlineTree)
        await pilot.press("tab")  # into the outline
        assert tree.has_focus
        first = tree.cursor_node
        await pilot.press("j")
        assert tree.cursor_node is not first and tree.cursor_node.data.id == "arg-1"
        assert article.scroll_y == 0  # the article did not scroll
        await pilot.press("j", "k")
        assert tree.cursor_node.data.id == "arg-1"
        await pilot.press("G")
        assert tree.cursor_node.data.id == "arg-4"
        await pilot.press("g")
        assert tree.cursor_node.data.id == "arg-0"
        assert article.scroll_y == 0
        await pilot.press("2")  # entities
        await pilot.pause()
        entities = app.query_one(EntityTree)
        assert entities.has_focus
        line = entities.cursor_line
        await pilot.press("j")
        assert entities.cursor_line == line + 1
        await pilot.press("3")  # sections
        await pilot.pause()
        sections = app.query_one("#sections", OptionList)
        assert sections.has_focus
        await pilot.press("G")
        assert sections.highlighted == sections.option_count - 1
        await pilot.press("g")
        assert sections.highlighted == 0
        await pilot.press("escape", "j")  # back in the article, j scrolls it again
        assert article.has_focus and article.scroll_y == 1


@sync
async def test_y_copies_the_sentence_or_the_outline_node_and_Y_the_outline():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 20)) as pilot:
        said = record_notifications(app)
        await pilot.press("right_parenthesis", "right_parenthesis", "y")  # past the title and the thesis
        sentence = "They are greener than planes and kinder than cars."
        assert app.clipboard == sentence
        assert said[-1] == f"Copied the sentence ({len(sentence)} characters)"
        await pilot.press("tab", "j", "j", "space")  # outline: the objection, collapsed
        await pilot.press("y")
        assert app.clipboard == "night trains are slow."
        await pilot.press("space", "y")  # expanded again: its rebuttal below it, indented
        assert app.clipboard == "- night trains are slow.\n  - a night spent asleep is not a night lost\n"
        assert said[-1].startswith("Copied the outline node and 1 below it (")
        await pilot.press("Y")
        from tui.export import render

        assert app.clipboard == render(analysis, "md") and "night trains" in app.clipboard
        assert said[-1].startswith("Copied the outline as Markdown (")


@sync
async def test_copy_takes_markup_in_the_article_literally():
    from tests.pilot import analysed

    text = "# Tags\n\nThe [bold]tag[/bold] and [link=x]this[/link] stay as typed. Second sentence here."
    app = ArgviewApp.from_analysis(analysed(text, "tags.md"))
    async with settled(app, (120, 20)) as pilot:
        article = app.reader.article
        start = app.reader.analysis.text.index("The [bold]")
        article.set_cursor(article.sentence_at(start))
        await pilot.press("y")
        assert app.clipboard.startswith("The [bold]tag[/bold] and [link=x]this[/link] stay as typed.")


# ---------------------------------------------------------------------------- settings


@sync
async def test_the_theme_chosen_in_one_run_is_the_theme_of_the_next(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path))
    config = tmp_path / "config.toml"
    config.write_text("# my settings\nrole_tints = true\n\n[keys]\nhelp = \"f1\"\n", encoding="utf-8")
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 20)) as pilot:
        default = app.theme
        await pilot.press("t")
        chosen = app.theme
        assert chosen != default
    text = config.read_text(encoding="utf-8")
    assert f'theme = "{chosen}"' in text and "# my settings" in text and 'help = "f1"' in text
    again = ArgviewApp.from_analysis(hand_built())
    async with settled(again, (100, 20)) as pilot:
        assert again.theme == chosen


@sync
async def test_a_keys_table_rebinds_a_command(tmp_path, monkeypatch):
    from tui.screens.help import HelpScreen

    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('[keys]\ntoggle_side = "S"\nhelp = "f1"\n', encoding="utf-8")
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 20)) as pilot:
        side = app.query_one("#side")
        assert side.display
        await pilot.press("s")  # no longer bound
        assert side.display
        await pilot.press("S")
        assert not side.display
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        from rich.console import Console

        console = Console(width=100, record=True)
        console.print(app.screen.query_one("#help-text").content)
        lines = console.export_text().splitlines()
        assert any(line.lstrip().startswith("S ") and "Toggle side pane" in line for line in lines)


@sync
async def test_settings_set_the_side_pane_and_role_tints_at_start(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('side_pane = "hidden"\nrole_tints = false\n', encoding="utf-8")
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 20)):
        assert not app.query_one("#side").display
        assert not app.query_one("#legend").display and not app.reader.article.show_roles


@sync
async def test_a_broken_config_says_so_in_one_line_and_the_app_starts_with_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path))
    config = tmp_path / "config.toml"
    cases = [
        ('side_pane = "left"\n', "line 1: side_pane:"),
        ('# comment\ntheme = "no-such-theme"\n', "theme: no theme called 'no-such-theme'"),
        ('[keys]\nno_such_command = "z"\n', "line 2: keys.no_such_command: no such command"),
        ('theme = "nord\n', "line 1: not valid TOML"),
    ]
    for body, expected in cases:
        config.write_text(body, encoding="utf-8")
        app = ArgviewApp.from_analysis(hand_built())
        said = record_notifications(app)
        async with settled(app, (120, 20)):
            assert len(said) == 1 and said[0].startswith(f"{config}: ") and expected in said[0], said
            assert "\n" not in said[0]
            assert app.query_one("#side").display and app.theme == "textual-dark"  # the defaults
        assert config.read_text(encoding="utf-8") == body  # never rewritten


def test_argview_config_prints_the_settings_path(tmp_path, monkeypatch, capsys):
    from tui.cli import main

    monkeypatch.setenv("ARGVIEW_CONFIG_DIR", str(tmp_path / "cfg"))
    assert main(["--config"]) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'cfg' / 'config.toml'}\n"


# ---------------------------------------------------------------------------- roles without colour


@sync
async def test_each_unit_carries_a_role_mark_in_the_gutter_readable_without_colour(monkeypatch):
    from tui.widgets.roles import MARKS

    monkeypatch.setenv("NO_COLOR", "1")
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 60)) as pilot:
        article = app.reader.article
        plain = [article.render_line(y).text for y in range(article.scrollable_content_region.height)]
        text = analysis.text
        for unit in analysis.arg_nodes():
            row = article.line_of(unit.start) - int(article.scroll_y)
            if 0 <= row < len(plain):
                assert MARKS[unit.role] in plain[row][:2] and plain[row][2] == " ", (unit.role, plain[row])
        assert plain[article.line_of(text.index("Paragraph 0"))].startswith("   Paragraph 0")  # no unit: blank
        assert len(set(MARKS.values())) == 6
        legend = app.query_one("#legend").render().plain
        assert all(f"{MARKS[role]} {badge}" in legend for role, badge in
                   [("thesis", "THESIS"), ("counter", "OBJECTION"), ("rebuttal", "REPLY"), ("conclusion", "CONCLUSION")])
        await pilot.press("r")  # tints off: the marks go with them
        assert not any(line[:1] in MARKS.values() for line in
                       (article.render_line(y).text for y in range(article.scrollable_content_region.height)))


@sync
async def test_a_mouse_selection_in_the_article_copies_its_text_without_gutter_marks():
    """Dragging over the article selects its text; ctrl+c and y copy it as the article holds it."""
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 20)) as pilot:
        article = app.reader.article
        # a row that starts a paragraph carrying a role mark in its gutter
        row = next(y for y in range(12) if app.reader.article.render_line(y).text[:3].strip())
        await pilot.mouse_down(article, offset=(0, row))  # from the gutter: the line's first character
        await pilot.hover(article, offset=(3 + 15, row))
        await pilot.mouse_up(article, offset=(3 + 15, row))
        await pilot.pause()
        selected = article.selected_text
        shown = article.render_line(row).text
        # the cells dragged over, as the text holds them: no gutter mark, no role tint, nothing else
        assert len(selected) >= 14 and shown[3:].startswith(selected) and selected in article.text
        await pilot.press("ctrl+c")
        assert app.clipboard == selected
        app.copy_to_clipboard("")
        await pilot.press("y")
        assert app.clipboard == selected


@sync
async def test_the_six_role_tints_stay_distinct_in_16_and_256_colours_in_every_theme():
    """Terminals with fewer colours still tell the roles apart by tint (the gutter marks aside)."""
    from rich.color import ColorSystem

    from tui.app import THEMES
    from tui.widgets.article import component_style
    from tui.widgets.roles import MARKS

    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 20)) as pilot:
        article = app.reader.article
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            for system in (ColorSystem.EIGHT_BIT, ColorSystem.STANDARD):
                tints = set()
                for role in MARKS:
                    style = component_style(article, f"article--role-{role}")
                    tints.add(tuple(c.downgrade(system).name if c else None for c in (style.color, style.bgcolor)))
                assert len(tints) == len(MARKS), (theme, system)
