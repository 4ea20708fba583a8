"""Word alignment from a translation model's cross-attention, as character spans.

* Attention comes from the backend (``BackendOutput.attention``, ``[target token][source token]``):
  the **penultimate decoder layer averaged over its heads** (the single layer that aligns best in
  Garg et al. 2019; the last layer attends to what the next token needs rather than to its own
  source), special source tokens dropped and rows renormalized.
* Tokens are mapped to character spans by locating each piece in the text (robust to the
  normalizer: Arabic/Persian letter variants and digits are folded before comparing).
* Words: attention rows are summed over the source tokens of each source word and averaged over
  the tokens of each target word; a target word links to its best source word when that link is
  also the best for the source word (bidirectional intersection) or carries at least ``threshold``
  of the row's mass.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from translate.records import AlignmentLink

WORD_MARK = "▁"
_WORD = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]", re.UNICODE)
_FOLD = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura
        "\u0643": "\u06a9",  # Arabic kaf -> Persian kaf
        "\u06c1": "\u0647",  # heh goal -> heh
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0671": "\u0627",
        "\u200c": " ",  # ZWNJ
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
        "\u066b": ".",
        "\u066c": ",",
        "\u066a": "%",
    }
)

Span = tuple[int, int]


def fold(text: str) -> str:
    """A same-length comparison form of ``text`` (letter variants, digits, ZWNJ folded; lowercase)."""
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text.translate(_FOLD))


def piece_spans(
    pieces: Sequence[str], text: str, special: set[str] | frozenset[str] = frozenset()
) -> list[Span | None]:
    """Character span of each token piece in ``text`` (None for special or unplaceable pieces)."""
    folded = fold(text)
    spans: list[Span | None] = []
    cursor = 0
    for piece in pieces:
        surface = piece.replace(WORD_MARK, " ").strip()
        if not surface or piece in special or (piece.startswith("<") and piece.endswith(">")):
            spans.append(None)
            continue
        needle = fold(surface)
        at = folded.find(needle, cursor)
        if at < 0 or folded[cursor:at].strip():  # not found, or would skip over unmatched text
            near = folded.find(needle, cursor, cursor + len(needle) + 8) if at >= 0 else -1
            if near < 0:
                spans.append(None)
                continue
            at = near
        spans.append((at, at + len(needle)))
        cursor = at + len(needle)
    return spans


def char_map(model_input: str, original: str) -> list[int]:
    """For each index of ``model_input`` (and its end), the corresponding index in ``original``.

    The normalizer may drop characters (markers, tatweel, invisible marks), insert ZWNJs, collapse
    whitespace or rewrite digits, so the two strings are aligned with difflib on folded text.
    """
    a, b = fold(model_input), fold(original)
    mapping: list[int] = [-1] * (len(model_input) + 1)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(i2 - i1):
                mapping[i1 + k] = j1 + k
        elif tag == "replace":
            for k in range(i2 - i1):
                mapping[i1 + k] = j1 + min(j2 - j1 - 1, (k * (j2 - j1)) // max(1, i2 - i1))
        elif tag == "delete":
            for k in range(i1, i2):
                mapping[k] = j1
    mapping[len(model_input)] = len(original)
    for k in range(len(model_input) - 1, -1, -1):  # fill gaps from the right
        if mapping[k] < 0:
            mapping[k] = mapping[k + 1]
    return mapping


def map_span(span: Span, mapping: list[int], original: str) -> Span | None:
    """A ``model_input`` span in ``original`` coordinates, trimmed of surrounding spaces."""
    start, end = mapping[span[0]], mapping[span[1] - 1] + 1 if span[1] > span[0] else mapping[span[0]]
    while start < end and original[start].isspace():
        start += 1
    while end > start and original[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def _words(text: str) -> list[Span]:
    return [m.span() for m in _WORD.finditer(text) if any(ch.isalnum() for ch in m.group())]


def _word_index(spans: list[Span | None], words: list[Span]) -> list[int | None]:
    out: list[int | None] = []
    for span in spans:
        found = None
        if span is not None:
            for wi, (ws, we) in enumerate(words):
                if ws < span[1] and span[0] < we:
                    found = wi
                    break
        out.append(found)
    return out


def word_links(
    attention: Sequence[Sequence[float]],
    source_spans: list[Span | None],
    source_text: str,
    target_spans: list[Span | None],
    target_text: str,
    threshold: float = 0.4,
) -> list[tuple[Span, Span, float]]:
    """(source word span, target word span, score) links from token-level attention."""
    src_words, tgt_words = _words(source_text), _words(target_text)
    src_of = _word_index(source_spans, src_words)
    tgt_of = _word_index(target_spans, tgt_words)
    if not src_words or not tgt_words:
        return []
    sums: dict[int, list[float]] = {}
    counts: dict[int, int] = {}
    for ti, row in enumerate(attention):
        tw = tgt_of[ti] if ti < len(tgt_of) else None
        if tw is None:
            continue
        per_word = [0.0] * len(src_words)
        mass = 0.0
        for si, weight in enumerate(row):
            sw = src_of[si] if si < len(src_of) else None
            if sw is not None:
                per_word[sw] += float(weight)
                mass += float(weight)
        if mass <= 0:
            continue
        acc = sums.setdefault(tw, [0.0] * len(src_words))
        for sw, value in enumerate(per_word):
            acc[sw] += value / mass  # renormalized over real source words (no </s>, language codes)
        counts[tw] = counts.get(tw, 0) + 1
    matrix = {tw: [v / counts[tw] for v in acc] for tw, acc in sums.items()}
    best_target_for: dict[int, int] = {}
    for sw in range(len(src_words)):
        column = [(matrix[tw][sw], tw) for tw in matrix]
        if column:
            best_target_for[sw] = max(column)[1]
    links = []
    for tw, row in sorted(matrix.items()):
        sw = max(range(len(row)), key=row.__getitem__)
        if best_target_for.get(sw) == tw or row[sw] >= threshold:
            links.append((src_words[sw], tgt_words[tw], round(row[sw], 4)))
    return links


def alignment_links(
    attention: Sequence[Sequence[float]] | None,
    source_tokens: Sequence[str],
    target_tokens: Sequence[str],
    model_input: str,
    segment_text: str,
    segment_start: int,
    target: str,
    special: set[str] | frozenset[str] = frozenset(),
) -> list[AlignmentLink]:
    """Word links for one segment: source spans in document offsets, target spans in ``target``."""
    if not attention or not source_tokens or not target_tokens:
        return []
    src_spans = piece_spans(source_tokens, model_input, special)
    tgt_spans = piece_spans(target_tokens, target, special)
    mapping = char_map(model_input, segment_text)
    links: list[AlignmentLink] = []
    for (s0, s1), (t0, t1), score in word_links(attention, src_spans, model_input, tgt_spans, target):
        mapped = map_span((s0, s1), mapping, segment_text)
        if mapped is None:
            continue
        links.append(
            AlignmentLink(
                source_start=segment_start + mapped[0],
                source_end=segment_start + mapped[1],
                target_start=t0,
                target_end=t1,
                score=score,
                kind="word",
            )
        )
    return links


def token_span_union(spans: list[Span | None], positions: Sequence[int]) -> Span | None:
    """The character span covered by the tokens at ``positions`` (None if none is placed)."""
    placed = [spans[p] for p in positions if 0 <= p < len(spans) and spans[p] is not None]
    if not placed:
        return None
    return min(s for s, _ in placed), max(e for _, e in placed)
