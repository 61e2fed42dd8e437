"""The reading store through its public API: what is kept, undo/redo, two processes on one
article, SIGKILL at random points, and databases that are locked, read-only, damaged or newer."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tui.reading.model import Anchor, Edit, Note
from tui.reading.store import MIGRATIONS, SCHEMA_VERSION, ReadingStore, StoreError, store_path

TEXT = "Cities should price parking. Free parking is never free. Drivers pay for it in rent."
SHA = "a" * 64


def role_edit(start: int, end: int, role: str = "premise") -> Edit:
    return Edit(kind="role", anchor=Anchor.of(TEXT, start, end), role=role)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "reading.db"


def test_everything_kept_survives_reopening(db: Path) -> None:
    with ReadingStore.open(db) as store:
        store.add_edit(SHA, role_edit(0, 28, "thesis"), name="parking.txt")
        store.put_note(SHA, Note(anchor=Anchor.of(TEXT, 29, 56), text="Is it, though?"))
        store.set_bookmark(SHA, "a", 29)
        store.set_position(SHA, 57)
    with ReadingStore.open(db) as store:
        assert not store.read_only and store.problem is None
        reading = store.load(SHA)
    assert [e.role for e in reading.edits] == ["thesis"]
    assert reading.name == "parking.txt"
    assert [(n.text, n.anchor.quote) for n in reading.notes] == [("Is it, though?", "Free parking is never free.")]
    assert reading.bookmarks["a"].offset == 29
    assert reading.position == 57
    assert ReadingStore.open(db).load("b" * 64).empty  # another article: nothing


def test_undo_and_redo_walk_the_edits_back_and_forth(db: Path) -> None:
    store = ReadingStore.open(db)
    first, second = role_edit(0, 28, "thesis"), role_edit(29, 56, "counter")
    store.add_edit(SHA, first)
    store.add_edit(SHA, second)
    assert store.undo(SHA) == second
    assert store.undo(SHA) == first
    assert store.undo(SHA) is None
    assert store.load(SHA).edits == [] and store.load(SHA).redo == [first, second]
    assert store.redo(SHA) == first
    assert ReadingStore.open(db).load(SHA).edits == [first]  # undo/redo are saved too
    third = role_edit(57, 84)
    store.add_edit(SHA, third)  # a new edit drops what was left to redo
    assert store.redo(SHA) is None
    assert store.load(SHA).edits == [first, third]


def test_notes_are_edited_and_deleted(db: Path) -> None:
    store = ReadingStore.open(db)
    note = store.put_note(SHA, Note(anchor=Anchor.of(TEXT, 0, 28), text="draft"))
    store.put_note(SHA, note.model_copy(update={"text": "final"}))
    assert [n.text for n in store.load(SHA).notes] == ["final"]
    assert store.delete_note(SHA, note.id) is True
    assert store.delete_note(SHA, note.id) is False
    assert ReadingStore.open(db).load(SHA).notes == []


def test_bookmarks_take_a_letter_and_move(db: Path) -> None:
    store = ReadingStore.open(db)
    store.set_bookmark(SHA, "q", 5)
    store.set_bookmark(SHA, "q", 40)
    assert store.load(SHA).bookmarks["q"].offset == 40
    with pytest.raises(ValueError):
        store.set_bookmark(SHA, "Q", 1)
    assert store.delete_bookmark(SHA, "q") and not store.load(SHA).bookmarks


def test_forget_removes_the_article_and_only_it(db: Path) -> None:
    store = ReadingStore.open(db)
    store.add_edit(SHA, role_edit(0, 28))
    store.put_note(SHA, Note(anchor=Anchor.of(TEXT, 0, 28), text="a private thought"))
    store.add_edit("b" * 64, role_edit(0, 28))
    assert store.forget(SHA) is True
    assert store.forget(SHA) is False
    assert store.load(SHA).empty
    assert [sha for sha, _, _ in store.corrected()] == ["b" * 64]
    # secure_delete and a checkpoint: the note's words are left neither in the file's free pages
    # nor in its write-ahead log, even while the store is still open
    raw = db.read_bytes() + (Path(f"{db}-wal").read_bytes() if Path(f"{db}-wal").exists() else b"")
    assert b"a private thought" not in raw


def test_corrected_lists_articles_with_applied_edits(db: Path) -> None:
    store = ReadingStore.open(db)
    store.add_edit(SHA, role_edit(0, 28), name="one.txt")
    store.add_edit("b" * 64, role_edit(0, 28), name="two.txt")
    store.undo("b" * 64)
    store.set_position("c" * 64, 3)
    assert [(sha, name) for sha, name, _ in store.corrected()] == [(SHA, "one.txt")]


def test_the_store_lives_in_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGVIEW_DATA_DIR", str(tmp_path / "mine"))
    assert store_path() == tmp_path / "mine" / "reading.db"
    ReadingStore.open().add_edit(SHA, role_edit(0, 28))
    assert (tmp_path / "mine" / "reading.db").is_file()
    con = sqlite3.connect(tmp_path / "mine" / "reading.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version FROM migrations").fetchall() == [(v,) for v, _, _ in MIGRATIONS]


def test_a_store_from_the_first_schema_is_migrated_keeping_its_edits(db: Path) -> None:
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(MIGRATIONS[0][2])
    con.execute("INSERT INTO migrations VALUES (1, 'first', 0)")
    con.execute("PRAGMA user_version = 1")
    edit = role_edit(0, 28, "thesis")
    con.execute("INSERT INTO edit_log (sha, op, edit, body, at) VALUES (?, 'do', ?, ?, 0)", (SHA, edit.id, edit.model_dump_json()))
    con.close()
    store = ReadingStore.open(db)
    assert store.problem is None and store.load(SHA).edits == [edit]
    store.add_edit(SHA, role_edit(29, 56), text=TEXT)  # the text column came with schema 2
    assert store.text(SHA) == TEXT
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_open_without_create_leaves_no_file(db: Path) -> None:
    store = ReadingStore.open(db, create=False)
    assert store.load(SHA).empty and not db.exists()


# --- several processes -------------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from tui.reading.model import Anchor, Edit
    from tui.reading.store import ReadingStore
    store = ReadingStore.open(sys.argv[1])
    assert not store.read_only, store.problem
    for i in range(int(sys.argv[3])):
        edit = Edit(kind="role", anchor=Anchor(start=i, end=i + 1, quote="x"), role="premise")
        store.add_edit("a" * 64, edit)
        print(sys.argv[2], edit.id, flush=True)  # printed once committed
""")


