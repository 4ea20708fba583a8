"""Corpus and sentence scores through sacrebleu (never re-implemented here)."""

from __future__ import annotations

from dataclasses import dataclass

from sacrebleu.metrics import BLEU, CHRF, TER


@dataclass(frozen=True)
class CorpusScore:
    """One corpus-level metric with its sacrebleu signature (so results are reproducible)."""

    metric: str  # "BLEU", "chrF++", "TER"
    score: float
    signature: str
    detail: str  # sacrebleu's own one-line rendering


def corpus_metrics() -> dict[str, BLEU | CHRF | TER]:
    """The metrics Dragoman reports, configured once: BLEU, chrF++ (word n-grams 2) and TER."""
    return {"BLEU": BLEU(), "chrF++": CHRF(word_order=2), "TER": TER()}


def corpus_scores(hypotheses: list[str], references: list[str]) -> list[CorpusScore]:
    """BLEU, chrF++ and TER of ``hypotheses`` against one reference each."""
    scores = []
    for name, metric in corpus_metrics().items():
        result = metric.corpus_score(hypotheses, [references])
        scores.append(CorpusScore(name, round(result.score, 2), str(metric.get_signature()), str(result)))
    return scores


def sentence_chrf(hypotheses: list[str], references: list[str]) -> list[float]:
    """Sentence-level chrF (0-100) per pair, for ranking the worst segments."""
    chrf = CHRF()
    return [round(chrf.sentence_score(h, [r]).score, 2) for h, r in zip(hypotheses, references, strict=True)]
