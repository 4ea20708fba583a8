"""Find glossary terms in Persian/Arabic text (rules: ``glossary/data/STYLE.md``, "Matching conventions").

One Aho-Corasick automaton per source language runs over the folded text (``glossary.fold``); every raw
match is mapped back to the original offsets and checked there for word boundaries, Arabic proclitics
(و ف ب ل ك and their pairs, and the لل contraction of ل + ال) and Persian suffixes (ها، های، مان، تان،
شان، ام، ات، اش; ezafe ی only after ا/و/ه, ای only after ه). Overlaps resolve to the longest span, then
the leftmost; context rules (``glossary.context``) then keep or drop each chosen span.

Typed source forms (``Entry.source_forms``: ``adjective: آلمانی``, Arabic nisba inflections derived by
``glossary.inflect``) are searched like variants; a hit records the type it matched (``Hit.form``), a
Persian adjective followed by ها/های reads as ``people``. A Persian plural ها/های on a place name's
own variant (کابل‌های: cables) makes the hit doubtful (confidence 0.6: review, never enforced).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from glossary.context import UNCONFIRMED, ContextRules, window_words
from glossary.entry import SOURCE_LANGS, Category, Entry
from glossary.fold import SKIPPED, fold, fold_with_index, is_letter
from glossary.inflect import expand_source_form
from glossary.languages import MATCH_LANGS
from glossary.text.chars import is_arabic_script
from glossary.text.langid import detect_language

_AR_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ک", "وب", "ول", "فب", "فل", "وک"})
_FA_SUFFIXES = frozenset({"ها", "های", "مان", "تان", "شان", "ام", "ات", "اش"})
# Tajik endings glued to a name: ezafe -и/-йи, object -ро, plural -ҳо/-ҳои, "and" -у/-ю, "is" -аст.
_TG_SUFFIXES = frozenset({"и", "йи", "ро", "ҳо", "ҳои", "у", "ю", "ву", "ст", "аст"})
_HAMZA = "\u0621"
_MAX_AFFIX = 3  # longest proclitic/suffix; longer letter runs are part of another word


@dataclass(frozen=True)
class Hit:
    """A glossary term found in a text; ``start``/``end`` are ``str`` offsets into that text."""

    start: int
    end: int
    text: str
    entry: str
    target: str  # the approved English term
    lang: str
    confidence: float  # 1.0 unambiguous or confirmed by context; 0.6 ambiguous (not enforced)
    review: bool  # review-only entry, or an unconfirmed ambiguous hit: report, never enforce
    variant: str  # the glossary source form that matched
    form: str = ""  # the type of source form that matched (adjective, people, ...); "" the entry's own

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON output."""
        return asdict(self)


@dataclass(frozen=True)
class _Key:
    entry: str
    variant: str
    length: int  # folded key length
    lamlam: bool  # the key is لل + variant without its ال
    last: str  # the last folded character of the variant (for the Persian ezafe rules)
    form: str = ""  # source form type ("" for a plain variant)


