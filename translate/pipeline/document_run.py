"""Translate one parsed document into one ``SegmentRecord`` per segment, in document order.

Translatable segments go to the backend as ``segment.model_input`` (in chunks, grouped by source
language; the backend sorts by length inside a chunk). Passthrough and footnote segments are copied
(``translated=False``, ``target == source``). Footnote markers removed from the model input are put
back at the end of the English sentence as ``<sup>1</sup>`` and listed in ``record.markers``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from glossary.languages import SOURCE_LANGUAGES
from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.document.chars import TO_ASCII_DIGITS
from translate.document.model import Document, InlineMarker, Segment
from translate.errors import DragomanError
from translate.pipeline.cache import TranslationCache, cache_key
from translate.pipeline.terms_hook import GlossarySpec, TermPlan, plan_terms
from translate.records import SegmentRecord

SOURCE_LANGS: tuple[str, ...] = SOURCE_LANGUAGES
EMPTY_TRANSLATION = "empty_translation"  # flag: the model returned nothing; the source is kept
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")

ProgressCallback = Callable[[int], None]


@dataclass
class _Job:
    position: int  # index into the document's segment list
    segment: Segment
    lang: str
    constraints: list[str]
    hints: list[str]  # source words of each constraint
    forms: list[list[str]]  # every accepted form of each constraint (itself first)
    key: str | None = None
    target: str | None = None
    output: BackendOutput | None = None


def translate_document(
    doc: Document,
    backend: TranslationBackend,
    *,
    options: DecodeOptions,
    glossary: GlossarySpec = None,
    terms_mode: str = "off",
    cache: TranslationCache | None = None,
    on_progress: ProgressCallback | None = None,
    plan: TermPlan | None = None,
) -> list[SegmentRecord]:
    """One record per segment of ``doc``, in document order.

    ``glossary``/``terms_mode`` are handed to ``plan_terms`` (constraints and post-editing);
    identical inputs (same ``cache_key``) are translated once; ``cache`` (get/put) skips the model
    for inputs it has seen; ``on_progress(n)`` is called as
    ``n`` more segments are finished. ``plan`` (from ``document_plan``) is given for the windows
    of a streamed document, so that the glossary's document-level state spans all of them.
    """
    if plan is None:
        plan = document_plan(doc, glossary, terms_mode)
    segments = doc.segments
    jobs = [_job(doc, i, seg, plan) for i, seg in enumerate(segments) if _needs_model(seg)]
    _check_languages(doc, backend, {job.lang for job in jobs})
    done_without_model = len(segments) - len(jobs)
    for job in jobs:
        job.key = cache_key(backend, job.lang, job.segment.model_input, options, _key_terms(job))
        if cache is not None:
            if hasattr(cache, "describe"):  # a persistent memory stores the source beside the key
                cache.describe(job.key, job.lang, job.segment.model_input, backend.model_id, backend.name)
            job.target = cache.get(job.key)
            if job.target is not None:
                done_without_model += 1
    if on_progress and done_without_model:
        on_progress(done_without_model)
    pending = [j for j in jobs if j.target is None]
    first_of: dict[str | None, _Job] = {}
    for job in pending:  # identical inputs (same key) go to the model once
        first_of.setdefault(job.key, job)
    _run_backend(doc, backend, options, list(first_of.values()), cache, on_progress)
    for job in pending:
        first = first_of[job.key]
        if first is not job:
            job.target, job.output = first.target, first.output
    if on_progress and len(pending) > len(first_of):
        on_progress(len(pending) - len(first_of))

    by_position = {job.position: job for job in jobs}
    records = []
    for i, seg in enumerate(segments):
        job = by_position.get(i)
        records.append(_translated(doc, backend, plan, job) if job else _copied(doc, backend, plan, seg))
    return records


def document_plan(doc: Document, glossary: GlossarySpec, terms_mode: str) -> TermPlan:
    """The glossary and date plan of one document (``plan_terms`` with Hijri dates)."""
    from translate.dates.enforce import with_dates  # late import: it subclasses TermPlan

    return with_dates(plan_terms(doc, glossary, terms_mode), doc, terms_mode)


def _needs_model(segment: Segment) -> bool:
    return segment.translate and bool(segment.model_input.strip())


def _job(doc: Document, position: int, segment: Segment, plan: TermPlan) -> _Job:
    lang = segment.lang if segment.lang in SOURCE_LANGS else doc.lang
    return _Job(
        position,
        segment,
        lang,
        plan.constraints(segment),
        plan.constraint_sources(segment),
        plan.constraint_forms(segment),
    )


def _key_terms(job: _Job) -> list[str]:
    """The constraints as the cache key sees them: with their accepted forms when there are others."""
    if all(len(forms) <= 1 for forms in job.forms):
        return job.constraints
    return [*job.constraints, *(" | ".join(forms) for forms in job.forms)]


def _check_languages(doc: Document, backend: TranslationBackend, langs: set[str]) -> None:
    for lang in sorted(langs):
        if lang not in SOURCE_LANGS:
            raise DragomanError(
                doc.path, f"source language {lang!r} is not supported; use --source-lang fa or ar"
            )
        if not backend.supports(lang):
            raise DragomanError(
                doc.path,
                f"model {backend.model_id} cannot translate from {lang!r}; "
                "choose a model for that language or set --source-lang",
            )


def _chunk_size(options: DecodeOptions) -> int:
    """Segments per backend call: several batches, so progress moves and length sorting still pays."""
    return max(options.batch_size * 4, 16)


def _run_backend(
    doc: Document,
    backend: TranslationBackend,
    options: DecodeOptions,
    jobs: list[_Job],
    cache: TranslationCache | None,
    on_progress: ProgressCallback | None,
) -> None:
    size = _chunk_size(options)
    for lang in dict.fromkeys(job.lang for job in jobs):
        same_lang = [job for job in jobs if job.lang == lang]
        for first in range(0, len(same_lang), size):
            chunk = same_lang[first : first + size]
            constraints = [job.constraints for job in chunk]
            disjunctive = any(len(forms) > 1 for job in chunk for forms in job.forms)
            outputs = backend.translate(
                [job.segment.model_input for job in chunk],
                source_lang=lang,
                target_lang="en",
                options=options,
                constraints=constraints if any(constraints) else None,
                with_attention=True,  # word alignment (translate.terms.enforce)
                constraint_sources=[job.hints for job in chunk] if any(constraints) else None,
                **({"constraint_forms": [job.forms for job in chunk]} if disjunctive else {}),
            )
            if len(outputs) != len(chunk):
                raise DragomanError(
                    doc.path,
                    f"backend {backend.name} returned {len(outputs)} results for {len(chunk)} inputs",
                )
            for job, output in zip(chunk, outputs, strict=True):
                job.output = output
                job.target = clean_target(output.text)
                if cache is not None and job.key is not None and job.target:
                    cache.put(job.key, job.target)
            if on_progress:
                on_progress(len(chunk))


def clean_target(text: str) -> str:
    """Model output on one line: whitespace runs (line breaks included) become single spaces."""
    return _SPACE.sub(" ", text).strip()


def marker_label(marker: InlineMarker) -> str:
    """The marker's number in ASCII digits (``<sup>۱</sup>`` -> ``1``)."""
    label = marker.label or _TAG.sub("", marker.text)
    return label.translate(TO_ASCII_DIGITS).strip()


