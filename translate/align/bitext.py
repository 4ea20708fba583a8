"""Aligning an existing English translation with its Persian or Arabic source, without a neural model.

Two passes. Paragraphs first: a monotonic Gale-Church pass over paragraphs (lengths plus anchors),
then paragraphs it left unaligned on both sides are paired when that is cheaper than leaving them
alone, which recovers paragraphs the translator moved. Then sentences, within each paragraph pair,
by the same dynamic programme over sentence beads (1-1, 1-2, 2-1, 1-0, 0-1). Costs: Gale-Church
length model, numbers in any script as anchors, glossary terms on both sides as anchors, and,
when a model is configured, a translation bridge scored with sacrebleu's chrF (as in bleualign).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from sacrebleu.metrics import CHRF

from translate.align.anchors import numbers_in, overlap
from translate.align.english_sentences import split_english
from translate.align.gale_church import BEAD_PRIOR_COST, Step, align_monotonic, length_cost

_CHRF = CHRF()


class TermAnchors(Protocol):
    """Glossary entries mentioned in a source or an English text."""

    def source(self, text: str) -> Counter[str]:
        """Entry ids found in Persian/Arabic text."""

    def target(self, text: str) -> Counter[str]:
        """Entry ids found in English text."""


@dataclass(frozen=True)
class Sentence:
    """A sentence of either side: offsets into that side's original text."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class Bead:
    """Source sentences aligned to target sentences; offsets into the two original files."""

    kind: str  # "1-1", "1-2", "2-1", "1-0", "0-1"
    source: list[int]  # sentence indices
    target: list[int]
    source_start: int | None
    source_end: int | None
    target_start: int | None
    target_end: int | None
    source_text: str
    target_text: str
    cost: float
    score: float  # 1 / (1 + exp(cost - 2)): near 1 for a confident bead, near 0 for a poor one
    moved: bool = False  # the translator put this paragraph elsewhere


@dataclass
class AlignmentResult:
    """All beads in source order, plus what the aligner measured."""

    beads: list[Bead]
    source_sentences: list[Sentence]
    target_sentences: list[Sentence]
    length_ratio: float
    stats: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class AlignerWeights:
    """Weights of the cost terms; tuned on the seed reference set."""

    anchor_hit: float = 1.5  # bonus per anchor shared by both sides of a bead
    anchor_miss: float = 0.75  # penalty per anchor on one side only
    bridge: float = 8.0  # times (chrF/100 - 0.25) when a bridge translation is available


def _score(cost: float) -> float:
    return 1.0 / (1.0 + math.exp(min(cost - 2.0, 50.0)))


class _Side:
    """One side's sentences with cached anchors."""

    def __init__(self, sentences: list[Sentence], terms: Callable[[str], Counter[str]] | None) -> None:
        self.sentences = sentences
        self.numbers = [numbers_in(s.text) for s in sentences]
        self.terms = [terms(s.text) if terms else Counter() for s in sentences]

    def anchors(self, indices: range | list[int]) -> Counter[str]:
        total: Counter[str] = Counter()
        for i in indices:
            total.update(self.numbers[i])
            total.update({f"term:{k}": v for k, v in self.terms[i].items()})
        return total

    def chars(self, indices: range | list[int]) -> int:
        return sum(len(self.sentences[i].text) for i in indices)


