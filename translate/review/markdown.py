"""A Markdown side-by-side table per document, for quick reading and diffs.

Cell text is escaped so no input can change the table or render as HTML or a link: ``|``, ``\\``,
``[``, ``]``, backticks and ``*``/``_`` are backslash-escaped, ``<`` and ``&`` become entities, line
breaks become ``<br>``, and invisible bidi controls show as ``⟨U+202E⟩``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translate.review.base import DocumentGroup, ReviewMeta, ReviewWriter
from translate.review.flags import row_flags

_MD_SPECIAL = re.compile(r"([\\|\[\]`*_])")
_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def md_cell(text: str) -> str:
    """``text`` safe inside one Markdown table cell."""
    text = _CONTROLS.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


class MarkdownWriter(ReviewWriter):
    """Markdown tables."""

    name = "markdown"
    extension = "md"

    def render(self, documents: Sequence[DocumentGroup], meta: ReviewMeta) -> str:
        out = [f"# {md_cell(meta.title)}", ""]
        for doc in documents:
            out += [f"## {md_cell(doc.id)} ({md_cell(doc.path)})", ""]
            out += ["| Segment | Kind | Source | English | Flags |", "|---|---|---|---|---|"]
            for rec in doc.records:
                flags = ", ".join(f.code for f in row_flags(rec))
                cells = (rec.segment, rec.kind, rec.source, rec.target, flags)
                out.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
            out.append("")
        return "\n".join(out)
