"""Pilot tests of your reading, kept: corrections to the outline, undo/redo, notes, bookmarks and
the reading position, each saved in the reading store (a scratch folder per test: `conftest.py`)
and seen again by a second app on the same store."""

from __future__ import annotations

from rich.style import Style
from textual.widgets import OptionList, TextArea

from tests.test_app import hand_built, record_notifications, settle, sync
from tui.app import ArgviewApp
from tui.model import ArgNode
from tui.screens.pickers import ChoiceScreen, KeyPrompt
from tui.screens.search import SearchScreen
from tui.widgets.notes import NotesList
from tui.widgets.outline import OutlineTree

SIZE = (120, 30)


def shape(outline: list[ArgNode]) -> list[tuple]:
    """The outline as (role, first words, by, relation, children) tuples."""
    return [(n.role, n.label[:20], n.by, n.relation, shape(n.children)) for n in outline]


def node(app: ArgviewApp, needle: str) -> ArgNode:
    return next(n for n in app.reader.analysis.arg_nodes() if needle in n.label)


def shown_label(app: ArgviewApp, unit: ArgNode) -> str:
    tree = app.query_one(OutlineTree)
    tree_node = next(n for n in _walk(tree.root) if n.data is not None and (n.data.start, n.data.end) == (unit.start, unit.end))
    return tree.render_label(tree_node, Style(), Style()).plain


def _walk(tree_node):
    for child in tree_node.children:
        yield child
        yield from _walk(child)


async def open_outline_on(app: ArgviewApp, pilot, needle: str) -> None:
    """Focus the outline with its cursor on the unit whose label holds `needle`."""
    tree = app.query_one(OutlineTree)
    if not tree.has_focus:
        await pilot.press("tab")
    await pilot.press("g")
    for _ in range(20):
        if tree.cursor_node is not None and tree.cursor_node.data is not None and needle in tree.cursor_node.data.label:
            return
        await pilot.press("j")
    raise AssertionError(f"no unit {needle!r} in the outline")


async def choose(pilot, label: str) -> None:
    """In the open choice dialog, choose the option whose text holds `label`."""
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceScreen), screen
    options = screen.query_one(OptionList)
    index = next(i for i, (_id, text) in enumerate(screen.shown) if label in text.plain)
    options.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


@sync
async def test_c_changes_a_units_role_marks_it_yours_and_z_Z_undo_and_redo_it():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        said = record_notifications(app)
        await open_outline_on(app, pilot, "sleeper cabins")
        await pilot.press("c")
        await choose(pilot, "OBJECTION")
        unit = node(app, "sleeper cabins")
        assert (unit.role, unit.by, unit.cue) == ("counter", "reader", "yours")
        assert "OBJECTION" in shown_label(app, unit) and "«yours»" in shown_label(app, unit)
        assert said[-1].startswith("“sleeper cabins halve the carbon cost” is now objection")
        line = app.reader.article.line_of(unit.start)
        assert app.reader.article.render_line(line - int(app.reader.article.scroll_y)).text.startswith("O")
        await pilot.press("z")
        unit = node(app, "sleeper cabins")
        assert (unit.role, unit.by) == ("premise", "analysis")
        assert said[-1].startswith("Undone: role change of “sleeper cabins")
        await pilot.press("Z")
        assert node(app, "sleeper cabins").role == "counter"
        await pilot.press("z", "z")
        assert said[-1] == "Nothing to undo."
    again = ArgviewApp.from_analysis(hand_built())  # the store kept the undo
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert node(again, "sleeper cabins").role == "premise"
        await pilot.press("Z")  # and the redo stack
        assert node(again, "sleeper cabins").role == "counter"


@sync
async def test_not_an_argument_takes_a_unit_out_and_its_reply_moves_up():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_outline_on(app, pilot, "night trains are slow")
        await pilot.press("c")
        await choose(pilot, "NOT AN ARGUMENT")
        thesis = app.reader.analysis.outline[0]
        assert [c.label[:14] for c in thesis.children] == ["sleeper cabins", "a night asleep", "the case stand"]
        assert not any("night trains are slow" in n.label for n in app.reader.analysis.arg_nodes())
        await pilot.press("z")
        assert shape(app.reader.analysis.outline) == shape(hand_built().outline)


