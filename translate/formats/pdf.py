"""PDF with pypdf: the text layer of each page, in reading order, one paragraph per unit with its
page number (``location: {"page": N}``, 1-based). An encrypted PDF and a PDF without a text layer
(a scan) are refused with one line; an empty translation is never produced.
"""

from __future__ import annotations

import io
import re

from translate.errors import InputError
from translate.formats.base import InputFormat, SourceFile, TextBuilder

_ENCRYPTED = "the PDF is encrypted; decrypt it first (e.g. qpdf --decrypt)"
_PARAGRAPH_END = re.compile(r"[.!?؟:…»\"”]\s*$")


class PdfFormat(InputFormat):
    """``.pdf`` in (text, Markdown or JSONL out)."""

    name = "pdf"
    extensions = (".pdf",)

    def read(self, data: bytes, where: str, encoding: str | None = None) -> SourceFile:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise InputError(where, _ENCRYPTED)
            pages = [page.extract_text() or "" for page in reader.pages]
        except InputError:
            raise
        except (PdfReadError, ValueError, OSError, KeyError) as err:
            raise InputError(where, f"not a readable PDF ({type(err).__name__}: {err})") from None
        except Exception as err:
            if "encrypt" in str(err).lower() or "crypt" in type(err).__name__.lower():
                raise InputError(where, _ENCRYPTED) from None
            raise InputError(where, f"not a readable PDF ({type(err).__name__})") from None
        builder = TextBuilder()
        for number, page_text in enumerate(pages, start=1):
            for paragraph in _paragraphs(page_text):
                builder.add(paragraph, "paragraph", location={"page": number}, data={"page": number})
        if not builder.units:
            raise InputError(
                where, f"the PDF has no text layer ({len(pages)} pages; a scan?); run OCR on it first"
            )
        return SourceFile(builder.text(), "pdf", self.name, builder.units, {"pages": len(pages)})


def _paragraphs(page_text: str) -> list[str]:
    """Lines joined into paragraphs: a blank line or a line ending a sentence ends a paragraph."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in page_text.splitlines():
        line = line.strip()
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if _PARAGRAPH_END.search(line):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
