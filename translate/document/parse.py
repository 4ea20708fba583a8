"""``parse_document``: text -> ``Document`` with blocks, languages, segments, markers and model input."""

from __future__ import annotations

from translate.document.langid import LanguageEvidence, decide, language_evidence
from translate.document.model import Block, BlockKind, Document, Segment
from translate.document.normalize import NormalizeOptions, normalize_for_model
from translate.document.segmenter import DEFAULT_MAX_CHARS, segment_text
from translate.document.structure import MARKER_RE, find_blocks, find_markers
from translate.document.tajik import tajik_or_russian
from translate.errors import DragomanError, InputError
from translate.models.languages import ARABIC_SCRIPT_LANGUAGES, SOURCE_LANGUAGES, normalize_language

SOURCE_LANGS = SOURCE_LANGUAGES
# Languages written in the Arabic script; Tajik (tg) is written in Cyrillic.
ARABIC_SCRIPT_LANGS = ARABIC_SCRIPT_LANGUAGES
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
    ``translate=False`` segment each. Cyrillic blocks are Tajik (``tg``) when they write Tajik letters,
    else Russian (copied). ``source_lang`` ("fa", "prs", "tg", "ar") forces the language of every block
    in its script (Arabic, or Cyrillic for tg; every text block when the document has none of that
    script): Dari (``prs``) is never guessed, only reported when the user says so.
    Raises ``InputError`` (naming ``path``) for a document with nothing in Persian, Arabic or Tajik,
    unless ``source_lang`` is given.
    """
    if source_lang is not None:
        source_lang = _canonical_source_lang(source_lang, path)
    if max_segment_chars < 20:
        raise InputError(path, f"max segment length {max_segment_chars} is too small (at least 20)")
    if not text.strip():
        raise InputError(path, "contains only whitespace")
    line_blocks = find_blocks(text)
    evidence = [language_evidence(text[b.content_start : b.end]) for b in line_blocks]
    cyrillic = [tajik_or_russian(text[b.content_start : b.end]) for b in line_blocks]
    doc_lang = source_lang or _document_language(evidence, cyrillic)
    if doc_lang not in SOURCE_LANGS:
        if source_lang is None:
            raise InputError(
                path,
                f"no Persian, Arabic or Tajik text to translate (the text looks like "
                f"{_language_name(doc_lang)}); pass --source-lang fa, prs, tg or ar to force",
            )
    in_script = [_in_script(ev, cyr, doc_lang) for ev, cyr in zip(evidence, cyrillic, strict=True)]
    any_in_script = any(in_script)
    document = Document(id=doc_id, path=path, text=text, lang=doc_lang)
    for index, (line, ev) in enumerate(zip(line_blocks, evidence, strict=True)):
        lang = _block_language(ev, cyrillic[index], doc_lang)
        kind = line.kind
        translate = kind is not BlockKind.FOOTNOTE and lang in SOURCE_LANGS
        if source_lang is not None and kind is not BlockKind.FOOTNOTE:
            if in_script[index] or (not any_in_script and ev.latin_letters + ev.other_letters):
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


def _canonical_source_lang(code: str, path: str) -> str:
    """``fa-AF`` -> ``prs``, ``tgk`` -> ``tg``...; a one-line error for anything not translatable."""
    try:
        lang = normalize_language(code)
    except DragomanError:
        lang = ""
    if lang not in SOURCE_LANGS:
        raise InputError(path, f"unsupported source language {code!r}; use one of {', '.join(SOURCE_LANGS)}")
    return lang


def _block_language(ev: LanguageEvidence, cyrillic: str, doc_lang: str) -> str:
    """One block's language: its own evidence, the document's when the evidence is thin."""
    if not ev.arabic_script and cyrillic:
        return "tg" if cyrillic == "tg" else "other"
    if not ev.arabic_script and doc_lang == "tg" and ev.other_letters > ev.latin_letters:
        return "tg"  # a short Cyrillic line (a name) in a Tajik document
    lang = decide(ev, default=doc_lang)
    if lang in SOURCE_LANGS and ev.strength < _MIN_BLOCK_EVIDENCE:
        lang = doc_lang
    if lang == "fa" and doc_lang == "prs":
        lang = "prs"  # Dari is the user's word (--source-lang prs); Persian evidence fits it
    if lang in SOURCE_LANGS and doc_lang == "tg" and ev.arabic_script:
        lang = decide(ev, default="fa")
    return lang


def _in_script(ev: LanguageEvidence, cyrillic: str, lang: str) -> bool:
    """Whether a block is written in the script of ``lang`` (Cyrillic for Tajik, else Arabic)."""
    if lang == "tg":
        return bool(cyrillic) or (not ev.arabic_script and ev.other_letters > ev.latin_letters)
    return ev.arabic_script


def _document_language(evidence: list[LanguageEvidence], cyrillic: list[str] | None = None) -> str:
    """fa/ar from all Arabic-script blocks together; tg/Russian from Cyrillic ones; else the script's."""
    cyrillic = cyrillic or [""] * len(evidence)
    tajik = sum(1 for lang in cyrillic if lang == "tg")
    russian = sum(1 for lang in cyrillic if lang == "ru")
    arabic_letters = sum(ev.arabic_letters for ev in evidence if ev.arabic_script)
    cyrillic_letters = sum(ev.other_letters for ev, lang in zip(evidence, cyrillic, strict=True) if lang)
    if (tajik or russian) and cyrillic_letters > arabic_letters:
        return "tg" if tajik >= russian else "ru"
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
    names = {"en": "English", "fa": "Persian", "ar": "Arabic", "ru": "Russian", "tg": "Tajik"}
    return names.get(lang, "another language or script")