@sync
async def test_U_makes_the_current_sentence_or_a_clause_of_it_a_unit():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*["right_parenthesis"] * 2)  # "They are greener than planes and kinder than cars."
        await pilot.press("U")  # one clause only: straight to the role
        await choose(pilot, "CLAIM")
        unit = node(app, "They are greener")
        assert (unit.role, unit.by) == ("claim", "reader")
        assert unit in app.reader.analysis.outline[0].children  # under the thesis
        # a clause: "rail wins on emissions." out of the sentence whose other clause holds a reason
        text = app.reader.analysis.text
        app.reader.goto(text.index("Because sleeper"))
        await pilot.press("U")
        await choose(pilot, "clause  rail wins on emissions.")
        await choose(pilot, "CONCLUSION")
        unit = node(app, "rail wins")
        assert unit.role == "conclusion" and text[unit.start : unit.end] == "rail wins on emissions."
        await pilot.press("z", "z")
        assert shape(app.reader.analysis.outline) == shape(hand_built().outline)


@sync
async def test_M_moves_a_unit_under_one_found_by_name_and_f_flips_support_and_attack():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_outline_on(app, pilot, "the case stands")
        await pilot.press("M")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press(*"asleep")  # the filter narrows to the reply
        await pilot.press("enter")
        await pilot.pause()
        reply = node(app, "a night asleep")
        assert [c.label for c in reply.children] == ["the case stands"]
        assert node(app, "the case stands").by == "reader"
        await open_outline_on(app, pilot, "sleeper cabins")
        await pilot.press("f")
        unit = node(app, "sleeper cabins")
        assert unit.relation == "attack" and "attacks" in shown_label(app, unit)
        await pilot.press("f")
        assert node(app, "sleeper cabins").relation == "support"
        await pilot.press("z", "z", "z")
        assert shape(app.reader.analysis.outline) == shape(hand_built().outline)


@sync
async def test_ctrl_x_and_p_cut_a_unit_and_put_it_under_the_highlighted_one():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        said = record_notifications(app)
        await pilot.press("p")
        assert said[-1].startswith("Nothing cut")
        await open_outline_on(app, pilot, "sleeper cabins")
        await pilot.press("ctrl+x")
        assert app.reader.titlebar.status.startswith("cut: sleeper cabins")
        await open_outline_on(app, pilot, "the case stands")
        await pilot.press("p")
        assert [c.label for c in node(app, "the case stands").children] == ["sleeper cabins halve the carbon cost"]
        assert app.reader.titlebar.status == ""


@sync
async def test_T_promotes_a_unit_to_thesis_and_the_old_thesis_becomes_a_claim_under_it():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_outline_on(app, pilot, "the case stands")
        await pilot.press("T")
        top = app.reader.analysis.outline
        assert [(n.role, n.label) for n in top] == [("thesis", "the case stands")]
        old = next(n for n in top[0].children if n.label.startswith("Europe"))
        assert (old.role, old.cue) == ("claim", "yours")
        await pilot.press("z")
        assert shape(app.reader.analysis.outline) == shape(hand_built().outline)


