"""Context rules for ambiguous entries: confirm/exclude phrases in a window of 3 words around a hit.

Confidence (documented contract, read by the translator and the evaluator):

- entries without ``confirm``/``exclude`` rules: every hit has confidence 1.0;
- a hit is dropped when an ``exclude`` phrase is in the window and no ``confirm`` phrase is;
- entries with ``confirm`` phrases (the source form is genuinely ambiguous: دوشنبه, آستانه, رحمان,
  القاعدة): 1.0 when a ``confirm`` phrase is in the window, else 0.6 (ambiguous: reported for
  review, never enforced);
- ``review`` phrases (the review column holding phrases instead of ``yes``) mark the other reading
  as possible but not certain: a hit with one in its window (and no ``confirm`` phrase) has
  confidence 0.6, reported for review and never enforced (زبان فرانسه: the language, not France);
- entries with ``exclude`` phrases only (طالبان, چین, کشورهای مشترک المنافع, ...): the exclude list
  names the other readings, so a hit that survives it has confidence 1.0. Scoring these 0.6 would
  leave the Taliban, China and the CIS unenforced in every document.

The window is the hit (with any suffix glued to it) plus 3 words on either side, after the matcher's
normalization (``glossary.fold``). A phrase matches when its words appear contiguously in the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.entry import Entry
from glossary.fold import words

WINDOW = 3
CONFIRMED = 1.0
UNCONFIRMED = 0.6
_LOOK = 240  # characters read on either side to find 3 words


@dataclass(frozen=True)
class ContextRules:
    """An entry's confirm/exclude phrases, folded into word tuples."""

    confirm: tuple[tuple[str, ...], ...]
    exclude: tuple[tuple[str, ...], ...]
    doubt: tuple[tuple[str, ...], ...] = ()

    @classmethod
    def of(cls, entry: Entry) -> ContextRules | None:
        """The rules of ``entry``, or ``None`` when it has none (unambiguous)."""
        confirm = tuple(p for p in (tuple(words(x)) for x in entry.confirm) if p)
        exclude = tuple(p for p in (tuple(words(x)) for x in entry.exclude) if p)
        doubt = tuple(p for p in (tuple(words(x)) for x in entry.review_context) if p)
        return cls(confirm, exclude, doubt) if confirm or exclude or doubt else None

    def judge(self, window: list[str]) -> float | None:
        """Confidence for a hit with this window, or ``None`` when the hit is dropped."""
        if any(_contains(window, p) for p in self.confirm):
            return CONFIRMED
        if any(_contains(window, p) for p in self.exclude):
            return None
        if any(_contains(window, p) for p in self.doubt):
            return UNCONFIRMED
        return UNCONFIRMED if self.confirm else CONFIRMED


def _contains(window: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    first = phrase[0]
    return any(window[i] == first and tuple(window[i : i + n]) == phrase for i in range(len(window) - n + 1))


def window_words(text: str, start: int, end: int, suffix: str = "") -> list[str]:
    """Folded words of the hit ``text[start:end]`` (+ ``suffix``) with 3 words on either side."""
    lo = max(0, start - _LOOK)
    left = words(text[lo:start])
    if lo > 0 and left:
        left = left[1:]  # the first word of the slice may be cut
    hi = min(len(text), end + _LOOK)
    right = words(text[end:hi])
    if hi < len(text) and right:
        right = right[:-1]
    return left[-WINDOW:] + words(text[start:end] + suffix) + right[:WINDOW]
