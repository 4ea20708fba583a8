"""What imports from other tools share: language tags, categories, generated ids and the import report.

A termbase written by MultiTerm, memoQ, Trados, OmegaT, translate-toolkit or a person with a
spreadsheet rarely has Dragoman's ids, categories or language codes. These helpers map what they
do have, and ``ImportReport`` counts what was imported, what was mapped and what was dropped.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from glossary.entry import ID_RE, Category, usable_id

ENGLISH = "en"
TAJIK = "tg"
# Language tag (lowercase, first subtag or full tag) -> Dragoman slot. Dari (fa-AF, prs) is written in
# Persian script and matched as Persian; Tajik (Cyrillic) has no source slot and is kept in the note.
_LANGS: dict[str, str] = {
    "en": ENGLISH, "eng": ENGLISH,
    "fa": "fa", "fas": "fa", "per": "fa", "pes": "fa", "fa-ir": "fa",
    "prs": "prs", "fa-af": "prs",
    "ar": "ar", "ara": "ar", "arb": "ar",
    "tg": TAJIK, "tgk": TAJIK, "tg-tj": TAJIK,
}  # fmt: skip
LANG_NAMES = {"fa": "Persian", "prs": "Dari", "ar": "Arabic", "tg": "Tajik", "en": "English"}


def map_lang(tag: str) -> str | None:
    """Dragoman's slot for a language tag: ``en``, ``fa``, ``prs``, ``ar``, ``tg``, or ``None``.

    ``fa-IR`` → ``fa``, ``fa-AF`` → ``prs``, ``ar-SA`` → ``ar``, ``en-US``/``en-GB`` → ``en``;
    underscores count as hyphens (``fa_IR``) and FLORES codes (``pes_Arab``) work too."""
    tag = tag.strip().lower().replace("_", "-")
    if tag in _LANGS:
        return _LANGS[tag]
    return _LANGS.get(tag.split("-")[0])


def source_slot(lang: str) -> str:
    """The variant list a source language's forms go into (Dari forms are Persian-script forms)."""
    return "fa" if lang == "prs" else lang


def map_category(value: str) -> Category | None:
    """A category named in any case or as a plural (``Organizations``), else ``None``."""
    key = re.sub(r"[\s-]+", "_", value.strip().lower())
    for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
        try:
            return Category(candidate)
        except ValueError:
            continue
    return None


class IdMaker:
    """Ids for imported entries: the file's own id when usable, normalized when not, generated when
    missing. Generated ids come from the English term (``collective_security_treaty_organization``),
    so importing the same file again gives the same ids; repeats get ``-2``, ``-3``."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def reserve(self, given: list[str]) -> None:
        """Ids the file itself uses (kept as they are), so generated ones never take them."""
        self.used.update(i for i in given if ID_RE.fullmatch(i))

    def make(self, given: str, english: str, report: ImportReport) -> str:
        """The id for one entry (``given`` may be empty)."""
        if given and ID_RE.fullmatch(given):
            return given
        if given:
            base = re.sub(r"[^a-z0-9_-]+", "-", given.lower()).strip("-") or _hashed(given)
            report.mapped["id normalized to lowercase ascii"] += 1
        else:
            base = re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_") or _hashed(english)
            report.mapped["id generated from the English term"] += 1
        base = usable_id(base)
        candidate, n = base, 1
        while candidate in self.used:
            n += 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _hashed(text: str) -> str:
    return "term-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


@dataclass
class ImportReport:
    """What an import read: entries, what was mapped onto Dragoman's fields, what was dropped."""

    path: str
    format: str
    entries: int = 0
    mapped: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (where, problem)

    def to_dict(self) -> dict:
        """The JSON form of the report."""
        return {
            "path": self.path,
            "format": self.format,
            "entries": self.entries,
            "mapped": dict(sorted(self.mapped.items())),
            "dropped": dict(sorted(self.dropped.items())),
            "warnings": [{"where": w, "problem": p} for w, p in self.warnings],
        }

    def lines(self) -> list[str]:
        """The report as short readable lines."""
        out = [f"{self.path}: {self.entries} entries read ({self.format})"]
        out += [f"  mapped: {n} × {what}" for what, n in sorted(self.mapped.items())]
        out += [f"  dropped: {n} × {what}" for what, n in sorted(self.dropped.items())]
        out += [f"  warning: {where}: {problem}" for where, problem in self.warnings]
        return out
