"""Sentence segmentation for Persian and Arabic (and the odd English line), as character spans.

A sentence ends at ``.`` ``!`` ``?`` ``؟`` ``…`` (runs included) followed by closing quotes, brackets or
footnote markers and then whitespace or the end of the text. It does not end at ``؛`` or ``،``, inside
numbers (``3.5``, ``۴٫۹``, ``۲۶/۰۸/۲۰۰۵``: no space follows the dot), after single letters and known
abbreviations (``U.S.``, ``ج.ا.ا.``, ``Dr.``), after a list number (``1.``) that opens a sentence or
follows ``:``/``،``, or inside a quotation («…», “…”, "…") that closes later in the same line:
quoted speech stays in its sentence, and ``«… است.»`` ends the sentence after the closing guillemet.

Sentences longer than the limit are cut at clause boundaries (``؛`` ``;`` then ``،`` ``,`` then ``:``
then before a conjunction, then at a space; a text without any space is cut hard) and flagged
``split``. Spans never overlap, never include leading or trailing whitespace, and together with the
gaps between them rebuild the input exactly.
"""

from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from glossary.text.langid import ARABIC_LETTERS as _ARABIC_LETTER

DEFAULT_MAX_CHARS = 400


class SentenceSpan(NamedTuple):
    """A sentence (or a piece of a too-long one) as ``text[start:end]``."""

    start: int
    end: int
    split: bool = False


_MARKER = r"<sup>[^<>\n]{0,12}</sup>"
_BOUNDARY_RE = re.compile(
    rf"(?P<term>\.\.+|[.!?؟…!?]+)(?P<close>(?:[»”’\"')\]]|{_MARKER})*)(?=\s|$|(?P<glued>[{_ARABIC_LETTER}]))"
)
_QUOTE_OR_NEWLINE_RE = re.compile('[«»“”"\n]')
_QUOTE_PAIRS = {"«": "»", "“": "”", '"': '"'}
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")
_OPENERS = "«“\"'([‘"
_DIGITS_RE = re.compile(r"[0-9۰-۹٠-٩]{1,3}")
_ARABIC_LETTER_RE = re.compile(f"[{_ARABIC_LETTER}]")
_WORD_CHAR_RE = re.compile(r"[^\W_]")
_CONTINUATION_RE = re.compile(r"\s+(?:و|که)\s")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st gen col lt sgt capt maj cpl adm gov sen rep no nos vs etc e.g i.e cf
    jan feb mar apr jun jul aug sep sept oct nov dec inc ltd co corp jr sr fig vol pp ed eds approx""".split()
)

# Clause boundaries for cutting long sentences, best first. A cut goes after the punctuation.
_CLAUSE_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[؛;](?=\s)"),
    re.compile(r"[،,](?=\s)|،"),
    re.compile(r":(?=\s)"),
)
_CONJUNCTIONS = "و|اما|ولی|که|تا|زیرا|چون|بلکه|سپس|همچنین|درحالیکه|لکن|لكن|ثم|حيث|بينما|كما|and|but|which"
_CONJUNCTION_RE = re.compile(rf"\s+(?=(?:{_CONJUNCTIONS})\s)")
_SPACE_RE = re.compile(r"\s+")
_COMBINING_RE = re.compile("[\u064b-\u065f\u0670\u200c\u200d\u0300-\u036f]")


def split_sentences(
    text: str, lang: str = "fa", *, max_quote_chars: int = DEFAULT_MAX_CHARS
) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of ``text``; the gaps between them are whitespace only.

    ``lang`` ("fa", "ar", "en", "other") is accepted for future language-specific rules; the rules above
    hold for all of them. Quotations longer than ``max_quote_chars`` do not protect their inner
    sentence ends (a long multi-sentence quote is cut like any other text).
    """
    del lang  # the same rules serve Persian, Arabic and English text
    quotes = _quoted_intervals(text, max_quote_chars)
    quote_opens = [start for start, _ in quotes]
    spans: list[tuple[int, int]] = []
    sentence_start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if not _is_boundary(text, match, sentence_start, quotes, quote_opens):
            continue
        _add_piece(text, sentence_start, match.end(), spans)
        sentence_start = match.end()
    _add_piece(text, sentence_start, len(text), spans)
    return _merge_fragments(text, spans)


def segment_text(
    text: str, lang: str = "fa", *, max_chars: int = DEFAULT_MAX_CHARS, start: int = 0, end: int | None = None
) -> list[SentenceSpan]:
    """Sentences of ``text[start:end]`` (offsets into ``text``), long ones cut to at most ``max_chars``."""
    end = len(text) if end is None else end
    part = text[start:end]
    result: list[SentenceSpan] = []
    for s, e in split_sentences(part, lang, max_quote_chars=max_chars):
        if e - s <= max_chars:
            result.append(SentenceSpan(start + s, start + e, False))
        else:
            result.extend(
                SentenceSpan(start + a, start + b, True) for a, b in cut_long(part, s, e, max_chars)
            )
    return result


