"""Spelling variants made by rule and from CLDR, written to ``glossary/data/variants.tsv``.

Run ``python -m glossary.variants`` (needs Babel) after changing ``default.tsv``: it rewrites the
generated rows of ``variants.tsv`` and keeps the curated ones. Generation happens at build time, not
at run time, so the glossary in force (and its hash) never changes with an installed Babel version
and every generated form can be reviewed in the diff.

Rules (``origin`` ``rule:NAME``):

- ``afghan-stan``: Afghan (Dari) ``تاجکستان`` for Iranian ``تاجیکستان`` inside any Persian form;
- ``afghan-border``: Dari ``سرحد``/``سرحدی`` for ``مرز``/``مرزی`` in compounds (``نیروهای سرحدی``);
- ``afghan-police``: Dari ``پولیس`` for ``پلیس``;
- ``ov-suffix``: Russian-style surnames in Persian: ``-وف`` / ``-اف`` / `` اف`` / ``-یف`` / ``-یوف``;
- ``g-letter``: Russian g as ``گ``/``غ`` in Persian and ``غ``/``ج`` in Arabic;
- ``long-vowel``: one long-vowel letter (ا ی و) dropped, or ا/ی inserted between two consonants, in
  the last word of a name of the region (Arabic ``باتكن``/``باتكين``, ``خجند``/``خجاند``).

Rules apply to people and places of Central Asia, Afghanistan and Russia (``facets.tsv``), except
the Afghan rules, which apply to every Persian form. CLDR (``origin`` ``cldr:LOCALE``): localized names
of the entries with a territory in ``facets.tsv`` from Babel for ``fa``, ``fa_AF`` (Persian forms),
``ar``, and ``tg`` (Tajik Cyrillic) and ``ps`` (Pashto), which are kept but not matched.

A generated form is dropped when it equals a form of another entry after normalization, is shorter
than five letters, or when the word the rule changed is a common word of the language
(``glossary/data/common_words.tsv``, word counts of the FLORES-200 devtest sentences).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from glossary.entry import Category, Entry
from glossary.fold import fold
from glossary.languages import ARABIC_SCRIPT_COLUMNS
from glossary.supplement import (
    CURATED,
    ExtraForm,
    data_path,
    read_facets,
    read_supplement,
    write_supplement,
)

REGION = frozenset({"TJ", "KG", "UZ", "KZ", "TM", "AF", "RU"})
NAME_CATEGORIES = frozenset({Category.PERSON, Category.PLACE})
MIN_LETTERS = 5
CLDR_LOCALES: dict[str, str] = {"fa": "fa", "fa_AF": "fa", "ar": "ar", "tg": "tg", "ps": "ps"}
VOWELS = {"fa": "ایو", "ar": "ايو"}
INSERTED = {"fa": "ای", "ar": "اي"}
G_SWAPS = {"fa": (("گ", "غ"), ("غ", "گ")), "ar": (("غ", "ج"), ("ج", "غ"))}


def read_common_words(path: str | Path | None = None) -> dict[str, set[str]]:
    """Language -> folded common words (``common_words.tsv``: ``lang``, ``word``, ``count``)."""
    path = Path(path) if path else data_path("common_words.tsv")
    common: dict[str, set[str]] = {}
    if not path.is_file():
        return common
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        lang, word, _count = line.split("\t")
        common.setdefault(lang, set()).add(word)
    return common


def count_common_words(corpora: dict[str, Path], min_count: int = 2) -> str:
    """The ``common_words.tsv`` text for ``lang -> corpus file`` (one sentence a line): folded words
    seen at least ``min_count`` times, most frequent first."""
    from collections import Counter

    from glossary.fold import words

    rows = ["lang\tword\tcount"]
    for lang, path in sorted(corpora.items()):
        counts = Counter(w for line in path.read_text(encoding="utf-8").splitlines() for w in words(line))
        ranked = sorted(((n, w) for w, n in counts.items() if n >= min_count), key=lambda p: (-p[0], p[1]))
        rows += [f"{lang}\t{w}\t{n}" for n, w in ranked]
    return "\n".join(rows) + "\n"


def _replace_word(form: str, old: str, new: str) -> str:
    return " ".join(new if w == old else w for w in form.split(" "))


def afghan_forms(form: str) -> Iterator[tuple[str, str, str]]:
    """``(rule, variant, changed word)`` for the Dari spellings of a Persian form."""
    if "تاجیکستان" in form:
        yield "afghan-stan", form.replace("تاجیکستان", "تاجکستان"), "تاجکستان"
    words = form.split(" ")
    for old, new in (("مرزی", "سرحدی"), ("مرز", "سرحد")):
        if old in words and len(words) > 1:
            yield "afghan-border", _replace_word(form, old, new), new
    if "پلیس" in words:
        yield "afghan-police", _replace_word(form, "پلیس", "پولیس"), "پولیس"


def _last_word(form: str) -> tuple[str, str]:
    head, _, last = form.rpartition(" ")
    return (head + " " if head else ""), last


def ov_suffix_forms(form: str) -> Iterator[tuple[str, str, str]]:
    """Persian surname endings: رحمانوف -> رحمانف, رحمان اف; کاملاف -> کاملوف; توکایف <-> توکایوف."""
    head, last = _last_word(form)
    if len(last) < 4:
        return
    stems: list[str] = []
    if last.endswith("یوف"):
        stems = [head + last[:-3] + "یف"]
    elif last.endswith("یف"):
        stems = [head + last[:-2] + "یوف"]
    elif last.endswith("وف"):
        stems = [head + last[:-2] + "ف", head + last[:-2] + " اف"]
    elif last.endswith("اف"):
        stems = [head + last[:-2] + "وف"]
    for variant in stems:
        yield "ov-suffix", variant, variant.rsplit(" ", 1)[-1]


def g_letter_forms(form: str, lang: str) -> Iterator[tuple[str, str, str]]:
    """One Russian g letter swapped (Persian گ/غ, Arabic غ/ج)."""
    for old, new in G_SWAPS.get(lang, ()):
        for k, ch in enumerate(form):
            if ch == old:
                variant = form[:k] + new + form[k + 1 :]
                yield "g-letter", variant, variant.split(" ")[-1]


def long_vowel_forms(form: str, lang: str) -> Iterator[tuple[str, str, str]]:
    """One long vowel letter dropped or inserted in the last word of ``form``."""
    head, last = _last_word(form)
    vowels, inserted = VOWELS[lang], INSERTED[lang]
    start = 2 if lang == "ar" and last.startswith("ال") else 1
    if len(last) - start < 3:
        return
    for k in range(start, len(last) - 1):
        if last[k] in vowels:
            word = last[:k] + last[k + 1 :]
            yield "long-vowel", head + word, word
    for k in range(start, len(last)):
        if last[k - 1] not in vowels and last[k] not in vowels:
            for vowel in inserted:
                word = last[:k] + vowel + last[k:]
                yield "long-vowel", head + word, word


def rule_forms(entry: Entry, country: str) -> Iterator[tuple[str, str, str, str, str]]:
    """``(lang, variant, origin, source, changed word)`` for every rule that applies to ``entry``."""
    for form in entry.variants.get("fa", []):
        for rule, variant, word in afghan_forms(form):
            yield "fa", variant, f"rule:{rule}", f"from {form}", word
    if entry.category not in NAME_CATEGORIES or country not in REGION:
        return
    for lang in ARABIC_SCRIPT_COLUMNS:
        for form in entry.variants.get(lang, []):
            if len(form.split(" ")) > 2 or not form.strip():
                continue
            makers = [g_letter_forms(form, lang), long_vowel_forms(form, lang)]
            if lang == "fa" and entry.category is Category.PERSON:
                makers.append(ov_suffix_forms(form))
            for maker in makers:
                for rule, variant, word in maker:
                    yield lang, variant, f"rule:{rule}", f"from {form}", word


def cldr_forms(territory: str) -> Iterator[tuple[str, str, str, str]]:
    """``(lang, name, origin, source)`` for a CLDR territory code in the locales of ``CLDR_LOCALES``."""
    import babel
    from babel import Locale

    for locale, lang in CLDR_LOCALES.items():
        name = Locale.parse(locale).territories.get(territory, "")
        if name and "(" not in name:
            yield lang, name, f"cldr:{locale}", f"CLDR territory {territory} (Babel {babel.__version__})"


def cldr_language_names(code: str) -> dict[str, str]:
    """Locale -> the name of language ``code`` in it (``fa``, ``fa_AF``, ``ar``, ``tg``, ``ps``); for
    the sense rules that tell a language name from a place name."""
    from babel import Locale

    return {loc: Locale.parse(loc).languages.get(code, "") for loc in CLDR_LOCALES}


def generate(
    entries: list[Entry], facets: dict, common: dict[str, set[str]], with_cldr: bool = True
) -> list[ExtraForm]:
    """Generated forms for ``entries`` (the curated ``variants.tsv`` rows already applied)."""
    owners: dict[tuple[str, str], str] = {}
    for entry in entries:
        for lang, forms in entry.variants.items():
            for form in forms:
                owners.setdefault((lang, fold(form)), entry.id)
    made: list[ExtraForm] = []
    for entry in entries:
        facet = facets.get(entry.id)
        country = facet.country if facet else "other"
        candidates: list[tuple[str, str, str, str, str]] = []
        if with_cldr and facet and facet.territory:
            candidates += [
                (lang, name, origin, source, "") for lang, name, origin, source in cldr_forms(facet.territory)
            ]
        candidates += list(rule_forms(entry, country))
        for lang, variant, origin, source, word in candidates:
            key = fold(variant)
            if lang in ARABIC_SCRIPT_COLUMNS:
                if len(key) < MIN_LETTERS or (lang, key) in owners:
                    continue
                if word and fold(word) in common.get(lang, set()):
                    continue
            elif (lang, key) in owners:
                continue
            owners[(lang, key)] = entry.id
            made.append(ExtraForm(entry.id, lang, variant, origin, source))
    return made


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated rows of ``variants.tsv`` (curated rows first, kept as they are)."""
    parser = argparse.ArgumentParser(
        description="Regenerate the rule and CLDR variants of the default glossary."
    )
    parser.add_argument("--output", type=Path, default=data_path("variants.tsv"))
    parser.add_argument("--check", action="store_true", help="Exit 1 when the file is not up to date.")
    parser.add_argument(
        "--count-words",
        nargs="+",
        metavar="LANG=FILE",
        help="Rebuild common_words.tsv from these corpora first (e.g. fa=devtest.fa ar=devtest.ar).",
    )
    args = parser.parse_args(argv)
    if args.count_words:
        from glossary.io.atomic import atomic_write_text

        corpora = {spec.split("=", 1)[0]: Path(spec.split("=", 1)[1]) for spec in args.count_words}
        atomic_write_text(data_path("common_words.tsv"), count_common_words(corpora))
    from glossary.store import default_path, read_entries
    from glossary.supplement import apply_supplement

    current = read_supplement(args.output) if args.output.is_file() else []
    curated = [f for f in current if f.origin == CURATED]
    entries = apply_supplement(read_entries(default_path()), curated)
    made = generate(entries, read_facets(data_path("facets.tsv")), read_common_words())
    text = write_supplement(curated + made)
    if args.check:
        same = args.output.is_file() and args.output.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.output} is not up to date: run python -m glossary.variants")
        return 0 if same else 1
    from glossary.io.atomic import atomic_write_text

    atomic_write_text(args.output, text)
    print(f"{args.output}: {len(curated)} curated, {len(made)} generated forms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
