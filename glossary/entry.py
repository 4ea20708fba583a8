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
|               | event, person, place, region, title                                      |
| fa            | Persian source variants                                                  |
| ar            | Arabic source variants                                                   |
| unapproved    | English variants that are not approved and get corrected                 |
| confirm       | context words/phrases that confirm an ambiguous match (either side)      |
| exclude       | context words/phrases that exclude a match (either side)                 |
| review        | ``yes`` when every hit is only reported for review, never enforced       |
| note          | free text for translators                                                |
| source        | where the entry came from (seed file, style guide, ...)                  |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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
    "tg",
)
# Trailing columns a file may leave out (older files; rows written before the column existed).
OPTIONAL_TRAILING_COLUMNS: tuple[str, ...] = ("tg",)

SOURCE_LANGS: tuple[str, ...] = ("fa", "ar", "tg")
# Source languages matched with another language's forms: Dari is written Persian.
MATCH_LANGS: dict[str, str] = {"prs": "fa"}


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
    note: str = ""
    source: str = ""

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
