"""``--format markdown``: the translation as a Markdown document in the source's layout.

Headings become Markdown headings, list items Markdown list items (``– `` -> ``- ``,
``۱٫ `` -> ``1. ``), and footnotes Markdown footnotes: each ``<sup>1</sup>`` reference becomes
``[^1]`` and the matching footnote line ``1. Rolf Welberts`` becomes the definition
``[^1]: Rolf Welberts``, in place. That conversion is done only when every reference finds a
definition after it and every definition is referenced; otherwise references and footnote lines are
kept as in the text output (``<sup>`` is valid inline HTML in Markdown), so nothing is hidden.
Blocks that the source separates by a single line break get a blank line between them (list items
excepted), so each stays its own paragraph when rendered. Translated English is escaped so that
model output cannot turn into Markdown markup, and so is copied text (passthrough and footnote lines,
``<sup>N</sup>`` references excepted): raw HTML in a source line is shown, never run.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from translate.document.chars import TO_ASCII_DIGITS
from translate.document.model import Block, BlockKind, Document
from translate.io.spool import open_spool, replay_spool
from translate.outputs.base import (
    Emit,
    OutputWriter,
    Replacement,
    StreamRenderer,
    StreamSource,
    check_records,
    latin_list_prefix,
    local_window,
    prefix_span,
    splice,
    translated_blocks,
)
from translate.records import SegmentRecord

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_FOOTNOTE_LABEL = re.compile(r"\s*(\d+)\s*[.)\-:]?\s*")
_NUMBERED = re.compile(r"\d+[.)]")
_SUP_REF = re.compile(r"<sup>[0-9\u0660-\u0669\u06f0-\u06f9]{1,4}</sup>")


def escape_markdown(text: str) -> str:
    """``text`` with the characters that start Markdown markup backslash-escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


@dataclass
class _Definition:
    block: Block
    label: str
    label_end: int  # document offset just after "1. "
    section: int
    key: str = ""


class MarkdownWriter(OutputWriter):
    """Markdown with headings, lists and footnotes."""

    name = "markdown"
    extension = "md"

    streams = True  # window by window: ``MarkdownStreamRenderer``

    def render(self, document: Document, records: Sequence[SegmentRecord]) -> str:
        check_records(document, records)
        return _render_with(document, records, _footnote_keys(document, records))

    def stream_renderer(self, source: StreamSource, emit: Emit) -> StreamRenderer:
        return MarkdownStreamRenderer(self, source, emit)


def _render_with(document: Document, records: Sequence[SegmentRecord], keys: _FootnoteKeys | None) -> str:
    """The Markdown of ``document`` (offset 0), footnotes converted as ``keys`` say (None: kept)."""
    definitions = {d.block.index: d for d in keys.definitions} if keys else {}
    replacements: list[Replacement] = []
    for rec in records:
        if rec.block in definitions:
            continue  # rendered with its footnote line below
        replacements.append((rec.source_start, rec.source_end, _render_target(rec, keys)))
    replacements += _block_markup(document, records, set(definitions))
    replacements += _paragraph_breaks(document)
    for definition in definitions.values():
        replacements.append(_render_definition(document, definition, records))
    return splice(document.text, replacements, where=document.path)


_LINE_BREAKS = ("\n", "\r\n", "\r")


