"""What the translator needs from a glossary, as Protocols: ``Glossary`` implements them, and so can
a test's or a caller's own matcher.

* ``TermHit``: one term found in a text (``glossary.matcher.Hit`` is one);
* ``TermMatcher``: finds the hits of a text in one source language;
* ``EntryLookup``: an entry by id, for hits that carry the id rather than the entry;
* ``Termbase``: both (``glossary.model.Glossary``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

from glossary.entry import Entry


class TermHit(Protocol):
    """A term found in a text: ``start``/``end`` are ``str`` offsets into that text."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def entry(self) -> str | Entry:
        """The entry, or its id (then the glossary's ``get`` finds it)."""

    @property
    def confidence(self) -> float: ...
    @property
    def review(self) -> bool:
        """Report only, never enforce (a review-only entry, an unconfirmed ambiguous hit)."""

    @property
    def form(self) -> str:
        """The type of source form that matched (``adjective``, ...); ``""`` the entry's own variants."""


@runtime_checkable
class TermMatcher(Protocol):
    """Finds glossary terms in a text."""

    def match(self, text: str, lang: str, /) -> Sequence[TermHit]:
        """The hits in ``text`` (source language ``lang``), in any order."""
        ...


@runtime_checkable
class EntryLookup(Protocol):
    """Entries by id."""

    def get(self, entry_id: str, /) -> Entry | None:
        """The entry with id ``entry_id``, or None."""
        ...


@runtime_checkable
class Termbase(TermMatcher, EntryLookup, Protocol):
    """A glossary as the translator uses it: matching and lookup (``glossary.model.Glossary``)."""
