"""Where to force missing glossary terms into a finished translation, for prefix re-decoding.

Backends without a per-step logits hook (CTranslate2) enforce constraints in two passes: a normal
decode, then, only for outputs that lack a required string, one more decode whose ``target_prefix``
already contains every required string. This module plans that prefix from the first output; it is
pure Python on token strings and cross-attention rows, so it is tested without a model.

For each required string of one output:

* written by the model (whole word, ``contains_term``): its tokens are kept where they are;
* missing, with a source hint (the source words the glossary matched): the output tokens whose
  cross-attention peaks on those source tokens are the model's own rendering of the term; that run
  (widened to whole words, at most ``max_run`` tokens) is **replaced** by the term. When no token
  attends mostly to the hint, the term is **inserted** before the word that attends to it most;
* missing, without a hint or attention: the caller supplies an insertion point (``fallback``), e.g.
  the best-scoring word boundary.

Placements never overlap a kept term or each other (a clash becomes an insertion right after the
occupied span). The prefix runs to the end of the last required string, so every required string
is inside the prefix and the re-decode cannot lose one; the model only writes what follows it.

A greedy re-decode may stop early: ``RejoinWatcher`` (a step callback) ends an example once its
continuation agrees again with the first pass (``rejoin_point``); the caller then keeps the rest of
the first pass.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from translate.decoding.acceptance import accepts
from translate.decoding.constrained_decoding import contains_term

WORD_MARK = "▁"
_IGNORED = {" ", "\u200c", "\u200d", WORD_MARK}


@dataclass
class ForcedPrefix:
    """The target prefix for the re-decode, and where each forced string sits in it."""

    tokens: list[str]  # output tokens up to the end of the last required string
    forced: dict[str, tuple[int, int]] = field(default_factory=dict)  # term -> token range in ``tokens``
    replaced: dict[str, tuple[int, int]] = field(default_factory=dict)  # term -> first-pass range it took
    consumed: int = 0  # first-pass tokens the prefix stands for: the re-decode continues after them


def starts_word(piece: str) -> bool:
    """Whether a SentencePiece token begins a new word (``▁`` marker, or punctuation)."""
    return piece.startswith(WORD_MARK) or not piece[:1].isalnum()


def word_boundaries(tokens: Sequence[str]) -> list[int]:
    """Token indices where a word starts (0 always), plus ``len(tokens)``."""
    return [p for p, piece in enumerate(tokens) if p == 0 or starts_word(piece)] + [len(tokens)]


def token_char_spans(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The text the tokens spell (``▁`` as a space, leading space dropped) and each token's span in it."""
    spans: list[tuple[int, int]] = []
    text = ""
    for piece in tokens:
        start = len(text)
        text += piece.replace(WORD_MARK, " ")
        spans.append((start, len(text)))
    lead = len(text) - len(text.lstrip(" "))
    return text[lead:], [(max(0, s - lead), max(0, e - lead)) for s, e in spans]


def term_token_span(tokens: Sequence[str], term: str) -> tuple[int, int] | None:
    """Token range of the first whole-word occurrence of ``term`` in what ``tokens`` spell."""
    text, spans = token_char_spans(tokens)
    start = text.find(term)
    while start != -1:
        end = start + len(term)
        if contains_term(text[max(0, start - 1) : end + 1], term, final=True):
            first = next(k for k, (s, e) in enumerate(spans) if e > start)
            last = max(k for k, (s, e) in enumerate(spans) if s < end)
            return first, last + 1
        start = text.find(term, start + 1)
    return None


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch not in _IGNORED)


def locate_source(source_tokens: Sequence[str], hint: str, skip: Collection[str] = ()) -> set[int]:
    """Indices of the source tokens that spell ``hint``; empty when it is not there.

    Characters are compared after NFKC with spaces and ZWNJ ignored (run-together Persian still
    matches); an occurrence that starts and ends on word boundaries wins over one inside a longer
    word (``ناتو`` is looked for as a word before it is accepted inside ``ناتوان``).
    """
    chars: list[str] = []
    owner: list[int] = []
    word_start: list[bool] = []
    for j, piece in enumerate(source_tokens):
        if piece in skip:
            continue
        folded = _folded(piece)
        for k, ch in enumerate(folded):
            chars.append(ch)
            owner.append(j)
            word_start.append(k == 0 and (starts_word(piece) or not chars[:-1]))
    key = _folded(hint)
    if not key:
        return set()
    text = "".join(chars)
    found = []
    pos = text.find(key)
    while pos != -1:
        end = pos + len(key)
        whole = word_start[pos] and (end == len(text) or word_start[end])
        found.append((not whole, not word_start[pos], pos))
        pos = text.find(key, pos + 1)
    if not found:
        return set()
    pos = min(found)[2]
    return set(owner[pos : pos + len(key)])


def aligned_run(
    tokens: Sequence[str], rows: Sequence[Sequence[float]], source_span: set[int], max_run: int = 8
) -> tuple[int, int] | None:
    """Output range (whole words) that renders ``source_span``; ``(p, p)``: insert at word start ``p``.

    ``rows[t][j]`` is the attention of output token ``t`` on source token ``j``.
    """
    if not tokens or not source_span or len(rows) < len(tokens):
        return None
    mass = [sum(row[j] for j in source_span if j < len(row)) for row in rows[: len(tokens)]]
    peak = max(range(len(tokens)), key=lambda t: (mass[t], -t))
    focus = [max(range(len(row)), key=row.__getitem__) if row else -1 for row in rows[: len(tokens)]]
    starts = word_boundaries(tokens)
    word_start = max(p for p in starts if p <= peak)
    if focus[peak] not in source_span:
        return word_start, word_start
    a, b = peak, peak + 1
    while a > 0 and focus[a - 1] in source_span and b - a < max_run:
        a -= 1
    while b < len(tokens) and focus[b] in source_span and b - a < max_run:
        b += 1
    a = max(p for p in starts if p <= a)
    b = min(p for p in starts if p >= b)
    return a, b