class MarkdownStreamRenderer(StreamRenderer):
    """``--format markdown`` window by window, exactly what ``MarkdownWriter.render`` writes.

    Whether footnotes become Markdown footnotes depends on the whole document: every reference must
    find its definition and every definition must be referenced by a translated sentence. The
    footnote lines are found by parsing the input again before translation (``StreamSource``); when
    they could convert, each window is written both ways to two spools on disk and the right one is
    written out at the end. The line break between two windows gets its blank line as in ``render``.
    """

    def __init__(self, writer: OutputWriter, source: StreamSource, emit: Emit) -> None:
        super().__init__(writer, source, emit)
        self.definitions = _footnote_definitions(
            (block, doc.text_at(block.start, block.end)) for doc in source.documents() for block in doc.blocks
        )
        _assign_keys(self.definitions)
        self.converts = bool(self.definitions)
        self.referenced: set[int] = set()
        self.spools = [open_spool(source.spool_dir) for _ in range(2 if self.converts else 1)]
        self.gap = ""  # the text after the last block written so far (copied or doubled later)
        self.last_kind: BlockKind | None = None

    def add(self, window: Document, records: Sequence[SegmentRecord]) -> None:
        check_records(window, records)
        local, moved = local_window(window, records)
        if not local.blocks:
            self.gap += local.text
            return
        head = local.text[: local.blocks[0].start]
        tail = local.text[local.blocks[-1].end :]
        gap = self.gap + head
        if self.last_kind is not None and _doubles(gap, self.last_kind, local.blocks[0].kind):
            gap *= 2
        for spool, keys in zip(self.spools, [None, self._window_keys(window, local, records)], strict=False):
            rendered = _render_with(local, moved, keys)
            spool.write(gap + rendered[len(head) : len(rendered) - len(tail)])
        self.gap, self.last_kind = tail, local.blocks[-1].kind

    def finish(self) -> None:
        converted = self.converts and self.referenced == {id(d) for d in self.definitions}
        chosen = self.spools[1] if converted else self.spools[0]
        chosen.write(self.gap)
        replay_spool(chosen, self.emit)
        for spool in self.spools:
            spool.close()

    def _window_keys(
        self, window: Document, local: Document, records: Sequence[SegmentRecord]
    ) -> _FootnoteKeys | None:
        """The footnote keys of one window, in its own offsets; records whose references find no
        definition make the whole document keep its footnotes as they are."""
        if not self.converts:
            return None
        by_marker: dict[tuple[str, int], str] = {}
        for rec in records:
            for i, marker in enumerate(rec.markers):
                found = None
                if marker.get("target_start") is not None and rec.translated:
                    found = _definition_for(self.definitions, rec.source_end, str(marker.get("label", "")))
                if found is None:
                    self.converts = False
                    return None
                self.referenced.add(id(found))
                by_marker[(rec.segment, i)] = found.key
        blocks = {block.index: block for block in local.blocks}
        shift = window.offset
        here = [
            _Definition(blocks[d.block.index], d.label, d.label_end - shift, d.section, d.key)
            for d in self.definitions
            if d.block.index in blocks
        ]
        return _FootnoteKeys(here, by_marker)


def _doubles(gap: str, before: BlockKind, after: BlockKind) -> bool:
    """Whether the line break between two blocks becomes a blank line (see ``_paragraph_breaks``)."""
    return gap in _LINE_BREAKS and not (before == after == BlockKind.LIST_ITEM)


@dataclass
class _FootnoteKeys:
    definitions: list[_Definition]
    by_marker: dict[tuple[str, int], str]  # (segment id, marker index) -> footnote key


def escape_copied(text: str) -> str:
    """Copied (passthrough, footnote) text escaped like model output, except ``<sup>N</sup>``
    footnote references: raw HTML (``<svg onload=…>``) or a link in a copied line never runs."""
    pieces, pos = [], 0
    for match in _SUP_REF.finditer(text):
        pieces += [escape_markdown(text[pos : match.start()]), match.group()]
        pos = match.end()
    return "".join([*pieces, escape_markdown(text[pos:])])


def _render_target(rec: SegmentRecord, keys: _FootnoteKeys | None) -> str:
    if not rec.translated:
        return escape_copied(rec.target)
    pieces: list[str] = []
    pos = 0
    for i, marker in enumerate(rec.markers):
        start, end = marker.get("target_start"), marker.get("target_end")
        if start is None or end is None:
            continue
        pieces.append(escape_markdown(rec.target[pos:start]))
        key = keys.by_marker.get((rec.segment, i)) if keys else None
        pieces.append(f"[^{key}]" if key else rec.target[start:end])
        pos = end
    pieces.append(escape_markdown(rec.target[pos:]))
    return "".join(pieces)


