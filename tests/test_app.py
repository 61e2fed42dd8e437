"""Pilot tests of the explorer: what a reader sees and where each key or click takes them."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static, TabbedContent

from tests.pilot import (
    ARTICLE, FILLER, analysed, app_for, hand_built, options_of, palette_titles, record_notifications, settle, settled,
    span_of, sync,
)
from tui.app import ArgviewApp
from tui.commands import COMMANDS
from tui.model import ArgNode, Entity, Mention
from tui.screens.help import HelpScreen
from tui.screens.search import SearchScreen
from tui.widgets.article import GUTTER, ArticleView  # GUTTER: the role marks' columns left of the text
from tui.widgets.entities import EntityTree
from tui.widgets.outline import OutlineTree

def screen_lines(article: ArticleView) -> list[str]:
    return [article.render_line(y).text for y in range(article.scrollable_content_region.height)]


def assert_on_screen(app: ArgviewApp, offset: int) -> None:
    """The line holding `offset` is visible and the sentence cursor is on the sentence holding it."""
    article = app.reader.article
    top, bottom = article.visible_lines
    assert top <= article.line_of(offset) < bottom
    assert article.cursor == article.sentence_at(offset)


# ---------------------------------------------------------------------------- launch


@sync
async def test_sample_opens_with_text_then_fills_the_panes():
    app = ArgviewApp.from_path(None)
    async with app.run_test(size=(120, 36)) as pilot:
        article = app.reader.article
        assert any("Kazakhstan" in line for line in screen_lines(article))  # text before analysis ends
        await settle(app, pilot)
        assert app.reader.analysis is not None and app.reader.search_index is not None
        assert app.query_one(OutlineTree).root.children, "outline pane is filled"
        assert app.query_one(EntityTree).root.children, "entities pane is filled"
        assert app.query_one("#side").display  # wide terminal: side pane shown
        assert "Kazakhstan" in app.reader.titlebar.render().plain


@sync
async def test_the_side_pane_is_built_after_the_first_paint_in_the_same_place():
    # the first paint shows the text with "Analysing…" where the side pane will be, at its width,
    # so the article does not re-wrap when the tabs arrive; a tab key pressed meanwhile is kept
    app = ArgviewApp.from_path(None)
    async with app.run_test(size=(120, 36)) as pilot:
        article = app.reader.article
        assert any("Kazakhstan" in line for line in screen_lines(article))
        pending = app.query_one("#side-pending", Static)
        assert "Analysing…" in str(pending.render())
        width, side_width = article.size.width, pending.region.width
        await pilot.press("2")
        await settle(app, pilot)
        assert not app.query("#side-pending")
        side = app.query_one("#side", TabbedContent)
        assert side.display and side.region.width == side_width and article.size.width == width
        assert side.active == "tab-entities" and app.query_one(EntityTree).root.children


@sync
async def test_empty_outline_and_entities_say_so():
    analysis = analysed("# Plain\n\nA list of groceries. Eggs and milk.").model_copy(
        update={"entities": [], "outline": []}
    )
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 30)) as pilot:
        assert not app.query_one(OutlineTree).display
        empty = app.query_one("#outline-empty", Static)
        assert empty.display and "No argument found" in str(empty.render())
        assert "No named entities" in str(app.query_one("#entities-empty", Static).render())
        await pilot.press("right_curly_bracket")  # no units: a note, no crash
        await pilot.press("slash", *"eggs", "enter")
        await settle(app, pilot)
        assert app.reader.matches.spans


# ---------------------------------------------------------------------------- outline and entities


@sync
async def test_outline_selection_scrolls_to_the_unit_and_highlights_it():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 20)) as pilot:
        tree = app.query_one(OutlineTree)
        target = tree.tree_node("arg-3")
        assert target is not None
        await pilot.press("1")  # the Outline tab, focused
        await pilot.pause()
        assert tree.has_focus
        tree.move_cursor(target)
        await pilot.press("enter")
        await pilot.pause()
        unit = target.data
        assert_on_screen(app, unit.start)
        assert app.reader.article.current_match == (unit.start, unit.end)
        assert app.reader.article.scroll_y > 0  # it had to scroll down
        label = tree.render_label(target, tree.rich_style, tree.rich_style).plain
        assert "REPLY" in label and "But" in label  # role badge and cue


@sync
async def test_outline_follows_the_reading_position():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 20)) as pilot:
        tree = app.query_one(OutlineTree)
        await pilot.press("G")
        await pilot.pause()
        assert tree.cursor_node is tree.tree_node("arg-4")
        await pilot.press("g")
        await pilot.pause()
        assert tree.cursor_node is tree.tree_node("arg-0")


@sync
async def test_entity_selection_jumps_and_n_steps_through_mentions():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 20)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        tree = app.query_one(EntityTree)
        assert tree.has_focus
        tree.move_cursor(tree.tree_node("ent-0"))
        await pilot.press("enter")
        await pilot.pause()
        mentions = [(m.start, m.end) for m in app.reader.analysis.entities[0].mentions]
        assert app.reader.matches.spans == mentions
        assert_on_screen(app, mentions[0][0])
        assert app.reader.article.current_match == mentions[0]
        await pilot.press("escape")  # back to the article
        assert app.reader.article.has_focus
        await pilot.press("n")
        assert_on_screen(app, mentions[1][0])
        assert app.reader.article.current_match == mentions[1]
        assert "2/2" in app.reader.titlebar.render().plain
        await pilot.press("N")
        assert app.reader.article.current_match == mentions[0]
        await pilot.press("escape")  # clears the highlights
        assert not app.reader.matches.spans and not app.reader.article.has_highlights


@sync
async def test_clicking_a_mention_selects_its_entity():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 36)) as pilot:
        article = app.reader.article
        start = analysis.entities[1].mentions[0].start  # "Europe", in the first paragraph
        y = article.line_of(start)
        line = article.index.lines[y]
        region = article.content_region
        x = region.x - article.region.x + GUTTER + (start - line.start)
        await pilot.click(ArticleView, offset=(x + 1, y - int(article.scroll_y)))
        await pilot.pause()
        assert app.reader.matches.spans == [(start, start + len("Europe"))]


# ---------------------------------------------------------------------------- search


async def _search(app: ArgviewApp, pilot, query: str) -> SearchScreen:
    await pilot.press("slash")
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*query)
    await settle(app, pilot)
    return app.screen


@pytest.mark.parametrize(
    "query, kind, needle",
    [
        ("#objections", "section", "Objections and answers"),
        ("@okonkwo", "entity", "Marguerite Okonkwo-Dahl"),
        ("!halve the carbon", "argument", "sleeper cabins halve the carbon cost"),
        ("repainted in ochre", "sentence", "The zebra crossing"),
    ],
)
@sync
async def test_search_lands_on_the_right_line(query, kind, needle):
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (100, 20)) as pilot:
        screen = await _search(app, pilot, query)
        assert screen.hits and screen.hits[0].kind == kind
        options = screen.query_one(OptionList)
        assert options.option_count == len(screen.hits)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert_on_screen(app, analysis.text.index(needle))
        assert app.reader.last_query == query


@sync
async def test_search_prefixes_narrow_the_kind_and_keys_move():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 30)) as pilot:
        for prefix, kind in (("#", "section"), ("@", "entity"), ("!", "argument")):
            screen = await _search(app, pilot, prefix)
            assert screen.hits and {h.kind for h in screen.hits} == {kind}
            results = screen.query_one(OptionList)
            assert results.highlighted == 0
            await pilot.press("down")
            assert results.highlighted == 1
            await pilot.press("ctrl+p")  # moves up inside the box, not the command palette
            assert results.highlighted == 0 and isinstance(app.screen, SearchScreen)
            await pilot.press("ctrl+n")
            assert results.highlighted == 1
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, SearchScreen)
        screen = await _search(app, pilot, "night")
        assert len({h.kind for h in screen.hits}) > 1  # no prefix: every kind


@sync
async def test_n_steps_through_occurrences_of_the_last_query():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (100, 20)) as pilot:
        await _search(app, pilot, "couchettes")
        await pilot.press("enter")
        await pilot.pause()
        expected = app.reader.search_index.occurrences("couchettes")
        assert len(expected) == len(FILLER) and app.reader.matches.spans == expected
        first = app.reader.matches.index
        await pilot.press("n", "n")
        assert app.reader.matches.index == first + 2
        assert_on_screen(app, expected[first + 2][0])
        await pilot.press("N")
        assert app.reader.article.current_match == expected[first + 1]
        await pilot.press("ctrl+k")  # reopens with the last query
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "couchettes"


# ---------------------------------------------------------------------------- keys, panes, help


@sync
async def test_reading_keys_move_the_view_and_cursor():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (100, 20)) as pilot:
        article = app.reader.article
        await pilot.press("j", "j")
        assert article.scroll_y == 2
        await pilot.press("k")
        assert article.scroll_y == 1
        await pilot.press("space")
        page = article.scrollable_content_region.height
        assert article.scroll_y == 1 + page
        await pilot.press("b", "d")
        assert article.scroll_y == 1 + page // 2
        await pilot.press("u", "g")
        assert article.scroll_y == 0 and article.cursor == 0
        await pilot.press("right_parenthesis")
        assert article.cursor == 1
        await pilot.press("right_square_bracket")  # next section: its heading at the top
        heading = analysis.text.index("Why rail beats flying")
        assert article.line_of(heading) == article.scroll_y
        await pilot.press("right_square_bracket", "left_square_bracket")
        assert article.line_of(heading) == article.scroll_y
        await pilot.press("g", "right_curly_bracket", "right_curly_bracket")
        assert_on_screen(app, analysis.text.index("sleeper cabins"))
        await pilot.press("left_curly_bracket")
        assert_on_screen(app, analysis.text.index("Europe should"))
        await pilot.press("G")
        assert article.scroll_y == article.max_scroll_y
        assert "100%" in app.reader.titlebar.render().plain


@sync
async def test_narrow_terminal_hides_the_side_pane_and_s_toggles_it():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (80, 24)) as pilot:
        side = app.query_one("#side")
        assert not side.display
        await pilot.press("s")
        assert side.display
        await pilot.press("tab")  # into the side pane
        assert side.has_focus_within
        await pilot.press("escape", "escape")  # back to the article, then close the pane
        assert app.reader.article.has_focus and not side.display
        await pilot.press("tab")  # tab opens the pane again when it is hidden
        assert side.display and side.has_focus_within
        await pilot.resize_terminal(120, 30)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()  # the screen gets the resize after the app: let it handle it
        assert not side.display


@sync
async def test_help_lists_every_binding_and_esc_closes_it():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 40)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = app.screen.query_one("#help-text", Static)
        from rich.console import Console

        console = Console(width=100, record=True)
        console.print(shown.content)
        text = console.export_text()
        for command in COMMANDS:
            assert command.title in text and command.display_keys in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@sync
async def test_palette_offers_every_command():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 30)) as pilot:
        app.reader.select_entity(app.reader.analysis.entities[0])  # matches for n/N to step through
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for command in COMMANDS:
            if command.action not in ("quit", "clear") and command.scope != "pane":  # pane keys: the focused pane's
                assert command.title in titles
        assert "Export outline" in await palette_titles(app, pilot, "export")


@sync
async def test_palette_offers_only_commands_that_can_run_now(held_analysis):
    """Export and copying the outline wait for the analysis; n/N for something to step through."""
    app = app_for(ARTICLE, "a.md")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        offered = await palette_titles(app, pilot, "outline")
        assert "Show outline" in offered  # runs while analysing: the tab says so
        assert "Export outline" not in offered and "Copy the outline" not in offered
        offered = await palette_titles(app, pilot, "next")
        assert "Next section" in offered  # headings are known before the analysis
        assert "Next argument unit" not in offered and "Next match" not in offered
        held_analysis.set()
        await settle(app, pilot)
        offered = await palette_titles(app, pilot, "outline")
        assert {"Show outline", "Export outline", "Copy the outline"} <= set(offered)
        offered = await palette_titles(app, pilot, "next")
        assert "Next argument unit" in offered and "Next match" not in offered
        await pilot.press("slash", *"night trains", "enter")
        await settle(app, pilot)
        assert "Next match" in await palette_titles(app, pilot, "next")


@sync
async def test_palette_commands_run_where_their_keys_do():
    """An app command (theme), a reader command (a tab) and an article move, chosen by name."""
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (80, 12)) as pilot:
        run = {c.title: c.callback for c in app.get_system_commands(app.screen)}
        theme, article = app.theme, app.reader.article
        run["Scroll down"]()
        run["Show entities"]()
        run["Next theme"]()
        await settle(app, pilot)
        assert article.scroll_y == 1
        assert isinstance(app.focused, EntityTree)
        assert app.theme != theme


@sync
async def test_role_tint_toggle_and_theme():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 30)) as pilot:
        legend = app.query_one("#legend")
        assert legend.display and "OBJECTION" in legend.render().plain
        await pilot.press("r")
        assert not legend.display and not app.reader.article.show_roles
        theme = app.theme
        article = app.reader.article

        def backgrounds() -> set:
            return {seg.style.bgcolor for y in range(10) for seg in article.render_line(y) if seg.text}

        before = backgrounds()
        assert None not in before  # every cell painted, none left to the terminal default
        await pilot.press("t")
        await pilot.pause()
        assert app.theme != theme
        after = backgrounds()
        assert None not in after and after != before  # restyled for the new theme


@sync
async def test_export_writes_a_new_file_each_time(tmp_path):
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 30)) as pilot:
        first = app.reader.export("md", tmp_path)
        second = app.reader.export("md", tmp_path)
        assert first != second and first.exists() and second.exists()
        assert "night trains" in first.read_text().lower()
        await pilot.press("x")
        assert app.screen.__class__.__name__ == "ExportScreen"
        await pilot.press("escape")


# ---------------------------------------------------------------------------- untrusted text

HOSTILE = (
    "# Title [bold]not bold[/bold]\n\n"
    "Click [@click=app.quit]x[/] to quit. A stray [/x] closer. A link [link=file:///etc/passwd]here[/link].\n\n"
    "Emoji 🙂 and wide 漢字テキスト stay aligned; bidi \u202eoverride is removed."
)


@sync
async def test_markup_in_the_article_shows_literally_and_does_nothing():
    analysis = analysed(HOSTILE, name="[bold]evil[/].md")
    text = analysis.text
    click = span_of(text, "[@click=app.quit]x[/]")
    analysis = analysis.model_copy(
        update={
            "entities": [Entity(id="e", name="[@click=app.quit]x[/]", type="ORG", aliases=["[/x]"],
                                mentions=[Mention(start=click[0], end=click[1])])],
            "outline": [ArgNode(id="a", role="thesis", start=click[0], end=click[1], label="[/x] [bold]boom",
                                cue="[red]")],
        }
    )
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 30)) as pilot:
        shown = "\n".join(screen_lines(app.reader.article))
        for literal in ("[bold]not bold[/bold]", "[@click=app.quit]x[/]", "[/x]", "[link=file:///etc/passwd]"):
            assert literal in shown
        assert "\u202e" not in shown
        assert "[bold]not bold[/bold]" in app.reader.titlebar.render().plain
        outline = app.query_one(OutlineTree)
        node = outline.tree_node("a")
        assert "[/x] [bold]boom" in outline.render_label(node, outline.rich_style, outline.rich_style).plain
        entities = app.query_one(EntityTree)
        assert "[@click=app.quit]x[/]" in entities.tree_node("e").label.plain
        # Clicking the would-be link selects the entity; it never runs app.quit.
        article = app.reader.article
        y = article.line_of(click[0])
        x = article.content_region.x - article.region.x + GUTTER + (click[0] - article.index.lines[y].start)
        await pilot.click(ArticleView, offset=(x + 2, y))
        await pilot.pause()
        assert app.is_running and app.reader.matches.spans == [click]
        screen = await _search(app, pilot, "@click")
        assert screen.hits
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
        app.notify(analysis.text, markup=False)  # the app's own notifications use markup=False
        await pilot.pause()
        assert app.is_running


@sync
async def test_wide_characters_wrap_within_the_pane():
    text = "# 漢字\n\n" + "漢字テキスト🙂" * 40
    app = ArgviewApp.from_analysis(analysed(text, name="cjk.md"))
    async with settled(app, (60, 20)):
        article = app.reader.article
        width = article.scrollable_content_region.width
        for line in screen_lines(article):
            assert len(line) <= width  # str length ≤ cells here, and no crash on wide glyphs
        for y in range(len(article.index)):
            line = article.index.lines[y]
            from rich.cells import cell_len

            assert cell_len(line.prefix + article.text[line.start : line.end]) <= width


@sync
async def test_clicking_an_outline_node_jumps_to_it():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (100, 20)) as pilot:
        tree = app.query_one(OutlineTree)
        target = tree.tree_node("arg-4")
        await pilot.click(OutlineTree, offset=(20, target.line - int(tree.scroll_y)))
        await pilot.pause()
        assert_on_screen(app, target.data.start)
        assert app.reader.article.current_match == (target.data.start, target.data.end)


@sync
async def test_resize_rewraps_and_keeps_the_reading_place():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 24)) as pilot:
        article = app.reader.article
        wide_lines = len(article.index)
        ochre = analysis.text.index("ochre")
        await pilot.press("slash", *"ochre", "enter")
        await settle(app, pilot)
        await pilot.resize_terminal(100, 24)  # side pane stays, the article narrows
        await pilot.pause()
        assert len(article.index) > wide_lines  # narrower pane, more lines
        width = article.scrollable_content_region.width
        assert all(len(line) <= width for line in screen_lines(article))
        top, bottom = article.visible_lines
        assert top <= article.line_of(ochre) < bottom + 2  # still around the same place


@sync
async def test_large_input_shows_progress_while_analysing():
    text = "# Long\n\n" + "\n\n".join(f"Paragraph {i} argues that trains are good because they are calm." for i in range(3000))
    app = app_for(text, "long.md")
    async with app.run_test(size=(100, 24)) as pilot:
        assert app.query_one("#progress").display  # shown at once, before the worker reports
        assert any("Paragraph 0" in line for line in screen_lines(app.reader.article))
        await settle(app, pilot)
        assert not app.query_one("#progress").display and app.reader.analysis is not None


@sync
async def test_terminal_escapes_in_a_file_never_reach_the_screen():
    data = (
        "Title \x1b]0;PWNED\x07\n\nANSI \x1b[31mred\x1b[0m, clear \x1b[2J\x1b[H, clipboard \x1b]52;c;ZXZpbA==\x07 end. "
        "Bidi \u202eevil\u202c and emoji 🙂 and 漢字.\n"
    ).encode()
    app = app_for(data, "esc.txt", hint=None)
    async with settled(app, (100, 24)):
        shown = "\n".join(screen_lines(app.reader.article))
        assert "red" in shown and "clipboard" in shown and "漢字" in shown
        for bad in ("\x1b", "\x07", "\u202e", "PWNED", "ZXZpbA"):
            assert bad not in shown


@sync
async def test_a_failing_analysis_leaves_the_text_readable(monkeypatch):
    import tui.analysis

    def broken(source, doc, progress=None):
        raise RuntimeError("[bold]boom[/]")

    monkeypatch.setattr(tui.analysis, "analyse", broken)
    app = app_for(ARTICLE, "a.md")
    said = record_notifications(app)
    async with settled(app, (100, 24)) as pilot:
        assert app.reader.analysis is None and app.is_running
        assert any("[bold]boom[/]" in m for m in said)
        await pilot.press("j", "right_square_bracket", "right_curly_bracket", "slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)  # says search is not ready, does not crash
        await pilot.press("escape")
        assert app.reader.article.scroll_y > 0
        said.clear()
        await pilot.press("x")  # says why it cannot export
        await pilot.pause()
        assert any("nothing to export: the analysis failed" in m.lower() for m in said), said


@sync
async def test_palette_jumps_to_entities_and_shows_their_names_literally():
    analysis = hand_built()
    text = analysis.text
    click = span_of(text, "zebra crossing")
    hostile = Entity(id="e-x", name="[@click=app.quit]zebra[/]", type="OTHER", mentions=[Mention(start=click[0], end=click[1])])
    app = ArgviewApp.from_analysis(analysis.model_copy(update={"entities": [*analysis.entities, hostile]}))
    async with settled(app, (120, 30)) as pilot:
        await pilot.press("ctrl+p", *"zebra")
        palette = app.screen
        options = palette.query_one(OptionList)
        for _ in range(50):  # the palette gathers hits in its own worker
            await pilot.pause(0.02)
            if options.option_count:
                break
        prompts = [str(option.prompt) for option in options_of(options)]
        assert any("Go to entity: [@click=app.quit]zebra[/]" in p for p in prompts), prompts
        index = next(i for i, p in enumerate(prompts) if "[@click=app.quit]zebra[/]" in p)
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.reader.matches.spans == [click]
        assert_on_screen(app, click[0])


def _style_at(article: ArticleView, offset: int):
    """The Rich style drawn for the character at `offset` (its line must be on screen)."""
    y = article.line_of(offset) - int(article.scroll_y)
    line = article.index.lines[article.line_of(offset)]
    column = GUTTER + len(line.prefix) + offset - line.start  # ASCII test text: one cell per character
    x = 0
    for seg in article.render_line(y):
        if x <= column < x + len(seg.text):
            return seg.style
        x += len(seg.text)
    raise AssertionError("offset not on screen")


@sync
async def test_headings_entities_and_roles_are_styled():
    analysis = hand_built()
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 40)) as pilot:
        article = app.reader.article
        text = analysis.text
        await pilot.press("right_parenthesis", "right_parenthesis", "right_parenthesis")  # cursor off the units below
        heading = _style_at(article, text.index("Why rail"))
        plain = _style_at(article, text.index("Paragraph 4"))
        assert heading.bold and not plain.bold
        person = _style_at(article, text.index("Marguerite"))
        place = _style_at(article, text.index("Europe"))
        assert person.underline and place.underline and person.color != place.color
        thesis = _style_at(article, text.index("greener") - 20)  # inside the thesis unit
        assert thesis.bgcolor != plain.bgcolor
        await pilot.press("r")
        assert _style_at(article, text.index("greener") - 20).bgcolor == plain.bgcolor


# ---------------------------------------------------------------------------- QA pass: search box fit


@sync
async def test_search_results_keep_each_label_on_its_line_at_80_columns():
    """A long sentence hit is cut with an ellipsis at the box's width, not wrapped under its badge."""
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (80, 24)) as pilot:
        screen = await _search(app, pilot, "sleeper cabins")
        results = screen.query_one(OptionList)
        assert screen.hits
        rows = [results.render_line(y).text.rstrip() for y in range(results.size.height)]
        labels = [row for row in rows if row.strip().startswith(("¶", "!", "@", "§"))]
        assert labels, rows
        # Every row is a badge row or an indented detail row: no label spills onto a row of its own.
        badge = ("¶", "!", "@", "§")
        assert all(row.strip().startswith(badge) or row.startswith(" " * 12) for row in rows if row.strip()), rows
        assert any(row.endswith("…") for row in labels), labels


