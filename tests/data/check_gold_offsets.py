"""Check the hand-written glossary gold data against the texts and the default glossary.

Run from anywhere: ``python tests/data/check_gold_offsets.py``. Exit status 0 when every check
passes; otherwise one line per problem on stderr and exit status 1.

Checks:
- ``glossary/data/default.tsv``: exact header, one row per entry, valid ids, categories,
  first_mention and review values, no source variant listed twice in one language.
- ``tests/data/seed_hits/<stem>.jsonl``: one file per seed; every hit has
  ``text == seed[start:end]``, names an existing entry, and hits are sorted and disjoint.
- ``tests/data/glossary_gold.jsonl``: unique ids, ``lang`` is fa or ar, same hit checks
  against the sentence's own ``text``.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

from glossary.entry import ALL_COLUMNS, TSV_COLUMNS, Category, FirstMention

REPO = Path(__file__).resolve().parents[2]
TSV = REPO / "glossary" / "data" / "default.tsv"
SEEDS = REPO / "seeds"
SEED_HITS = REPO / "tests" / "data" / "seed_hits"
GOLD = REPO / "tests" / "data" / "glossary_gold.jsonl"

HEADER = list(TSV_COLUMNS)
CATEGORIES = {c.value for c in Category}
FIRST_MENTION = {f.value for f in FirstMention}
EDGE_JUNK = " \t\n\u200c\"'“”«»()-–—،,.:;"


def split_values(cell: str) -> list[str]:
    """Split a multi-valued TSV cell on `` | ``."""
    return [v.strip() for v in cell.split(" | ") if v.strip()]


def check_tsv(problems: list[str]) -> set[str]:
    """Validate the default glossary and return its entry ids."""
    with TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0] if rows else []
    if header[: len(HEADER)] != HEADER or header != list(ALL_COLUMNS[: len(header)]):
        problems.append(f"{TSV}: header is not {HEADER} (+ optional {list(ALL_COLUMNS[len(HEADER) :])})")
        return set()
    ids: set[str] = set()
    seen: dict[tuple[str, str], str] = {}
    for n, row in enumerate(rows[1:], start=2):
        where = f"{TSV}:{n}"
        if not len(HEADER) <= len(row) <= len(header):
            problems.append(f"{where}: {len(row)} columns, expected {len(HEADER)} to {len(header)}")
            continue
        rec = dict(zip(header, row, strict=False))
        eid = rec["id"]
        if not re.fullmatch(r"[a-z0-9_-]+", eid):
            problems.append(f"{where}: bad id {eid!r}")
        if eid in ids:
            problems.append(f"{where}: duplicate id {eid!r}")
        ids.add(eid)
        if not rec["english"]:
            problems.append(f"{where}: empty english")
        if rec["category"] not in CATEGORIES:
            problems.append(f"{where}: bad category {rec['category']!r}")
        if rec["first_mention"] not in FIRST_MENTION:
            problems.append(f"{where}: bad first_mention {rec['first_mention']!r}")
        if rec["first_mention"] != "full" and not rec["short"]:
            problems.append(f"{where}: first_mention {rec['first_mention']} without a short form")
        if rec["review"] not in {"", "yes"} and any(v.isascii() for v in split_values(rec["review"])):
            problems.append(f"{where}: review must be 'yes', empty or source-language context phrases")
        if not (rec["fa"] or rec["ar"]):
            problems.append(f"{where}: no source variants")
        for lang in ("fa", "ar"):
            values = split_values(rec[lang])
            for value, count in Counter(values).items():
                if count > 1:
                    problems.append(f"{where}: {lang} variant {value!r} listed twice")
            for value in values:
                key = (lang, " ".join(value.replace("\u200c", " ").split()))
                if key in seen and seen[key] != eid:
                    problems.append(f"{where}: {lang} variant {value!r} also in entry {seen[key]!r}")
                seen[key] = eid
    return ids


def check_hits(where: str, text: str, hits: list[dict], ids: set[str], problems: list[str]) -> None:
    """Check the offsets, texts, entries and order of one text's hits."""
    last_end = -1
    for k, hit in enumerate(hits):
        here = f"{where} hit {k}"
        if not {"start", "end", "text", "entry"} <= set(hit) <= {"start", "end", "text", "entry", "form"}:
            problems.append(f"{here}: keys {sorted(hit)}")
            continue
        start, end = hit["start"], hit["end"]
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problems.append(f"{here}: bad span {start}..{end}")
            continue
        if text[start:end] != hit["text"]:
            problems.append(f"{here}: text[{start}:{end}] is {text[start:end]!r}, hit says {hit['text']!r}")
        if hit["text"][0] in EDGE_JUNK or hit["text"][-1] in EDGE_JUNK:
            problems.append(f"{here}: span {hit['text']!r} starts or ends with space/punctuation")
        if hit["entry"] not in ids:
            problems.append(f"{here}: unknown entry {hit['entry']!r}")
        if start < last_end:
            problems.append(f"{here}: overlaps or is out of order")
        last_end = end


def check_seed_hits(ids: set[str], problems: list[str]) -> int:
    """Check every seed's hit file; return the number of hits."""
    total = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        path = SEED_HITS / f"{seed.stem}.jsonl"
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        text = seed.read_text(encoding="utf-8")
        hits = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        check_hits(str(path), text, hits, ids, problems)
        total += len(hits)
    return total


def check_gold(ids: set[str], problems: list[str]) -> Counter:
    """Check the sentence gold set; return sentence counts per language."""
    langs: Counter = Counter()
    seen: set[str] = set()
    for n, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{GOLD}:{n}"
        case = json.loads(line)
        if set(case) != {"id", "lang", "text", "hits", "note"}:
            problems.append(f"{where}: keys {sorted(case)}")
            continue
        if case["id"] in seen:
            problems.append(f"{where}: duplicate id {case['id']!r}")
        seen.add(case["id"])
        if case["lang"] not in {"fa", "ar"}:
            problems.append(f"{where}: bad lang {case['lang']!r}")
        if not case["note"]:
            problems.append(f"{where}: empty note")
        langs[case["lang"]] += 1
        check_hits(f"{where} ({case['id']})", case["text"], case["hits"], ids, problems)
    return langs


def main() -> int:
    """Run every check and report."""
    problems: list[str] = []
    ids = check_tsv(problems)
    seed_total = check_seed_hits(ids, problems)
    langs = check_gold(ids, problems)
    for problem in problems:
        print(problem, file=sys.stderr)
    summary = f"{len(ids)} entries, {seed_total} seed hits, gold sentences {dict(langs)}"
    print(f"{summary}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
