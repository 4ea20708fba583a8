"""``parse_document``: text -> ``Document`` with blocks, languages, segments, markers and model input."""

from __future__ import annotations

from translate.document.langid import LanguageEvidence, decide, language_evidence
from translate.document.model import Block, BlockKind, Document, Segment
from translate.document.normalize import NormalizeOptions, normalize_for_model
from translate.document.segmenter import DEFAULT_MAX_CHARS, segment_text
from translate.document.structure import MARKER_RE, find_blocks, find_markers
from translate.errors import InputError

SOURCE_LANGS = ("fa", "ar")
# Below this much fa/ar evidence a block takes the document's language instead of its own guess.
_MIN_BLOCK_EVIDENCE = 4.0


def parse_document(
    text: str,
    *,
    doc_id: str = "stdin",
    path: str = "<stdin>",
    source_lang: str | None = None,
    max_segment_chars: int = DEFAULT_MAX_CHARS,
    normalize_options: NormalizeOptions | None = None,
) -> Document:
    """Split ``text`` into blocks and segments; detect the language per document and per block.

    Persian/Arabic blocks get ``translate=True`` segments (sentences, long ones cut at clause
    boundaries) with ``model_input`` filled; footnote lines and Latin/other-script lines get one
    ``translate=False`` segment each. ``source_lang`` ("fa"/"ar") forces the language of every
    Arabic-script block (and of every text block when the document has no Arabic script at all).
    Raises ``InputError`` (naming ``path``) for a document with nothing in Persian or Arabic, unless
    ``source_lang`` is given.
    """
    if source_lang is not None and source_lang not in SOURCE_LANGS:
        raise InputError(
            path, f"unsupported source language {source_lang!r}; use one of {', '.join(SOURCE_LANGS)}"
        )
    if max_segment_chars < 20:
        raise InputError(path, f"max segment length {max_segment_chars} is too small (at least 20)")
    if not text.strip():
        raise InputError(path, "contains only whitespace")
    line_blocks = find_blocks(text)
    evidence = [language_evidence(text[b.content_start : b.end]) for b in line_blocks]
    doc_lang = source_lang or _document_language(evidence)
    if doc_lang not in SOURCE_LANGS:
        if source_lang is None:
            raise InputError(
                path,
                f"no Persian or Arabic text to translate (the text looks like {_language_name(doc_lang)}); "
                "pass --source-lang fa or ar to force",
            )
    any_arabic_script = any(ev.arabic_script for ev in evidence)
    document = Document(id=doc_id, path=path, text=text, lang=doc_lang)
    for index, (line, ev) in enumerate(zip(line_blocks, evidence, strict=True)):
        lang = decide(ev, default=doc_lang)
        if lang in SOURCE_LANGS and ev.strength < _MIN_BLOCK_EVIDENCE:
            lang = doc_lang
        kind = line.kind
        translate = kind is not BlockKind.FOOTNOTE and lang in SOURCE_LANGS
        if source_lang is not None and kind is not BlockKind.FOOTNOTE:
            if ev.arabic_script or (not any_arabic_script and ev.latin_letters + ev.other_letters):
                lang, translate = source_lang, True
        if not translate and kind is not BlockKind.FOOTNOTE:
            kind = BlockKind.PASSTHROUGH
        block = Block(
            index=index,
            kind=kind,
            start=line.start,
            end=line.end,
            lang=lang,
            prefix=text[line.start : line.content_start],
            level=line.level,
        )
        if translate:
            spans = segment_text(
                text, lang, max_chars=max_segment_chars, start=line.content_start, end=line.end
            )
        else:
            spans = [(line.content_start, line.end, False)]
        for seg_index, (start, end, split) in enumerate(spans):
            seg_text = text[start:end]
            markers = find_markers(text, start, end) if "<" in seg_text else []
            model_input = ""
            if translate:
                model_input = normalize_for_model(
                    MARKER_RE.sub(" ", seg_text) if markers else seg_text, lang, normalize_options
                )
            block.segments.append(
                Segment(
                    id=f"b{index}.s{seg_index}",
                    block=index,
                    index=seg_index,
                    start=start,
                    end=end,
                    text=seg_text,
                    kind=kind,
                    lang=lang,
                    translate=translate,
                    model_input=model_input,
                    markers=markers,
                    split=split,
                )
            )
        document.blocks.append(block)
    return document


def _document_language(evidence: list[LanguageEvidence]) -> str:
    """fa/ar from all Arabic-script blocks together; otherwise the dominant script's language."""
    arabic_blocks = [ev for ev in evidence if ev.arabic_script]
    if arabic_blocks:
        persian = sum(ev.persian for ev in arabic_blocks)
        arabic = sum(ev.arabic for ev in arabic_blocks)
        minority = sum(ev.minority_letters for ev in arabic_blocks)
        letters = sum(ev.arabic_letters for ev in arabic_blocks)
        if minority >= 3 and minority > 0.02 * letters:
            return "other"
        return "ar" if arabic > persian else "fa"
    latin = sum(ev.latin_letters for ev in evidence)
    other = sum(ev.other_letters for ev in evidence)
    return "en" if latin and latin >= other else "other"


def _language_name(lang: str) -> str:
    return {"en": "English", "fa": "Persian", "ar": "Arabic"}.get(lang, "another language or script")