@sync
async def test_search_box_fits_a_short_terminal_with_its_hint_and_every_result_reachable():
    app = ArgviewApp.from_path(None)
    async with settled(app, (80, 24)) as pilot:
        screen = await _search(app, pilot, "russia")
        box = screen.query_one("#search-box")
        results = screen.query_one(OptionList)
        assert len(screen.hits) >= 10
        inside = box.content_region
        assert box.region.bottom <= screen.region.bottom, (box.region, screen.region)
        # The list is no taller than the box shows, so it scrolls instead of being clipped ...
        assert results.region.y >= inside.y and results.region.bottom <= inside.bottom, (results.region, inside)
        # ... and the key hint is on screen.
        hint = screen.query_one("#search-hint")
        assert hint.region.height == 1 and inside.y <= hint.region.y < inside.bottom, (hint.region, inside)
        for _ in range(len(screen.hits)):
            await pilot.press("down")
        await pilot.pause()
        assert results.highlighted == len(screen.hits) - 1
        last = results.get_option_at_index(results.highlighted).prompt.plain.split("\n")[0].strip()
        rows = [results.render_line(y).text.strip() for y in range(results.size.height)]
        assert last in rows  # the highlighted result scrolled into view, not hidden below the box


@sync
async def test_search_results_are_cut_again_when_the_terminal_narrows():
    app = ArgviewApp.from_path(None)
    async with settled(app, (120, 36)) as pilot:
        screen = await _search(app, pilot, "russia")
        results = screen.query_one(OptionList)
        await pilot.press("down", "down")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        rows = [results.render_line(y).text.rstrip() for y in range(results.size.height)]
        badge = ("¶", "!", "@", "§")
        assert all(row.strip().startswith(badge) or row.startswith(" " * 12) for row in rows if row.strip()), rows
        assert results.highlighted == 2  # the reader's place in the list survives