@sync
async def test_a_writes_a_note_shown_in_the_gutter_the_outline_and_the_notes_tab_and_found_with_star():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right_parenthesis")  # the thesis sentence, which is a unit
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"check the 2019 figures")
        await pilot.press("ctrl+s")
        await pilot.pause()
        article = app.reader.article
        thesis = app.reader.analysis.outline[0]
        row = article.line_of(thesis.start) - int(article.scroll_y)
        assert article.render_line(row).text[:2] == "T*"  # role mark, then the note mark
        assert shown_label(app, thesis).startswith(" THESIS  * ")
        await pilot.press("4")
        await pilot.pause()
        notes = app.query_one(NotesList)
        assert notes.has_focus and notes.option_count == 1
        assert "check the 2019 figures" in str(notes.get_option_at_index(0).prompt)
        await pilot.press("a")  # on the highlighted note: edit it
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "check the 2019 figures"
        await pilot.press("end", *" again", "ctrl+s")
        await pilot.pause()
        assert app.reader.analysis.notes[0].text == "check the 2019 figures again"
        await pilot.press("escape", "slash")
        await pilot.pause()
        await pilot.press(*"*2019")
        await app.workers.wait_for_complete()
        await pilot.pause()
        search = app.screen
        assert isinstance(search, SearchScreen)
        assert [h.kind for h in search.hits] == ["note"]
        await pilot.press("G", "enter")  # G is typed into the query: nothing matches "2019g"
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("backspace", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not isinstance(app.screen, SearchScreen)
        assert article.current_match == (thesis.start, thesis.end)
    again = ArgviewApp.from_analysis(hand_built())
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        assert [n.text for n in again.reader.analysis.notes] == ["check the 2019 figures again"]
        await pilot.press("4", "a")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")  # emptied: deleted
        await pilot.pause()
        assert again.reader.analysis.notes == []
        assert again.query_one("#notes-empty").display


@sync
async def test_esc_in_the_note_editor_asks_before_dropping_a_typed_note():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"half a thought", "escape")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "half a thought"  # still open
        await pilot.press("escape")
        await pilot.pause()
        assert app.reader.analysis.notes == [] and app.screen is app.reader


