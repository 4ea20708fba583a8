"""Frequency check of a glossary against real sentences (``glossary validate --corpus``).

Two warnings, both about forms that collide with ordinary words:

- with an English reference (one sentence a line, parallel to the corpus, e.g. FLORES-200 devtest):
  a form that matches at least ``min_hits`` times while the entry's English (approved, short or an
  unapproved variant) is in fewer than half of those sentences' references;
- without one: a generated form (``variants.tsv``) that is a word of the corpus at least
  ``min_hits`` times.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from glossary.entry import Entry
from glossary.fold import fold, words
from glossary.validate import WARNING, Issue


def _english_forms(entry: Entry) -> list[str]:
    typed = [form for forms in entry.forms.values() for form in forms]  # German, Germans, US ...
    return [f.casefold() for f in (entry.english, entry.short, *entry.unapproved, *typed) if f]


def corpus_issues(
    entries: list[Entry],
    lang: str,
    corpus: list[str],
    references: list[str] | None = None,
    generated: set[tuple[str, str]] | None = None,
    min_hits: int = 2,
    where: str = "corpus",
) -> list[Issue]:
    """Warnings for forms of ``entries`` that look like common words of ``corpus`` (see module doc)."""
    from glossary.matcher import Matcher

    issues: list[Issue] = []
    if references is not None:
        by_id = {e.id: e for e in entries}
        matcher = Matcher(entries)
        hits: Counter = Counter()
        agreed: Counter = Counter()
        shown: dict[tuple[str, str], str] = {}
        for k, line in enumerate(corpus):
            reference = references[k].casefold() if k < len(references) else ""
            for hit in matcher.match(line, lang):
                key = (hit.entry, fold(hit.variant))
                shown.setdefault(key, hit.variant)
                hits[key] += 1
                agreed[key] += any(f in reference for f in _english_forms(by_id[hit.entry]))
        for key, n in sorted(hits.items()):
            if n >= min_hits and agreed[key] * 2 < n:
                problem = (
                    f"{lang} form {shown[key]!r}: {n} hits in {where}, the English "
                    f"{by_id[key[0]].english!r} in only {agreed[key]} of their references (a common word?)"
                )
                issues.append(Issue(WARNING, key[0], problem, key[0]))
    if generated:
        counts = Counter(w for line in corpus for w in words(line))
        for entry in entries:
            for variant in entry.variants.get(lang, []):
                key = fold(variant)
                if (lang, key) in generated and counts[key] >= min_hits:
                    problem = f"generated {lang} form {variant!r} is a word of {where} ({counts[key]} times)"
                    issues.append(Issue(WARNING, entry.id, problem, entry.id))
    return issues


def read_lines(path: str | Path) -> list[str]:
    """The lines of a UTF-8 text file."""
    return Path(path).read_text(encoding="utf-8-sig").splitlines()


def generated_forms() -> set[tuple[str, str]]:
    """``(lang, folded form)`` of the generated rows of the shipped ``variants.tsv``."""
    from glossary.supplement import default_supplement

    return {(f.lang, fold(f.form)) for f in default_supplement() if f.generated}
