"""The glossary entry: plain data shared by the formats, the matcher and the translator.

Primary file format (TSV, UTF-8, one header row, one entry per row; edit it in a spreadsheet).
Multi-valued cells separate values with `` | `` (space, bar, space):

| column        | meaning                                                                  |
|---------------|--------------------------------------------------------------------------|
| id            | stable id, lowercase ascii, ``[a-z0-9_-]+`` (e.g. ``csto``)              |
| english       | the approved English term                                                |
| short         | optional short form / acronym (``CSTO``)                                 |
| first_mention | ``full`` (always the full term), ``full_then_short`` (full term with the |
|               | short form in brackets at first mention, short form after),              |
|               | ``full_first`` (full term at first mention, short form after, no         |
|               | brackets: people, "Emomali Rahmon" then "Rahmon"), ``short``             |
| category      | organization, movement, programme, agreement, military_unit, agency,     |
|               | event, person, place, region, title; ``uncategorized`` (imported without |
|               | one: ``glossary validate`` warns until it is set)                        |
| fa            | Persian source variants                                                  |
| ar            | Arabic source variants                                                   |
| unapproved    | English variants that are not approved and get corrected                 |
| confirm       | context words/phrases that confirm an ambiguous match (either side)      |
| exclude       | context words/phrases that exclude a match (either side)                 |
| review        | ``yes`` when every hit is only reported for review, never enforced; or   |
|               | context phrases that make a hit doubtful (reported, never enforced)     |
| note          | free text for translators                                                |
| source        | where the entry came from (seed file, style guide, ...)                  |

Optional trailing columns (a row may stop after ``source``; older files stay valid), typed values
written ``type: form``:

| column        | meaning                                                                  |
|---------------|--------------------------------------------------------------------------|
| forms         | English forms besides ``english``: ``adjective: German | people: Germans |
|               | short_adjective: US | plural: ... | language: French``                   |
| fa_forms      | Persian source forms that call for one of them: ``adjective: آلمانی``     |
| ar_forms      | Arabic source forms: ``adjective: ألماني | people: الألمان``               |
| tg            | Tajik (Cyrillic) source variants: ``ОДКБ | Созмони Аҳдномаи Амнияти Дастаҷамъӣ``|

A hit on a source form requires the English form of its type (``adjective: آلمانی`` -> "German");
any English form of the entry satisfies a hit (``translate.decoding.acceptance``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from glossary.languages import ARABIC_SCRIPT_COLUMNS, GLOSSARY_LANGS


class Category(StrEnum):
    """What kind of thing an entry names."""

    ORGANIZATION = "organization"
    MOVEMENT = "movement"
    PROGRAMME = "programme"
    AGREEMENT = "agreement"
    MILITARY_UNIT = "military_unit"
    AGENCY = "agency"
    EVENT = "event"
    PERSON = "person"
    PLACE = "place"
    REGION = "region"
    TITLE = "title"
    UNCATEGORIZED = "uncategorized"  # imported without a usable category; validate warns


class FirstMention(StrEnum):
    """How the English form is chosen across a document."""

    FULL = "full"  # always the full term
    FULL_THEN_SHORT = "full_then_short"  # "Collective Security Treaty Organization (CSTO)", then "CSTO"
    FULL_FIRST = "full_first"  # people: "Emomali Rahmon" at first mention, then "Rahmon"
    SHORT = "short"  # always the short form


TSV_COLUMNS: tuple[str, ...] = (
    "id",
    "english",
    "short",
    "first_mention",
    "category",
    "fa",
    "ar",
    "unapproved",
    "confirm",
    "exclude",
    "review",
    "note",
    "source",
)

# An entry id: lowercase ascii letters, digits, ``_`` and ``-``; first a letter or ``_``.
ID_RE = re.compile(r"[a-z_][a-z0-9_-]*")


def usable_id(slug: str) -> str:
    """``slug`` made a valid id: a leading digit or hyphen gets an underscore in front (24kg -> _24kg)."""
    return slug if not slug or ID_RE.fullmatch(slug) else f"_{slug}"


# The source-language columns (``glossary.languages``; Dari is matched with the Persian forms).
SOURCE_LANGS: tuple[str, ...] = GLOSSARY_LANGS

# optional trailing columns: typed English forms, source forms that select one of them (Persian
# and Arabic), and Tajik (Cyrillic) source variants; a file or row may stop after any of them
FORM_LANGS: tuple[str, ...] = ARABIC_SCRIPT_COLUMNS
FORM_COLUMNS: tuple[str, ...] = ("forms", "fa_forms", "ar_forms")
OPTIONAL_TRAILING_COLUMNS: tuple[str, ...] = (*FORM_COLUMNS, "tg")
ALL_COLUMNS: tuple[str, ...] = TSV_COLUMNS + OPTIONAL_TRAILING_COLUMNS

# adjective/demonym (German), people (Germans), plural of a countable thing, a short form house
# style allows anywhere (September 11), a short form it allows as an adjective only (US), a
# language name (French)
FORM_TYPES: tuple[str, ...] = ("adjective", "people", "plural", "short", "short_adjective", "language")


@dataclass
class Entry:
    """One concept in the termbase."""

    id: str
    english: str
    category: Category
    short: str = ""
    first_mention: FirstMention = FirstMention.FULL
    variants: dict[str, list[str]] = field(default_factory=dict)  # lang -> source forms
    unapproved: list[str] = field(default_factory=list)
    confirm: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    review_only: bool = False
    review_context: list[str] = field(default_factory=list)  # phrases that make a hit doubtful
    note: str = ""
    source: str = ""
    forms: dict[str, list[str]] = field(default_factory=dict)  # form type -> English forms
    source_forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # lang -> (type, form)

    def source_strings(self, lang: str) -> list[str]:
        """Every source string of ``lang`` the matcher looks for: variants, then source forms."""
        return [*self.variants.get(lang, []), *(form for _kind, form in self.source_forms.get(lang, []))]

    def english_for(self, kind: str, first_in_document: bool) -> str:
        """The English a hit on a source form of type ``kind`` requires ("" kind: the entry's own).

        ``people`` without a people form falls back to the adjective; an entry without the form
        requires its canonical English."""
        for wanted in (kind, "adjective" if kind == "people" else ""):
            if wanted and self.forms.get(wanted):
                return self.forms[wanted][0]
        return self.required_english(first_in_document)

    def accepted_english(self, required: str) -> list[str]:
        """Every English form that satisfies a hit requiring ``required``: it, the canonical term,
        the short form and the typed forms (possessive, plural and a sentence-initial capital are
        derived by ``translate.decoding.acceptance``)."""
        forms = [required, self.english, self.short]
        for values in self.forms.values():
            forms.extend(values)
        return list(dict.fromkeys(f for f in forms if f.strip()))

    def required_english(self, first_in_document: bool) -> str:
        """The English form a translation must contain for a hit of this entry."""
        if not self.short or self.first_mention is FirstMention.FULL:
            return self.english
        if self.first_mention is FirstMention.SHORT:
            return self.short
        if first_in_document:
            return (
                self.english
                if self.first_mention is FirstMention.FULL_FIRST
                else f"{self.english} ({self.short})"
            )
        return self.short
