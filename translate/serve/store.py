"""The review store: every edit, state change, comment and term decision of a review, in one SQLite file.

Each segment has a current row (``segments``: English, XLIFF 2 state, version, reviewer, time) and
an append-only history (``events``): nothing a reviewer did is ever overwritten or deleted, and undo
is a new event that restores the values before the last one. Writes are compare-and-set on the
segment's ``version`` inside ``BEGIN IMMEDIATE`` transactions (WAL journal, ``synchronous=FULL``): two
reviewers saving the same version get one success and one ``VersionConflict``, never a silent
overwrite, and a committed write survives the server being killed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from translate.errors import DragomanError

STATES = ("initial", "translated", "reviewed", "final")  # XLIFF 2.0 segment states, in order
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 30_000
SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS review_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    document TEXT NOT NULL,
    segment TEXT NOT NULL,
    source TEXT NOT NULL,          -- the source text the edit was made on (checked on import)
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    substate TEXT NOT NULL DEFAULT '',   -- 'rejected' after a reject
    version INTEGER NOT NULL,
    reviewer TEXT NOT NULL,
    updated REAL NOT NULL,
    PRIMARY KEY (document, segment)
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    segment TEXT NOT NULL,
    action TEXT NOT NULL,          -- edit | accept | reject | final | undo | import
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    substate TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    prev_target TEXT NOT NULL,
    prev_state TEXT NOT NULL,
    prev_substate TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL,      -- the segment's version after this event
    undone INTEGER NOT NULL DEFAULT 0,
    reviewer TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_segment ON events (document, segment, id);
CREATE TABLE IF NOT EXISTS term_decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    segment TEXT NOT NULL,
    term INTEGER NOT NULL,         -- index into the record's terms
    entry TEXT NOT NULL,
    choice TEXT NOT NULL,          -- entity | word
    source_text TEXT NOT NULL,
    context TEXT NOT NULL,         -- source words around the hit: the suggested confirm/exclude phrase
    reviewer TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS term_proposals (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    document TEXT NOT NULL,
    segment TEXT NOT NULL,
    entry TEXT NOT NULL,
    source_text TEXT NOT NULL,
    english TEXT NOT NULL,
    glossary_file TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    at REAL NOT NULL
);
"""


class VersionConflict(DragomanError):
    """Somebody else saved the segment since the version the reviewer started from."""

    exit_code = 3

    def __init__(self, where: str, current: SegmentState) -> None:
        super().__init__(where, f"changed by {current.reviewer or 'someone'} (now version {current.version})")
        self.current = current


@dataclass(frozen=True)
class SegmentState:
    """The reviewed state of one segment (version 0: never touched, the run's own English)."""

    document: str
    segment: str
    target: str
    state: str
    substate: str = ""
    version: int = 0
    reviewer: str = ""
    updated: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {
            "target": self.target, "state": self.state, "substate": self.substate,
            "version": self.version, "reviewer": self.reviewer, "updated": self.updated,
        }  # fmt: skip


@dataclass(frozen=True)
class Event:
    """One line of a segment's history."""

    id: int
    action: str
    target: str
    state: str
    comment: str
    reviewer: str
    at: float
    undone: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id, "action": self.action, "target": self.target, "state": self.state,
            "comment": self.comment, "reviewer": self.reviewer, "at": self.at, "undone": self.undone,
        }  # fmt: skip


def check_store_file(path: Path) -> None:
    """``DragomanError`` unless ``path`` is absent, empty or an SQLite database."""
    if path.is_dir():
        raise DragomanError(str(path), "is a folder, not a review store")
    if path.exists() and path.stat().st_size:
        with path.open("rb") as handle:
            if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
                raise DragomanError(str(path), "is not a review store (not an SQLite database)")


