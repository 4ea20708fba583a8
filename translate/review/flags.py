"""Per-row review flags: computed from a record, merged with the flags the pipeline stored in it.

Thresholds (documented in docs/review.md):

* **Length ratio** = non-space characters of the English / non-space characters of the source, for
  translated segments whose source has at least ``MIN_RATIO_CHARS`` (20) non-space characters.
  Human references for the five seeds range 0.74 to 2.07 (median 1.28), so ``< 0.5`` is flagged as
  suspiciously short (content probably dropped) and ``> 3.0`` as suspiciously long (hallucination).
* **Repeated n-grams** (words, case-folded): one word three or more times in a row ("the the the"),
  a 2- to 6-word sequence twice in a row ("security council security council"), or any 3-word
  sequence three or more times anywhere in the segment.
* **Numbers**: a source number of two or more digits missing from the English
  (``translate.review.numbers``: Persian/Arabic digits read as ASCII, dates compared part by part).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from glossary.languages import ARABIC_SCRIPT_LANGUAGES
from translate.records import SegmentRecord
from translate.review.numbers import missing_numbers

MIN_RATIO_CHARS = 20
SHORT_RATIO = 0.5
LONG_RATIO = 3.0
SEVERITIES = ("error", "warn", "info")  # "info" flags are shown but do not make a row "flagged"
# Flags that say whether the English is usable at all, whatever the terms: a translated segment
# with none of them counts as "plausible" in the headlines (term success alone can be 100% on gibberish).
USABILITY_CODES = (
    "repeated_ngram",
    "short_output",
    "long_output",
    "source_script_in_output",
    "number_mismatch",
)
PLAUSIBLE_WARNING = 0.8  # below this share of plausible segments the headline warns

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# Arabic-script letters (digits and punctuation such as ، or ۱ are left out).
_SOURCE_SCRIPT = re.compile(
    "[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06fc\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"
)
_SPACE = re.compile(r"\s+")

# Known codes: (severity, short label). Pipeline codes come from translate.terms.enforce and
# translate.pipeline.document_run; unknown codes in ``record.flags`` are shown as warnings.
LABELS: dict[str, tuple[str, str]] = {
    "term_missing": ("error", "required term missing"),
    "empty_translation": ("error", "empty output"),
    "marker_missing": ("error", "footnote marker missing"),
    "term_post_edited": ("warn", "term only post-edited"),
    "term_review": ("warn", "ambiguous term (review)"),
    "term_unapproved": ("warn", "unapproved term variant"),
    "short_output": ("warn", "output suspiciously short"),
    "long_output": ("warn", "output suspiciously long"),
    "repeated_ngram": ("warn", "repeated words"),
    "source_script_in_output": ("warn", "Persian/Arabic left in output"),
    "number_mismatch": ("warn", "number missing in output"),
    "split": ("warn", "long sentence split"),
    "passthrough": ("info", "copied unchanged"),
    "xliff_edited": ("info", "English edited in a CAT tool (XLIFF import)"),
}


@dataclass(frozen=True)
class Flag:
    """One flag on a row: a stable code, how serious it is, and a sentence for the reviewer."""

    code: str
    severity: str
    label: str
    message: str

    @property
    def attention(self) -> bool:
        """True for flags that put the row on the reviewer's work list."""
        return self.severity != "info"


def make_flag(code: str, message: str = "") -> Flag:
    """A flag with its known severity and label (unknown codes: a warning labelled with the code)."""
    severity, label = LABELS.get(code, ("warn", code.replace("_", " ")))
    return Flag(code=code, severity=severity, label=label, message=message or label)


def row_flags(record: SegmentRecord) -> list[Flag]:
    """All flags of ``record``: computed ones, then stored codes not computed; most serious first."""
    flags = compute_flags(record)
    seen = {f.code for f in flags}
    for code in record.flags:
        if code not in seen:
            seen.add(code)
            flags.append(make_flag(code))
    return sorted(flags, key=lambda f: SEVERITIES.index(f.severity))


def plausible_share(flag_lists: list[list[Flag]]) -> float | None:
    """Share of segments (one flag list each) with none of ``USABILITY_CODES``; None for no segments."""
    if not flag_lists:
        return None
    return sum(not any(f.code in USABILITY_CODES for f in flags) for flags in flag_lists) / len(flag_lists)


def compute_flags(record: SegmentRecord) -> list[Flag]:
    """Flags that follow from the record's fields alone."""
    flags = _term_flags(record)
    if record.split:
        flags.append(make_flag("split", "sentence was longer than the segment limit and was cut here"))
    if not record.translated:
        if "empty_translation" in record.flags:
            flags.append(make_flag("empty_translation", "the model returned nothing; the source is kept"))
        else:
            flags.append(make_flag("passthrough", "not Persian/Arabic text: copied to the output unchanged"))
        return flags
    if not record.target.strip():
        flags.append(make_flag("empty_translation", "the English is empty"))
        return flags
    ratio_flag = _length_flag(record.source, record.target)
    if ratio_flag:
        flags.append(ratio_flag)
    repeat = repeated_ngram(record.target)
    if repeat:
        flags.append(make_flag("repeated_ngram", f"repeated in the output: “{repeat}”"))
    if record.source_lang in ARABIC_SCRIPT_LANGUAGES and _SOURCE_SCRIPT.search(record.target):
        flags.append(make_flag("source_script_in_output", "the English contains Persian/Arabic letters"))
    lost = missing_numbers(record.source, record.target)
    if lost:
        message = "numbers of the source missing in the English: " + ", ".join(lost)
        flags.append(make_flag("number_mismatch", message))
    return flags


def length_ratio(source: str, target: str) -> float | None:
    """Non-space characters of ``target`` per non-space character of ``source`` (None: source too short)."""
    src = len(_SPACE.sub("", source))
    if src < MIN_RATIO_CHARS:
        return None
    return len(_SPACE.sub("", target)) / src


def repeated_ngram(text: str) -> str:
    """The first looping word sequence in ``text`` (see the module doc), or "" when there is none."""
    words = [w.casefold() for w in _WORD.findall(text)]
    for i in range(len(words)):
        if i + 2 < len(words) and words[i] == words[i + 1] == words[i + 2]:
            return " ".join(words[i : i + 3])
        for n in range(2, 7):
            if i + 2 * n <= len(words) and words[i : i + n] == words[i + n : i + 2 * n]:
                return " ".join(words[i : i + 2 * n])
    trigrams = Counter(tuple(words[i : i + 3]) for i in range(len(words) - 2))
    for gram, count in trigrams.items():
        if count >= 3:
            return f"{' '.join(gram)} ×{count}"
    return ""


def _length_flag(source: str, target: str) -> Flag | None:
    ratio = length_ratio(source, target)
    if ratio is None:
        return None
    if ratio < SHORT_RATIO:
        return make_flag("short_output", f"English is {ratio:.2f}× the source length (below {SHORT_RATIO})")
    if ratio > LONG_RATIO:
        return make_flag("long_output", f"English is {ratio:.2f}× the source length (above {LONG_RATIO})")
    return None


def _term_flags(record: SegmentRecord) -> list[Flag]:
    by_status: dict[str, list[str]] = {}
    for term in record.terms:
        by_status.setdefault(term.status, []).append(f"{term.required} ({term.entry})")
    flags = []
    if "missing" in by_status:
        flags.append(make_flag("term_missing", "required term missing: " + ", ".join(by_status["missing"])))
    if "post-edited" in by_status:
        names = ", ".join(by_status["post-edited"])
        flags.append(make_flag("term_post_edited", f"inserted by post-editing, check the grammar: {names}"))
    if "review" in by_status:
        names = ", ".join(by_status["review"])
        flags.append(make_flag("term_review", f"ambiguous glossary hit, decide: {names}"))
    return flags
