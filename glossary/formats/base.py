"""The glossary file format extension point: one ``GlossaryFormat`` subclass per file type.

Every format converts between file text and a list of ``Entry`` (file order kept, duplicates kept so
that ``validate`` can see them). Field rules shared by all formats live here.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable

from glossary.entry import SOURCE_LANGS, TSV_COLUMNS, Category, Entry, FirstMention
from translate.errors import GlossaryError
from translate.io.cells import defuse_formula, restore_formula

__all__ = ["clean_cell", "defuse_formula", "restore_formula"]

SEPARATOR = " | "
ID_RE = re.compile(r"[a-z0-9_-]+")
_CATEGORIES = ", ".join(c.value for c in Category)
_FIRST_MENTIONS = ", ".join(f.value for f in FirstMention)


class GlossaryFormat(ABC):
    """Reads and writes one glossary file type."""

    name: str = ""
    extensions: tuple[str, ...] = ()

    @abstractmethod
    def read(self, text: str, where: str, errors: list[GlossaryError] | None = None) -> list[Entry]:
        """Entries of a file's text. Malformed input raises ``GlossaryError("file:line:col", problem)``;
        when ``errors`` is given, problems are appended there instead and the bad entry is skipped."""

    @abstractmethod
    def write(self, entries: list[Entry]) -> str:
        """The file text for ``entries`` (deterministic: same entries, same bytes)."""


def split_values(cell: str) -> list[str]:
    """A multi-valued cell (values separated by `` | ``) as a list."""
    return [v.strip() for v in cell.split(SEPARATOR.strip()) if v.strip()]


def join_values(values: list[str]) -> str:
    """The cell text for a list of values."""
    return SEPARATOR.join(values)


def entry_to_fields(entry: Entry) -> dict[str, str]:
    """An entry as one string per TSV column."""
    return {
        "id": entry.id,
        "english": entry.english,
        "short": entry.short,
        "first_mention": entry.first_mention.value,
        "category": entry.category.value,
        **{lang: join_values(entry.variants.get(lang, [])) for lang in SOURCE_LANGS},
        "unapproved": join_values(entry.unapproved),
        "confirm": join_values(entry.confirm),
        "exclude": join_values(entry.exclude),
        "review": "yes" if entry.review_only else "",
        "note": entry.note,
        "source": entry.source,
    }


def entry_from_fields(fields: dict[str, str], where: Callable[[str], str]) -> Entry:
    """Build an entry from column values; ``where(column)`` names the place for an error message."""
    get = {c: restore_formula((fields.get(c) or "").strip()) for c in TSV_COLUMNS}
    if not ID_RE.fullmatch(get["id"]):
        raise GlossaryError(
            where("id"), f"bad id {get['id']!r} (use lowercase ascii letters, digits, _ and -)"
        )
    if not get["english"]:
        raise GlossaryError(where("english"), f"entry {get['id']!r} has an empty english term")
    try:
        category = Category(get["category"])
    except ValueError:
        raise GlossaryError(
            where("category"), f"unknown category {get['category']!r} (expected one of {_CATEGORIES})"
        ) from None
    try:
        first_mention = FirstMention(get["first_mention"] or FirstMention.FULL.value)
    except ValueError:
        raise GlossaryError(
            where("first_mention"),
            f"bad first_mention {get['first_mention']!r} (expected one of {_FIRST_MENTIONS})",
        ) from None
    if first_mention is not FirstMention.FULL and not get["short"]:
        raise GlossaryError(where("first_mention"), f"first_mention {first_mention.value} needs a short form")
    if get["review"] not in ("", "yes", "no"):
        raise GlossaryError(where("review"), f"review must be 'yes' or empty, not {get['review']!r}")
    return Entry(
        id=get["id"],
        english=get["english"],
        category=category,
        short=get["short"],
        first_mention=first_mention,
        variants={lang: split_values(get[lang]) for lang in SOURCE_LANGS if split_values(get[lang])},
        unapproved=split_values(get["unapproved"]),
        confirm=split_values(get["confirm"]),
        exclude=split_values(get["exclude"]),
        review_only=get["review"] == "yes",
        note=get["note"],
        source=get["source"],
    )


# Everything a line splitter (``str.splitlines``) or a TSV/CSV reader treats as a break, tabs, and the
# other C0/C1 control characters (which XML cannot hold): each run becomes one space in a written cell.
_CELL_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]+")


def clean_cell(value: str) -> str:
    """A value safe for one TSV/CSV cell or XML text: tabs, line breaks of every kind (U+2028,
    U+2029, U+0085, VT, FF, ...) and other control characters become spaces."""
    return _CELL_BREAKS.sub(" ", value)
