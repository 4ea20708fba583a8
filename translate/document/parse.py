"""``parse_document``: text -> ``Document`` with blocks, languages, segments, markers and model input."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from translate.document.langid import LanguageEvidence, decide, language_evidence
from translate.document.model import Block, BlockKind, Document, Segment
from translate.document.normalize import NormalizeOptions, normalize_for_model
from translate.document.segmenter import DEFAULT_MAX_CHARS, SentenceSpan, segment_text
from translate.document.structure import MARKER_RE, LineBlock, find_blocks, find_markers
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
    source_lang = check_parse_options(path, source_lang, max_segment_chars)
    if not text.strip():
        raise InputError(path, "contains only whitespace")
    line_blocks = find_blocks(text)
    languages = [line_language(text, line) for line in line_blocks]
    tally = LanguageTally(source_lang)
    for ev, cyr in languages:
        tally.add(ev, cyr)
    context = tally.context(path)
    document = Document(id=doc_id, path=path, text=text, lang=context.lang)
    for index, (line, (ev, cyr)) in enumerate(zip(line_blocks, languages, strict=True)):
        document.blocks += build_block_parts(
            text, index, line, ev, cyr, context, max_segment_chars, normalize_options
        )
    return document


def line_language(text: str, line: LineBlock) -> tuple[LanguageEvidence, str]:
    """One line's language evidence and Tajik/Russian verdict, from its content (no prefix)."""
    content = text[line.content_start : line.end]
    return language_evidence(content), tajik_or_russian(content)


@dataclass(frozen=True)
class ParseContext:
    """What every block of a document needs from the whole document: its language, the forced
    source language, and whether any block is written in that language's script."""

    lang: str
    source_lang: str | None
    any_in_script: bool


class LanguageTally:
    """The document-level language evidence, added block by block (so a stream can be scanned once
    without keeping its blocks); ``context`` gives the same answer as one pass over a whole text."""

    def __init__(self, source_lang: str | None = None) -> None:
        self.source_lang = source_lang
        self.tajik = self.russian = 0
        self.arabic_letters = self.cyrillic_letters = self.minority = 0
        self.arabic_blocks = 0
        self.persian = self.arabic = 0.0
        self.latin = self.other = 0
        self.any_in_script = False

    def add(self, ev: LanguageEvidence, cyrillic: str) -> None:
        """Count one block (its evidence and Tajik/Russian verdict)."""
        self.tajik += cyrillic == "tg"
        self.russian += cyrillic == "ru"
        if cyrillic:
            self.cyrillic_letters += ev.other_letters
        if ev.arabic_script:
            self.arabic_blocks += 1
            self.arabic_letters += ev.arabic_letters
            self.persian += ev.persian
            self.arabic += ev.arabic
            self.minority += ev.minority_letters
        self.latin += ev.latin_letters
        self.other += ev.other_letters
        if self.source_lang is not None and _in_script(ev, cyrillic, self.source_lang):
            self.any_in_script = True

    def language(self) -> str:
        """fa/ar from all Arabic-script blocks together; tg/Russian from Cyrillic ones; else the script's."""
        if (self.tajik or self.russian) and self.cyrillic_letters > self.arabic_letters:
            return "tg" if self.tajik >= self.russian else "ru"
        if self.arabic_blocks:
            if self.minority >= 3 and self.minority > 0.02 * self.arabic_letters:
                return "other"
            return "ar" if self.arabic > self.persian else "fa"
        return "en" if self.latin and self.latin >= self.other else "other"

    def context(self, path: str) -> ParseContext:
        """The document's ``ParseContext``; ``InputError`` when nothing in it can be translated."""
        doc_lang = self.source_lang or self.language()
        if doc_lang not in SOURCE_LANGS:
            raise InputError(
                path,
                f"no Persian, Arabic or Tajik text to translate (the text looks like "
                f"{_language_name(doc_lang)}); pass --source-lang fa, prs, tg or ar to force",
            )
        return ParseContext(doc_lang, self.source_lang, self.any_in_script)


