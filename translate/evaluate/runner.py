"""The three ways to evaluate: files against a reference, a test set translated now, two runs compared."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Any

from translate.errors import InputError
from translate.evaluate.compare import paired_bootstrap
from translate.evaluate.inputs import (
    ReferenceSentence,
    ScoredPair,
    is_jsonl,
    pair_by_offsets,
    pair_lines,
    read_lines,
    read_reference,
    read_run,
)
from translate.evaluate.report import EvaluationReport, build_report, render_text

__all__ = ["compare_runs", "evaluate_files", "evaluate_testset", "render_comparison", "render_text"]


def _hypothesis_pairs(hyp: Path, ref: Path, src: Path | None) -> list[ScoredPair]:
    """Pairs from any supported combination of hypothesis and reference files."""
    if is_jsonl(ref):
        references = read_reference(ref)
        if not is_jsonl(hyp):
            raise InputError(str(hyp), "a reference-set JSONL needs a Dragoman JSONL run as hypothesis")
        records = read_run(hyp)
        references = _resolve_documents(references, {r.document for r in records})
        return pair_by_offsets(records, references)
    references_text = read_lines(ref)
    if is_jsonl(hyp):
        run = read_run(hyp)
        hypotheses = [r.target for r in run]
        sources = [r.source for r in run]
    else:
        hypotheses = read_lines(hyp)
        sources = read_lines(src) if src else [""] * len(hypotheses)
    pairs = pair_lines(hypotheses, references_text, str(hyp), str(ref))
    if src is not None and len(sources) != len(pairs):
        raise InputError(str(src), f"has {len(sources)} lines but the hypothesis has {len(pairs)}")
    return [ScoredPair(p.document, s, p.hypothesis, p.reference) for p, s in zip(pairs, sources, strict=True)]


def _resolve_documents(references: list[ReferenceSentence], documents: set[str]) -> list[ReferenceSentence]:
    """Reference ids may name a document by its prefix (``004``); use the run's full id."""
    out = []
    for r in references:
        full = next((d for d in sorted(documents) if d == r.document or d.startswith(f"{r.document}_")), None)
        out.append(
            ReferenceSentence(full or r.document, r.id, r.source_start, r.source_end, r.source, r.english)
        )
    return out


def _terminology(pairs: list[ScoredPair], glossaries: list[str] | None) -> dict[str, Any] | None:
    if not any(p.source for p in pairs):
        return None
    from translate.evaluate.terminology import terminology_metrics

    return terminology_metrics(pairs, glossaries or [])


def evaluate_files(
    hyp: Path, ref: Path, src: Path | None = None, glossaries: list[str] | None = None
) -> EvaluationReport:
    """``dragoman evaluate --hyp --ref [--src]``."""
    pairs = _hypothesis_pairs(hyp, ref, src)
    settings = {"hypothesis": str(hyp), "reference": str(ref), "source": str(src) if src else None}
    if is_jsonl(hyp):
        first = read_run(hyp)[0]
        settings.update(model=first.model, backend=first.backend, glossary=first.glossary)
    return build_report(pairs, settings, _terminology(pairs, glossaries))