@sync
async def test_m_and_quote_set_and_jump_to_bookmarks_kept_between_runs():
    analysis = hand_built()
    text = analysis.text
    app = ArgviewApp.from_analysis(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        said = record_notifications(app)
        objection = text.index("Of course")
        app.reader.goto(objection)
        await pilot.press("m")
        assert isinstance(app.screen, KeyPrompt)
        await pilot.press("q")  # a letter, not quit
        assert said[-1] == "Bookmark q set: ' q comes back here."
        await pilot.press("g")
        assert app.reader.article.cursor_offset == 0
        await pilot.press("apostrophe", "q")
        assert app.reader.article.cursor_offset == objection
        await pilot.press("apostrophe", "apostrophe")  # back where the jump left
        assert app.reader.article.cursor_offset == 0
        await pilot.press("apostrophe", "x")
        assert said[-1] == "No bookmark x: m x sets it."
    again = ArgviewApp.from_analysis(hand_built())
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        await pilot.press("g", "apostrophe", "q")
        assert again.reader.article.cursor_offset == objection


@sync
async def test_an_article_opens_again_where_the_reader_left_it():
    text = hand_built().text
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.reader.goto(text.index("The zebra crossing"))
        await pilot.pause()
    again = ArgviewApp.from_analysis(hand_built())
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        article = again.reader.article
        assert article.cursor_offset == text.index("The zebra crossing")
        top, bottom = article.visible_lines
        assert top <= article.line_of(article.cursor_offset) < bottom and top > 0


@sync
async def test_a_store_that_cannot_be_opened_is_one_line_and_the_session_goes_on_in_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    monkeypatch.setenv("ARGVIEW_DATA_DIR", str(blocker / "argview"))
    app = ArgviewApp.from_analysis(hand_built())
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        problems = [line for line in said if "reading store" in line]
        assert len(problems) == 1 and "\n" not in problems[0] and "will not be saved" in problems[0]
        await open_outline_on(app, pilot, "sleeper cabins")
        await pilot.press("c")
        await choose(pilot, "CLAIM")
        assert node(app, "sleeper cabins").role == "claim"  # works for this session
    assert blocker.read_text() == "a file where the store's folder should be"


@sync
async def test_every_new_key_is_in_the_help_screen_and_the_palette():
    from tui.commands import COMMANDS
    from tui.screens.help import help_text

    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(help_text())
    shown = console.export_text()
    for title in ("Change role…", "Make a unit…", "Move to…", "Cut unit", "Paste unit", "Flip support ↔ attack",
                  "Promote to thesis", "Undo", "Redo", "Note…", "Set bookmark", "Go to bookmark", "Show notes",
                  "Forget this article"):
        assert title in shown, title
    assert "* your notes" in shown
    keys = [c.keys for c in COMMANDS if c.keys]
    singles = [k for spec in keys for k in spec.split(",")]
    scoped = {(c.scope, k) for c in COMMANDS for k in c.keys.split(",") if c.keys}
    assert len(scoped) == len([k for c in COMMANDS for k in c.keys.split(",") if c.keys]), "a key bound twice"
    assert "m" in singles and "apostrophe" in singles
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        palette = {c.title for c in app.get_system_commands(app.screen)}
        for command in COMMANDS:
            if command.group in ("Correct", "Notes") or command.action == "show_notes":
                assert command.title in palette, command.title


@sync
async def test_an_article_opened_from_a_file_comes_back_at_its_sentence_before_and_after_the_analysis(tmp_path):
    from tests.test_app import ARTICLE

    path = tmp_path / "night-trains.md"
    path.write_text(ARTICLE, encoding="utf-8")
    app = ArgviewApp.from_path(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = app.reader.analysis.text
        target = text.index("Because sleeper")  # starts mid-line: the line's start is another sentence
        app.reader.goto(target)
        await pilot.pause()
    again = ArgviewApp.from_path(path)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        article = again.reader.article
        top, bottom = article.visible_lines
        assert top > 0 and top <= article.line_of(target) < bottom  # the text shows there at once
        await settle(again, pilot)
        assert article.cursor_offset == target


@sync
async def test_corrections_whose_words_are_gone_are_kept_and_said_once():
    from tui.reading.model import Anchor, Edit
    from tui.reading.store import ReadingStore

    analysis = hand_built()
    with ReadingStore.open() as store:
        store.add_edit(analysis.source.sha256, Edit(kind="role", role="claim",
                                                    anchor=Anchor(start=5, end=30, quote="words this article never had")))
    app = ArgviewApp.from_analysis(analysis)
    said = record_notifications(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        gone = [line for line in said if "no longer match" in line]
        assert len(gone) == 1 and "words this article never had" in gone[0]
        assert shape(app.reader.analysis.outline) == shape(analysis.outline)
    with ReadingStore.open() as store:
        assert len(store.load(analysis.source.sha256).edits) == 1  # kept, never dropped


@sync
async def test_search_without_a_prefix_finds_notes_beside_the_text():
    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"couchettes are cramped", "ctrl+s")
        await pilot.pause()
        await pilot.press("slash", *"couchettes")
        await app.workers.wait_for_complete()
        await pilot.pause()
        kinds = [h.kind for h in app.screen.hits]
        assert "note" in kinds and "sentence" in kinds  # the note beside the sentences that say it


@sync
async def test_forget_in_the_palette_removes_what_is_kept_for_the_article():
    from tui.reading.store import ReadingStore

    app = ArgviewApp.from_analysis(hand_built())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await open_outline_on(app, pilot, "sleeper cabins")
        await pilot.press("c")
        await choose(pilot, "CLAIM")
        await pilot.press("m", "b")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Forget this article")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await choose(pilot, "Forget this article's")
        assert node(app, "sleeper cabins").role == "premise"
    with ReadingStore.open() as store:
        assert store.load(hand_built().source.sha256).empty


@sync
async def test_dialogs_show_a_label_with_markup_literally():
    analysis = hand_built()
    thesis = analysis.outline[0]
    odd = thesis.model_copy(update={"label": "[red]night[/red] trains [/bad] \x1b]52;c;eA==\x07"})
    app = ArgviewApp.from_analysis(analysis.model_copy(update={"outline": [odd]}))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("tab", "g", "c")
        await pilot.pause()
        from textual.markup import escape

        box = app.screen.query_one("#choice-box")  # the title reads back as markup: literal brackets escaped
        assert escape("[red]night[/red] trains [/bad]") in box.border_title and "\x1b" not in box.border_title
        await pilot.press("escape", "M")
        await pilot.pause()
        assert escape("[/bad]") in app.screen.query_one("#choice-box").border_title