@sync
async def test_help_scrolls_one_line_per_j_even_when_keys_come_fast():
    """Each j scrolls a line: a burst of key presses (a held key) must not collapse into one."""
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (80, 24)) as pilot:
        await pilot.press("question_mark")
        box = app.screen.query_one("#help-box")
        assert box.max_scroll_y >= 5
        from textual import events

        for _ in range(5):  # queued at once, as a terminal delivers a held key
            app.post_message(events.Key("j", "j"))
        await pilot.pause()
        await pilot.pause()
        assert box.scroll_y == 5
        for _ in range(2):
            app.post_message(events.Key("k", "k"))
        await pilot.pause()
        await pilot.pause()
        assert box.scroll_y == 3


@sync
async def test_export_of_stdin_gets_a_plain_file_name(tmp_path):
    """`cat file | argview -` then x wrote '-.outline.md': a name that reads as an option to rm."""
    analysis = hand_built()
    analysis = analysis.model_copy(update={"source": analysis.source.model_copy(update={"name": "-"})})
    app = ArgviewApp.from_analysis(analysis)
    async with settled(app, (120, 30)):
        path = app.reader.export("md", tmp_path)
        assert path.parent == tmp_path and path.exists()
        assert path.name[0].isalnum(), path.name
        assert path.name == "The-Case-for-Night-Trains.outline.md"