def cut_long(text: str, start: int, end: int, max_chars: int = DEFAULT_MAX_CHARS) -> list[tuple[int, int]]:
    """Cut ``text[start:end]`` into pieces of at most ``max_chars`` at the best clause boundaries."""
    if max_chars < 2:
        raise ValueError("max_chars must be at least 2")
    pieces: list[tuple[int, int]] = []
    pos = start
    while end - pos > max_chars:
        left_end, right_start = _best_cut(text, pos, pos + max_chars, max_chars // 4)
        pieces.append((pos, left_end))
        pos = right_start
        while pos < end and text[pos].isspace():
            pos += 1
    if pos < end:
        pieces.append((pos, end))
    return pieces


def _best_cut(text: str, start: int, limit: int, min_len: int) -> tuple[int, int]:
    """(end of the left piece, start of the right piece) for a cut in ``text[start + min_len:limit]``."""
    low = start + min_len
    for pattern in _CLAUSE_LEVELS:
        last = None
        for last in pattern.finditer(text, low, limit):  # noqa: B007 - the last match is wanted
            pass
        if last is not None:
            return last.end(), last.end()
    for pattern in (_CONJUNCTION_RE, _SPACE_RE):
        last = None
        for last in pattern.finditer(text, low, limit):  # noqa: B007
            pass
        if last is not None and last.start() > start:
            return last.start(), last.end()
    cut = limit
    while cut > start + 1 and _COMBINING_RE.match(text, cut):  # keep marks with their letter
        cut -= 1
    return cut, cut


def _is_boundary(
    text: str,
    match: re.Match[str],
    sentence_start: int,
    quotes: list[tuple[int, int]],
    quote_opens: list[int],
) -> bool:
    """Whether a candidate terminator really ends a sentence (see the module docstring)."""
    term_start = match.start("term")
    term = match.group("term")
    # Inside a quotation that closes after this point: quoted speech stays in its sentence.
    i = bisect.bisect_left(quote_opens, term_start) - 1
    if i >= 0 and quotes[i][1] >= match.end():
        return False
    glued = match.group("glued") is not None
    if match.group("close") and _CONTINUATION_RE.match(text, match.end()):
        return False  # «... است؟» و پاسخی نشنید: the sentence goes on after the quotation
    token_match = _TOKEN_BEFORE_RE.search(text, max(0, term_start - 40), term_start)
    token = token_match.group(1).lstrip(_OPENERS) if token_match else ""
    if term != "." and term != "..":
        return not glued or term not in ("…",)
    last_piece = token.rsplit(".", 1)[-1]
    if glued:
        # "است.او": only between two real words, never in "ج.ا.ا".
        nxt = text[match.end() : match.end() + 2]
        return (
            len(_ARABIC_LETTER_RE.findall(last_piece)) >= 2
            and len(_ARABIC_LETTER_RE.findall(nxt)) == 2
            and not match.group("close")
        )
    if len(last_piece) == 1 and _WORD_CHAR_RE.match(last_piece) and not last_piece.isdigit():
        return False  # U.S. / ج.ا.ا. / initials
    if token.lower().rstrip(".") in _ABBREVIATIONS:
        return False
    if token_match is not None and _DIGITS_RE.fullmatch(token):
        before = text[sentence_start : token_match.start(1)].rstrip()
        if not before or before[-1] in ":،,؛;":
            return False  # a list number ("1." "۲.") opening the sentence or following a colon/comma
    return True


def _quoted_intervals(text: str, max_len: int) -> list[tuple[int, int]]:
    """Outermost (open, close) index pairs of quotations closed on the same line, at most ``max_len``."""
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for match in _QUOTE_OR_NEWLINE_RE.finditer(text):
        ch = match.group()
        pos = match.start()
        if ch == "\n":
            stack.clear()
        elif stack and _QUOTE_PAIRS[stack[-1][0]] == ch:
            _, open_pos = stack.pop()
            if not stack and pos - open_pos <= max_len:
                found.append((open_pos, pos))
        elif ch in _QUOTE_PAIRS:
            stack.append((ch, pos))
        # a closing mark with no opener is ignored
    return found


def _add_piece(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``text[start:end]`` without surrounding whitespace, if anything is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def _merge_fragments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces with no letter or digit (a stray ``.``) to the sentence before them."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and not _WORD_CHAR_RE.search(text, start, end):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged
