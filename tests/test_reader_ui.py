"""Pilot tests of the reader's comforts: keys that follow the focus, copying, settings, role marks."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.test_app import hand_built, record_notifications, settle, sync
from tui.app import ArgviewApp
from tui.widgets.entities import EntityTree
from tui.widgets.outline import OutlineTree


@sync
async def test_j_k_g_G_move_the_focused_panes_cursor_not_the_article():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
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
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
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
    from tests.test_app import _analyse

    text = "# Tags\n\nThe [bold]tag[/bold] and [link=x]this[/link] stay as typed. Second sentence here."
    app = ArgviewApp.from_analysis(_analyse(text, "tags.md"))
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(app, pilot)
        article = app.reader.article
        start = app.reader.analysis.text.index("The [bold]")
        article.set_cursor(article.sentence_at(start))
        await pilot.press("y")
        assert app.clipboard.startswith("The [bold]tag[/bold] and [link=x]this[/link] stay as typed.")
