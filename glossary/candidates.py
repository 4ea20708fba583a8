"""Term candidates for ``dragoman glossary candidates``: recurring names the glossary does not cover.

Two kinds, both skipping text already covered by a glossary hit:

- **pattern**: a head noun that starts institutional names (سازمان, جنبش, حزب, مرکز, شورای, منظمة,
  حركة, ...) followed by up to three words, cut at a function word or punctuation;
- **ngram**: word sequences of 2-4 words that recur, not starting or ending with a function word.

Common phrases are not names: a stop list (``COMMON_PHRASES``: اظهار داشت, مواد مخدر,
سازمان یافته, ...) drops them and the candidates that start or end with one; a head noun followed
by a participle (سازمان یافته "organized") starts no name; and an n-gram made only of
general-language words is dropped: words that occur at least twice in the Persian and Arabic
FLORES-200 devtest (``glossary/data/general_words.txt``, a derived word list), or in the
``general`` texts given (``--general FILE``). A name almost always has a rarer word in it.

Candidates are ranked by frequency (then length), each with example contexts and offsets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from glossary.errors import DragomanError
from glossary.fold import fold
from glossary.io.reading import read_bytes_limited
from glossary.model import Glossary

NAME_HEADS = frozenset(
    fold(w)
    for w in (
        "سازمان جنبش حزب مرکز شورای شورا کمیته اتحادیه جبهه گروه جمعیت جماعت نهاد دفتر آژانس ستاد "
        "برنامه رزمایش پیمان معاهده کنفرانس دانشگاه بنیاد انجمن "
        "منظمة حركة حزب مركز مجلس لجنة اتحاد جبهة جماعة تنظيم هيئة مكتب وكالة برنامج مناورات معاهدة"
    ).split()
)
STOPWORDS = frozenset(
    fold(w)
    for w in (
        "و در به از که را با این آن برای تا بر یا هم نیز است بود شد شده کرد کرده می ها های یک "
        "او وی ما آنها خود همه هر اما ولی چون اگر پس بین میان درباره پیش پس روی زیر "
        "في من على إلى عن أن إن مع هذا هذه ذلك التي الذي كان قد لا ما أو ثم بين حول خلال بعد قبل عند"
    ).split()
)
COMMON_PHRASES = frozenset(
    fold(w)
    for w in (
        "اظهار داشت|اظهار کرد|اظهار نمود|بیان کرد|عنوان کرد|تاکید کرد|تأکید کرد|خاطرنشان کرد|خاطر نشان کرد|"
        "اعلام کرد|ادامه داد|گفته است|در حالی|عین حال|در عین حال|به گزارش|بر اساس|به عنوان|در مورد|"
        "در زمینه|از سوی|از جمله|به منظور|با توجه|در حال|وجود دارد|صورت گرفت|قرار گرفت|قرار دارد|"
        "نه تنها|سال های اخیر|سالهای اخیر|مواد مخدر|قاچاق مواد|قاچاق مواد مخدر|سازمان یافته|"
        "جرایم سازمان یافته|جرائم سازمان یافته|کشورهای عضو|کشورهای منطقه|امنیت منطقه|تأمین امنیت|"
        "تامین امنیت|مبارزه با تروریسم|افراط گرایی|نیروهای مسلح|میلیون دلار|هزار نفر|دو کشور|"
        "قال إن|وأضاف أن|أشار إلى|من جهة|على سبيل المثال|المواد المخدرة|الجريمة المنظمة|"
        "الدول الأعضاء|مكافحة الإرهاب|القوات المسلحة|من أجل|في الوقت|في إطار|وفقا ل|تهريب المخدرات"
    ).split("|")
)
NOT_NAME_NEXT = frozenset(fold(w) for w in "یافته یافتهٔ دهی دهنده شده المنظمة".split())
MAX_CORPUS_BYTES = 20_000_000  # the largest text file read for candidates
GENERAL_MIN = 3  # occurrences in the general texts that make a word general language


def _general_words(general: dict[str, str] | None) -> frozenset[str]:
    """Folded general-language words: the shipped FLORES-derived list, plus those of ``general``."""
    from importlib import resources

    shipped = resources.files("glossary") / "data" / "general_words.txt"
    words = {w for w in shipped.read_text(encoding="utf-8").split("\n") if w and not w.startswith("#")}
    if general:
        counts: dict[str, int] = defaultdict(int)
        for text in general.values():
            for token, _s, _e in _tokens(text):
                if _is_word(token):
                    counts[fold(token)] += 1
        words |= {w for w, n in counts.items() if n >= GENERAL_MIN}
    return frozenset(words)


_TOKEN_RE = re.compile(r"[^\s\u200c\"'“”«»()\[\]{}،,.:;!?؟؛…/\\|<>*#_=+\d]+|[،,.:;!?؟؛\n]")
MAX_EXAMPLES = 3
CONTEXT_CHARS = 40


@dataclass
class Occurrence:
    """Where a candidate occurs."""

    file: str
    start: int
    end: int
    context: str


@dataclass
class Candidate:
    """A recurring word sequence that no glossary entry covers."""

    text: str
    kind: str  # "pattern" or "ngram"
    count: int = 0
    occurrences: list[Occurrence] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON record of this candidate."""
        return asdict(self)


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _is_word(token: str) -> bool:
    return token[0].isalpha()


