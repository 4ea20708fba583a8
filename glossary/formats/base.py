"""The glossary file format extension point: one ``GlossaryFormat`` subclass per file type.

Every format converts between file text and a list of ``Entry`` (file order kept, duplicates kept so
that ``validate`` can see them). Field rules shared by all formats live here.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable

from glossary.entry import (
    ALL_COLUMNS,
    FORM_LANGS,
    FORM_TYPES,
    ID_RE,
    SOURCE_LANGS,
    TSV_COLUMNS,
    Category,
    Entry,
    FirstMention,
    usable_id,
)
from glossary.errors import GlossaryError
from glossary.formats.mapping import ImportReport
from glossary.io.cells import defuse_formula, restore_formula

__all__ = ["ID_RE", "clean_cell", "defuse_formula", "restore_formula", "usable_id"]

SEPARATOR = " | "
# Lowercase ascii that starts with a letter or "_": an id is also an XML ID (NCName) in TBX and XLIFF.
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

    def write_bytes(self, entries: list[Entry]) -> bytes:
        """The file's bytes for ``entries`` (UTF-8 text; binary formats override this)."""
        return self.write(entries).encode("utf-8")

    def with_columns(self, columns: dict[str, str], where: str) -> GlossaryFormat:
        """This format reading headers through ``columns`` (``--columns``; spreadsheets only)."""
        raise GlossaryError(where, f"--columns applies to spreadsheets (csv, xlsx), not {self.name}")

    def read_bytes(
        self, data: bytes, where: str, errors: list[GlossaryError] | None = None
    ) -> tuple[list[Entry], ImportReport]:
        """Entries of a file's bytes and the import report (formats from other tools override this
        to decode other encodings or binary files and to report what they mapped and dropped)."""
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise GlossaryError(where, f"not UTF-8 (byte {err.start})") from None
        entries = self.read(text, where, errors)
        return entries, ImportReport(where, self.name, len(entries))


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
        "review": "yes" if entry.review_only else join_values(entry.review_context),
        "note": entry.note,
        "source": entry.source,
        "forms": join_values([f"{kind}: {form}" for kind, values in entry.forms.items() for form in values]),
        **{
            f"{lang}_forms": join_values(
                [f"{kind}: {form}" for kind, form in entry.source_forms.get(lang, [])]
            )
            for lang in FORM_LANGS
        },
    }


def columns_in_use(entries: list[Entry]) -> tuple[str, ...]:
    """``TSV_COLUMNS`` plus the optional trailing columns up to the last one any entry uses, so a
    glossary without forms or Tajik keeps the older, shorter layout."""
    rows = [entry_to_fields(e) for e in entries]
    used = [k for k, c in enumerate(ALL_COLUMNS) if k >= len(TSV_COLUMNS) and any(r[c] for r in rows)]
    return ALL_COLUMNS[: max(used) + 1] if used else TSV_COLUMNS


def parse_typed(cell: str, where: str) -> list[tuple[str, str]]:
    """``type: form | type: form`` as pairs; ``GlossaryError`` for a value without a known type."""
    pairs = []
    for value in split_values(cell):
        kind, sep, form = value.partition(":")
        kind, form = kind.strip(), form.strip()
        if not sep or kind not in FORM_TYPES or not form:
            raise GlossaryError(
                where, f"bad form {value!r} (write 'type: form', type one of {', '.join(FORM_TYPES)})"
            )
        pairs.append((kind, form))
    return pairs


def entry_from_fields(fields: dict[str, str], where: Callable[[str], str]) -> Entry:
    """Build an entry from column values; ``where(column)`` names the place for an error message."""
    get = {c: restore_formula((fields.get(c) or "").strip()) for c in ALL_COLUMNS}
    if not ID_RE.fullmatch(get["id"]):
        raise GlossaryError(
            where("id"),
            f"bad id {get['id']!r} (lowercase ascii letters, digits, _ and -; first a letter or _)",
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
    review_context = [] if get["review"] in ("", "yes", "no") else split_values(get["review"])
    if review_context and any(v.isascii() for v in review_context):
        raise GlossaryError(
            where("review"), f"review must be 'yes', empty or source-language phrases, not {get['review']!r}"
        )
    forms: dict[str, list[str]] = {}
    for kind, form in parse_typed(get["forms"], where("forms")):
        forms.setdefault(kind, []).append(form)
    source_forms = {
        lang: pairs
        for lang in FORM_LANGS
        if (pairs := parse_typed(get[f"{lang}_forms"], where(f"{lang}_forms")))
    }
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
        review_context=review_context,
        note=get["note"],
        source=get["source"],
        forms=forms,
        source_forms=source_forms,
    )


# Everything a line splitter (``str.splitlines``) or a TSV/CSV reader treats as a break, tabs, and the
# other C0/C1 control characters (which XML cannot hold): each run becomes one space in a written cell.
_CELL_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]+")


def clean_cell(value: str) -> str:
    """A value safe for one TSV/CSV cell or XML text: tabs, line breaks of every kind (U+2028,
    U+2029, U+0085, VT, FF, ...) and other control characters become spaces."""
    return _CELL_BREAKS.sub(" ", value)
