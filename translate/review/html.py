"""The side-by-side review page: one self-contained HTML file, safe to open on any input.

Every string from the records is escaped with ``html.escape`` before it joins the page; the data
the script needs travels as JSON in a ``<script type="application/json">`` block with ``<``, ``>``
and ``&`` written as ``\\u003c`` etc. The Content-Security-Policy allows only the page's own inline
style and script (by sha256 hash): no network requests, fonts, frames or forms. Bidi controls in the
text are shown as visible ``⟨U+202E⟩`` markers, and every cell is bidi-isolated.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO

from translate.io.spool import replay_byte_range
from translate.records import SegmentRecord, TermRecord
from translate.review.base import RTL_LANGS, DocumentGroup, ReviewMeta, ReviewWriter, distinct
from translate.review.flags import PLAUSIBLE_WARNING, row_flags
from translate.review.html_assets import CSS, JS
from translate.review.html_figures import Figures, Hues, Row, entry_hue, slice_text

# Invisible format/control characters shown as markers: bidi embeddings, overrides and isolates,
# directional marks, C0/C1 controls other than tab and line breaks, BOM and the like.
_SHOW_AS_CODE = re.compile(
    "[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\u2028\u2029"
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
_ESCAPED_MARKER = re.compile(r"&lt;sup&gt;([^&<>\n]{1,12})&lt;/sup&gt;", re.IGNORECASE)
_LANG_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8})*")


def esc(text: str) -> str:
    """``html.escape`` with quotes, for text and attribute values alike."""
    return html.escape(text, quote=True)


def visible(text: str) -> str:
    """Escaped ``text`` with invisible control characters replaced by visible ``⟨U+XXXX⟩`` markers."""
    out: list[str] = []
    pos = 0
    for m in _SHOW_AS_CODE.finditer(text):
        out.append(esc(text[pos : m.start()]))
        code = f"U+{ord(m.group()):04X}"
        name = unicodedata.name(m.group(), "control character")
        out.append(f'<span class="ctl" title="{esc(code + " " + name)}">⟨{code}⟩</span>')
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


def csp_hash(text: str) -> str:
    """A CSP source expression allowing an inline block with exactly this content."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def json_for_script(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


@dataclass
class _Span:
    start: int
    end: int
    key: str = ""  # term key
    ids: list[str] = field(default_factory=list)  # alignment link ids


_SECTION_CLOSE = "</tbody></table></section>"
_PAGE_END = f"}}}}</script>\n<script>{JS}</script>\n</body>\n</html>\n"
Emit = Callable[[str], None]


class ReviewPage:
    """The review page built document by document, window by window, as a run goes.

    Rows and the script's term data wait in two spools (binary files: anonymous temporary files on
    disk for a run, ``BytesIO`` for ``HtmlWriter.render``); memory holds only the figures and the
    term index. The header and the page's style (one colour per glossary entry, hashed into the
    Content-Security-Policy) come first in the page but are known last, so ``write`` writes the page
    at the end, reading the spools back. A document that fails half-way is dropped whole
    (``end_document(keep=False)``), as the page shows only documents that were written.
    """

    def __init__(self, rows: IO[bytes], data: IO[bytes]) -> None:
        self.writer = HtmlWriter()
        self.rows, self.data = rows, data
        self.figures = Figures()
        self.sections: list[tuple[tuple[str, str, str], int, int, int, int]] = []
        self.hues = Hues()
        self.count = 0  # rows so far: the next row's anchor number
        self.data_items = 0
        self.pending: Figures | None = None
        self.document = ("", "")
        self.mark = (0, 0, 0, 0)

    def start_document(self, doc_id: str, path: str) -> None:
        """Begin a document's section."""
        self.pending = Figures()
        self.document = (doc_id, path)
        self.mark = (self.rows.tell(), self.data.tell(), self.count, self.data_items)

    def add(self, records: Sequence[SegmentRecord]) -> None:
        """Add rows for ``records`` (the current document's, in document order)."""
        assert self.pending is not None, "start_document first"
        for rec in records:
            row = Row(anchor=f"r{self.count}", record=rec, flags=row_flags(rec))
            self.count += 1
            term_data: dict[str, dict[str, object]] = {}
            self.rows.write(self.writer._row(row, self.hues, term_data).encode("utf-8"))
            for key, value in term_data.items():
                item = ("," if self.data_items else "") + json_for_script(key) + ":" + json_for_script(value)
                self.data.write(item.encode("utf-8"))
                self.data_items += 1
            self.pending.add(row)

    def end_document(self, keep: bool) -> None:
        """Finish the current document: keep its section, or drop everything added since
        ``start_document``."""
        assert self.pending is not None, "start_document first"
        rows_start, data_start, count, data_items = self.mark
        if keep:
            document = (*self.document, self.pending.lang())
            counts = (self.pending.segments, self.pending.flagged)
            self.sections.append((document, *counts, rows_start, self.rows.tell()))
            self.figures.merge(self.pending, document)
        else:
            for spool, start in ((self.rows, rows_start), (self.data, data_start)):
                spool.seek(start)
                spool.truncate()
            self.count, self.data_items = count, data_items
        self.pending = None

    @property
    def documents(self) -> int:
        """Documents kept so far."""
        return len(self.sections)

    def write(self, emit: Emit, meta: ReviewMeta) -> None:
        """Write the whole page through ``emit``."""
        emit(self.writer._page_top(self.figures, meta))
        for index, ((doc_id, path, lang), rows, flagged, start, end) in enumerate(self.sections):
            emit(self.writer._section_open(index, doc_id, path, lang, rows, flagged))
            replay_byte_range(self.rows, start, end, emit)
            emit(_SECTION_CLOSE + "\n")
        emit(self.writer._page_bottom(self.figures, meta))
        replay_byte_range(self.data, 0, self.data.seek(0, io.SEEK_END), emit)
        emit(_PAGE_END)

    def close(self) -> None:
        """Let go of the spools."""
        self.rows.close()
        self.data.close()


