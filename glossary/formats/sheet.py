"""Spreadsheet glossaries with the headers a person writes (CSV and XLSX share this).

A header row names the columns in any order and case: ``English``/``EN``/``en-US``,
``Persian``/``Farsi``/``fa``, ``Dari``/``prs``, ``Arabic``/``ar``, ``Tajik``/``tg``, ``Note``,
``Category``, ``ID``, ``Acronym`` and Dragoman's own column names; ``Persian (fa-IR)`` and memoQ's
``English_United_States`` / ``English_United_States_Def`` (a note) work too.
``--columns "Term EN=english,Domain=category"`` maps any other header. Ids are generated from the
English when there is no id column; a missing or unknown category becomes ``uncategorized`` (which
``glossary validate`` warns about); Dari forms are Persian source forms; Tajik forms are kept in the
note. Several forms in one cell are separated by ``|``, ``;``, ``؛`` or a line break.
"""

from __future__ import annotations

import re

from glossary.entry import ALL_COLUMNS, FORM_LANGS, Category, Entry
from glossary.errors import GlossaryError
from glossary.formats.base import entry_from_fields
from glossary.formats.mapping import LANG_NAMES, IdMaker, ImportReport, map_category, map_lang
from glossary.languages import SOURCE_LANGUAGES

IGNORE = "ignore"
FIELDS = (*ALL_COLUMNS, "prs", "tg", IGNORE)
_ALIASES: dict[str, str] = {
    "english": "english", "english term": "english",
    "persian": "fa", "farsi": "fa", "persian term": "fa", "dari": "prs", "arabic": "ar",
    "arabic term": "ar", "tajik": "tg", "tajiki": "tg",
    "note": "note", "notes": "note", "comment": "note", "comments": "note", "remark": "note",
    "definition": "note", "description": "note",
    "category": "category", "type": "category", "subject field": "category", "domain": "category",
    "id": "id", "entry id": "id", "concept id": "id",
    "short": "short", "short form": "short", "acronym": "short", "abbreviation": "short",
    "first mention": "first_mention", "unapproved": "unapproved", "deprecated": "unapproved",
    "do not use": "unapproved", "source": "source", "origin": "source",
}  # fmt: skip
_LANGUAGE_NAMES = ("english", "persian", "farsi", "dari", "arabic", "tajik", "tajiki")
_NOTE_SUFFIXES = ("def", "definition", "note", "notes", "comment", "comments")
_MULTI_SPLIT = re.compile(r"\s*(?:\||;|؛|\n)\s*")


def parse_columns(spec: str, where: str = "--columns") -> dict[str, str]:
    """``"Term EN=english, Domain=category"`` as ``{"term en": "english", "domain": "category"}``."""
    mapping: dict[str, str] = {}
    for part in spec.split(","):
        if not part.strip():
            continue
        header, sep, name = part.rpartition("=")
        name = name.strip().lower()
        if not sep or not header.strip():
            raise GlossaryError(where, f"{part.strip()!r} is not HEADER=FIELD")
        if name not in FIELDS:
            raise GlossaryError(where, f"unknown field {name!r} (one of {', '.join(FIELDS)})")
        mapping[header.strip().casefold()] = name
    return mapping


def header_field(header: str, columns: dict[str, str] | None = None) -> str | None:
    """The field a header names, or ``None``."""
    key = " ".join(header.replace("_", " ").split()).casefold()
    if columns and key in columns:
        return columns[key]
    if key.replace(" ", "_") in ALL_COLUMNS:
        return key.replace(" ", "_")
    candidates = [key, *re.findall(r"\(([^)]*)\)", key), key.split("(")[0].strip()]
    for candidate in candidates:
        if candidate in _ALIASES:
            return _ALIASES[candidate]
        lang = map_lang(candidate) if re.fullmatch(r"[a-z]{2,3}([-_][a-z0-9]+)?", candidate) else None
        if lang:
            return "english" if lang == "en" else lang
    words = key.split()  # memoQ-style "English_United_States", "Persian_Def"
    if len(words) > 1 and words[-1] in _NOTE_SUFFIXES:
        return "note"
    if words and words[0] in _LANGUAGE_NAMES:
        return _ALIASES[words[0]]
    return None


