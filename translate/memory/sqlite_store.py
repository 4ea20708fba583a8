"""A translation memory in one SQLite file: exact-match reuse of machine (and imported human) translations.

``TranslationMemory`` implements the pipeline's ``TranslationCache`` protocol (``get``/``put``), so
``translate_document(..., cache=memory)`` skips the model for every segment already stored and
stores each batch as it finishes: an interrupted run resumes where it stopped.

Keys. A machine entry is found by the pipeline's ``cache_key`` (backend, model, language,
decoding settings, normalized input, constraints) *and* the memory's ``glossary`` hash
(``translate.memory.keys.glossary_hash``); change any of them and the old entry is not reused.
A human entry (imported from TMX) is found by source language and normalized source; it applies
to every model and glossary unless it was imported with ``--model``/``--glossary-hash``, and it
wins over machine output.

Concurrency. WAL journal, ``busy_timeout``, autocommit (every statement is its own short
transaction), ``INSERT ... ON CONFLICT``: several processes (Ray actors, parallel runs) can share
one file and nothing is lost.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from translate.errors import DragomanError

SQLITE_MAGIC = b"SQLite format 3\x00"
SCHEMA_VERSION = "1"
BUSY_TIMEOUT_MS = 60_000
MACHINE = "machine"
HUMAN = "human"
ANY = ""  # model/glossary column value of a human entry that applies to every model/glossary

_SCHEMA = """
CREATE TABLE IF NOT EXISTS dragoman_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS segments (
    key TEXT NOT NULL,                -- pipeline cache_key, or human:<hash> for imported entries
    glossary TEXT NOT NULL,           -- glossary hash; '' = no glossary (human: any glossary)
    origin TEXT NOT NULL,             -- machine | human
    model TEXT NOT NULL,              -- model id; '' on a human entry = any model
    backend TEXT NOT NULL,
    source_lang TEXT NOT NULL,
    source TEXT NOT NULL,             -- normalized model input
    target TEXT NOT NULL,
    terms_json TEXT,                  -- optional: glossary terms found in the segment
    alignment_json TEXT,              -- optional: word alignment links
    created REAL NOT NULL,
    last_used REAL NOT NULL,
    hits INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, glossary)
);
CREATE INDEX IF NOT EXISTS segments_by_source ON segments (source_lang, source);
"""


@dataclass(frozen=True)
class SegmentInfo:
    """What the pipeline knows about a key before it is translated (see ``TranslationMemory.describe``)."""

    source_lang: str
    source: str
    model: str
    backend: str


@dataclass
class RunCounts:
    """This process's use of the memory: ``hits`` reused, ``misses`` sent to the model, ``stored`` new."""

    hits: int = 0
    misses: int = 0
    stored: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"hits": self.hits, "misses": self.misses, "stored": self.stored}


@dataclass(frozen=True)
class MemoryEntry:
    """One stored translation, as exported."""

    key: str
    glossary: str
    origin: str
    model: str
    backend: str
    source_lang: str
    source: str
    target: str
    terms: Any
    alignment: Any
    created: float
    last_used: float
    hits: int


@dataclass
class MemoryStats:
    """``dragoman tm stats``: totals and per (origin, model, language, glossary) groups."""

    path: str
    entries: int
    hits: int
    size_bytes: int
    groups: list[dict[str, Any]] = field(default_factory=list)


def check_memory_file(path: str | Path) -> None:
    """``DragomanError`` unless ``path`` is absent, empty, or an SQLite database."""
    target = Path(path)
    if target.is_dir():
        raise DragomanError(str(target), "is a folder, not a translation memory file")
    if not target.exists() or target.stat().st_size == 0:
        return
    with target.open("rb") as handle:
        head = handle.read(len(SQLITE_MAGIC))
    if head != SQLITE_MAGIC:
        raise DragomanError(str(target), "is not a translation memory (not an SQLite database)")