def find_candidates(
    texts: dict[str, str],
    glossary: Glossary,
    min_count: int = 2,
    max_n: int = 4,
    general: dict[str, str] | None = None,
) -> list[Candidate]:
    """Candidates over ``texts`` (file name -> text), most frequent first; ``general``: more
    general-language texts (file name -> text) whose frequent words mark common phrases."""
    found: dict[tuple[str, str], Candidate] = {}
    common = _general_words(general)
    spans: dict[tuple[str, str], set[tuple[str, int]]] = defaultdict(set)

    def add(kind: str, name: str, text: str, start: int, end: int) -> None:
        key = (kind, fold(text[start:end]))
        cand = found.setdefault(key, Candidate(text=text[start:end], kind=kind))
        if (name, start) in spans[key]:
            return
        spans[key].add((name, start))
        cand.count += 1
        if len(cand.occurrences) < MAX_EXAMPLES:
            context = " ".join(text[max(0, start - CONTEXT_CHARS) : end + CONTEXT_CHARS].split())
            cand.occurrences.append(Occurrence(name, start, end, context))

    for name, text in texts.items():
        covered = bytearray(len(text))
        for hit in glossary.match(text):
            covered[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        tokens = _tokens(text)
        for i, (token, start, _end) in enumerate(tokens):
            if not _is_word(token) or covered[start]:
                continue
            folded = fold(token)
            if folded in NAME_HEADS and not (i + 1 < len(tokens) and fold(tokens[i + 1][0]) in NOT_NAME_NEXT):
                j = i + 1
                while j < len(tokens) and j <= i + 3:
                    nxt = tokens[j][0]
                    if not _is_word(nxt) or fold(nxt) in STOPWORDS or covered[tokens[j][1]]:
                        break
                    j += 1
                if j > i + 1:
                    add("pattern", name, text, start, tokens[j - 1][2])
            if folded in STOPWORDS:
                continue
            for n in range(2, max_n + 1):
                window = tokens[i : i + n]
                if len(window) < n or not all(_is_word(t[0]) for t in window):
                    break
                if any(covered[t[1]] for t in window) or fold(window[-1][0]) in STOPWORDS:
                    continue
                add("ngram", name, text, start, window[-1][2])
    ranked = [
        c
        for (kind, key), c in found.items()
        if c.count >= min_count
        and not any(key.startswith(p) or key.endswith(p) for p in COMMON_PHRASES)
        and "<" not in c.text
        and ">" not in c.text
        and not (kind == "ngram" and all(fold(t[0]) in common for t in _tokens(c.text) if _is_word(t[0])))
    ]
    ranked.sort(key=lambda c: (c.kind != "pattern", -c.count, -len(c.text), c.text))
    return ranked


def candidates_in_files(
    paths: list[str | Path],
    glossary: Glossary,
    min_count: int = 2,
    general: list[str | Path] | None = None,
    *,
    read: Callable[[str | Path], str] | None = None,
) -> list[Candidate]:
    """Candidates over the text files at ``paths``; ``general``: general-language text files.

    ``read`` turns a path into text; by default UTF-8 (with or without a byte-order mark). The
    translator passes ``translate.io.reading.read_text``, which also detects legacy encodings.
    """
    reader = read or read_utf8_text
    extra = {str(p): reader(p) for p in general or []}
    return find_candidates({str(p): reader(p) for p in paths}, glossary, min_count, general=extra)


def read_utf8_text(path: str | Path) -> str:
    """The UTF-8 text of ``path`` (BOM removed), at most ``MAX_CORPUS_BYTES``; one-line error otherwise."""
    data = read_bytes_limited(path, MAX_CORPUS_BYTES, str(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DragomanError(str(path), f"not UTF-8 text (byte {err.start})") from None