@sync
async def test_export_dialog_lines_up_its_descriptions():
    from tui.export import EXPORTS

    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 30)) as pilot:
        await pilot.press("x")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        plains = [option.prompt.plain for option in options_of(options)]
        columns = {plain.index(f.description) for plain, f in zip(plains, EXPORTS)}
        assert len(columns) == 1, plains
        await pilot.press("escape")


@sync
async def test_argument_hits_name_roles_as_the_outline_does():
    """The outline says OBJECTION and `!objection` finds them; the hit must not say 'counter'."""
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 30)) as pilot:
        screen = await _search(app, pilot, "!night trains are slow")
        options = screen.query_one(OptionList)
        prompts = [option.prompt.plain for option in options_of(options)]
        objection = next(p for p in prompts if "night trains are slow" in p)
        assert "objection" in objection and "counter" not in objection, objection


@sync
async def test_palette_does_not_offer_unrelated_jumps_for_command_words():
    """Typing "export" or "theme" in the palette offered "Go to entity: EU" (a 60-point partial match)."""
    from tui.commands import JumpProvider

    app = ArgviewApp.from_path(None)
    async with settled(app, (120, 30)):
        provider = JumpProvider(app.screen)
        for query in ("export", "theme"):
            hits = [hit.text async for hit in provider.search(query)]
            assert hits == [], (query, hits)
        for query, name in (("putin", "Vladimir Putin"), ("tokaev", "Kassym-Jomart Tokayev"), ("eu", "EU")):
            hits = [hit.text async for hit in provider.search(query)]
            assert f"Go to entity: {name}" in hits, (query, hits)


