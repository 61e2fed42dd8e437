"""What the Pilot tests share: a hand-built article and analysis, running the app headless with its
analysis done, reading what it says (toasts, the command palette)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from conftest import analyse_bytes, ingest_text
from tui.app import ArgviewApp
from tui.model import Analysis, ArgNode, Entity, Format, Mention

FILLER = [
    f"Paragraph {n} is about timetables, couchettes and luggage racks on the {w} line, as travellers like."
    for n, w in enumerate(
        "alder birch cedar dogwood elm fir ginkgo hazel ilex juniper kapok larch maple nutmeg oak pine".split()
    )
]

ARTICLE = "\n\n".join(
    [
        "# The Case for Night Trains",
        "Europe should bring back its night trains. They are greener than planes and kinder than cars.",
        *FILLER[:6],
        "## Why rail beats flying",
        "Marguerite Okonkwo-Dahl has argued this for years. Because sleeper cabins halve the carbon cost "
        "of a trip, rail wins on emissions.",
        *FILLER[6:11],
        "## Objections and answers",
        "Of course, night trains are slow. But a night spent asleep is not a night lost, says Okonkwo.",
        *FILLER[11:],
        "The zebra crossing near the depot was repainted in ochre.",
        "So the case for night trains stands.",
    ]
)


def sync(test):
    """Run an async Pilot test without an async pytest plugin."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


def analysed(text: str, name: str = "night-trains.md") -> Analysis:
    """Markdown text ingested and analysed, as the app would."""
    return analyse_bytes(text, name=name, hint="markdown")


def app_for(text: bytes | str, name: str = "night-trains.md", hint: Format | None = "markdown") -> ArgviewApp:
    """The app on text as the command line opens it: ingested, analysed in its own worker."""
    return ArgviewApp(*ingest_text(text, name=name, hint=hint))


def span_of(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def hand_built() -> Analysis:
    """The article with entities and an outline written by hand, so tests do not depend on the analysers."""
    analysis = analysed(ARTICLE)
    text = analysis.text
    ok = [Mention(start=s, end=e) for s, e in (span_of(text, "Marguerite Okonkwo-Dahl"), span_of(text, "Okonkwo."))]
    ok[1] = Mention(start=ok[1].start, end=ok[1].start + len("Okonkwo"))
    europe = span_of(text, "Europe")
    entities = [
        Entity(id="ent-0", name="Marguerite Okonkwo-Dahl", type="PERSON", aliases=["Okonkwo"], mentions=ok),
        Entity(id="ent-1", name="Europe", type="PLACE", mentions=[Mention(start=europe[0], end=europe[1])]),
    ]

    def node(id: str, role, needle: str, label: str, cue=None, children=()) -> ArgNode:
        s, e = span_of(text, needle)
        return ArgNode(id=id, role=role, start=s, end=e, label=label, cue=cue, children=list(children))

    outline = [
        node(
            "arg-0", "thesis", "Europe should bring back its night trains.", "Europe should bring back night trains",
            children=[
                node("arg-1", "premise", "sleeper cabins halve the carbon cost", "sleeper cabins halve the carbon cost",
                     cue="Because"),
                node("arg-2", "counter", "night trains are slow.", "night trains are slow", cue="Of course",
                     children=[node("arg-3", "rebuttal", "a night spent asleep is not a night lost",
                                    "a night asleep is not lost", cue="But")]),
                node("arg-4", "conclusion", "the case for night trains stands", "the case stands", cue="So"),
            ],
        )
    ]
    return analysis.model_copy(update={"entities": entities, "outline": outline})


def record_notifications(app: ArgviewApp) -> list[str]:
    """Every message the app shows as a toast from now on, through its public `notify`."""
    said: list[str] = []
    show = app.notify

    def notify(message, *args, **kwargs):
        said.append(str(message))
        return show(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]  # the screens' notify goes through the app's
    return said


async def settle(app: ArgviewApp, pilot) -> None:
    app.animation_level = "none"
    await pilot.pause()  # the analysis worker starts after the first refresh
    await app.workers.wait_for_complete()
    await pilot.pause()


@asynccontextmanager
async def settled(app: ArgviewApp, size: tuple[int, int] = (100, 30)) -> AsyncIterator:
    """Run `app` headless at `size` (columns, rows) with its analysis done; yields the pilot."""
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield pilot


async def palette_titles(app: ArgviewApp, pilot, query: str) -> list[str]:
    """The titles the command palette (ctrl+p) lists for `query` once it has gathered them; closes it."""
    await pilot.press("ctrl+p", *query)
    palette = app.screen
    assert palette.__class__.__name__ == "CommandPalette"
    for worker in [w for w in app.workers if w.node is palette]:  # it gathers hits in its own worker
        await worker.wait()
    await pilot.pause()
    options = options_of(palette.query_one(OptionList))
    titles = [str(option.prompt).split("\n")[0] for option in options if not option.disabled]  # not "No matches"
    await pilot.press("escape")
    return titles


def options_of(options: OptionList) -> list[Option]:
    """The options a list shows, in order."""
    return [options.get_option_at_index(i) for i in range(options.option_count)]
