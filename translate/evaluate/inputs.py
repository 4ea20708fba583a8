"""What gets scored: line-aligned text files, Dragoman JSONL runs, and the seed reference set.

Both sides are Unicode-normalized the same way (NFC, whitespace collapsed) before scoring.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from translate.errors import InputError
from translate.records import SegmentRecord, read_records


@dataclass(frozen=True)
class ScoredPair:
    """One unit of evaluation: a hypothesis and its reference, with where it came from."""

    document: str
    source: str
    hypothesis: str
    reference: str
    source_start: int | None = None
    source_end: int | None = None


@dataclass(frozen=True)
class ReferenceSentence:
    """A sentence of the reference set: the source span in the seed and its English."""

    document: str
    id: str
    source_start: int
    source_end: int
    source: str
    english: str


def clean(text: str) -> str:
    """The normalization applied to hypotheses and references alike."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def is_jsonl(path: Path) -> bool:
    """True for ``.jsonl`` files and files whose first non-empty line is a JSON object."""
    if path.suffix == ".jsonl":
        return True
    from translate.io.reading import read_text

    for line in read_text(path).splitlines():
        if line.strip():
            return line.lstrip().startswith("{")
    return False


def read_lines(path: Path) -> list[str]:
    """A line-aligned plain text file, one segment per line."""
    from translate.io.reading import read_text

    return [clean(line) for line in read_text(path).splitlines()]


def _json_lines(path: Path) -> list[dict]:
    from translate.io.reading import read_text

    rows = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}:{err.colno}", f"not valid JSON ({err.msg})") from None
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}", "each line must be a JSON object")
        rows.append(row)
    if not rows:
        raise InputError(str(path), "no records")
    return rows


def read_run(path: Path) -> list[SegmentRecord]:
    """A Dragoman ``--format jsonl`` run (the shared reader of the JSONL contract)."""
    return read_records(path)


def read_reference(path: Path) -> list[ReferenceSentence]:
    """A reference-set JSONL file (``seeds/reference/<stem>.jsonl``)."""
    out = []
    for number, row in enumerate(_json_lines(path), 1):
        try:
            out.append(
                ReferenceSentence(
                    document=str(row.get("document") or str(row["id"]).split(":")[0]),
                    id=str(row["id"]),
                    source_start=int(row["source_start"]),
                    source_end=int(row["source_end"]),
                    source=str(row["source"]),
                    english=str(row["english"]),
                )
            )
        except (KeyError, ValueError, TypeError) as err:
            raise InputError(f"{path}:{number}", f"not a reference-set record ({err})") from None
    return out


def pair_lines(
    hypotheses: list[str], references: list[str], hyp_path: str, ref_path: str
) -> list[ScoredPair]:
    """Line-aligned pairs; differing line counts are an error."""
    if not references:
        raise InputError(ref_path, "empty reference file")
    if not hypotheses:
        raise InputError(hyp_path, "empty hypothesis file")
    if len(hypotheses) != len(references):
        raise InputError(
            hyp_path, f"has {len(hypotheses)} lines but the reference {ref_path} has {len(references)}"
        )
    return [ScoredPair("", "", h, r) for h, r in zip(hypotheses, references, strict=True)]


def pair_by_offsets(records: list[SegmentRecord], references: list[ReferenceSentence]) -> list[ScoredPair]:
    """Pair a run with the reference set by source offsets, whatever the two segmentations.

    Overlapping spans are grouped into the smallest units both sides agree on, so a run that cut a
    sentence differently is still scored fairly. Run segments outside the reference set are ignored;
    a reference sentence with no translated segment is scored against an empty hypothesis.
    """
    pairs: list[ScoredPair] = []
    docs = {r.document for r in references}
    for doc in sorted(docs):
        refs = sorted((r for r in references if r.document == doc), key=lambda r: r.source_start)
        segs = sorted((s for s in records if s.document == doc), key=lambda s: s.source_start)
        items = [(r.source_start, r.source_end, "ref", r) for r in refs] + [
            (s.source_start, s.source_end, "hyp", s) for s in segs
        ]
        items.sort(key=lambda x: (x[0], x[1]))
        group: list[tuple] = []
        group_end = -1
        for item in [*items, None]:
            if item is None or (group and item[0] >= group_end):
                _flush(group, doc, pairs)
                group, group_end = [], -1
            if item is not None:
                group.append(item)
                group_end = max(group_end, item[1])
    return pairs


def _flush(group: list[tuple], doc: str, pairs: list[ScoredPair]) -> None:
    refs = [x[3] for x in group if x[2] == "ref"]
    hyps = [x[3] for x in group if x[2] == "hyp"]
    if not refs:
        return
    pairs.append(
        ScoredPair(
            document=doc,
            source=" ".join(r.source for r in refs),
            hypothesis=clean(" ".join(h.target for h in hyps)),
            reference=clean(" ".join(r.english for r in refs)),
            source_start=refs[0].source_start,
            source_end=max(r.source_end for r in refs),
        )
    )