# ---------------------------------------------------------------------------- QA pass: side pane labels


@sync
async def test_side_pane_labels_too_long_for_the_pane_end_in_an_ellipsis():
    """A label wider than the pane was cropped mid-word at its edge, with no sign that more follows."""
    app = ArgviewApp.from_path(None)
    async with settled(app, (120, 36)) as pilot:
        for tree in (app.query_one(OutlineTree), app.query_one(EntityTree)):
            await pilot.press("1" if isinstance(tree, OutlineTree) else "2")
            await pilot.pause()
            width = tree.scrollable_content_region.width
            rows = [tree.render_line(y).text for y in range(tree.size.height)]
            long_rows = [row for row in rows if row.rstrip() and len(row.rstrip()) >= width - 1]
            assert long_rows, rows  # the sample has labels wider than the pane
            for row in long_rows:
                assert row.rstrip().endswith("…"), row
                assert len(row.rstrip()) <= width


@sync
async def test_esc_closes_the_palettes_keys_panel():
    """The palette's "Keys" command docks a key panel; esc, which backs out one step, left it open."""
    from textual.widgets import HelpPanel

    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (120, 30)) as pilot:
        app.action_show_help_panel()
        await pilot.pause()
        assert app.screen.query(HelpPanel)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.screen.query(HelpPanel)
        assert app.reader.article.has_focus


