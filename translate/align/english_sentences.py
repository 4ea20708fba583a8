"""English paragraphs and sentences with character offsets (pysbd for sentence boundaries)."""

from __future__ import annotations

from functools import lru_cache

import pysbd


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_english(text: str) -> list[tuple[int, int, int]]:
    """``(paragraph, start, end)`` for every sentence; a paragraph is a non-empty line.

    Spans are offsets into ``text`` with surrounding whitespace trimmed.
    """
    spans: list[tuple[int, int, int]] = []
    paragraph = -1
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            paragraph += 1
            for piece in _segmenter().segment(body):
                start, end = offset + piece.start, offset + piece.end
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    spans.append((paragraph, start, end))
        offset += len(line)
    return spans
