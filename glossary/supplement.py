"""Extra source forms for the default glossary's entries, kept apart from ``default.tsv``.

``glossary/data/variants.tsv`` (UTF-8, tab-separated, one header row) lists one source form per row:

| column | meaning                                                                            |
|--------|------------------------------------------------------------------------------------|
| id     | the entry the form belongs to (an id of ``default.tsv``)                           |
| lang   | ``fa`` or ``ar`` (matched); ``tg`` (Tajik Cyrillic) and ``ps`` are kept, not matched |
| form   | the source form                                                                    |
| origin | ``curated`` (added by hand), ``rule:NAME`` or ``cldr:LOCALE`` (generated)          |
| source | where it was seen or how it was made                                               |

Generated rows are rewritten by ``python -m glossary.variants``; curated rows are kept. The loader
appends the forms to their entry after its own forms (a form already there after normalization is
skipped), so a user can always tell a generated form from a curated one: ``dragoman glossary show
ID`` lists each added form with its origin, and ``glossary stats`` counts them.

``glossary/data/facets.tsv`` gives each entry its country (ISO 3166 alpha-2, ``intl`` for
international bodies, ``other``) and, for countries and continents, the CLDR territory code the
generator takes localized names from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from glossary.entry import SOURCE_LANGS, Entry
from glossary.errors import GlossaryError
from glossary.fold import fold

SUPPLEMENT_COLUMNS: tuple[str, ...] = ("id", "lang", "form", "origin", "source")
FACET_COLUMNS: tuple[str, ...] = ("id", "country", "territory")
CURATED = "curated"


@dataclass(frozen=True)
class ExtraForm:
    """One row of ``variants.tsv``."""

    id: str
    lang: str
    form: str
    origin: str
    source: str = ""

    @property
    def generated(self) -> bool:
        """Whether a rule or CLDR made this form (not a person)."""
        return self.origin != CURATED


@dataclass(frozen=True)
class Facet:
    """Country and CLDR territory of one entry (``facets.tsv``)."""

    id: str
    country: str
    territory: str = ""


def data_path(name: str) -> Path:
    """A file in ``glossary/data/``."""
    return Path(str(resources.files("glossary") / "data" / name))


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(str(path), f"cannot read: {err}") from None
    if not lines or tuple(h.strip() for h in lines[0].split("\t")) != columns:
        raise GlossaryError(f"{path}:1:1", f"header must be the tab-separated columns {' '.join(columns)}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise GlossaryError(f"{path}:{number}:1", f"{len(cells)} columns, expected {len(columns)}")
        rows.append((number, [c.strip() for c in cells]))
    return rows


def read_supplement(path: str | Path) -> list[ExtraForm]:
    """The rows of a ``variants.tsv`` file; ``GlossaryError`` naming file and line when malformed."""
    forms = []
    for number, (eid, lang, form, origin, source) in _rows(Path(path), SUPPLEMENT_COLUMNS):
        if not (eid and lang and form and origin):
            raise GlossaryError(f"{path}:{number}:1", "id, lang, form and origin must not be empty")
        forms.append(ExtraForm(eid, lang, form, origin, source))
    return forms


def write_supplement(forms: list[ExtraForm]) -> str:
    """The TSV text of ``forms`` (header first, rows in the given order)."""
    rows = ["\t".join(SUPPLEMENT_COLUMNS)]
    rows += ["\t".join((f.id, f.lang, f.form, f.origin, f.source)) for f in forms]
    return "\n".join(rows) + "\n"


def read_facets(path: str | Path) -> dict[str, Facet]:
    """Entry id -> ``Facet`` from a ``facets.tsv`` file."""
    return {
        eid: Facet(eid, country, territory)
        for _n, (eid, country, territory) in _rows(Path(path), FACET_COLUMNS)
    }


@cache
def default_supplement() -> tuple[ExtraForm, ...]:
    """The rows of the shipped ``variants.tsv`` (empty when the file is absent)."""
    path = data_path("variants.tsv")
    return tuple(read_supplement(path)) if path.is_file() else ()


@cache
def default_facets() -> dict[str, Facet]:
    """The shipped ``facets.tsv``."""
    path = data_path("facets.tsv")
    return read_facets(path) if path.is_file() else {}


def apply_supplement(entries: list[Entry], forms: tuple[ExtraForm, ...] | list[ExtraForm]) -> list[Entry]:
    """``entries`` with the extra ``fa``/``ar`` forms appended to their entries (unknown ids, other
    languages and forms an entry already has, after normalization, are skipped). Entries are changed
    in place and returned."""
    by_id = {e.id: e for e in entries}
    seen: dict[tuple[str, str], set[str]] = {}
    for form in forms:
        entry = by_id.get(form.id)
        if entry is None or form.lang not in SOURCE_LANGS:
            continue
        key = (form.id, form.lang)
        if key not in seen:
            seen[key] = {fold(v) for v in entry.variants.get(form.lang, [])}
        folded = fold(form.form)
        if not folded or folded in seen[key]:
            continue
        seen[key].add(folded)
        entry.variants.setdefault(form.lang, []).append(form.form)
    return entries


def extra_forms_of(entry_id: str) -> list[ExtraForm]:
    """The shipped extra forms of one entry (for ``glossary show``)."""
    return [f for f in default_supplement() if f.id == entry_id]