def _writer(db: Path, tag: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag, str(count)], stdout=subprocess.PIPE, text=True)


def test_two_processes_on_one_article_keep_both_sets_of_edits(db: Path) -> None:
    ReadingStore.open(db).close()  # created once, as the app does on first use
    procs = [_writer(db, tag, 40) for tag in ("one", "two")]
    outs = [p.communicate(timeout=60)[0] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    committed = {line.split()[1] for out in outs for line in out.splitlines()}
    assert len(committed) == 80
    assert {e.id for e in ReadingStore.open(db).load(SHA).edits} == committed


def test_sigkill_at_random_points_loses_nothing_committed(db: Path) -> None:
    rng = random.Random(16)
    committed: set[str] = set()
    for _ in range(20):
        proc = _writer(db, "w", 10_000)
        assert proc.stdout is not None
        # kill after a random number of committed edits (0 = while it opens or migrates the file)
        for _ in range(rng.randrange(0, 30)):
            line = proc.stdout.readline()
            if not line:
                break
            committed.add(line.split()[1])
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.communicate()[0]  # lines printed before the kill landed are committed too
        committed.update(line.split()[1] for line in rest.splitlines() if line.strip())
        store = ReadingStore.open(db)
        assert not store.read_only and store.problem is None
        kept = {e.id for e in store.load(SHA).edits}
        assert committed <= kept
        assert len(kept - committed) <= 1  # at most the edit in flight: committed, not yet printed
        committed = kept
        store.close()
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# --- databases that cannot be used as they are -----------------------------------------------

def test_a_damaged_database_is_moved_aside_never_written_over(db: Path) -> None:
    db.write_bytes(b"this is not a database, it is a note the user wrote" * 100)
    before = db.read_bytes()
    store = ReadingStore.open(db)
    assert store.problem is not None and "\n" not in store.problem
    assert "damaged" in store.problem and "moved aside" in store.problem
    aside = [p for p in db.parent.iterdir() if p.name.startswith("reading.db.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == before
    store.add_edit(SHA, role_edit(0, 28))  # a new store, in use at once
    assert not store.read_only and len(ReadingStore.open(db).load(SHA).edits) == 1


def test_a_read_only_database_gives_a_session_in_memory(db: Path) -> None:
    with ReadingStore.open(db) as store:
        store.add_edit(SHA, role_edit(0, 28, "thesis"))
    os.chmod(db.parent, 0o500)
    os.chmod(db, 0o400)
    try:
        if os.access(db, os.W_OK):
            pytest.skip("running as a user who can write anything (root)")
        store = ReadingStore.open(db)
        assert store.read_only and store.problem and "will not be saved" in store.problem
        assert [e.role for e in store.load(SHA).edits] == ["thesis"]  # what was kept is shown
        store.add_edit(SHA, role_edit(29, 56))  # the session goes on, in memory
        assert len(store.load(SHA).edits) == 2
    finally:
        os.chmod(db.parent, 0o700)
        os.chmod(db, 0o600)
    assert len(ReadingStore.open(db).load(SHA).edits) == 1


def test_a_database_from_a_newer_argview_is_left_alone(db: Path) -> None:
    ReadingStore.open(db).add_edit(SHA, role_edit(0, 28))
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.close()
    store = ReadingStore.open(db)
    assert store.read_only and "newer argview" in (store.problem or "")
    store.add_edit(SHA, role_edit(29, 56))
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM edit_log").fetchone()[0] == 1
    assert con.execute("PRAGMA user_version").fetchone()[0] == 99


def test_a_write_blocked_by_a_lock_is_one_line_and_changes_nothing(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tui.reading.store.BUSY_MS", 100)
    store = ReadingStore.open(db)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught:
            store.add_edit(SHA, role_edit(0, 28))
        assert "\n" not in str(caught.value) and "locked" in str(caught.value)
    finally:
        blocker.execute("ROLLBACK")
    assert store.load(SHA).edits == []
    store.add_edit(SHA, role_edit(0, 28))
    assert len(store.load(SHA).edits) == 1


def test_a_data_folder_that_cannot_be_made_gives_a_session_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("ARGVIEW_DATA_DIR", str(tmp_path / "a-file" / "argview"))
    store = ReadingStore.open()
    assert store.read_only and store.problem and "\n" not in store.problem and "will not be saved" in store.problem
    store.add_edit(SHA, role_edit(0, 28))
    assert len(store.load(SHA).edits) == 1


def test_the_store_can_be_used_from_another_thread(db: Path) -> None:
    import threading

    store = ReadingStore.open(db)
    failures: list[BaseException] = []

    def work() -> None:
        try:
            for i in range(20):
                store.add_edit(SHA, role_edit(i, i + 1))
        except BaseException as err:  # noqa: BLE001 - reported by the assertion below
            failures.append(err)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == [] and len(store.load(SHA).edits) == 40


def test_a_row_this_version_cannot_read_is_left_alone(db: Path) -> None:
    store = ReadingStore.open(db)
    store.add_edit(SHA, role_edit(0, 28))
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("INSERT INTO edit_log (sha, op, edit, body, at) VALUES (?, 'do', 'x', '{\"kind\": \"future\"}', 0)", (SHA,))
    con.close()
    assert len(store.load(SHA).edits) == 1
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM edit_log").fetchone()[0] == 2


def test_a_database_locked_by_another_program_gives_a_session_in_memory(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with ReadingStore.open(db) as first:
        first.add_edit(SHA, role_edit(0, 28))
    monkeypatch.setattr("tui.reading.store.BUSY_MS", 100)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # e.g. a backup tool holding the file
    try:
        store = ReadingStore.open(db)
        assert store.read_only and store.problem and "\n" not in store.problem
        assert "locked" in store.problem and "will not be saved" in store.problem
        store.add_edit(SHA, role_edit(29, 56))  # the session goes on
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert len(ReadingStore.open(db).load(SHA).edits) == 1  # nothing written behind the lock holder's back
    assert [p.name for p in db.parent.iterdir() if "damaged" in p.name] == []  # a lock is not damage


def test_a_truncated_database_is_moved_aside_too(db: Path) -> None:
    with ReadingStore.open(db) as store:
        for i in range(300):
            store.put_note(SHA, Note(anchor=Anchor.of(TEXT, 0, 28), text=f"note {i} " + "words " * 40))
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.truncate(size // 2)  # a copy cut short, a full disk at the wrong moment
    store = ReadingStore.open(db)
    assert store.problem and "damaged" in store.problem and "\n" not in store.problem
    aside = [p for p in db.parent.iterdir() if p.name.startswith("reading.db.damaged-") and not p.name.endswith(("-wal", "-shm"))]
    assert [p.stat().st_size for p in aside] == [size // 2]
    assert not store.read_only and store.load(SHA).empty
