"""Post-editing: unapproved English variants in a translation are replaced by the required form.

Matching is case-insensitive and word-boundary safe (``CSTO`` is not found in ``CSTOX``); a plural
``s``/``es`` or a possessive ``'s`` after a variant is kept after the replacement; a replacement at
the start of a sentence gets a capital letter; an article before the variant is kept and never
doubled (``the the``), and ``a``/``an`` is adjusted to the replacement. Text that already is a
required form is never touched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.decoding.acceptance import find_accepted

_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]\s+|[\"“«(]\s*)$")


@dataclass(frozen=True)
class TermForms:
    """What post-editing needs to know about one glossary entry in one segment."""

    entry: str
    required: str  # the form that must appear
    variants: tuple[str, ...] = ()  # unapproved English variants to replace wherever they appear
    fallbacks: tuple[str, ...] = ()  # approved forms that stand in for ``required`` only when it is missing


@dataclass(frozen=True)
class Edit:
    """One replacement: ``text[start:end]`` of the input became ``replacement`` at ``new_start``."""

    entry: str
    start: int
    end: int
    original: str
    replacement: str
    new_start: int

    @property
    def new_end(self) -> int:
        """End of the replacement in the edited text."""
        return self.new_start + len(self.replacement)


def find_term(text: str, term: str) -> list[tuple[int, int]]:
    """Spans of ``term`` in ``text``: exact case, word-bounded; a capital first letter at sentence start.

    A plural or possessive ending after the term is allowed (``CSTO's``, ``Organizations``).
    """
    return [(start, end) for start, end, _form in find_accepted(text, [term])]


def contains_term(text: str, term: str) -> bool:
    """Whether ``text`` has ``term`` (see ``find_term``)."""
    return bool(find_term(text, term))


def _variant_pattern(variant: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in variant.split()]
    return re.compile(
        r"(?<!\w)" + r"\s+".join(words) + r"(?P<suffix>['’]s|s|es)?(?!\w)",
        re.IGNORECASE,
    )


def contains_variant(text: str, variant: str) -> bool:
    """Whether ``text`` has ``variant`` (any case, word-bounded, plural/possessive allowed)."""
    return bool(variant.strip()) and _variant_pattern(variant).search(text) is not None


def _case_variants(required: str) -> list[str]:
    """The required form itself: matched case-insensitively, so other casings get corrected."""
    return [required]


def _overlaps(span: tuple[int, int], protected: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in protected)


def _blocked(span: tuple[int, int], protected: Iterable[tuple[int, int]]) -> bool:
    """A match overlapping a required form, unless it is a longer variant around it (``Talibans``)."""
    return any(
        span[0] < e and s < span[1] and not (span[0] <= s and e <= span[1] and span != (s, e))
        for s, e in protected
    )


def _fit(text: str, start: int, replacement: str) -> str:
    """Capitalize at sentence start; drop a leading article the text already has."""
    before = text[:start]
    article = re.match(r"(?i)(the|a|an)\s+", replacement)
    prev_article = re.search(r"(?i)\b(the|a|an)\s+$", before)
    if article and prev_article:
        replacement = replacement[article.end() :]
    if replacement and _SENTENCE_START.search(before) and replacement[0].islower():
        replacement = replacement[0].upper() + replacement[1:]
    return replacement


def _fix_indefinite_article(text: str, start: int, replacement: str) -> tuple[int, str]:
    """``a`` before a vowel becomes ``an`` (and back); returns the new start and prefix to use."""
    match = re.search(r"(?i)\b(an?)(\s+)$", text[:start])
    if not match or not replacement:
        return start, ""
    vowel = replacement[0].lower() in "aeiou"
    word = match.group(1)
    wanted = ("an" if vowel else "a") if word.islower() else ("An" if vowel else "A")
    if word == wanted:
        return start, ""
    return match.start(), wanted + match.group(2)


def post_edit(text: str, forms: Sequence[TermForms]) -> tuple[str, list[Edit]]:
    """``text`` with unapproved variants replaced, and the edits made (in text order)."""
    protected = [span for f in forms for span in find_term(text, f.required)]
    found: list[tuple[int, int, str, str, str]] = []  # start, end, entry, original, replacement
    for form in forms:
        candidates = list(form.variants) + _case_variants(form.required)
        if not contains_term(text, form.required):
            candidates += list(form.fallbacks)
        for variant in sorted(set(candidates), key=len, reverse=True):
            if not variant.strip():
                continue
            for match in _variant_pattern(variant).finditer(text):
                span = match.span()
                if _blocked(span, protected) or any(_overlaps(span, [(s, e)]) for s, e, *_ in found):
                    continue
                suffix = match.group("suffix") or ""
                replacement = _fit(text, span[0], form.required) + suffix
                if replacement == match.group():
                    continue
                found.append((span[0], span[1], form.entry, match.group(), replacement))
    found.sort()
    out: list[str] = []
    edits: list[Edit] = []
    cursor = 0
    length = 0
    for start, end, entry, original, replacement in found:
        article_start, article = _fix_indefinite_article(text, start, replacement)
        article_start = max(article_start, cursor)
        out.append(text[cursor:article_start] + article)
        length += article_start - cursor + len(article)
        edits.append(Edit(entry, start, end, original, replacement, length))
        out.append(replacement)
        length += len(replacement)
        cursor = end
    out.append(text[cursor:])
    return "".join(out), edits


def map_offset(position: int, edits: Sequence[Edit], at_end: bool = False) -> int:
    """Where ``position`` of the pre-edit text lies in the edited text."""
    shift = 0
    for edit in edits:
        if position < edit.start or (position == edit.start and not at_end):
            break
        if position <= edit.end:
            return edit.new_end if at_end else edit.new_start
        shift = edit.new_end - edit.end
    return position + shift
