"""Maintain the seed reference set: sentence template, import of translations, derived paragraph files.

    python seeds/reference/build.py template 002 > 002.tsv   # id<TAB>source, one line per sentence
    python seeds/reference/build.py import 002 002.tsv        # id<TAB>english -> 002.jsonl + derived
    python seeds/reference/build.py derive                    # rebuild *.en.txt, *.paragraphs.json

The JSONL files are the master copy; edit their ``english`` fields and run ``derive``.
A paragraph is a non-empty line of the seed; sentences end at ``.`` ``؟`` ``?`` ``!`` (and ``٫`` used
as a full stop after a number), with any closing quotes, when whitespace or the end of the line follows;
a number at the very start of a line (``۱٫``, ``1.``) is a list or footnote marker, not a sentence.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent
FINAL = re.compile(r"[.؟?!٫]+[»”\"'’)″\]]*(?=\s|$)")
LIST_MARKER = re.compile(r"[0-9۰-۹]+[.٫]")


def seed_path(stem: str) -> Path:
    """The seed file whose name starts with ``stem``."""
    return next(SEEDS.glob(f"{stem}_*.txt"))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line, surrounding whitespace excluded."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of the sentences of one paragraph."""
    line = text[start:end]
    spans, cur = [], 0
    for m in FINAL.finditer(line):
        if LIST_MARKER.fullmatch(line[cur : m.start() + 1].strip()):
            continue
        spans.append((start + cur, start + m.end()))
        cur = m.end() + len(line[m.end() :]) - len(line[m.end() :].lstrip())
    if line[cur:].strip():
        spans.append((start + cur, end))
    return spans


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file so readers never see half a file."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, path)


def template(stem: str) -> None:
    """Print id<TAB>source for every sentence of a seed."""
    text = seed_path(stem).read_text(encoding="utf-8")
    for p, (ps, pe) in enumerate(paragraphs(text)):
        for s, (ss, se) in enumerate(sentences(text, ps, pe)):
            print(f"p{p}.s{s}\t{text[ss:se]}")


def import_tsv(stem: str, tsv: Path) -> None:
    """Build ``<stem>.jsonl`` from id<TAB>english lines; every listed paragraph must be complete."""
    english = dict(line.split("\t", 1) for line in tsv.read_text(encoding="utf-8").splitlines() if line)
    text = seed_path(stem).read_text(encoding="utf-8")
    rows = []
    for p, (ps, pe) in enumerate(paragraphs(text)):
        spans = sentences(text, ps, pe)
        keys = [f"p{p}.s{s}" for s in range(len(spans))]
        if not any(k in english for k in keys):
            continue
        missing = [k for k in keys if k not in english]
        if missing:
            sys.exit(f"{tsv}: paragraph {p} is incomplete, missing {', '.join(missing)}")
        for s, ((ss, se), key) in enumerate(zip(spans, keys, strict=True)):
            rows.append(
                {
                    "id": f"{stem}:{key}",
                    "paragraph": p,
                    "sentence": s,
                    "source_start": ss,
                    "source_end": se,
                    "source": text[ss:se],
                    "english": english.pop(key).strip(),
                }
            )
    if english:
        sys.exit(f"{tsv}: ids not in the seed: {', '.join(sorted(english))}")
    write_atomic(HERE / f"{stem}.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    derive(stem)


def derive(stem: str) -> None:
    """Rebuild ``<stem>.en.txt`` and ``<stem>.paragraphs.json`` from ``<stem>.jsonl``."""
    rows = [json.loads(line) for line in (HERE / f"{stem}.jsonl").read_text(encoding="utf-8").splitlines()]
    spans = paragraphs(seed_path(stem).read_text(encoding="utf-8"))
    by_para: dict[int, list[str]] = {}
    for row in rows:
        by_para.setdefault(row["paragraph"], []).append(row["english"])
    order = sorted(by_para)
    write_atomic(HERE / f"{stem}.en.txt", "".join(" ".join(by_para[p]) + "\n" for p in order))
    lines = [
        {"line": i, "paragraph": p, "source_start": spans[p][0], "source_end": spans[p][1]}
        for i, p in enumerate(order)
    ]
    mapping = {"seed": seed_path(stem).name, "lines": lines}
    write_atomic(HERE / f"{stem}.paragraphs.json", json.dumps(mapping, ensure_ascii=False, indent=1) + "\n")


def main(argv: list[str]) -> None:
    """Command-line entry point."""
    if argv[:1] == ["template"] and len(argv) == 2:
        template(argv[1])
    elif argv[:1] == ["import"] and len(argv) == 3:
        import_tsv(argv[1], Path(argv[2]))
    elif argv == ["derive"]:
        for path in sorted(HERE.glob("*.jsonl")):
            derive(path.stem)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