class BitextAligner:
    """Aligns source sentences with target sentences; see the module docstring."""

    def __init__(
        self,
        source: list[Sentence],
        target: list[Sentence],
        *,
        term_anchors: TermAnchors | None = None,
        bridge: Callable[[list[str]], list[str]] | None = None,
        weights: AlignerWeights | None = None,
    ) -> None:
        self.weights = weights or AlignerWeights()
        self.src = _Side(source, term_anchors.source if term_anchors else None)
        self.tgt = _Side(target, term_anchors.target if term_anchors else None)
        src_chars = max(1, self.src.chars(range(len(source))))
        self.ratio = max(0.2, min(5.0, self.tgt.chars(range(len(target))) / src_chars)) if target else 1.0
        self._bridge_text = bridge([s.text for s in source]) if bridge and source else None

    def bead_cost(self, src: list[int], tgt: list[int], shape: tuple[int, int] | None = None) -> float:
        """Cost of aligning these source sentences with these target sentences.

        ``shape`` is the bead type whose prior applies (paragraph beads pass their paragraph counts);
        by default the sentence counts.
        """
        i, j = shape or (len(src), len(tgt))
        prior = BEAD_PRIOR_COST.get((min(i, 2), min(j, 2)), BEAD_PRIOR_COST[(1, 0)])
        if not src or not tgt:
            return prior
        return prior + self._content_cost(tuple(src), tuple(tgt))

    @lru_cache(maxsize=200_000)  # noqa: B019 - one aligner per document pair, freed with it
    def _content_cost(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        cost = length_cost(self.src.chars(src), self.tgt.chars(tgt), self.ratio)
        shared, unshared = overlap(self.src.anchors(src), self.tgt.anchors(tgt))
        cost += self.weights.anchor_miss * unshared - self.weights.anchor_hit * shared
        if self._bridge_text is not None:
            hyp = " ".join(self._bridge_text[i] for i in src)
            ref = " ".join(self.tgt.sentences[j].text for j in tgt)
            chrf = _CHRF.sentence_score(hyp, [ref]).score / 100
            cost -= self.weights.bridge * (chrf - 0.25)
        return cost

    def _paragraph_groups(self) -> tuple[list[list[int]], list[list[int]]]:
        src_groups = _group_by_paragraph(self.src.sentences)
        tgt_groups = _group_by_paragraph(self.tgt.sentences)
        return src_groups, tgt_groups

    def align(self) -> list[Bead]:
        """Paragraphs, then sentences within paragraph pairs; beads in source order."""
        src_groups, tgt_groups = self._paragraph_groups()

        def para_cost(i0: int, i1: int, j0: int, j1: int) -> float:
            src = [s for g in src_groups[i0:i1] for s in g]
            tgt = [t for g in tgt_groups[j0:j1] for t in g]
            return self.bead_cost(src, tgt, shape=(i1 - i0, j1 - j0))

        steps = align_monotonic(len(src_groups), len(tgt_groups), para_cost)
        pairs: list[tuple[list[int], list[int], bool]] = []
        lone_src = [s for s in steps if s.j0 == s.j1]
        lone_tgt = [s for s in steps if s.i0 == s.i1]
        moved = self._pair_moved(lone_src, lone_tgt, src_groups, tgt_groups, para_cost)
        moved_src = {m[0] for m in moved}
        moved_tgt = {m[1] for m in moved}
        for step in steps:
            if step.j0 == step.j1 and step.i0 in moved_src:
                continue
            if step.i0 == step.i1 and step.j0 in moved_tgt:
                continue
            src = [s for g in src_groups[step.i0 : step.i1] for s in g]
            tgt = [t for g in tgt_groups[step.j0 : step.j1] for t in g]
            pairs.append((src, tgt, False))
        for i, j in moved:
            pairs.append((src_groups[i], tgt_groups[j], True))

        beads: list[Bead] = []
        for src, tgt, was_moved in pairs:
            beads.extend(self._align_sentences(src, tgt, was_moved))
        return _in_source_order(beads)

    def _pair_moved(
        self,
        lone_src: list[Step],
        lone_tgt: list[Step],
        src_groups: list[list[int]],
        tgt_groups: list[list[int]],
        para_cost: Callable[[int, int, int, int], float],
    ) -> list[tuple[int, int]]:
        options = []
        for s in lone_src:
            for t in lone_tgt:
                pair = para_cost(s.i0, s.i0 + 1, t.j0, t.j0 + 1)
                if pair < s.cost + t.cost:
                    options.append((pair, s.i0, t.j0))
        used_s: set[int] = set()
        used_t: set[int] = set()
        chosen = []
        for _, i, j in sorted(options):
            if i not in used_s and j not in used_t:
                used_s.add(i)
                used_t.add(j)
                chosen.append((i, j))
        return chosen

    def _align_sentences(self, src: list[int], tgt: list[int], moved: bool) -> list[Bead]:
        steps = align_monotonic(
            len(src), len(tgt), lambda i0, i1, j0, j1: self.bead_cost(src[i0:i1], tgt[j0:j1])
        )
        return [self._bead(src[s.i0 : s.i1], tgt[s.j0 : s.j1], s.cost, moved) for s in steps]

    def _bead(self, src: list[int], tgt: list[int], cost: float, moved: bool) -> Bead:
        s_sent = [self.src.sentences[i] for i in src]
        t_sent = [self.tgt.sentences[j] for j in tgt]
        return Bead(
            kind=f"{len(src)}-{len(tgt)}",
            source=src,
            target=tgt,
            source_start=s_sent[0].start if s_sent else None,
            source_end=s_sent[-1].end if s_sent else None,
            target_start=t_sent[0].start if t_sent else None,
            target_end=t_sent[-1].end if t_sent else None,
            source_text=" ".join(s.text for s in s_sent),
            target_text=" ".join(t.text for t in t_sent),
            cost=round(cost, 4),
            score=round(_score(cost), 4),
            moved=moved,
        )


def _group_by_paragraph(sentences: list[Sentence]) -> list[list[int]]:
    groups: list[list[int]] = []
    last = None
    for s in sentences:
        if s.paragraph != last:
            groups.append([])
            last = s.paragraph
        groups[-1].append(s.index)
    return groups


def _in_source_order(beads: list[Bead]) -> list[Bead]:
    """Source order; a target-only bead stays right after the bead it followed."""
    keyed = []
    last_key = -1.0
    for n, bead in enumerate(beads):
        key = float(bead.source[0]) if bead.source else last_key + 0.5
        last_key = key if bead.source else last_key
        keyed.append((key, n, bead))
    return [b for _, _, b in sorted(keyed, key=lambda x: (x[0], x[1]))]


def source_sentences(text: str, source_lang: str | None = None) -> list[Sentence]:
    """Sentences of a Persian/Arabic article, paragraph = structural block."""
    from translate.document import parse_document

    doc = parse_document(text, source_lang=source_lang)
    return [
        Sentence(index=n, paragraph=seg.block, start=seg.start, end=seg.end, text=seg.text)
        for n, seg in enumerate(doc.segments)
    ]


def english_sentences(text: str) -> list[Sentence]:
    """Sentences of an English text, paragraph = non-empty line."""
    return [
        Sentence(index=n, paragraph=para, start=start, end=end, text=text[start:end])
        for n, (para, start, end) in enumerate(split_english(text))
    ]


def align_translation(
    source_text: str,
    target_text: str,
    *,
    source_lang: str | None = None,
    term_anchors: TermAnchors | None = None,
    bridge: Callable[[list[str]], list[str]] | None = None,
    weights: AlignerWeights | None = None,
) -> AlignmentResult:
    """Align an English translation with its source article; the one entry point for ``dragoman align``."""
    src = source_sentences(source_text, source_lang)
    tgt = english_sentences(target_text)
    aligner = BitextAligner(src, tgt, term_anchors=term_anchors, bridge=bridge, weights=weights)
    beads = aligner.align()
    kinds = Counter(b.kind for b in beads)
    stats = {f"beads_{k}": float(v) for k, v in sorted(kinds.items())}
    stats["mean_score"] = round(sum(b.score for b in beads) / len(beads), 4) if beads else 0.0
    return AlignmentResult(beads, src, tgt, round(aligner.ratio, 4), stats)