@sync
async def test_header_keeps_the_title_and_reading_position_on_a_narrow_terminal():
    """At 80 columns, a selected entity in a long-titled section pushed the title and the
    percentage off the header ('… Collective Security … 5/5  § Opportunities for Russia are …')."""
    app = ArgviewApp.from_path(None)
    async with settled(app, (80, 24)) as pilot:
        entity = max(app.reader.analysis.entities, key=lambda e: len(e.name))
        app.reader.select_entity(entity)
        await pilot.press("G")
        await pilot.pause()
        for width in (80, 60):
            await pilot.resize_terminal(width, 24)
            await pilot.pause()
            header = app.reader.titlebar.render().plain
            assert header.rstrip()[-4:].strip().rstrip("%").isdigit() and header.endswith("%"), header
            assert header.startswith(app.reader.article_title[:8]), header
            assert f"/{len(entity.mentions)}" in header, header  # the match counter stays too
            assert len(header) <= app.reader.titlebar.content_region.width


@sync
async def test_export_key_says_why_it_cannot_export_yet(held_analysis):
    """x before the analysis is done did nothing at all: no dialog, no word (after a failed
    analysis: test_a_failing_analysis_leaves_the_text_readable)."""
    app = app_for(ARTICLE, "a.md")
    said = record_notifications(app)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.reader.analysis is None and not app.screen.__class__.__name__ == "ExportScreen"
        assert any("still being analysed" in m for m in said)
        held_analysis.set()
        await settle(app, pilot)


