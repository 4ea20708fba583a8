"""Build small ``Document`` objects by hand, without the parser, for unit tests of outputs/pipeline.

Each line is ``(kind, prefix, sentences, lang)``; ``None`` is a blank line. Sentences are joined by
one space; ``<sup>..</sup>`` inside a sentence becomes an ``InlineMarker`` and is left out of
``model_input``. Passthrough and footnote lines are not translated.
"""

from __future__ import annotations

import re

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.document.chars import TO_ASCII_DIGITS
from translate.document.model import Block, BlockKind, Document, InlineMarker, Segment

Line = tuple[BlockKind, str, list[str], str] | None
_SUP = re.compile(r"<sup>([^<]*)</sup>")


def make_document(
    lines: list[Line], *, newline: str = "\n", doc_id: str = "doc", lang: str = "fa"
) -> Document:
    """A Document whose offsets are exact, built from line specs."""
    text = ""
    blocks: list[Block] = []
    for n, line in enumerate(lines):
        if n:
            text += newline
        if line is None:
            continue
        kind, prefix, sentences, line_lang = line
        block = Block(
            index=len(blocks),
            kind=kind,
            start=len(text),
            end=0,
            lang=line_lang,
            prefix=prefix,
            level=prefix.count("#") if kind == BlockKind.HEADING else 0,
        )
        text += prefix
        translate = kind not in (BlockKind.PASSTHROUGH, BlockKind.FOOTNOTE)
        for i, sentence in enumerate(sentences):
            if i:
                text += " "
            start = len(text)
            text += sentence
            markers = [
                InlineMarker(
                    start + m.start(),
                    start + m.end(),
                    m.group(0),
                    label=m.group(1).translate(TO_ASCII_DIGITS),
                )
                for m in _SUP.finditer(sentence)
            ]
            block.segments.append(
                Segment(
                    id=f"b{block.index}.s{i}",
                    block=block.index,
                    index=i,
                    start=start,
                    end=len(text),
                    text=sentence,
                    kind=kind,
                    lang=line_lang,
                    translate=translate,
                    model_input=" ".join(_SUP.sub("", sentence).split()) if translate else "",
                    markers=markers,
                )
            )
        block.end = len(text)
        blocks.append(block)
    text += newline
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, lang=lang, blocks=blocks)


H, P, L, F, X = (
    BlockKind.HEADING,
    BlockKind.PARAGRAPH,
    BlockKind.LIST_ITEM,
    BlockKind.FOOTNOTE,
    BlockKind.PASSTHROUGH,
)


def sample_document(newline: str = "\n") -> Document:
    """Heading, paragraph with a footnote marker, Persian-numbered and dash list items,
    an English passthrough line and the footnote line."""
    return make_document(
        [
            (H, "## ", ["امنیت در آسیای مرکزی"], "fa"),
            None,
            (P, "", ["رولف ول برتس<sup>۱</sup> نماینده ناتو سخن گفت.", "او از تهدیدات گفت."], "fa"),
            (L, "۱٫ ", ["افزایش اختلاف نظر."], "fa"),
            (L, "– ", ["پیگرد افراد جنایتکار."], "fa"),
            (X, "", ["Read More"], "en"),
            None,
            (F, "", ["1. Rolf Welberts"], "en"),
        ],
        newline=newline,
    )


SAMPLE_ENGLISH = {
    "امنیت در آسیای مرکزی": "Security in Central Asia",
    "رولف ول برتس نماینده ناتو سخن گفت.": "Rolf Welberts, the NATO representative, spoke.",
    "او از تهدیدات گفت.": "He spoke of threats.",
    "افزایش اختلاف نظر.": "Growing disagreement.",
    "پیگرد افراد جنایتکار.": "Prosecution of criminals.",
}


class DictBackend(TranslationBackend):
    """A deterministic stand-in model for unit tests: looks translations up in a dict.

    Unknown inputs become ``"EN(<n> chars)"``. Every call is recorded in ``calls``.
    """

    name = "dict"

    def __init__(self, translations: dict[str, str] | None = None, languages: tuple[str, ...] = ("fa", "ar")):
        super().__init__("test/dict")
        self.translations = dict(SAMPLE_ENGLISH if translations is None else translations)
        self.languages = languages
        self.calls: list[tuple[list[str], str, list[list[str]] | None]] = []
        self.forms: list[list[list[list[str]]]] = []  # constraint_forms of each call that had them

    def translate(
        self,
        texts: list[str],
        source_lang: str,
        target_lang: str = "en",
        options: DecodeOptions | None = None,
        constraints: list[list[str]] | None = None,
        with_attention: bool = False,
        constraint_sources: list[list[str]] | None = None,
        constraint_forms: list[list[list[str]]] | None = None,
    ) -> list[BackendOutput]:
        self.calls.append((list(texts), source_lang, constraints))
        if constraint_forms is not None:
            self.forms.append(constraint_forms)
        return [BackendOutput(self.translations.get(t, f"EN({len(t)} chars)")) for t in texts]

    def supports(self, source_lang: str) -> bool:
        return source_lang in self.languages
