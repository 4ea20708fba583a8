"""Helpers for the terminology tests: small documents, a glossary matcher, glossary entries."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from glossary.entry import Category, Entry, FirstMention
from translate.document.model import Block, BlockKind, Document, Segment
from translate.document.normalize import normalize_for_model

CSTO = Entry(
    id="csto",
    english="Collective Security Treaty Organization",
    short="CSTO",
    first_mention=FirstMention.FULL_THEN_SHORT,
    category=Category.ORGANIZATION,
    variants={"fa": ["سازمان پیمان امنیت جمعی"], "ar": ["منظمة معاهدة الأمن الجماعي"]},
    unapproved=["Collective Security Organization", "Organization of the Collective Security Treaty"],
)
RAHMON = Entry(
    id="emomali_rahmon",
    english="Emomali Rahmon",
    category=Category.PERSON,
    variants={"fa": ["امامعلی رحمان", "امام علی رحمان"], "ar": ["إمام علي رحمن"]},
    unapproved=["Imamali Rahmon", "Emomali Rakhmon", "Imam Ali Rahman"],
)
DUSHANBE = Entry(
    id="dushanbe",
    english="Dushanbe",
    category=Category.PLACE,
    variants={"fa": ["دوشنبه"], "ar": ["دوشنبه"]},
    unapproved=["Dushambe"],
)
TALIBAN = Entry(
    id="taliban",
    english="Taliban",
    category=Category.MOVEMENT,
    variants={"fa": ["طالبان"], "ar": ["طالبان"]},
    unapproved=["Taleban"],
)
DRUGS = Entry(
    id="drug_trafficking",
    english="drug trafficking",
    category=Category.EVENT,
    variants={"fa": ["قاچاق مواد مخدر"], "ar": ["تهريب المخدرات"]},
    unapproved=["drug smuggling"],
)
ENTRIES = [CSTO, RAHMON, DUSHANBE, TALIBAN, DRUGS]


@dataclass(frozen=True)
class Hit:
    """The shape of a glossary matcher hit."""

    start: int
    end: int
    text: str
    entry: Entry
    lang: str
    confidence: float = 1.0
    review: bool = False
    form: str = ""


class ListMatcher:
    """Exact-substring matching of the entries' source variants (the real matcher is smarter)."""

    def __init__(self, entries: list[Entry], low_confidence: frozenset[str] = frozenset()) -> None:
        self.entries = entries
        self.low_confidence = low_confidence

    def match(self, text: str, lang: str) -> list[Hit]:
        hits: list[Hit] = []
        for entry in self.entries:
            for variant in entry.variants.get(lang, []):
                at = text.find(variant)
                while at >= 0:
                    span = (at, at + len(variant))
                    if not any(h.start < span[1] and span[0] < h.end for h in hits):
                        confidence = 0.3 if entry.id in self.low_confidence else 1.0
                        hits.append(Hit(span[0], span[1], variant, entry, lang, confidence))
                    at = text.find(variant, at + 1)
        return sorted(hits, key=lambda h: h.start)


def make_document(sentences: list[str], lang: str = "fa", doc_id: str = "doc") -> Document:
    """One paragraph per sentence, separated by blank lines; model input normalized as in the pipeline."""
    text = ""
    blocks: list[Block] = []
    for index, sentence in enumerate(sentences):
        if text:
            text += "\n\n"
        start = len(text)
        text += sentence
        segment = Segment(
            id=f"b{index}.s0",
            block=index,
            index=0,
            start=start,
            end=start + len(sentence),
            text=sentence,
            kind=BlockKind.PARAGRAPH,
            lang=lang,
            translate=True,
            model_input=normalize_for_model(sentence, lang),
        )
        blocks.append(
            Block(index, BlockKind.PARAGRAPH, start, start + len(sentence), lang, segments=[segment])
        )
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, lang=lang, blocks=blocks)


def load_backend(directory):
    """The real transformers backend on a tiny model directory."""
    from translate.backends.hf_transformers import TransformersBackend

    return TransformersBackend(str(directory))


def translate_with_plan(doc: Document, matcher, mode: str, backend, beam: int = 4):
    """Run the glossary plan around the real backend (constrained decoding included), as the pipeline does.

    Returns ``(plan, [(segment, constraints, backend output, finished target), ...])``.
    """
    from translate.backends.base import DecodeOptions
    from translate.terms.enforce import GlossaryTermPlan

    plan = GlossaryTermPlan(doc, matcher, mode)
    segments = doc.segments
    constraints = [plan.constraints(seg) for seg in segments]
    outputs = backend.translate(
        [seg.model_input for seg in segments],
        source_lang=doc.lang,
        options=DecodeOptions(beam_size=beam),
        constraints=constraints,
        with_attention=True,
    )
    results = []
    for seg, wanted, out in zip(segments, constraints, outputs, strict=True):
        target = " ".join(out.text.split())
        results.append((seg, wanted, out, plan.finish(seg, target, out, wanted)))
    return plan, results


@contextlib.contextmanager
def one_torch_thread():
    """Tiny models run far faster single-threaded on a shared, loaded CPU (no thread contention)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def default_entries() -> list[Entry]:
    """The entries of the shipped glossary (``glossary/data/default.tsv``), read with ``csv``."""
    import csv
    from pathlib import Path

    from glossary.entry import TSV_COLUMNS

    path = Path(__file__).resolve().parent.parent / "glossary" / "data" / "default.tsv"
    entries = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            cells = {c: (row.get(c) or "").strip() for c in TSV_COLUMNS}
            if not cells["id"] or not cells["english"]:
                continue

            def values(column: str, cells=cells) -> list[str]:
                return [v.strip() for v in cells[column].split(" | ") if v.strip()]

            entries.append(
                Entry(
                    id=cells["id"],
                    english=cells["english"],
                    short=cells["short"],
                    first_mention=FirstMention(cells["first_mention"] or "full"),
                    category=Category(cells["category"]),
                    variants={"fa": values("fa"), "ar": values("ar")},
                    unapproved=values("unapproved"),
                    review_only=cells["review"].lower() == "yes",
                )
            )
    return entries


def seed_sentences_with_hits(matcher, lang: str, limit: int = 4) -> list[str]:
    """Sentences of the seed articles in ``lang`` that contain at least one glossary hit."""
    from pathlib import Path

    from translate.document.segmenter import split_sentences

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    found: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        if path.name.startswith("004") != (lang == "ar"):
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.isascii() or line.startswith("#"):
                continue
            for start, end in split_sentences(line, lang):
                sentence = line[start:end].strip()
                if 20 < len(sentence) < 260 and matcher.match(sentence, lang) and sentence not in found:
                    found.append(sentence)
                if len(found) >= limit:
                    return found
    return found


def accepted_renderings(entry_id: str) -> set[str]:
    """Every English rendering of a default-glossary entry that satisfies its hits: the approved term,
    the short form and the typed forms (German for Germany). A hit's target span is one of them."""
    from glossary.store import load_glossary

    entry = load_glossary().entry(entry_id)
    return {entry.english, entry.short, *(form for forms in entry.forms.values() for form in forms)} - {""}
