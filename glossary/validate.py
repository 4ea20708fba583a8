"""Glossary checks for ``dragoman glossary validate``: errors make the command fail, warnings inform.

Errors: malformed rows (bad columns, id, category, empty English), duplicate ids in one file, one
source form (after matching normalization) claimed by two entries without context rules to tell them
apart, an approved English term or English form also listed as unapproved, a source form that
normalizes to nothing. Source forms (``fa_forms``/``ar_forms``) are checked like variants.
Warnings: an entry without source forms, an entry without a category (``uncategorized``, as an
import from another tool leaves it), a form shared with another entry where context rules decide,
a form that can never match as its own entry (shadowed by a longer form of another entry, or always
rejected by a boundary or context rule).
Forms of one entry that differ only in spelling the matcher ignores (ZWNJ, hamza) are fine.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path

from glossary.entry import SOURCE_LANGS, Category, Entry
from glossary.errors import GlossaryError
from glossary.fold import fold
from glossary.formats import get_format
from glossary.store import read_bytes

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Issue:
    """One problem found in a glossary."""

    level: str  # "error" or "warning"
    where: str  # file, file:line:col, or entry id
    problem: str
    entry: str = ""

    def to_dict(self) -> dict:
        """The JSON record of this issue."""
        return asdict(self)


def read_with_issues(path: str | Path) -> tuple[list[Entry], list[Issue]]:
    """Entries of one file and the problems found while reading it (bad rows skipped, not fatal)."""
    errors: list[GlossaryError] = []
    try:
        entries = get_format(None, path).read_bytes(read_bytes(path), str(path), errors)[0]
    except GlossaryError as err:
        return [], [Issue(ERROR, err.where, err.problem)]
    issues = [Issue(ERROR, e.where, e.problem) for e in errors]
    seen: dict[str, int] = {}
    for k, entry in enumerate(entries):
        if entry.id in seen:
            issues.append(
                Issue(
                    ERROR,
                    str(path),
                    f"duplicate id {entry.id!r} (entries {seen[entry.id] + 1} and {k + 1})",
                    entry.id,
                )
            )
        seen.setdefault(entry.id, k)
    return entries, issues


def check_entries(entries: list[Entry]) -> list[Issue]:
    """Checks across the entries in force (after layering)."""
    issues: list[Issue] = []
    owners: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    by_id = {e.id: e for e in entries}
    for entry in entries:
        approved = {entry.english.casefold(), entry.short.casefold()} - {""}
        forms = {f.casefold() for values in entry.forms.values() for f in values}
        for bad in entry.unapproved:
            if bad.casefold() in approved:
                issues.append(
                    Issue(ERROR, entry.id, f"approved term {bad!r} is also listed as unapproved", entry.id)
                )
            elif bad.casefold() in forms:
                issues.append(
                    Issue(ERROR, entry.id, f"English form {bad!r} is also listed as unapproved", entry.id)
                )
        if entry.category is Category.UNCATEGORIZED:
            issues.append(
                Issue(
                    WARNING,
                    entry.id,
                    f"no category (imported without one); set it with glossary edit {entry.id} --category",
                    entry.id,
                )
            )
        if not any(entry.source_strings(lang) for lang in SOURCE_LANGS):
            issues.append(Issue(WARNING, entry.id, "no source forms: the entry can never match", entry.id))
        for lang in SOURCE_LANGS:
            keys: dict[str, str] = {}
            for variant in entry.source_strings(lang):
                key = fold(variant)
                if not key:
                    issues.append(
                        Issue(
                            ERROR, entry.id, f"{lang} form {variant!r} is empty after normalization", entry.id
                        )
                    )
                    continue
                if key in keys:  # spelling variants listed for readers; the matcher dedupes
                    continue
                keys[key] = variant
                owners[(lang, key)].append((entry.id, variant))
    for (lang, _key), claims in owners.items():
        if len(claims) < 2:
            continue
        ids = [c[0] for c in claims]
        forms = ", ".join(f"{eid} ({variant})" for eid, variant in claims)
        ruled = [eid for eid in ids if by_id[eid].confirm or by_id[eid].exclude]
        if len(ruled) < len(ids) - 1:
            problem = (
                f"{lang} form claimed by several entries without context rules to separate them: {forms};"
                " only one can ever be reported"
            )
            issues.append(Issue(ERROR, ids[0], problem, ids[0]))
        else:
            issues.append(
                Issue(WARNING, ids[0], f"{lang} form shared by {forms}: context rules decide", ids[0])
            )
    issues.extend(check_reachable(entries))
    return issues


def check_reachable(entries: list[Entry]) -> list[Issue]:
    """Warnings for source forms that cannot match as their own entry even when written alone: a longer
    form of another entry covers them, or a boundary or context rule always rejects them."""
    from glossary.matcher import Matcher

    matcher = Matcher(entries)
    issues: list[Issue] = []
    for entry in entries:
        for lang in SOURCE_LANGS:
            for variant in entry.source_strings(lang):
                if not fold(variant):
                    continue
                hits = matcher.match(variant, lang)
                if any(h.entry == entry.id for h in hits):
                    continue
                if any(fold(h.variant) == fold(variant) for h in hits):
                    continue  # the same form in another entry: reported above as a shared form
                if hits:
                    winners = ", ".join(f"{h.entry} ({h.text})" for h in hits)
                    problem = f"{lang} form {variant!r} is shadowed by {winners} and can never match"
                else:
                    problem = f"{lang} form {variant!r} never matches on its own (boundary or context rule)"
                issues.append(Issue(WARNING, entry.id, problem, entry.id))
    return issues


def _with_supplement(entries: list[Entry]) -> tuple[list[Entry], list[Issue]]:
    """The default entries with the shipped extra forms, and an issue for each form of an unknown id."""
    from glossary.supplement import apply_supplement, data_path, default_supplement

    try:
        forms = default_supplement()
    except GlossaryError as err:
        return entries, [Issue(ERROR, err.where, err.problem)]
    ids = {e.id for e in entries}
    where = str(data_path("variants.tsv"))
    issues = [
        Issue(ERROR, where, f"extra form {f.form!r} for unknown entry {f.id!r}", f.id)
        for f in forms
        if f.id not in ids
    ]
    return apply_supplement(entries, forms), issues


def validate(paths: list[str | Path], include_default: bool = True) -> list[Issue]:
    """Every issue in the default glossary (optional) and ``paths``, layered in that order."""
    from glossary.store import default_path

    files = ([default_path()] if include_default else []) + [Path(p) for p in paths]
    issues: list[Issue] = []
    layered: dict[str, Entry] = {}
    for path in files:
        if not Path(path).is_file():
            issues.append(Issue(ERROR, str(path), "glossary file not found"))
            continue
        entries, found = read_with_issues(path)
        issues.extend(found)
        if include_default and path == files[0]:
            entries, found = _with_supplement(entries)
            issues.extend(found)
        for entry in entries:
            layered[entry.id] = entry
    issues.extend(check_entries(list(layered.values())))
    return issues
