"""SegmentRecords for the review tests: real seeds parsed by ``parse_document`` with synthetic English,
glossary terms and word alignment, so every review feature has something to show."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from translate.document.model import Document, Segment
from translate.document.parse import parse_document
from translate.io.reading import read_text
from translate.records import AlignmentLink, SegmentRecord, TermRecord

# (entry, source form, required English, category, note): forms that occur in the seeds.
TERMS = [
    ("csto", "پیمان امنیت جمعی", "Collective Security Treaty Organization", "organization", "CSTO"),
    ("csto", "معاهدة الأمن الجماعي", "Collective Security Treaty Organization", "organization", "CSTO"),
    ("central_asia", "آسیای مرکزی", "Central Asia", "region", ""),
    ("tajikistan", "تاجیکستان", "Tajikistan", "place", ""),
    ("taliban", "طالبان", "Taliban", "movement", "never 'students'"),
    ("dushanbe", "دوشنبه", "Dushanbe", "place", "also Monday: review"),
    ("afghanistan", "أفغانستان", "Afghanistan", "place", ""),
]
HOSTILE_NOTE = '<script>window.__pwned=9</script>"><img src=x onerror=alert(1)>'


def segment_record(document: Document, seg: Segment, **fields: Any) -> SegmentRecord:
    """The record of ``seg`` in ``document`` as the pipeline starts it (the source as target), with
    ``fields`` set."""
    return SegmentRecord(
        **{
            "document": document.id,
            "path": document.path,
            "block": seg.block,
            "segment": seg.id,
            "kind": str(seg.kind),
            "source": seg.text,
            "source_start": seg.start,
            "source_end": seg.end,
            "source_lang": seg.lang,
            "target": seg.text,
            "split": seg.split,
            **fields,
        }
    )


def records_for(path: Path, *, hostile_terms: bool = False) -> list[SegmentRecord]:
    """One record per segment of ``path`` with a synthetic target that contains each term's English."""
    text = read_text(path)
    doc = parse_document(text, doc_id=path.stem, path=str(path))
    out = []
    for seg in doc.segments:
        rec = segment_record(
            doc,
            seg,
            translated=seg.translate,
            model="tiny-test",
            backend="synthetic",
            glossary="dragoman-default@0123abcd",
        )
        if seg.translate:
            _translate(rec, hostile_terms)
        out.append(rec)
    return out


def _translate(rec: SegmentRecord, hostile_terms: bool) -> None:
    """English-looking target: ``Segment <id>:`` then each term's English, plus filler words."""
    parts = [f"Segment {rec.segment}:"]
    pieces: list[tuple[TermRecord, int, int]] = []
    pos = len(parts[0]) + 1
    for n, (entry, form, english, category, note) in enumerate(TERMS):
        at = rec.source.find(form)
        if at < 0:
            continue
        status = (
            ("satisfied", "post-edited", "missing", "review")[n % 4] if entry != "csto" else "constrained"
        )
        term = TermRecord(
            entry=entry,
            source_start=rec.source_start + at,
            source_end=rec.source_start + at + len(form),
            source_text=form,
            required=english,
            confidence=0.9,
            status=status,
            category=category,
            note=HOSTILE_NOTE if hostile_terms else note,
        )
        if status != "missing":
            parts.append(english)
            term.target_start, term.target_end = pos, pos + len(english)
            pos += len(english) + 1
        pieces.append((term, 0, 0))
        rec.terms.append(term)
    words = max(3, len(rec.source.split()) - len(pieces))
    filler = " ".join(f"word{i}" for i in range(words))
    parts.append(filler)
    rec.target = " ".join(parts) + "."
    for term in rec.terms:
        if term.target_start is not None:
            rec.alignment.append(
                AlignmentLink(
                    term.source_start, term.source_end, term.target_start, term.target_end, kind="term"
                )
            )
    # word links: the first source word to "Segment", the last one to the final filler word
    first = rec.source.split()[0]
    rec.alignment.append(AlignmentLink(rec.source_start, rec.source_start + len(first), 0, len("Segment")))
    last_word = f"word{words - 1}"
    t0 = rec.target.rindex(last_word)
    last = rec.source.split()[-1]
    s0 = rec.source.rindex(last)
    rec.alignment.append(
        AlignmentLink(rec.source_start + s0, rec.source_start + s0 + len(last), t0, t0 + len(last_word))
    )


def records_by_language(
    seeds: list[Path], langs: dict[str, str], hostile: Path
) -> dict[str, list[SegmentRecord]]:
    """Records of every seed grouped by source language, the hostile file's (with hostile terms) in "fa"."""
    out: dict[str, list[SegmentRecord]] = {"fa": [], "ar": []}
    for path in seeds:
        out[langs[path.stem]] += records_for(path)
    out["fa"] += records_for(hostile, hostile_terms=True)
    return out


def with_controls(records: list[SegmentRecord]) -> list[SegmentRecord]:
    """Copies with characters XML cannot hold (and a CR) in source and target."""
    out = []
    for rec in records[:3]:
        copy = SegmentRecord.from_dict(rec.to_dict())
        copy.document = "controls"  # a document of its own, so it sorts after the others
        copy.source = "\x07" + copy.source + "\r\n\x0b"
        copy.target = copy.target + "\x1b[0m\r"
        out.append(copy)
    return out
