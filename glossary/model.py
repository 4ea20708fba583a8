"""``Glossary``: the entries in force (by id, in order), layering, lookup, a content hash and matching."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from glossary.entry import Entry
from glossary.errors import GlossaryError
from glossary.files import default_path, read_default_entries, read_entries
from glossary.matcher import Hit, Matcher


def glossary_id(entries: Iterable[Entry]) -> str:
    """The one glossary hash: first 12 hex digits of the SHA-256 of the entries' canonical TSV, in order.

    It depends only on the entries in force, not on the files, their format (TSV, TBX, CSV, XLSX) or
    their names, so the same glossary has the same id in ``dragoman glossary list``, translation
    records, review outputs and ``dragoman tm stats``.
    """
    from glossary.formats.tsv import TsvFormat

    canonical = TsvFormat().write(list(entries)).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()[:12]


class Glossary:
    """Entries by id. Later layers override earlier ones entry by entry (same id)."""

    def __init__(self, entries: Iterable[Entry] = (), name: str = "glossary") -> None:
        self.entries: dict[str, Entry] = {}
        self.origin: dict[str, str] = {}  # entry id -> the file it came from
        self.name = name
        self.sources: list[str] = []
        for entry in entries:
            self.entries[entry.id] = entry

    @classmethod
    def load(cls, *paths: str | Path, include_default: bool = True) -> Glossary:
        """The shipped default glossary (unless ``include_default`` is false) layered with the files
        ``paths`` in order (TSV, TBX, CSV or XLSX; later files override earlier ones by id)."""
        names = (["default"] if include_default else []) + [Path(p).name for p in paths]
        glossary = cls(name="+".join(names) or "empty")
        if include_default:
            glossary.layer(read_default_entries(), str(default_path()))
        for path in paths:
            glossary.layer(read_entries(path), str(path))
        return glossary

    def layer(self, entries: Iterable[Entry], source: str) -> None:
        """Add a layer: its entries replace same-id entries (keeping their position) or are appended."""
        for entry in entries:
            self.entries[entry.id] = entry
            self.origin[entry.id] = source
        self.sources.append(source)
        self.__dict__.pop("_matcher", None)
        self.__dict__.pop("hash", None)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self.entries

    def get(self, entry_id: str) -> Entry | None:
        """The entry with ``entry_id``, or ``None``."""
        return self.entries.get(entry_id)

    def entry(self, entry_id: str) -> Entry:
        """The entry with ``entry_id``; ``GlossaryError`` when there is none."""
        try:
            return self.entries[entry_id]
        except KeyError:
            raise GlossaryError(self.label, f"no entry with id {entry_id!r}") from None

    def required_english(self, entry_id: str, first_in_document: bool) -> str:
        """The English a translation must contain for a hit of ``entry_id``."""
        return self.entry(entry_id).required_english(first_in_document)

    @cached_property
    def hash(self) -> str:
        """The glossary's identity: ``glossary_id`` of the entries in force (see there)."""
        return glossary_id(self.entries.values())

    @property
    def label(self) -> str:
        """``name@hash``: what a translation record says about the glossary in force (the name is only
        for people; the identity is the hash after ``@``)."""
        return f"{self.name}@{self.hash}"

    @cached_property
    def _matcher(self) -> Matcher:
        return Matcher(self.entries.values())

    def matcher(self) -> Matcher:
        """The matcher over the entries in force (built once)."""
        return self._matcher

    def match(self, text: str, lang: str | None = None) -> list[Hit]:
        """Hits of the entries in ``text`` (see ``glossary.matcher.Matcher.match``)."""
        return self._matcher.match(text, lang)