class HtmlWriter(ReviewWriter):
    """The review page."""

    name = "html"
    extension = "html"

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        out: list[str] = []
        page = ReviewPage(io.BytesIO(), io.BytesIO())
        for doc in documents:
            page.start_document(doc.id, doc.path)
            page.add(doc.records)
            page.end_document(keep=True)
        page.write(out.append, meta)
        return "".join(out)

    def _page_top(self, figures: Figures, meta: ReviewMeta) -> str:
        """The page up to the first document's section: head (style and its hash), header, toolbar."""
        style = CSS + _hue_rules({entry: entry_hue(entry) for entry in figures.entries})
        csp = (
            "default-src 'none'; "
            f"style-src {csp_hash(style)}; script-src {csp_hash(JS)}; img-src data:; "
            "base-uri 'none'; form-action 'none'"
        )
        head = [
            "<!DOCTYPE html>",
            '<html lang="en" dir="ltr">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">',
            '<meta name="referrer" content="no-referrer">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{esc(meta.title)}</title>",
            f"<style>{style}</style>",
            "</head>",
            "<body>",
            self._header(figures, meta),
            self._toolbar(figures),
        ]
        return "\n".join(head) + "\n"

    def _page_bottom(self, figures: Figures, meta: ReviewMeta) -> str:
        """The page after the sections, up to the script's term data (``_PAGE_END`` follows it)."""
        return (
            self._term_index(figures)
            + f"\n<footer>Generated by Dragoman on {esc(meta.generated.isoformat())}.</footer>"
            + '\n<div id="tip" role="tooltip" hidden></div>'
            + '\n<script type="application/json" id="review-data">{"terms":{'
        )

    # ------------------------------------------------------------------------------------ header

    def _header(self, figures: Figures, meta: ReviewMeta) -> str:
        rate = f"{100 * figures.placed / figures.enforced:.0f}%" if figures.enforced else "n/a"
        share = figures.plausible / figures.translated if figures.translated else None
        plausible = f"{100 * share:.0f}%" if share is not None else "n/a"
        langs = ", ".join(distinct([lang for _id, _path, lang in figures.documents]))
        target_langs = ", ".join(distinct(list(figures.target_langs))) or "en"
        sources = distinct([path or doc_id for doc_id, path, _lang in figures.documents])
        meta_rows = [
            ("Source", ", ".join(sources) or "—"),
            ("Languages", f"{langs} → {target_langs}"),
            ("Model", ", ".join(distinct(list(figures.models))) or "—"),
            ("Backend", ", ".join(distinct(list(figures.backends))) or "—"),
            ("Glossary", ", ".join(distinct(list(figures.glossaries))) or "none"),
            ("Generated", meta.generated.strftime("%Y-%m-%d %H:%M UTC")),
        ]
        figure_items = [
            (len(figures.documents), "documents"),
            (figures.segments, "segments"),
            (figures.translated, "translated"),
            (figures.terms, "terms found"),
            (rate, "term success"),
            (plausible, "plausible English (no loop, length, script or number flag)"),
            (figures.flagged, "flagged rows"),
            (figures.flags, "flags"),
        ]
        dl = "".join(f"<dt>{esc(k)}</dt><dd>{visible(v)}</dd>" for k, v in meta_rows)
        figs = "".join(f"<li><b>{esc(str(v))}</b>{esc(k)}</li>" for v, k in figure_items)
        warning = ""
        if share is not None and share < PLAUSIBLE_WARNING:
            warning = (
                f'<p class="warning" id="warning">{100 * (1 - share):.0f}% of the translated segments '
                "show signs of a broken translation (loops, length, script, numbers): "
                f"term success ({esc(rate)}) says nothing about whether the English is usable.</p>"
            )
        return (
            f'<header class="run"><h1>{visible(meta.title)}</h1><dl class="meta">{dl}</dl>'
            f'<ul class="figures" id="figures">{figs}</ul>{warning}</header>'
        )

    def _toolbar(self, figures: Figures) -> str:
        links = " ".join(
            f'<a href="#doc{i}">{visible(doc_id)}</a>' for i, (doc_id, _p, _l) in enumerate(figures.documents)
        )
        flagged = figures.flagged
        return (
            '<nav class="toolbar">'
            f'<label><input type="checkbox" id="flagged-only">Flagged rows only ({flagged})</label>'
            f'<span>{links}</span><a href="#terms">Term index</a></nav>'
        )

    # ----------------------------------------------------------------------------------- sections

    def _section_open(self, index: int, doc_id: str, path: str, lang: str, rows: int, flagged: int) -> str:
        """A document's section up to its first row (``_SECTION_CLOSE`` ends it)."""
        src_dir = "rtl" if lang in RTL_LANGS else "ltr"
        lang_name = {"fa": "Persian", "ar": "Arabic"}.get(lang, lang)
        cls = "doc has-flagged" if flagged else "doc"
        info = f"{rows} segments · {flagged} flagged · source language {lang}"
        return (
            f'<section class="{cls}" id="doc{index}">'
            f"<h2><bdi>{visible(doc_id)}</bdi> <small>(<bdi>{visible(path)}</bdi>)</small></h2>"
            f'<p class="docmeta">{esc(info)}</p>'
            '<table class="review"><colgroup><col class="c-id"><col><col><col class="c-flags"></colgroup>'
            f'<thead><tr><th scope="col">Segment</th><th scope="col" dir="{src_dir}">'
            f"{esc(lang_name)} source</th>"
            '<th scope="col">English</th><th scope="col">Flags</th></tr></thead>'
            "<tbody>"
        )

    def _row(self, row: Row, hues: dict[str, int], term_data: dict[str, dict[str, object]]) -> str:
        rec = row.record
        kind = re.sub(r"[^a-z0-9_]", "", rec.kind.lower()) or "paragraph"
        classes = ["seg", f"k-{kind}"]
        if row.flagged:
            classes.append("flagged")
        if any(f.severity == "error" for f in row.flags):
            classes.append("sev-error")
        src_terms, tgt_terms = [], []
        for i, term in enumerate(rec.terms):
            key = f"{row.anchor}t{i}"
            rendering = slice_text(rec.target, term.target_start, term.target_end)
            term_data[key] = {
                "entry": term.entry,
                "required": term.required,
                "category": term.category,
                "note": term.note,
                "status": term.status,
                "source": term.source_text,
                "rendering": rendering,
            }
            s0, s1 = term.source_start - rec.source_start, term.source_end - rec.source_start
            if 0 <= s0 < s1 <= len(rec.source):
                src_terms.append((_Span(s0, s1, key=key), term))
            if rendering and term.target_start is not None and term.target_end is not None:
                tgt_terms.append((_Span(term.target_start, term.target_end, key=key), term))
        src_links, tgt_links = [], []
        for j, link in enumerate(rec.alignment):
            lid = f"{row.anchor}a{j}"
            s0, s1 = link.source_start - rec.source_start, link.source_end - rec.source_start
            t0, t1 = link.target_start, link.target_end
            if 0 <= s0 < s1 <= len(rec.source) and 0 <= t0 < t1 <= len(rec.target):
                src_links.append(_Span(s0, s1, ids=[lid]))
                tgt_links.append(_Span(t0, t1, ids=[lid]))
        src_dir = "rtl" if rec.source_lang in RTL_LANGS else "ltr"
        src_lang = rec.source_lang if _LANG_TAG.fullmatch(rec.source_lang) else "und"
        tgt_lang = rec.target_lang if _LANG_TAG.fullmatch(rec.target_lang) else "en"
        tgt_dir = "ltr"
        if not rec.translated:  # the target is the source, copied
            tgt_lang, tgt_dir = src_lang, src_dir
        source_html = _annotate(rec.source, src_terms, src_links, hues)
        target_html = _annotate(rec.target, tgt_terms, tgt_links, hues)
        flags = "".join(
            f'<li class="f-{f.severity}" title="{esc(f.code)}">{visible(f.message)}</li>' for f in row.flags
        )
        codes = " ".join(re.sub(r"[^a-z0-9_]", "", f.code) for f in row.flags)
        return (
            f'<tr id="{row.anchor}" class="{" ".join(classes)}" data-flags="{esc(codes)}">'
            f'<td class="sid"><a href="#{row.anchor}">{visible(rec.segment)}</a><br>'
            f'<span class="kind">{visible(rec.kind.replace("_", " "))}</span></td>'
            f'<td class="text src" dir="{src_dir}" lang="{src_lang}">'
            f'<bdi dir="{src_dir}">{source_html}</bdi></td>'
            f'<td class="text tgt" dir="{tgt_dir}" lang="{tgt_lang}">'
            f'<bdi dir="{tgt_dir}">{target_html}</bdi></td>'
            f'<td class="fl"><ul class="flags">{flags}</ul></td></tr>'
        )

    # --------------------------------------------------------------------------------- term index

    def _term_index(self, figures: Figures) -> str:
        entries = figures.entries
        hues = Hues()
        if not entries:
            return (
                '<section id="terms"><h2>Term index</h2>'
                '<p class="docmeta">No glossary terms in this run.</p></section>'
            )
        body = []
        for entry, hits in sorted(entries.items(), key=lambda kv: (-kv[1].count, kv[0])):
            renderings = "<br>".join(
                f"<bdi>{visible(text)}</bdi> ×{n}" for text, n in hits.renderings.most_common()
            )
            statuses = ", ".join(f"{esc(s)} {n}" for s, n in hits.status.most_common())
            links = "".join(
                f'<a href="#{anchor}" title="{esc(label)}">{esc(label)}</a> '
                for anchor, label in hits.rows.items()
            )
            body.append(
                f'<tr><td><span class="term tc{hues[entry]}">{visible(entry)}</span></td>'
                f"<td>{visible(hits.required.most_common(1)[0][0])}</td><td>{hits.count}</td>"
                f'<td>{renderings}</td><td>{statuses}</td><td class="rows">{links}</td></tr>'
            )
        return (
            '<section id="terms"><h2>Term index</h2><table class="terms"><thead><tr>'
            "<th>Entry</th><th>Required English</th><th>Hits</th><th>Renderings found</th>"
            f"<th>Status</th><th>Rows</th></tr></thead><tbody>{''.join(body)}</tbody></table></section>"
        )