class Matcher:
    """Glossary matcher over a fixed set of entries (build once, call ``match`` many times)."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._entries: dict[str, Entry] = {e.id: e for e in entries}
        self._rules = {eid: ContextRules.of(e) for eid, e in self._entries.items()}
        self._automata: dict[str, ahocorasick.Automaton | None] = {}
        self._break_cache: dict[tuple[str, str, str], frozenset[int]] = {}

    def _automaton(self, lang: str) -> ahocorasick.Automaton | None:
        if lang not in self._automata:
            keys: dict[str, list[_Key]] = {}
            for entry in self._entries.values():
                seen: set[str] = set()
                typed = [("", v) for v in entry.variants.get(lang, [])]
                for kind, form in entry.source_forms.get(lang, []):
                    typed.extend(expand_source_form(lang, kind, form))
                for kind, variant in typed:
                    key = fold(variant)
                    if not key or key in seen:
                        continue
                    seen.add(key)
                    keys.setdefault(key, []).append(_Key(entry.id, variant, len(key), False, key[-1], kind))
                    if lang == "ar" and key.startswith("ال") and len(key) > 2:
                        lamlam = "لل" + key[2:]
                        keys.setdefault(lamlam, []).append(
                            _Key(entry.id, variant, len(lamlam), True, key[-1], kind)
                        )
            if keys:
                automaton = ahocorasick.Automaton()
                for key, values in keys.items():
                    automaton.add_word(key, tuple(values))
                automaton.make_automaton()
                self._automata[lang] = automaton
            else:
                self._automata[lang] = None
        return self._automata[lang]

    def match(self, text: str, lang: str | None = None) -> list[Hit]:
        """Hits in ``text`` in order; ``lang`` is "fa" or "ar" (``None``: detected from the letters)."""
        if lang is None:
            lang = detect_source_lang(text)
            if lang is None:
                return []
        lang = MATCH_LANGS.get(lang, lang)
        if lang not in SOURCE_LANGS:
            raise ValueError(f"unsupported source language {lang!r} (expected one of {SOURCE_LANGS})")
        automaton = self._automaton(lang)
        if automaton is None or not text:
            return []
        folded = fold_with_index(text)
        spans: dict[tuple[int, int], list[tuple[_Key, str]]] = {}
        for last, keys in automaton.iter(folded.text):
            for key in keys:
                found = self._place(text, folded.index, last - key.length + 1, last, key, lang)
                if found is not None:
                    spans.setdefault(found[:2], []).append((key, found[2]))
        return self._resolve(text, spans, lang)

    def _place(
        self, text: str, index: list[int], first: int, last: int, key: _Key, lang: str
    ) -> tuple[int, int, str] | None:
        """The original span and suffix of a raw match, or ``None`` when a boundary rule fails."""
        end = index[last] + 1
        while end < len(text) and text[end] == _HAMZA:  # folded away, but part of the word (البيضاء)
            end += 1
        if key.lamlam:
            start = index[first + 2]
            before = index[first] - 1
            if before >= 0 and is_letter(text[before]) and fold(text[before]) not in ("و", "ف"):
                return None
            if end < len(text) and is_letter(text[end]):
                return None
            if not _inside_ok(text, index, first, key, 2, self._breaks(key, lang)):
                return None
            return start, end, ""
        start = index[first]
        prefix = _letters_before(text, start)
        if prefix and not (lang == "ar" and fold(prefix) in _AR_PROCLITICS):
            return None
        suffix = _letters_after(text, end)
        if suffix and not (
            (lang == "fa" and _persian_suffix_ok(fold(suffix), key.last))
            or (lang == "tg" and fold(suffix) in _TG_SUFFIXES)
        ):
            return None
        if text[start].isdigit() and start > 0 and text[start - 1].isdigit():
            return None
        if text[end - 1].isdigit() and end < len(text) and text[end].isdigit():
            return None
        if not _inside_ok(text, index, first, key, 0, self._breaks(key, lang)):
            return None
        return start, end, suffix

    def _breaks(self, key: _Key, lang: str) -> frozenset[int]:
        """Word-break positions of every form of ``key``'s entry that folds like ``key``'s form."""
        cache_key = (key.entry, key.variant, lang)
        if cache_key not in self._break_cache:
            form = _form_breaks(key.variant)[0]
            found: set[int] = set()
            entry = self._entries[key.entry]
            strings = entry.source_strings(lang)
            strings += [
                f
                for kind, f in entry.source_forms.get(lang, [])
                for _k, f in expand_source_form(lang, kind, f)
            ]
            for variant in strings:
                folded, breaks = _form_breaks(variant)
                if folded == form:
                    found |= breaks
            self._break_cache[cache_key] = frozenset(found)
        return self._break_cache[cache_key]

    def _resolve(
        self, text: str, spans: dict[tuple[int, int], list[tuple[_Key, str]]], lang: str
    ) -> list[Hit]:
        """Longest then leftmost spans without overlaps, then the context rules."""
        taken = bytearray(len(text))
        hits: list[Hit] = []
        for start, end in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            hit = self._judge(text, start, end, spans[(start, end)], lang)
            if hit is not None:
                hits.append(hit)
        hits.sort(key=lambda h: h.start)
        return hits

    def _judge(self, text: str, start: int, end: int, keys: list[tuple[_Key, str]], lang: str) -> Hit | None:
        """The best entry for a span: confirmed first, then unambiguous or unconfirmed; ``None``: dropped."""
        best: tuple[float, _Key, str] | None = None
        window: list[str] | None = None
        seen: set[str] = set()
        for key, suffix in keys:
            if key.entry in seen:
                continue
            seen.add(key.entry)
            rules = self._rules[key.entry]
            if rules is None:
                confidence: float | None = 1.0
            else:
                if window is None:
                    window = window_words(text, start, end, suffix)
                confidence = rules.judge(window)
            if confidence is not None and (best is None or confidence > best[0]):
                best = (confidence, key, suffix)
        if best is None:
            return None
        confidence, key, suffix = best
        entry = self._entries[key.entry]
        plain = not key.form
        if plain and lang == "fa" and entry.category is Category.PLACE and _persian_plural_after(text, end):
            confidence = min(confidence, UNCONFIRMED)  # کابل‌های: cables; a place is not plural
        form = key.form
        if form == "adjective" and lang == "fa" and _persian_plural_after(text, end):
            form = "people"  # آلمانی‌ها: the Germans
        return Hit(
            start=start,
            end=end,
            text=text[start:end],
            entry=entry.id,
            target=entry.english,
            lang=lang,
            confidence=confidence,
            review=entry.review_only or confidence < 1.0,
            variant=key.variant,
            form=form,
        )


# Characters that separate words inside a name; folded away, they must sit where the form has one.
_WORD_BREAKS = frozenset(" \u200c\u00a0\"“”«»'‘’-–—‐″")
_NON_JOINING = frozenset("ادذرزژو")


@lru_cache(maxsize=65536)
def _form_breaks(variant: str) -> tuple[str, frozenset[int]]:
    """The folded form and the folded positions where the form itself separates words."""
    folded = fold_with_index(variant)
    breaks = frozenset(
        p
        for p in range(1, len(folded.text))
        if any(c in _WORD_BREAKS for c in variant[folded.index[p - 1] + 1 : folded.index[p]])
    )
    return folded.text, breaks


def _inside_ok(text: str, index: list[int], first: int, key: _Key, skip: int, breaks: frozenset[int]) -> bool:
    """A word break in the text inside a match must fall where the form has one, before an article
    ال, after a letter that does not join, or between letters and digits: سازمان ملل never matches
    سازمانم لل, nor آسیای مرکزی آسیا یمرکزی."""
    form = _form_breaks(key.variant)[0]
    if len(form) != key.length:
        return True
    for p in range(max(1, skip + 1), key.length):
        lo, hi = index[first + p - 1], index[first + p]
        if hi - lo < 2 or not any(c in _WORD_BREAKS for c in text[lo + 1 : hi]):
            continue
        if p in breaks or form.startswith("ال", p) or form[p - 1] in _NON_JOINING:
            continue
        if form[p - 1].isdigit() != form[p].isdigit():
            continue
        return False
    return True


def _letters_before(text: str, start: int) -> str:
    j = start
    while j > 0 and (ch := text[j - 1]).isalpha() and ch not in SKIPPED:
        j -= 1
        if start - j > _MAX_AFFIX:
            return text[j:start]
    return text[j:start]


def _letters_after(text: str, end: int) -> str:
    j = end
    n = len(text)
    while j < n and (ch := text[j]).isalpha() and ch not in SKIPPED:
        j += 1
        if j - end > _MAX_AFFIX:
            break
    return text[end:j]


def _persian_plural_after(text: str, end: int) -> bool:
    """Whether the plural suffix ها/های follows ``text[:end]`` (glued or after a ZWNJ)."""
    j = end + 1 if end < len(text) and text[end] == "\u200c" else end
    return fold(_letters_after(text, j)) in ("ها", "های")


def _persian_suffix_ok(suffix: str, last: str) -> bool:
    """Plural/pronoun suffixes always; ezafe ی after ا/و/ه only, ای after ه only (``last``: the term's
    last folded letter)."""
    if suffix in _FA_SUFFIXES:
        return True
    if suffix == "ی":
        return last in ("ا", "و", "ه")
    if suffix == "ای":
        return last == "ه"
    return False


def detect_source_lang(text: str) -> str | None:
    """ "fa" or "ar" from the letters of ``text`` (``None`` when it has no Arabic-script letters)."""
    sample = text[:50_000]
    if not any(is_arabic_script(ch) for ch in sample):
        return None
    lang = detect_language(sample)
    return lang if lang in SOURCE_LANGS else "fa"


class EnglishFinder:
    """Finds the English forms of entries in English text: approved (``english``, ``short``) and
    ``unapproved`` variants, case-insensitively on word boundaries (all-caps acronyms of up to 5
    letters match only in capitals, so "IS" never matches "is")."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        forms: dict[str, list[tuple[str, str, bool]]] = {}
        for entry in entries:
            approved = [(f, True) for f in (entry.english, entry.short) if f.strip()]
            for form, is_approved in [*approved, *((f, False) for f in entry.unapproved if f.strip())]:
                form = form.strip()
                values = forms.setdefault(form.lower(), [])
                if all(v[0] != entry.id for v in values):
                    values.append((entry.id, form, is_approved))
        self._automaton: ahocorasick.Automaton | None = None
        if forms:
            self._automaton = ahocorasick.Automaton()
            for key, values in forms.items():
                self._automaton.add_word(key, (len(key), tuple(values)))
            self._automaton.make_automaton()

    def find(self, text: str) -> list[tuple[int, int, str, str, bool]]:
        """``(start, end, entry_id, form, approved)`` per found form, longest then leftmost, in order."""
        if self._automaton is None or not text:
            return []
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch if len(low := ch.lower()) != 1 else low for ch in text)
        spans: dict[tuple[int, int], tuple[tuple[str, str, bool], ...]] = {}
        for last, (length, values) in self._automaton.iter(lowered):
            start, end = last - length + 1, last + 1
            if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                continue
            exact = [v for v in values if not _case_sensitive(v[1]) or text[start:end] == v[1]]
            if exact:
                spans[(start, end)] = tuple(exact)
        taken = bytearray(len(text))
        out: list[tuple[int, int, str, str, bool]] = []
        for start, end in sorted(spans, key=lambda se: (se[0] - se[1], se[0])):
            if taken.find(1, start, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            out.extend((start, end, eid, form, approved) for eid, form, approved in spans[(start, end)])
        out.sort(key=lambda r: r[0])
        return out


def _case_sensitive(form: str) -> bool:
    return len(form) <= 5 and form.isupper()
