"""The evaluation report: scores per document and overall, the worst segments, the run's settings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from translate.evaluate.inputs import ScoredPair
from translate.evaluate.scores import CorpusScore, corpus_scores, sentence_chrf

WORST_COUNT = 10


@dataclass
class EvaluationReport:
    """Everything ``dragoman evaluate`` prints, as plain data."""

    settings: dict[str, Any]
    segments: int
    overall: list[CorpusScore]
    documents: dict[str, list[CorpusScore]] = field(default_factory=dict)
    worst: list[dict[str, Any]] = field(default_factory=list)
    terminology: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return asdict(self)


def build_report(
    pairs: list[ScoredPair], settings: dict[str, Any], terminology: dict[str, Any] | None = None
) -> EvaluationReport:
    """Score ``pairs`` overall and per document, and rank segments by sentence chrF."""
    hyps = [p.hypothesis for p in pairs]
    refs = [p.reference for p in pairs]
    by_doc: dict[str, list[ScoredPair]] = defaultdict(list)
    for pair in pairs:
        by_doc[pair.document].append(pair)
    documents = {}
    if len(by_doc) > 1 or "" not in by_doc:
        documents = {
            doc: corpus_scores([p.hypothesis for p in ps], [p.reference for p in ps])
            for doc, ps in sorted(by_doc.items())
        }
    chrf = sentence_chrf(hyps, refs)
    ranked = sorted(range(len(pairs)), key=lambda i: (chrf[i], i))[:WORST_COUNT]
    worst = [
        {
            "document": pairs[i].document,
            "index": i,
            "chrf": chrf[i],
            "source": pairs[i].source,
            "hypothesis": pairs[i].hypothesis,
            "reference": pairs[i].reference,
            "source_start": pairs[i].source_start,
            "source_end": pairs[i].source_end,
        }
        for i in ranked
    ]
    return EvaluationReport(settings, len(pairs), corpus_scores(hyps, refs), documents, worst, terminology)


def render_text(report: EvaluationReport) -> str:
    """A plain-text table for the terminal."""
    lines = ["settings: " + ", ".join(f"{k}={v}" for k, v in report.settings.items() if v not in (None, ""))]
    lines.append(f"segments: {report.segments}")
    header = f"{'document':<28}" + "".join(f"{s.metric:>10}" for s in report.overall)
    lines += ["", header, "-" * len(header)]
    for doc, scores in report.documents.items():
        lines.append(f"{doc:<28}" + "".join(f"{s.score:>10.2f}" for s in scores))
    lines.append(f"{'ALL':<28}" + "".join(f"{s.score:>10.2f}" for s in report.overall))
    lines += [""] + [f"{s.metric}: {s.signature}" for s in report.overall]
    if report.terminology:
        t = report.terminology
        lines += [
            "",
            f"term success rate: {t['term_success_rate']:.3f} ({t['satisfied']}/{t['required']} hits)",
            f"inconsistent entries: {len(t['inconsistent'])}; unapproved variants present: {t['unapproved']}",
        ]
    lines += ["", f"{len(report.worst)} worst segments by chrF:"]
    for w in report.worst:
        lines += [
            f"  [{w['document'] or '-'} #{w['index']}] chrF {w['chrf']:.1f}",
            f"    src: {w['source']}",
            f"    hyp: {w['hypothesis']}",
            f"    ref: {w['reference']}",
        ]
    return "\n".join(lines) + "\n"