def _block_markup(document: Document, records: Sequence[SegmentRecord], skip: set[int]) -> list[Replacement]:
    """Heading and list-marker markup for the blocks (footnote definitions excluded)."""
    done = translated_blocks(records)
    out: list[Replacement] = []
    for block in document.blocks:
        if block.index in skip:
            continue
        span = prefix_span(document, block)
        if block.kind == BlockKind.HEADING and "#" not in block.prefix and not block.part:
            out.append((block.start, block.start, "#" * max(block.level, 1) + " "))
        elif block.kind == BlockKind.LIST_ITEM and span and block.index in done:
            latin = latin_list_prefix(block.prefix).strip()
            marker = latin if _NUMBERED.fullmatch(latin) else "-"
            out.append((span[0], span[1], marker + " "))
    return out


def _paragraph_breaks(document: Document) -> list[Replacement]:
    """A blank line between blocks that a single line break separates (list items excepted), so
    Markdown renders each source line as its own paragraph instead of joining them."""
    out: list[Replacement] = []
    for block, following in itertools.pairwise(document.blocks):
        gap = document.text[block.end : following.start]
        if _doubles(gap, block.kind, following.kind):
            out.append((block.end, following.start, gap * 2))
    return out


def _render_definition(
    document: Document, definition: _Definition, records: Sequence[SegmentRecord]
) -> Replacement:
    block = definition.block
    inner = [
        (
            rec.source_start - block.start,
            rec.source_end - block.start,
            _render_target(rec, None),
        )
        for rec in records
        if rec.block == block.index
    ]
    body = splice(document.text[block.start : block.end], inner, where=document.path)
    body = body[definition.label_end - block.start :]
    return block.start, block.end, f"[^{definition.key}]: {body}"


def _footnote_definitions(blocks: Iterable[tuple[Block, str]]) -> list[_Definition]:
    """Footnote lines with their labels, grouped in sections (runs with no other block between),
    from every block of a document and its line; [] when a footnote line has no label."""
    definitions: list[_Definition] = []
    section, previous = -1, None
    for block, text in blocks:
        if block.kind != BlockKind.FOOTNOTE:
            continue
        match = _FOOTNOTE_LABEL.match(text.translate(TO_ASCII_DIGITS))
        if not match:
            return []
        if previous is None or block.index != previous + 1:
            section += 1
        definitions.append(_Definition(block, match.group(1), block.start + match.end(), section))
        previous = block.index
    return definitions


def _assign_keys(definitions: list[_Definition]) -> None:
    """Give each definition its Markdown key: its label when labels are unique, else its number."""
    labels = [d.label for d in definitions]
    unique = len(set(labels)) == len(labels)
    for n, d in enumerate(definitions, start=1):
        d.key = d.label if unique else str(n)


def _definition_for(definitions: list[_Definition], offset: int, label: str) -> _Definition | None:
    """The definition of ``label`` in the first footnote section after ``offset``, if exactly one."""
    # definitions are in document order, so their sections never decrease: the first one after
    # ``offset`` is in the first section after it (one pass, not a minimum per definition)
    section = next((d.section for d in definitions if d.block.start >= offset), None)
    if section is None:
        return None
    found = [d for d in definitions if d.section == section and d.label == label]
    return found[0] if len(found) == 1 else None


def _footnote_keys(document: Document, records: Sequence[SegmentRecord]) -> _FootnoteKeys | None:
    """Which definition each marker refers to, or None when the footnotes do not convert cleanly."""
    definitions = _footnote_definitions(
        (block, document.text_at(block.start, block.end)) for block in document.blocks
    )
    if not definitions:
        return None
    by_marker: dict[tuple[str, int], _Definition] = {}
    for rec in records:
        for i, marker in enumerate(rec.markers):
            if marker.get("target_start") is None or not rec.translated:
                return None
            found = _definition_for(definitions, rec.source_end, str(marker.get("label", "")))
            if found is None:
                return None
            by_marker[(rec.segment, i)] = found
    if {id(d) for d in by_marker.values()} != {id(d) for d in definitions}:
        return None  # an unreferenced definition would vanish from rendered Markdown
    _assign_keys(definitions)
    return _FootnoteKeys(definitions, {k: d.key for k, d in by_marker.items()})