def check_parse_options(path: str, source_lang: str | None, max_segment_chars: int) -> str | None:
    """The canonical ``source_lang``; ``InputError`` for a bad one or a too small segment length."""
    if source_lang is not None:
        source_lang = _canonical_source_lang(source_lang, path)
    if max_segment_chars < 20:
        raise InputError(path, f"max segment length {max_segment_chars} is too small (at least 20)")
    return source_lang


def build_block_parts(
    text: str,
    index: int,
    line: LineBlock,
    ev: LanguageEvidence,
    cyrillic: str,
    context: ParseContext,
    max_segment_chars: int = DEFAULT_MAX_CHARS,
    normalize_options: NormalizeOptions | None = None,
    part_chars: int | None = None,
) -> Iterator[Block]:
    """Block ``index`` of a document from its line (offsets into ``text``), with its segments.

    One block; or, when the line is longer than ``part_chars``, parts of whole segments of about
    ``part_chars`` characters (``Block.part``, ``Block.continued``): the sentences are found in the
    whole line once, and each part's ``Segment`` objects are made only when that part is reached,
    so a very long line (a file without line breaks) is not held as objects all at once.
    """
    doc_lang, source_lang = context.lang, context.source_lang
    lang = _block_language(ev, cyrillic, doc_lang)
    kind = line.kind
    translate = kind is not BlockKind.FOOTNOTE and lang in SOURCE_LANGS
    if source_lang is not None and kind is not BlockKind.FOOTNOTE:
        in_script = _in_script(ev, cyrillic, doc_lang)
        if in_script or (not context.any_in_script and ev.latin_letters + ev.other_letters):
            lang, translate = source_lang, True
    if not translate and kind is not BlockKind.FOOTNOTE:
        kind = BlockKind.PASSTHROUGH
    if translate:
        spans = segment_text(text, lang, max_chars=max_segment_chars, start=line.content_start, end=line.end)
    else:
        spans = [SentenceSpan(line.content_start, line.end, False)]
    cuts = _part_cuts(spans, part_chars)
    for part, (first, last) in enumerate(itertools.pairwise(cuts)):
        block = Block(
            index=index,
            kind=kind,
            start=line.start if part == 0 else spans[first].start,
            end=line.end if last == len(spans) else spans[last - 1].end,
            lang=lang,
            prefix=text[line.start : line.content_start] if part == 0 else "",
            level=line.level,
            part=part,
            continued=last < len(spans),
        )
        for seg_index in range(first, last):
            start, end, split = spans[seg_index]
            block.segments.append(
                _segment(text, index, seg_index, start, end, split, kind, lang, translate, normalize_options)
            )
        yield block


def _part_cuts(spans: list[SentenceSpan], part_chars: int | None) -> list[int]:
    """Indexes into ``spans`` where parts begin, then ``len(spans)``: one part unless the spans
    cover more than ``part_chars`` characters."""
    cuts = [0]
    if part_chars and spans and spans[-1].end - spans[0].start > part_chars:
        begin = spans[0].start
        for i, span in enumerate(spans):
            if i > cuts[-1] and span.end - begin > part_chars:
                cuts.append(i)
                begin = span.start
    return [*cuts, len(spans)]


def _segment(
    text: str,
    block: int,
    index: int,
    start: int,
    end: int,
    split: bool,
    kind: BlockKind,
    lang: str,
    translate: bool,
    normalize_options: NormalizeOptions | None,
) -> Segment:
    seg_text = text[start:end]
    markers = find_markers(text, start, end) if "<" in seg_text else []
    model_input = ""
    if translate:
        model_input = normalize_for_model(
            MARKER_RE.sub(" ", seg_text) if markers else seg_text, lang, normalize_options
        )
    return Segment(
        id=f"b{block}.s{index}",
        block=block,
        index=index,
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


def _language_name(lang: str) -> str:
    names = {"en": "English", "fa": "Persian", "ar": "Arabic", "ru": "Russian", "tg": "Tajik"}
    return names.get(lang, "another language or script")