def read_rows(
    rows: list[tuple[int, list[str]]],
    where: str,
    report: ImportReport,
    columns: dict[str, str] | None = None,
    errors: list[GlossaryError] | None = None,
) -> list[Entry]:
    """Entries of a sheet: ``rows`` are (line number, cells), the first one the header."""
    if not rows:
        raise GlossaryError(f"{where}:1:1", "empty file: expected a header row")
    header_line, header = rows[0]
    fields = [header_field(h, columns) for h in header]
    named = {f for f in fields if f}
    if "english" not in named:
        raise GlossaryError(
            f"{where}:{header_line}:1",
            f"header ({', '.join(repr(h) for h in header)}) has no English column "
            "(English, EN, en-US, ...); name it with --columns 'HEADER=english'",
        )
    if not named & set(SOURCE_LANGUAGES):
        raise GlossaryError(
            f"{where}:{header_line}:1",
            "header has no Persian, Dari, Arabic or Tajik column (Persian, Farsi, fa, Dari, prs, "
            "Arabic, ar, Tajik, tg); name it with --columns 'HEADER=fa'",
        )
    for k, (name, field) in enumerate(zip(header, fields, strict=False)):
        if field is None and name.strip():
            values = sum(1 for _, row in rows[1:] if k < len(row) and row[k].strip())
            what = f"values of column {name.strip()!r} (not a glossary field; see --columns)"
            report.dropped[what] += values
    ids = IdMaker()
    id_col = fields.index("id") if "id" in fields else None
    if id_col is not None:
        ids.reserve([row[id_col].strip() for _, row in rows[1:] if id_col < len(row)])
    entries = []
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        try:
            entries.append(_entry(line, row, fields, where, ids, report))
        except GlossaryError as err:
            if errors is None:
                raise
            errors.append(err)
    report.entries = len(entries)
    return entries


def _entry(
    line: int, row: list[str], fields: list[str | None], where: str, ids: IdMaker, report: ImportReport
) -> Entry:
    cells: dict[str, list[str]] = {}
    column: dict[str, int] = {}
    for k, field in enumerate(fields):
        if field in (None, IGNORE) or k >= len(row) or not row[k].strip():
            continue
        cells.setdefault(field, []).append(row[k].strip())
        column.setdefault(field, k + 1)

    def at(name: str) -> str:
        return f"{where}:{line}:{column.get(name, 1)}"

    english = " ".join(cells.get("english", []))
    if not english:
        raise GlossaryError(at("english"), "row has no English term")
    notes = list(cells.get("note", []))
    forms = {lang: [f for cell in cells.get(lang, []) for f in _MULTI_SPLIT.split(cell) if f] for lang in
             ("fa", "prs", "ar", "tg")}  # fmt: skip
    if forms["prs"]:
        report.mapped["Dari forms → fa source forms"] += len(forms["prs"])
    if forms["tg"]:
        report.mapped["Tajik forms → tg source forms"] += len(forms["tg"])
    entry_id = ids.make(" ".join(cells.get("id", [])), english, report)
    category_text = " ".join(cells.get("category", []))
    category = map_category(category_text) if category_text else None
    if category is None:
        if category_text:
            notes.insert(0, f"category: {category_text}")
            report.mapped["category not a Dragoman category → uncategorized, kept in the note"] += 1
            problem = f"entry {entry_id!r}: {category_text!r} is not a category (uncategorized)"
        else:
            report.mapped["no category → uncategorized"] += 1
            problem = f"entry {entry_id!r} has no category (uncategorized)"
        report.warnings.append((at("category"), problem))
        category = Category.UNCATEGORIZED
    short = " ".join(cells.get("short", []))
    first_mention = " ".join(cells.get("first_mention", [])) or ("full_then_short" if short else "full")
    row_fields = {
        "id": entry_id,
        "english": english,
        "short": short,
        "first_mention": first_mention,
        "category": category.value,
        "fa": " | ".join(forms["fa"] + forms["prs"]),
        "ar": " | ".join(forms["ar"]),
        "tg": " | ".join(forms["tg"]),
        "note": "; ".join(notes),
        **{
            k: " | ".join(cells.get(k, []))
            for k in ("unapproved", "confirm", "exclude", "review", "source", "forms", "fa_forms", "ar_forms")
        },
    }
    for lang in FORM_LANGS:
        if forms[lang]:
            report.mapped[f"{LANG_NAMES[lang]} forms → {lang} source forms"] += len(forms[lang])
    return entry_from_fields(row_fields, at)