def evaluate_testset(
    testset: Path,
    *,
    model: str,
    backend: str = "transformers",
    beam: int = 4,
    terms: str = "constrain",
    glossaries: list[str] | None = None,
    max_length_ratio: float = 2.0,
    precision: str | None = None,
    english_vocab: bool = False,
    progress: bool = False,
) -> EvaluationReport:
    """Translate every article of a test set with the given settings, then score it.

    A test set is a folder of articles (``<stem>.txt``) with ``reference/<prefix>.jsonl`` beside them
    (the seeds are one). ``progress``: a bar on stderr (model loading, documents, segments per second).
    """
    from translate.backends import load_backend
    from translate.backends.base import DecodeOptions
    from translate.document import parse_document
    from translate.io.reading import read_text
    from translate.pipeline import translate_document
    from translate.pipeline.progress import BatchProgress, spinner

    ref_dir = testset / "reference"
    ref_files = sorted(ref_dir.glob("*.jsonl"))
    if not ref_files:
        raise InputError(str(testset), "no reference/*.jsonl files: not a test set")
    documents = []
    for ref_file in ref_files:
        articles = sorted(testset.glob(f"{ref_file.stem}*.txt"))
        if not articles:
            raise InputError(str(ref_file), f"no article {ref_file.stem}*.txt in {testset}")
        article = articles[0]
        documents.append(parse_document(read_text(article), doc_id=article.stem, path=str(article)))
    with spinner(f"loading {model}", progress):
        engine = load_backend(backend, model, precision=precision, english_vocab=english_vocab)
    options = DecodeOptions(beam_size=beam, max_length_ratio=max_length_ratio)
    glossary = _load_glossary(glossaries) if terms != "off" else None
    records = []
    references = []
    with BatchProgress(len(documents), progress) as bar:
        for doc, ref_file in zip(documents, ref_files, strict=True):
            bar.add_segments(len(doc.segments), doc.id)
            records += translate_document(
                doc,
                engine,
                options=options,
                glossary=glossary,
                terms_mode=terms,
                on_progress=bar.segments_done,
            )
            bar.document_done()
            references += read_reference(ref_file)
    references = _resolve_documents(references, {r.document for r in records})
    pairs = pair_by_offsets(records, references)
    settings = {
        "testset": str(testset),
        "model": model,
        "backend": backend,
        "precision": getattr(engine, "precision", "float32"),
        "english_vocab": bool(getattr(engine, "english_vocab", False)),
        "beam": beam,
        "max_length_ratio": max_length_ratio,
        "terms": terms,
        "glossary": records[0].glossary if records else "",
    }
    return build_report(pairs, settings, _terminology(pairs, glossaries))


def _load_glossary(glossaries: list[str] | None):
    from glossary.model import Glossary

    return Glossary.load(*(glossaries or []))


def compare_runs(a: Path, b: Path, ref: Path, samples: int = 1000) -> dict[str, Any]:
    """``dragoman evaluate --compare A B --ref R``: scores of both and paired bootstrap significance."""
    pairs_a = _hypothesis_pairs(a, ref, None)
    pairs_b = _hypothesis_pairs(b, ref, None)
    if [p.reference for p in pairs_a] != [p.reference for p in pairs_b]:
        raise InputError(str(b), f"does not cover the same reference segments as {a}")
    references = [p.reference for p in pairs_a]
    results = paired_bootstrap(
        (str(a), [p.hypothesis for p in pairs_a]),
        (str(b), [p.hypothesis for p in pairs_b]),
        references,
        samples,
    )
    return {
        "baseline": str(a),
        "candidate": str(b),
        "reference": str(ref),
        "segments": len(references),
        "bootstrap_samples": samples,
        "metrics": [asdict(r) for r in results],
    }


def render_comparison(payload: dict[str, Any]) -> str:
    """A plain-text table of a comparison."""
    lines = [
        f"baseline:  {payload['baseline']}",
        f"candidate: {payload['candidate']}",
        f"segments: {payload['segments']}, paired bootstrap with {payload['bootstrap_samples']} resamples",
        "",
        f"{'metric':<8}{'baseline':>10}{'candidate':>11}{'p':>8}  verdict",
    ]
    for m in payload["metrics"]:
        p = "-" if m["p_value"] is None else f"{m['p_value']:.4f}"
        verdict = (
            f"{m['better']} better (p < 0.05)"
            if m["significant"] and m["better"] != "tie"
            else "no significant difference"
        )
        lines.append(f"{m['metric']:<8}{m['baseline']:>10.2f}{m['candidate']:>11.2f}{p:>8}  {verdict}")
    return "\n".join(lines) + "\n"