def _hue_rules(hues: dict[str, int]) -> str:
    return "".join(f".tc{h}{{--h:{h}}}" for h in sorted(set(hues.values())))


def _annotate(
    text: str, terms: list[tuple[_Span, TermRecord]], links: list[_Span], hues: dict[str, int]
) -> str:
    """Escaped ``text`` with term spans (outer, focusable) and alignment word spans (inner)."""
    out: list[str] = []
    pos = 0
    for span, term in sorted(terms, key=lambda st: (st[0].start, -st[0].end)):
        if span.start < pos:  # overlaps a term already shown; it is still listed in the index
            continue
        out.append(_with_links(text, pos, span.start, links))
        title = f"{term.required} ({term.entry})"
        if term.category:
            title += f" · {term.category}"
        title += f" · {term.status}"
        if term.note:
            title += f" · {term.note}"
        status = re.sub(r"[^a-z0-9]", "", term.status.lower())
        out.append(
            f'<span class="term tc{hues[term.entry]} st-{status}" data-t="{span.key}" tabindex="0" '
            f'title="{esc(title)}">{_with_links(text, span.start, span.end, links)}</span>'
        )
        pos = span.end
    out.append(_with_links(text, pos, len(text), links))
    return _superscripts("".join(out))


def _superscripts(escaped: str) -> str:
    """Footnote markers (``&lt;sup&gt;1&lt;/sup&gt;`` once escaped) shown as superscripts; the tags stay
    in the text, hidden, so the cell's text is still exactly the record's."""
    return _ESCAPED_MARKER.sub(
        r'<sup class="fn"><span class="fn-tag">&lt;sup&gt;</span>\1'
        r'<span class="fn-tag">&lt;/sup&gt;</span></sup>',
        escaped,
    )


def _with_links(text: str, start: int, end: int, links: list[_Span]) -> str:
    """``text[start:end]`` escaped, with aligned stretches wrapped in ``<span class="w" data-l=…>``."""
    if start >= end:
        return ""
    inside = [ln for ln in links if ln.start < end and ln.end > start]
    if not inside:
        return visible(text[start:end])
    cuts = sorted({start, end} | {p for ln in inside for p in (ln.start, ln.end) if start < p < end})
    out = []
    for a, b in itertools.pairwise(cuts):
        ids = [i for ln in inside if ln.start <= a and ln.end >= b for i in ln.ids]
        piece = visible(text[a:b])
        out.append(f'<span class="w" data-l="{" ".join(ids)}">{piece}</span>' if ids else piece)
    return "".join(out)
