"""What the review page counts, row by row: the run's figures, each glossary entry's hits and
colour. ``translate.review.html`` renders them; ``ReviewPage`` adds rows as a run goes."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from translate.records import SegmentRecord
from translate.review.flags import USABILITY_CODES, Flag

PLACED = ("satisfied", "constrained", "post-edited")


def entry_hue(entry: str) -> int:
    """A stable hue (0-359) for a glossary entry id, the same in every page and run."""
    return int.from_bytes(hashlib.sha256(entry.encode("utf-8")).digest()[:4], "big") % 360


def slice_text(text: str, start: int | None, end: int | None) -> str:
    """``text[start:end]``, or "" when the span is missing or does not fit the text."""
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return ""
    return text[start:end]


@dataclass
class Row:
    """One segment's row on the page."""

    anchor: str  # "r12": html id, safe by construction
    record: SegmentRecord
    flags: list[Flag]

    @property
    def flagged(self) -> bool:
        return any(f.attention for f in self.flags)


@dataclass
class EntryHits:
    """One glossary entry's hits in the run: required English, renderings found, statuses, rows."""

    required: Counter[str] = field(default_factory=Counter)
    renderings: Counter[str] = field(default_factory=Counter)
    status: Counter[str] = field(default_factory=Counter)
    rows: dict[str, str] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.status.values())

    def merge(self, other: EntryHits) -> None:
        """Add ``other``'s hits (first-seen order kept, as if counted in one pass)."""
        self.required.update(other.required)
        self.renderings.update(other.renderings)
        self.status.update(other.status)
        self.rows.update(other.rows)


class Hues(dict[str, int]):
    """Each glossary entry's colour, computed when first asked for."""

    def __missing__(self, entry: str) -> int:
        self[entry] = hue = entry_hue(entry)
        return hue


@dataclass
class Figures:
    """The counts the page's header, sections and term index show, added row by row."""

    documents: list[tuple[str, str, str]] = field(default_factory=list)  # (id, path, language)
    segments: int = 0
    translated: int = 0
    terms: int = 0
    enforced: int = 0  # terms whose status is not "review"
    placed: int = 0
    flagged: int = 0  # rows
    flags: int = 0  # flags that ask for attention
    plausible: int = 0  # translated rows without a usability flag
    target_langs: dict[str, None] = field(default_factory=dict)  # first-seen order
    models: dict[str, None] = field(default_factory=dict)
    backends: dict[str, None] = field(default_factory=dict)
    glossaries: dict[str, None] = field(default_factory=dict)
    entries: dict[str, EntryHits] = field(default_factory=dict)
    translated_langs: Counter[str] = field(default_factory=Counter)
    langs: Counter[str] = field(default_factory=Counter)

    def add(self, row: Row) -> None:
        rec = row.record
        self.segments += 1
        self.translated += rec.translated
        self.terms += len(rec.terms)
        enforced = [t for t in rec.terms if t.status != "review"]
        self.enforced += len(enforced)
        self.placed += sum(t.status in PLACED for t in enforced)
        self.flagged += row.flagged
        self.flags += sum(1 for f in row.flags if f.attention)
        if rec.translated:
            self.plausible += not any(f.code in USABILITY_CODES for f in row.flags)
            self.translated_langs[rec.source_lang] += 1
        self.langs[rec.source_lang] += 1
        for seen, value in (
            (self.target_langs, rec.target_lang),
            (self.models, rec.model),
            (self.backends, rec.backend),
            (self.glossaries, rec.glossary),
        ):
            seen.setdefault(value)
        for term in rec.terms:
            hits = self.entries.setdefault(term.entry, EntryHits())
            hits.required[term.required] += 1
            hits.renderings[slice_text(rec.target, term.target_start, term.target_end) or "—"] += 1
            hits.status[term.status] += 1
            hits.rows[row.anchor] = f"{rec.document}:{rec.segment}"

    def lang(self) -> str:
        """The document's language, as ``document_lang`` decides it."""
        langs = self.translated_langs or self.langs
        return langs.most_common(1)[0][0] if langs else "und"

    def merge(self, other: Figures, document: tuple[str, str, str]) -> None:
        """Add one finished document's figures."""
        self.documents.append(document)
        counts = ("segments", "translated", "terms", "enforced", "placed", "flagged", "flags", "plausible")
        for name in counts:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for mine, theirs in (
            (self.target_langs, other.target_langs),
            (self.models, other.models),
            (self.backends, other.backends),
            (self.glossaries, other.glossaries),
        ):
            for value in theirs:
                mine.setdefault(value)
        for entry, hits in other.entries.items():
            self.entries.setdefault(entry, EntryHits()).merge(hits)