class ReviewStore:
    """The review store at ``path`` (created when missing). Thread-safe: one connection per operation."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        check_store_file(self.path)
        try:
            with self._connect() as db:
                tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
                if tables and "review_meta" not in tables:
                    raise DragomanError(str(self.path), "is an SQLite database but not a review store")
                db.executescript(_SCHEMA)
                db.execute("INSERT OR IGNORE INTO review_meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                (version,) = db.execute("SELECT value FROM review_meta WHERE name='schema'").fetchone()
                if version != SCHEMA_VERSION:
                    raise DragomanError(str(self.path), f"review store schema {version} is not supported")
        except sqlite3.DatabaseError as err:
            raise DragomanError(str(self.path), f"unusable review store ({err})") from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.OperationalError as err:
            raise DragomanError(str(self.path), f"cannot open review store ({err})") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            yield db
        finally:
            db.close()

    # -- reading ------------------------------------------------------------------------------------

    def states(self, document: str | None = None) -> dict[tuple[str, str], SegmentState]:
        """Every touched segment (of ``document``), by ``(document, segment)``."""
        query = "SELECT document, segment, target, state, substate, version, reviewer, updated FROM segments"
        args: tuple[str, ...] = ()
        if document is not None:
            query, args = query + " WHERE document = ?", (document,)
        with self._connect() as db:
            return {(r[0], r[1]): SegmentState(*r) for r in db.execute(query, args)}

    def history(self, document: str, segment: str) -> list[Event]:
        """The segment's events, oldest first, with their comments."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT id, action, target, state, comment, reviewer, at, undone FROM events"
                " WHERE document = ? AND segment = ? ORDER BY id",
                (document, segment),
            ).fetchall()
        return [Event(*r[:7], bool(r[7])) for r in rows]

    def comments(self, document: str) -> dict[str, list[Event]]:
        """Events with a comment, per segment of ``document``."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT segment, id, action, target, state, comment, reviewer, at, undone FROM events"
                " WHERE document = ? AND comment != '' ORDER BY id",
                (document,),
            ).fetchall()
        out: dict[str, list[Event]] = {}
        for r in rows:
            out.setdefault(r[0], []).append(Event(*r[1:8], bool(r[8])))
        return out

    # -- writing ------------------------------------------------------------------------------------

    def change(
        self,
        base: SegmentState,
        source: str,
        *,
        action: str,
        target: str,
        state: str,
        expected_version: int,
        reviewer: str,
        substate: str = "",
        comment: str = "",
    ) -> SegmentState:
        """Apply one reviewer action; ``VersionConflict`` when the segment moved past ``expected_version``.

        ``base`` is the segment as the run has it (version 0), used when the store has no row yet.
        """
        if state not in STATES:
            raise DragomanError(f"{base.document}:{base.segment}", f"unknown state {state!r}")
        with self._connect() as db, _immediate(db):
            current = self._current(db, base)
            if current.version != expected_version:
                raise VersionConflict(f"{base.document}:{base.segment}", current)
            return self._write(db, current, source, action, target, state, substate, comment, reviewer)

    def undo(self, base: SegmentState, source: str, *, expected_version: int, reviewer: str) -> SegmentState:
        """Restore the values before the segment's last event that is not undone (an ``undo`` event)."""
        where = f"{base.document}:{base.segment}"
        with self._connect() as db, _immediate(db):
            current = self._current(db, base)
            if current.version != expected_version:
                raise VersionConflict(where, current)
            last = db.execute(
                "SELECT id, prev_target, prev_state, prev_substate FROM events WHERE document = ?"
                " AND segment = ? AND undone = 0 AND action != 'undo' ORDER BY id DESC LIMIT 1",
                (base.document, base.segment),
            ).fetchone()
            if last is None:
                raise DragomanError(where, "nothing to undo")
            db.execute("UPDATE events SET undone = 1 WHERE id = ?", (last[0],))
            return self._write(db, current, source, "undo", last[1], last[2], last[3], "", reviewer)

    def _current(self, db: sqlite3.Connection, base: SegmentState) -> SegmentState:
        row = db.execute(
            "SELECT document, segment, target, state, substate, version, reviewer, updated FROM segments"
            " WHERE document = ? AND segment = ?",
            (base.document, base.segment),
        ).fetchone()
        return SegmentState(*row) if row else base

    def _write(
        self,
        db: sqlite3.Connection,
        current: SegmentState,
        source: str,
        action: str,
        target: str,
        state: str,
        substate: str,
        comment: str,
        reviewer: str,
    ) -> SegmentState:
        now = time.time()
        new = SegmentState(
            current.document, current.segment, target, state, substate, current.version + 1, reviewer, now
        )
        db.execute(
            "INSERT INTO segments (document, segment, source, target, state, substate, version, reviewer,"
            " updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document, segment) DO UPDATE SET"
            " target = excluded.target, state = excluded.state, substate = excluded.substate,"
            " version = excluded.version, reviewer = excluded.reviewer, updated = excluded.updated",
            (new.document, new.segment, source, target, state, substate, new.version, reviewer, now),
        )
        db.execute(
            "INSERT INTO events (document, segment, action, target, state, substate, comment, prev_target,"
            " prev_state, prev_substate, version, reviewer, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new.document, new.segment, action, target, state, substate, comment, current.target,
                current.state, current.substate, new.version, reviewer, now,
            ),
        )  # fmt: skip
        return new

    def decide_term(
        self, document: str, segment: str, term: int, entry: str, choice: str, source_text: str,
        context: str, reviewer: str,
    ) -> None:  # fmt: skip
        """Store a reviewer's decision on an ambiguous hit (the latest decision per hit counts)."""
        with self._connect() as db:
            db.execute(
                "INSERT INTO term_decisions (document, segment, term, entry, choice, source_text, context,"
                " reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (document, segment, term, entry, choice, source_text, context, reviewer, time.time()),
            )

    def term_decisions(self, document: str | None = None) -> list[dict[str, object]]:
        """Decisions on ambiguous hits, oldest first (the context suggestions for the glossary)."""
        query = (
            "SELECT document, segment, term, entry, choice, source_text, context, reviewer, at"
            " FROM term_decisions"
        )
        args: tuple[str, ...] = ()
        if document is not None:
            query, args = query + " WHERE document = ?", (document,)
        keys = ("document", "segment", "term", "entry", "choice", "source_text", "context", "reviewer", "at")
        with self._connect() as db:
            return [dict(zip(keys, r, strict=True)) for r in db.execute(query + " ORDER BY id", args)]

    def log_proposal(
        self, document: str, segment: str, entry: str, source_text: str, english: str, glossary_file: str,
        reviewer: str,
    ) -> None:  # fmt: skip
        """Remember a proposed term (the entry itself goes to the glossary file)."""
        with self._connect() as db:
            db.execute(
                "INSERT INTO term_proposals (document, segment, entry, source_text, english, glossary_file,"
                " reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (document, segment, entry, source_text, english, glossary_file, reviewer, time.time()),
            )


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