class TranslationMemory:
    """An SQLite translation memory bound to one glossary hash (``""``: no glossary).

    Use as a context manager, or call ``close()``. ``create=False`` refuses a missing file.
    """

    def __init__(self, path: str | Path, glossary: str = "", *, create: bool = True) -> None:
        self.path = Path(path)
        self.glossary = glossary
        self.counts = RunCounts()
        self.problem = ""  # why the memory stopped being used during a run ("" while it works)
        self._pending: dict[str, SegmentInfo] = {}
        check_memory_file(self.path)
        if not create and not self.path.exists():
            raise DragomanError(str(self.path), "translation memory not found")
        try:
            if create:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._check_schema()
        except sqlite3.DatabaseError as err:
            raise DragomanError(str(self.path), f"unusable translation memory ({err})") from None
        except OSError as err:
            raise DragomanError(str(self.path), f"cannot open translation memory ({err})") from None

    def _check_schema(self) -> None:
        tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "dragoman_meta" not in tables:
            raise DragomanError(str(self.path), "is an SQLite database but not a Dragoman translation memory")
        self._db.executescript(_SCHEMA)
        self._db.execute(
            "INSERT OR IGNORE INTO dragoman_meta (name, value) VALUES ('schema', ?)", (SCHEMA_VERSION,)
        )
        (version,) = self._db.execute("SELECT value FROM dragoman_meta WHERE name='schema'").fetchone()
        if version != SCHEMA_VERSION:
            raise DragomanError(str(self.path), f"translation memory schema {version} is not supported")

    # -- lifecycle -------------------------------------------------------------------------------

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the pipeline's TranslationCache protocol --------------------------------------------------

    def describe(self, key: str, source_lang: str, source: str, model: str, backend: str) -> None:
        """Called by the pipeline before ``get``: what ``key`` stands for (kept for ``put``, human lookup)."""
        self._pending[key] = SegmentInfo(source_lang, source, model, backend)

    def get(self, key: str) -> str | None:
        """The stored target for ``key`` (a matching human entry first), or None; counts hits and misses.

        Best-effort: a memory that cannot be read (damaged pages) is a miss, and ``problem`` says why.
        """
        if self.problem:
            self.counts.misses += 1
            return None
        try:
            return self._get(key)
        except sqlite3.Error as err:
            self._failed("read", err)
            self.counts.misses += 1
            return None

    def _get(self, key: str) -> str | None:
        info = self._pending.get(key)
        found = self._find_human(info) if info else None
        if found is None:
            found = self._db.execute(
                "SELECT key, glossary, target FROM segments WHERE key = ? AND glossary = ?",
                (key, self.glossary),
            ).fetchone()
        if found is None:
            self.counts.misses += 1
            return None
        self.counts.hits += 1
        self._pending.pop(key, None)
        self._db.execute(
            "UPDATE segments SET hits = hits + 1, last_used = ? WHERE key = ? AND glossary = ?",
            (time.time(), found[0], found[1]),
        )
        return str(found[2])

    def _find_human(self, info: SegmentInfo) -> tuple[str, str, str] | None:
        return self._db.execute(
            "SELECT key, glossary, target FROM segments WHERE origin = ? AND source_lang = ? AND source = ?"
            " AND model IN (?, ?) AND glossary IN (?, ?)"
            " ORDER BY (model != '') + (glossary != '') DESC LIMIT 1",
            (HUMAN, info.source_lang, info.source, info.model, ANY, self.glossary, ANY),
        ).fetchone()

    def put(self, key: str, target: str) -> None:
        """Store a machine translation for ``key`` (one short transaction).

        Best-effort: a full disk or a damaged file never costs the translation itself; the first
        failure is kept in ``problem`` (the CLI prints it as a warning) and later writes are skipped.
        """
        info = self._pending.pop(key, None) or SegmentInfo("", "", "", "")
        if self.problem:
            return
        try:
            self._put(key, target, info)
        except sqlite3.Error as err:
            self._failed("write", err)

    def _failed(self, action: str, err: sqlite3.Error) -> None:
        self.problem = f"cannot {action} the translation memory ({err}); translations are still written"

    def _put(self, key: str, target: str, info: SegmentInfo) -> None:
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO segments (key, glossary, origin, model, backend, source_lang, source, target,"
            " created, last_used) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (key, glossary) DO NOTHING",
            (key, self.glossary, MACHINE, *_info_columns(info), target, now, now),
        )
        self.counts.stored += max(cursor.rowcount, 0)

    def annotate(self, key: str, terms: Any = None, alignment: Any = None) -> None:
        """Attach terms/alignment JSON to a stored entry (optional; the pipeline's ``put`` has only text)."""
        self._db.execute(
            "UPDATE segments SET terms_json = ?, alignment_json = ? WHERE key = ? AND glossary = ?",
            (_json_or_none(terms), _json_or_none(alignment), key, self.glossary),
        )

    # -- human translations ------------------------------------------------------------------------

    def add_human(
        self, source_lang: str, source: str, target: str, *, model: str = ANY, glossary: str = ANY
    ) -> bool:
        """Store a human translation of a normalized ``source``; True if new, False if it replaced one."""
        with self._unusable():
            return self._add_human(source_lang, source, target, model, glossary)

    def _add_human(self, source_lang: str, source: str, target: str, model: str, glossary: str) -> bool:
        key = _human_key(source_lang, source, model)
        now = time.time()
        cursor = self._db.execute(
            "INSERT INTO segments (key, glossary, origin, model, backend, source_lang, source, target,"
            " created, last_used) VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?)"
            " ON CONFLICT (key, glossary) DO UPDATE"
            " SET target = excluded.target, last_used = excluded.last_used"
            " RETURNING (created = last_used)",
            (key, glossary, HUMAN, model, source_lang, source, target, now, now),
        )
        row = cursor.fetchone()
        return bool(row and row[0])

    def remove_human(self, source_lang: str, source: str, *, model: str = ANY, glossary: str = ANY) -> bool:
        """Delete the human entry ``add_human`` stored for ``source``; True if there was one."""
        key = _human_key(source_lang, source, model)
        with self._unusable():
            cursor = self._db.execute(
                "DELETE FROM segments WHERE key = ? AND glossary = ? AND origin = ?", (key, glossary, HUMAN)
            )
            return cursor.rowcount > 0

    # -- reading the whole memory ------------------------------------------------------------------

    def __len__(self) -> int:
        with self._unusable():
            return int(self._db.execute("SELECT COUNT(*) FROM segments").fetchone()[0])

    @contextmanager
    def _unusable(self) -> Iterator[None]:
        """A database error in a whole-memory command becomes one line naming the file."""
        try:
            yield
        except sqlite3.Error as err:
            raise DragomanError(str(self.path), f"unusable translation memory ({err})") from None

    def entries(self) -> list[MemoryEntry]:
        """Every entry, oldest first."""
        with self._unusable():
            rows = self._db.execute(
                "SELECT key, glossary, origin, model, backend, source_lang, source, target, terms_json,"
                " alignment_json, created, last_used, hits FROM segments ORDER BY created, key"
            ).fetchall()
        return [
            MemoryEntry(*row[:8], _json_load(row[8]), _json_load(row[9]), row[10], row[11], row[12])
            for row in rows
        ]

    def stats(self) -> MemoryStats:
        """Totals and per-(origin, model, language, glossary) counts."""
        with self._unusable():
            return self._stats()

    def _stats(self) -> MemoryStats:
        entries, hits = self._db.execute("SELECT COUNT(*), COALESCE(SUM(hits), 0) FROM segments").fetchone()
        groups = [
            {"origin": o, "model": m or "*", "source_lang": lang, "glossary": g or "-", "entries": n}
            | {"hits": h}
            for o, m, lang, g, n, h in self._db.execute(
                "SELECT origin, model, source_lang, glossary, COUNT(*), SUM(hits) FROM segments"
                " GROUP BY origin, model, source_lang, glossary ORDER BY origin, model, source_lang, glossary"
            )
        ]
        size = sum(p.stat().st_size for p in _database_files(self.path) if p.exists())
        return MemoryStats(str(self.path), int(entries), int(hits), size, groups)


def _human_key(source_lang: str, source: str, model: str) -> str:
    material = json.dumps([source_lang, source, model], ensure_ascii=False)
    return "human:" + hashlib.sha256(material.encode()).hexdigest()


def _info_columns(info: SegmentInfo) -> tuple[str, str, str, str]:
    return info.model, info.backend, info.source_lang, info.source


def _database_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def _json_or_none(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=_plain)


def _plain(value: Any) -> Any:
    from dataclasses import asdict, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return str(value)


def _json_load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