def plan_forced_prefix(
    tokens: Sequence[str],
    required: Sequence[str],
    pieces: dict[str, list[str]],
    text: str,
    placement: Callable[[str], tuple[int, int]],
    accepted: dict[str, Sequence[str]] | None = None,
) -> ForcedPrefix | None:
    """The prefix that contains every string of ``required``; None when ``text`` already has them all.

    ``text`` is the detokenized first output; ``placement(term)`` gives the range ``(a, b)`` of
    ``tokens`` a missing term replaces (``a == b``: inserted at ``a``). ``accepted[term]`` lists the
    forms that satisfy ``term`` as well (``translate.decoding.acceptance``): a term the model wrote in
    any of them is not missing and is never forced.
    """
    accepted = accepted or {}
    missing = [term for term in required if not accepts(text, accepted.get(term) or term)]
    if not missing:
        return None
    occupied: list[tuple[int, int]] = []
    end = 0
    for term in required:
        if term in missing:
            continue
        forms = accepted.get(term) or [term]
        span = next((found for form in forms if (found := term_token_span(tokens, form))), None)
        span = span or (len(tokens), len(tokens))  # written, but not findable in the pieces: keep all
        occupied.append(span)
        end = max(end, span[1])
    placed: list[tuple[int, int, int, str]] = []
    for order, term in enumerate(missing):
        a, b = placement(term)
        a, b = max(0, min(a, len(tokens))), max(0, min(b, len(tokens)))
        a, b = _clear_of(a, max(a, b), occupied)
        occupied.append((a, b))
        placed.append((a, b, order, term))
        end = max(end, b)
    prefix: list[str] = []
    forced: dict[str, tuple[int, int]] = {}
    replaced: dict[str, tuple[int, int]] = {}
    cursor = 0
    for a, b, _order, term in sorted(placed):
        prefix += tokens[cursor:a]
        forced[term] = (len(prefix), len(prefix) + len(pieces[term]))
        replaced[term] = (a, b)
        prefix += pieces[term]
        cursor = max(cursor, b)
    prefix += tokens[cursor:end]
    return ForcedPrefix(tokens=prefix, forced=forced, replaced=replaced, consumed=max(cursor, end))


def _clear_of(a: int, b: int, occupied: list[tuple[int, int]]) -> tuple[int, int]:
    """``(a, b)`` moved to an insertion after any occupied span it overlaps or falls inside."""
    moved = True
    while moved:
        moved = False
        for s, e in occupied:
            overlaps = a < e and s < b if a < b else s < a < e
            if overlaps:
                a = b = e
                moved = True
    return a, b


def rejoin_point(first: Sequence[str], consumed: int, continuation: Sequence[str], size: int) -> int | None:
    """Where a re-decode's ``continuation`` meets the first pass again, or None.

    The continuation follows a prefix that stands for ``first[:consumed]``. It has rejoined when its
    last ``size`` tokens equal ``first[x - size : x]`` with ``x`` within ``size`` tokens of where the
    continuation's length puts it (``consumed + len(continuation)``), never before ``consumed +
    size``, and ``first[x]`` starting a word (or ``x`` the end): then ``first[x:]`` can follow the
    continuation unchanged.
    """
    if size <= 0 or len(continuation) < size:
        return None
    tail = list(continuation[-size:])
    expected = consumed + len(continuation)
    last = min(len(first), expected + size)
    for x in range(max(consumed + size, expected - size), last + 1):
        if list(first[x - size : x]) == tail and (x == len(first) or starts_word(first[x])):
            return x
    return None


class RejoinWatcher:
    """Step callback for greedy re-decodes (CTranslate2's ``callback``): stop an example once it
    rejoins the first pass.

    After the forced prefix, the continuation is compared with the first-pass output after the same
    point (``ForcedPrefix.consumed``): when its last ``size`` tokens equal first-pass tokens that end
    at a word start ``x`` (within a few tokens of the expected place), decoding of that example stops
    and ``points[k] = x``: the output is the prefix, the continuation, then ``first[k][x:]``.
    """

    def __init__(self, plans: list[ForcedPrefix], firsts: list[list[str]], offset: int, size: int) -> None:
        self.plans = plans
        self.firsts = firsts
        self.offset = offset  # decoder prefix tokens (eng_Latn) before the forced prefix
        self.size = size
        self.active = size > 0
        self.points: dict[int, int] = {}
        self._continuations: dict[int, list[str]] = {}

    def __call__(self, step: Any) -> bool:
        k = int(step.batch_id)
        start = self.offset + len(self.plans[k].tokens)
        if k in self.points or step.step < start:
            return False
        continuation = self._continuations.setdefault(k, [])
        continuation.append(step.token)
        x = rejoin_point(self.firsts[k], self.plans[k].consumed, continuation, self.size)
        if x is None:
            return False
        self.points[k] = x
        return True
