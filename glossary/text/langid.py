"""Language identification for Persian, Arabic, English and everything else, from script and letters.

Only the languages this toolkit cares about are told apart, so a small rule set beats a statistical
model here: it is exact on short lines, explainable, and fast. The evidence is

* script: the share of Arabic-script, Latin and other letters (a text is Arabic-script when at least
  a third of its letters are);
* letters that only Persian writes (پ چ ژ گ) and the Persian code points of yeh/kaf (ی ک);
* letters typical of Arabic (ة إ, and ي ك ى, which Persian web text also uses, so they weigh less),
  the article ال at the start of words;
* function words of each language (را که این است می ... / الذي في على إلى ...);
* letters of other Arabic-script languages (Urdu, Pashto, Kurdish: ٹ ڈ ڑ ے ټ ډ ښ ڵ ێ ...).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

# How much text is looked at: enough for a confident answer, bounded for multi-megabyte lines.
SAMPLE_CHARS = 20_000

# The Arabic-script letters, as the body of a regular-expression character class.
ARABIC_LETTERS = (
    r"\u0620-\u064a\u066e-\u066f\u0671-\u06d3\u06d5\u06ee-\u06ef\u06fa-\u06fc\u06ff"
    r"\u0750-\u077f\u08a0-\u08c9\ufb50-\ufdfb\ufe70-\ufefc"
)
_ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_ANY_LETTER_RE = re.compile(r"[^\W\d_]")
_ARABIC_WORD_RE = re.compile(f"[{ARABIC_LETTERS}\u064b-\u065f\u0670\u0640\u200c]+")

# Letters of Urdu, Pashto, Sindhi, Kurdish, Uyghur that neither Persian nor Arabic uses.
_MINORITY_LETTERS_RE = re.compile("[ٹڈڑںےۓټډړښږځڅۍېڼګڵڕێۆەۋۇڭۈۉڤ]")
_PERSIAN_ONLY = frozenset("پچژگ")
_FOLD = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی", "ۀ": "ه", "ة": "ه", "\u200c": ""})

# Function words, written with Persian yeh/kaf after folding (so ``في`` becomes ``فی``). Words common to
# both languages (من، ما، بین، و) are left out.
_PERSIAN_WORDS = frozenset(
    """را که این است می نمی های ها برای از با به در آن شد شده شود کرد کرده کند کنند بود باشد
    خود یک اما اگر نیز تا هم چه چون وی او ایشان آنها اینکه همه دیگر بر پس پیش سال گفت گفته
    داد داده دارد دارند هست هستند نیست بسیار کشور کشورهای یا هر چند همچنین درباره""".split()
)
_ARABIC_WORDS = frozenset(
    """فی علی الی إلی عن أن إن ان التی الذی الذین هذا هذه ذلک تلک کان کانت قد لم لن لا مع
    حیث کما وفی وقد وهو وهی هو هی بعد قبل عند منذ خلال أی ای أو او لیس ثم إذا اذا حتی غیر بما
    ولا وأن وکان وذلک التی ضد لدی لها له فیها علیه""".split()
)
# ``او`` ("he" in Persian, "or" in Arabic) is ambiguous; count it for neither.
_ARABIC_WORDS = _ARABIC_WORDS - {"او"}
_PERSIAN_WORDS = _PERSIAN_WORDS - {"او"}


@dataclass(frozen=True)
class LanguageEvidence:
    """Counts behind a language decision (useful for debugging and for weighing short lines)."""

    arabic_letters: int
    latin_letters: int
    other_letters: int
    minority_letters: int
    persian: float
    arabic: float

    @property
    def arabic_script(self) -> bool:
        """True when at least a third of the letters are Arabic-script."""
        return self.arabic_letters > 0 and 2 * self.arabic_letters >= self.latin_letters + self.other_letters

    @property
    def strength(self) -> float:
        """How much fa/ar evidence there is at all (0 for a text with no telling letter or word)."""
        return self.persian + self.arabic


def language_evidence(text: str) -> LanguageEvidence:
    """Count the script and Persian/Arabic evidence in (the first ``SAMPLE_CHARS`` of) ``text``."""
    sample = text[:SAMPLE_CHARS]
    arabic = _count(_ARABIC_LETTER_RE, sample)
    latin = _count(_LATIN_LETTER_RE, sample)
    letters = _count(_ANY_LETTER_RE, sample)
    other = max(letters - arabic - latin, 0)
    minority = _count(_MINORITY_LETTERS_RE, sample) if arabic else 0
    persian_score = 0.0
    arabic_score = 0.0
    if arabic:
        for word, count in Counter(_ARABIC_WORD_RE.findall(sample)).items():
            persian_points, arabic_points = _word_points(word)
            persian_score += persian_points * count
            arabic_score += arabic_points * count
    return LanguageEvidence(arabic, latin, other, minority, persian_score, arabic_score)


@lru_cache(maxsize=65536)
def _word_points(word: str) -> tuple[float, float]:
    """(Persian, Arabic) evidence carried by one Arabic-script word."""
    persian = 0.0
    arabic = 0.0
    folded = word.translate(_FOLD)
    if folded in _PERSIAN_WORDS:
        persian += 2
    elif folded in _ARABIC_WORDS:
        arabic += 2
    if not _PERSIAN_ONLY.isdisjoint(word):
        persian += 2
    if "ی" in word or "ک" in word:
        persian += 1
    if "ي" in word or "ك" in word or word.endswith("ى"):
        arabic += 0.5
    if "ة" in word or "إ" in word:
        arabic += 1
    if len(folded) >= 4 and folded.startswith(("ال", "وال", "بال", "فال", "کال", "لل")):
        arabic += 1
    return persian, arabic


def detect_language(text: str, *, default: str = "fa") -> str:
    """``"fa"``, ``"ar"``, ``"en"`` or ``"other"`` for a document, paragraph or line.

    ``default`` is the answer for Arabic-script text that carries no Persian or Arabic evidence at all
    (a name, a number with a unit); callers pass the document's language for its paragraphs.
    """
    return decide(language_evidence(text), default=default)


def decide(evidence: LanguageEvidence, *, default: str = "fa") -> str:
    """The language a ``LanguageEvidence`` points to (see ``detect_language``)."""
    if not evidence.arabic_script:
        if evidence.latin_letters and evidence.latin_letters >= evidence.other_letters:
            return "en"
        return "other"
    if evidence.minority_letters >= 3 and evidence.minority_letters > 0.02 * evidence.arabic_letters:
        return "other"
    if evidence.strength == 0:
        return default
    return "fa" if evidence.persian >= evidence.arabic else "ar"


def _count(pattern: re.Pattern[str], text: str) -> int:
    """Occurrences of ``pattern`` in ``text`` without building a list of matches."""
    return pattern.subn("", text)[1]