@sync
async def test_search_opened_while_analysing_works_once_the_analysis_is_done(held_analysis):
    """The box opened during analysis said 'not ready' and stayed dead after the index arrived."""
    app = app_for(ARTICLE, "a.md")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"zebra")  # typed before the index exists
        held_analysis.set()
        await settle(app, pilot)
        assert app.reader.search_index is not None and app.screen is screen
        assert screen.hits and "zebra" in screen.hits[0].label.lower()
        await pilot.press(*" crossing ochre")
        await settle(app, pilot)
        assert screen.hits and "ochre" in screen.hits[0].label


# ---------------------------------------------------------------------------- QA pass: control sequences


def _controls_on_screen(app: ArgviewApp) -> list[str]:
    """Every drawn row holding a C0/C1 control character (ESC starts an escape sequence), read
    from a screenshot of the whole screen (its SVG keeps each row's text as drawn)."""
    svg = app.export_screenshot()
    return [row for row in svg.split("\n") if any(ord(c) < 32 and c != "\t" or 0x7F <= ord(c) < 0xA0 for c in row)]


@sync
async def test_escape_sequences_in_a_file_name_or_a_pasted_query_never_reach_the_terminal(tmp_path, monkeypatch, held_analysis):
    """`argview 'evil<ESC>]2;PWNED<BEL>.txt'` retitled the terminal window: the header showed the raw
    name until the analysis finished; a pasted query and the export toast carried escapes too."""
    folder = tmp_path / "dir\x1b]2;PWNED\x07"
    folder.mkdir()
    path = folder / "evil\x1b]2;PWNED\x07\x1b[31m.txt"
    path.write_text(ARTICLE.split("\n\n", 1)[1])  # no title line: the header shows the file name
    monkeypatch.chdir(tmp_path)
    app = ArgviewApp.from_path(str(path))
    said = record_notifications(app)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert app.reader.analysis is None and "evil" in app.reader.titlebar.article_title
        assert _controls_on_screen(app) == []  # before the analysis: the header shows the file name
        held_analysis.set()
        await settle(app, pilot)
        assert _controls_on_screen(app) == []
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        wrote = [m for m in said if "Wrote" in m]
        assert wrote and not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in wrote[0]), wrote
        assert _controls_on_screen(app) == []
        await pilot.press("slash")
        await pilot.pause()
        search = app.screen
        search.query_one(Input).value = "night\x1b]2;PWNED\x07 trains"  # as a bracketed paste would
        await settle(app, pilot)
        assert _controls_on_screen(app) == []
        assert search.hits
        await pilot.press("enter")
        await pilot.pause()
        assert _controls_on_screen(app) == []


@sync
async def test_search_result_list_has_no_blank_row_under_a_few_results():
    app = ArgviewApp.from_analysis(hand_built())
    async with settled(app, (100, 30)) as pilot:
        screen = await _search(app, pilot, "@okonkwo")
        results = screen.query_one(OptionList)
        rows = [results.render_line(y).text.strip() for y in range(results.size.height)]
        assert screen.hits and all(rows), rows


@sync
async def test_n_says_why_when_there_is_nothing_to_step_through() -> None:
    app = ArgviewApp.from_analysis(hand_built())
    said = record_notifications(app)
    async with settled(app, (120, 36)) as pilot:
        said.clear()
        await pilot.press("n")
        await pilot.pause()
        assert any("Nothing to step through" in m for m in said)
        app.reader.last_query = "militry buildupp"  # a fuzzy hit's query that is not in the text
        said.clear()
        await pilot.press("N")
        await pilot.pause()
        assert any("does not occur word for word" in m for m in said)
