"""The reading store: one SQLite database per user holding every article's corrections, notes,
bookmarks and reading position, keyed by the sha256 of the article's bytes.

Why it is built this way:
- Rows are only ever appended for edits and notes (an undo is a row too, naming the edit it
  undoes), so two processes on the same article never overwrite each other: each one's rows are
  there, and `load` replays them in the order they were committed.
- WAL mode with synchronous=FULL and one transaction per write: a process killed at any point
  (SIGKILL) loses at most the write in flight, and the file never needs repair.
- Problems (a locked, read-only, damaged or newer database) never raise to the caller of `open`:
  the store becomes a session in memory (`read_only`), `problem` says why in one line, and the
  user's file is never written over — a damaged one is moved aside and a new one started.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tui.reading.model import BOOKMARK_KEYS, Anchor, Bookmark, Edit, Note, Reading
from tui.reading.paths import FILE_NAME, data_dir, store_path

BUSY_MS = 5000  # how long a write waits for another process's transaction before giving up


class StoreError(Exception):
    """A write that could not be saved (disk full, the database locked for too long…); its text
    is one line for the user. Nothing was changed."""


# Each migration takes the schema from version n-1 to n; applied in order, each recorded in
# `migrations`, in one transaction with the `user_version` it sets. Never edit a released one.
# Statements are split at ";", so comments inside hold none.
MIGRATIONS: tuple[tuple[int, str, str], ...] = (
    (1, "articles, edit log, note versions, bookmarks", """
        CREATE TABLE migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied REAL NOT NULL);
        CREATE TABLE articles (sha TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '', position INTEGER,
                               seen REAL NOT NULL);
        -- op: 'do' (body = the edit's JSON), 'undo' / 'redo' (edit = the id of the edit they move)
        CREATE TABLE edit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, sha TEXT NOT NULL, op TEXT NOT NULL
                               CHECK (op IN ('do', 'undo', 'redo')), edit TEXT NOT NULL, body TEXT, at REAL NOT NULL);
        CREATE INDEX edit_log_sha ON edit_log (sha, seq);
        -- every saved version of a note (the newest per note wins, body NULL = deleted)
        CREATE TABLE note_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, sha TEXT NOT NULL, note TEXT NOT NULL,
                               body TEXT, at REAL NOT NULL);
        CREATE INDEX note_log_sha ON note_log (sha, seq);
        CREATE TABLE bookmarks (sha TEXT NOT NULL, key TEXT NOT NULL, offset INTEGER NOT NULL,
                                PRIMARY KEY (sha, key));
    """),
    (2, "the article text the anchors point into", """
        -- kept with the first edit or note, so --corrections-out can write an article whose file moved
        CREATE TABLE texts (sha TEXT PRIMARY KEY, text TEXT NOT NULL);
    """),
)
SCHEMA_VERSION = MIGRATIONS[-1][0]


_F = TypeVar("_F", bound=Callable[..., Any])


def _locked(method: _F) -> _F:
    """One call at a time per store: the app may call from a worker thread as well as its own."""

    @functools.wraps(method)
    def call(self: ReadingStore, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return call  # type: ignore[return-value]


class ReadingStore:
    """Open with `ReadingStore.open()`; every method is one transaction. Safe to share between
    threads (calls are serialised) and between processes (SQLite's locks)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, *, read_only: bool, problem: str | None) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.read_only = read_only  # True: a session in memory, nothing reaches `path`
        self.problem = problem      # one line for the user when the file could not be used as is

    # --- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, *, create: bool = True) -> ReadingStore:
        """The store at `path` (default: `store_path()`). With `create=False` a missing file is
        not created (a read-only command such as `--json` leaves no trace); the store is empty."""
        target = Path(path) if path is not None else store_path()
        if not target.exists() and not create:
            return cls(_memory(), target, read_only=True, problem=None)
        try:
            return cls(_open_file(target), target, read_only=False, problem=None)
        except _Damaged as damaged:
            aside = _move_aside(target)
            if aside is None:
                return cls._in_memory(target, f"reading store {target} is damaged ({damaged}) and could not be moved aside: changes will not be saved")
            note = f"reading store {target} was damaged ({damaged}); moved aside to {aside.name}, starting a new one"
            try:
                return cls(_open_file(target), target, read_only=False, problem=note)
            except (_Damaged, sqlite3.Error, OSError) as err:
                return cls._in_memory(None, f"{note}, which failed too ({_reason(err)}): changes will not be saved")
        except _Newer as err:
            return cls._in_memory(target, f"reading store {target} {err}: changes will not be saved")
        except (sqlite3.Error, OSError) as err:
            return cls._in_memory(target, f"reading store {target} cannot be written ({_reason(err)}): changes will not be saved")

    @classmethod
    def _in_memory(cls, source: Path | None, problem: str) -> ReadingStore:
        """A session in memory, starting from what can be read of `source`."""
        conn = _memory()
        if source is not None and source.exists():
            try:
                disk = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
                try:
                    if disk.execute("PRAGMA user_version").fetchone()[0] <= SCHEMA_VERSION:
                        conn.close()
                        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                        disk.backup(conn)
                        _migrate(conn)  # an older file is read as this version reads it
                finally:
                    disk.close()
            except sqlite3.Error:
                pass  # start empty: nothing could be read
        return cls(conn, source, read_only=True, problem=problem)

    @_locked
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ReadingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------------

    @_locked
    def load(self, sha: str) -> Reading:
        """Everything kept for the article `sha` (empty when nothing is). One read transaction,
        so another process's write lands wholly before or after it."""
        c = self._conn
        c.execute("BEGIN")
        try:
            return self._load(sha)
        finally:
            if c.in_transaction:
                c.execute("COMMIT")

    def _load(self, sha: str) -> Reading:
        c = self._conn
        row = c.execute("SELECT name, position FROM articles WHERE sha = ?", (sha,)).fetchone()
        name, position = row if row else ("", None)
        applied, redo = _replay(c.execute("SELECT op, edit, body FROM edit_log WHERE sha = ? ORDER BY seq", (sha,)))
        notes: dict[str, Note | None] = {}
        for note_id, body in c.execute("SELECT note, body FROM note_log WHERE sha = ? ORDER BY seq", (sha,)):
            notes[note_id] = None if body is None else _parsed(Note, body)
        kept = sorted((n for n in notes.values() if n is not None), key=lambda n: (n.anchor.start, n.created))
        marks = {k: Bookmark(key=k, offset=o) for k, o in c.execute(
            "SELECT key, offset FROM bookmarks WHERE sha = ? ORDER BY key", (sha,))}
        return Reading(sha256=sha, name=name, edits=applied, redo=redo, notes=kept, bookmarks=marks, position=position)

    @_locked
    def corrected(self) -> Iterator[tuple[str, str, Reading]]:
        """(sha, name, reading) of every article with at least one applied edit, oldest first."""
        with self._lock:  # a generator: the decorator's lock is gone by the time this runs
            shas = [s for (s,) in self._conn.execute("SELECT sha FROM edit_log GROUP BY sha ORDER BY MIN(seq)")]
        for sha in shas:
            reading = self.load(sha)
            if reading.edits:
                yield sha, reading.name, reading

    @_locked
    def articles(self) -> list[tuple[str, str]]:
        """(sha, name) of every article the store holds anything for."""
        return [(sha, name) for sha, name in self._conn.execute("SELECT sha, name FROM articles ORDER BY seen")]

    # --- writing ------------------------------------------------------------------------------

    @_locked
    def add_edit(self, sha: str, edit: Edit, *, name: str | None = None, text: str | None = None) -> None:
        """Apply `edit` after the others (and drop the redo stack, as any editor does).

        `name`: the source's name (a local file's is kept absolute, to find it again); `text`: the
        analysis text the anchors point into, kept once per article for `--corrections-out`."""
        with self._write(sha, name, text) as c:
            c.execute("INSERT INTO edit_log (sha, op, edit, body, at) VALUES (?, 'do', ?, ?, ?)",
                      (sha, edit.id, edit.model_dump_json(), time.time()))

    def undo(self, sha: str) -> Edit | None:
        """Undo the last applied edit (whoever made it); None when there is none."""
        return self._move(sha, "undo")

    def redo(self, sha: str) -> Edit | None:
        """Redo the last undone edit; None when there is none (or an edit came after the undo)."""
        return self._move(sha, "redo")

    @_locked
    def _move(self, sha: str, op: str) -> Edit | None:
        with self._write(sha, None) as c:
            applied, redo = _replay(c.execute("SELECT op, edit, body FROM edit_log WHERE sha = ? ORDER BY seq", (sha,)))
            pool = applied if op == "undo" else redo
            if not pool:
                return None
            edit = pool[-1] if op == "undo" else pool[0]
            c.execute("INSERT INTO edit_log (sha, op, edit, body, at) VALUES (?, ?, ?, NULL, ?)",
                      (sha, op, edit.id, time.time()))
            return edit

    @_locked
    def put_note(self, sha: str, note: Note, *, name: str | None = None, text: str | None = None) -> Note:
        """Save a new note or a new version of one (same id); returns it as saved."""
        with self._write(sha, name, text) as c:
            c.execute("INSERT INTO note_log (sha, note, body, at) VALUES (?, ?, ?, ?)",
                      (sha, note.id, note.model_dump_json(), time.time()))
        return note

    @_locked
    def delete_note(self, sha: str, note_id: str) -> bool:
        with self._write(sha, None) as c:
            row = c.execute("SELECT body FROM note_log WHERE sha = ? AND note = ? ORDER BY seq DESC LIMIT 1",
                            (sha, note_id)).fetchone()
            if row is None or row[0] is None:
                return False
            c.execute("INSERT INTO note_log (sha, note, body, at) VALUES (?, ?, NULL, ?)", (sha, note_id, time.time()))
            return True

    @_locked
    def set_bookmark(self, sha: str, key: str, offset: int, *, name: str | None = None) -> Bookmark:
        mark = Bookmark(key=key, offset=offset)  # validates the key (a-z) and offset first
        with self._write(sha, name) as c:
            c.execute("INSERT INTO bookmarks (sha, key, offset) VALUES (?, ?, ?) "
                      "ON CONFLICT (sha, key) DO UPDATE SET offset = excluded.offset", (sha, mark.key, mark.offset))
        return mark

    @_locked
    def delete_bookmark(self, sha: str, key: str) -> bool:
        with self._write(sha, None) as c:
            return c.execute("DELETE FROM bookmarks WHERE sha = ? AND key = ?", (sha, key)).rowcount > 0

    @_locked
    def set_position(self, sha: str, offset: int | None, *, name: str | None = None) -> None:
        if offset is not None and offset < 0:
            raise ValueError("a position is a character offset, 0 or more")
        with self._write(sha, name) as c:
            c.execute("UPDATE articles SET position = ? WHERE sha = ?", (offset, sha))

    @_locked
    def forget(self, sha: str) -> bool:
        """Remove everything kept for `sha`; True if there was anything. `secure_delete` zeroes
        the freed pages, so the text of the notes does not linger in the file."""
        with self._write(None, None) as c:
            found = 0
            for table in ("edit_log", "note_log", "bookmarks", "texts", "articles"):
                found += c.execute(f"DELETE FROM {table} WHERE sha = ?", (sha,)).rowcount  # the table names are ours
        if found and not self.read_only:
            try:  # the WAL still holds the old pages until a checkpoint: copy back and truncate it now
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error:
                pass  # another process is reading: SQLite checkpoints when it is done
        return found > 0

    @_locked
    def find(self, name: str) -> list[str]:
        """The shas of articles last opened under `name` (a local file's, as any path to it)."""
        return [s for (s,) in self._conn.execute("SELECT sha FROM articles WHERE name = ?", (_kept_name(name),))]

    @_locked
    def text(self, sha: str) -> str | None:
        """The analysis text kept for `sha` (see `add_edit`), or None."""
        row = self._conn.execute("SELECT text FROM texts WHERE sha = ?", (sha,)).fetchone()
        return row[0] if row else None

    def _write(self, sha: str | None, name: str | None, text: str | None = None) -> _Transaction:
        return _Transaction(self._conn, sha, _kept_name(name), text)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, the article's row kept up to date; any failure rolls back and
    becomes a StoreError with one line of text."""

    def __init__(self, conn: sqlite3.Connection, sha: str | None, name: str | None, text: str | None) -> None:
        self.conn, self.sha, self.name, self.text = conn, sha, name, text

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            if self.sha is not None:
                self.conn.execute(
                    "INSERT INTO articles (sha, name, seen) VALUES (?, ?, ?) ON CONFLICT (sha) DO UPDATE SET "
                    "seen = excluded.seen, name = CASE WHEN ? IS NULL THEN articles.name ELSE excluded.name END",
                    (self.sha, self.name or "", time.time(), self.name))
                if self.text is not None:
                    self.conn.execute("INSERT OR IGNORE INTO texts (sha, text) VALUES (?, ?)", (self.sha, self.text))
        except sqlite3.Error as err:
            self._rollback()
            raise StoreError(f"could not save to the reading store: {_reason(err)}") from None
        return self.conn

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None, tb: Any) -> None:
        if kind is not None:
            self._rollback()
            if isinstance(err, sqlite3.Error):
                raise StoreError(f"could not save to the reading store: {_reason(err)}") from None
            return  # the error goes on up
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as failed:
            self._rollback()
            raise StoreError(f"could not save to the reading store: {_reason(failed)}") from None

    def _rollback(self) -> None:
        try:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


_M = TypeVar("_M", Edit, Note)


def _parsed(model: type[_M], body: str) -> _M | None:
    """A row as its model; None for one this version cannot read (left in the file, not shown)."""
    try:
        return model.model_validate_json(body)
    except ValueError:
        return None


def _kept_name(name: str | None) -> str | None:
    """A local file's name made absolute (found again from any folder); others (URLs, "-") as given."""
    from tui.names import shown

    if name and "://" not in name and name != "-" and os.path.isfile(name):
        name = os.path.abspath(name)
    return None if name is None else shown(name)  # SQLite text is UTF-8: undecodable bytes as \xff


def _replay(rows: Any) -> tuple[list[Edit], list[Edit]]:
    """The applied edits and the redo stack (next to redo first) from the log, in commit order."""
    applied: list[Edit] = []
    redo: list[Edit] = []
    for op, edit_id, body in rows:
        if op == "do":
            edit = _parsed(Edit, body)
            if edit is None:
                continue
            applied.append(edit)
            redo.clear()
        elif op == "undo":
            hit = next((e for e in applied if e.id == edit_id), None)
            if hit is not None:
                applied.remove(hit)
                redo.insert(0, hit)
        else:
            hit = next((e for e in redo if e.id == edit_id), None)
            if hit is not None:
                redo.remove(hit)
                applied.append(hit)
    return applied, redo


class _Damaged(Exception):
    pass


class _Newer(Exception):
    pass


def _reason(err: BaseException) -> str:
    text = getattr(err, "strerror", None) or str(err) or type(err).__name__
    return " ".join(str(text).split())


def _memory() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    _migrate(conn)
    return conn


def _open_file(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    # we BEGIN ourselves; calls from other threads are serialised by the store's lock
    conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Damaged("integrity check failed")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.DatabaseError as err:
            if isinstance(err, sqlite3.OperationalError):
                raise  # locked, read-only, I/O: the file may be fine
            raise _Damaged(_reason(err)) from None
        if mode != "wal":
            raise sqlite3.OperationalError(f"cannot use WAL mode (journal mode is {mode})")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn)
        return conn
    except BaseException:
        conn.close()
        raise


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise _Newer(f"was written by a newer argview (schema {version}, this one reads up to {SCHEMA_VERSION})")
    if version == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process may have migrated
        for number, description, sql in MIGRATIONS:
            if number <= version:
                continue
            for statement in sql.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT INTO migrations (version, description, applied) VALUES (?, ?, ?)",
                         (number, description, time.time()))
            conn.execute(f"PRAGMA user_version = {number}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _move_aside(path: Path) -> Path | None:
    """Rename a damaged database (and its WAL) out of the way; never delete it."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while aside.exists():
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    try:
        os.replace(path, aside)
    except OSError:
        return None
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            try:
                os.replace(extra, Path(f"{aside}{suffix}"))
            except OSError:
                pass
    return aside


__all__ = ["BOOKMARK_KEYS", "Anchor", "FILE_NAME", "ReadingStore", "SCHEMA_VERSION", "StoreError", "data_dir", "store_path"]