def carry_markers(target: str, markers: list[InlineMarker]) -> tuple[str, list[dict[str, Any]]]:
    """``target`` with each marker appended as ``<sup>label</sup>``, and the marker dicts for the record."""
    carried: list[dict[str, Any]] = []
    for marker in markers:
        label = marker_label(marker)
        rendered = f"<sup>{label}</sup>"
        carried.append(
            {
                "kind": marker.kind,
                "label": label,
                "source_start": marker.start,
                "source_end": marker.end,
                "source_text": marker.text,
                "target_start": len(target),
                "target_end": len(target) + len(rendered),
                "target_text": rendered,
            }
        )
        target += rendered
    return target, carried


def _base_record(doc: Document, backend: TranslationBackend, plan: TermPlan, seg: Segment) -> SegmentRecord:
    return SegmentRecord(
        document=doc.id,
        path=doc.path,
        block=seg.block,
        segment=seg.id,
        kind=str(seg.kind),
        source=seg.text,
        source_start=seg.start,
        source_end=seg.end,
        source_lang=seg.lang,
        target=seg.text,
        translated=False,
        model=backend.model_id,
        backend=backend.name,
        variant=getattr(backend, "variant", ""),
        glossary=plan.label,
        split=seg.split,
    )


def _copied(doc: Document, backend: TranslationBackend, plan: TermPlan, seg: Segment) -> SegmentRecord:
    """A passthrough/footnote segment (or one with nothing to translate): target == source."""
    return _base_record(doc, backend, plan, seg)


def _translated(doc: Document, backend: TranslationBackend, plan: TermPlan, job: _Job) -> SegmentRecord:
    record = _base_record(doc, backend, plan, job.segment)
    record.source_lang = job.lang
    finished = plan.finish(job.segment, job.target or "", job.output, job.constraints)
    target = clean_target(finished.text)
    record.terms = finished.terms
    record.alignment = list(getattr(finished, "alignment", []))
    record.flags = list(finished.flags)
    if not target:
        # Never drop a sentence: keep the source visible and flag it for the reviewer.
        record.flags.append(EMPTY_TRANSLATION)
        return record
    record.target, record.markers = carry_markers(target, job.segment.markers)
    record.translated = True
    return record
