"""``dragoman align`` on the seed reference translations: gold beads from sentence edits must come back.

The English reference (``seeds/reference``) is edited the way real translations differ from their
source: two sentences merged into one, one sentence split in two, a paragraph left out, two
paragraphs swapped. The gold beads follow from the edits. The aligner cannot cut finer than its own
sentence units, so the gold is expressed over those units: a gold bead is a connected group of source
and English units linked by the reference. At least 95% of gold beads must be recovered exactly.
"""

from __future__ import annotations

import itertools
import json
import random
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import DRAGOMAN, seed_file

from translate.align.bitext import align_translation

REPO = Path(__file__).resolve().parent.parent
REF_DIR = REPO / "seeds" / "reference"
REF_FILES = sorted(REF_DIR.glob("*.jsonl"))
assert REF_FILES, "the seed reference set (seeds/reference/*.jsonl) is missing"


@dataclass
class EnglishSentence:
    text: str
    refs: set[str]  # reference sentence ids it translates


def _paragraphs(ref_file: Path) -> tuple[str, list[list[EnglishSentence]], dict[str, tuple[int, int]]]:
    rows = [json.loads(line) for line in ref_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    source = seed_file(ref_file.stem).read_text(encoding="utf-8")
    paragraphs: dict[int, list[EnglishSentence]] = {}
    for row in rows:
        paragraphs.setdefault(row["paragraph"], []).append(EnglishSentence(row["english"], {row["id"]}))
    spans = {row["id"]: (row["source_start"], row["source_end"]) for row in rows}
    return source, [paragraphs[k] for k in sorted(paragraphs)], spans


def _merge(paragraphs: list[list[EnglishSentence]], rng: random.Random, times: int) -> None:
    candidates = [p for p in paragraphs if len(p) >= 2]
    for para in rng.sample(candidates, min(times, len(candidates))):
        k = rng.randrange(len(para) - 1)
        first, second = para[k], para[k + 1]
        joined = first.text.rstrip(".!?") + "; " + second.text[0].lower() + second.text[1:]
        para[k : k + 2] = [EnglishSentence(joined, first.refs | second.refs)]


def _split(paragraphs: list[list[EnglishSentence]], rng: random.Random, times: int) -> None:
    candidates = [(p, i) for p in paragraphs for i, s in enumerate(p) if ", " in s.text[20:-20]]
    for para, i in rng.sample(candidates, min(times, len(candidates))):
        if i >= len(para) or ", " not in para[i].text[20:-20]:
            continue
        s = para[i]
        cut = s.text.index(", ", 20)
        left = s.text[:cut] + "."
        right = s.text[cut + 2 :]
        right = right[0].upper() + right[1:]
        para[i : i + 1] = [EnglishSentence(left, s.refs), EnglishSentence(right, set(s.refs))]


def _render(paragraphs: list[list[EnglishSentence]]) -> tuple[str, list[tuple[int, int, set[str]]]]:
    lines, spans, pos = [], [], 0
    for para in paragraphs:
        parts = []
        for s in para:
            start = pos + sum(len(p) + 1 for p in parts)
            spans.append((start, start + len(s.text), s.refs))
            parts.append(s.text)
        line = " ".join(parts)
        lines.append(line)
        pos += len(line) + 1
    return "\n".join(lines) + "\n", spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _gold_beads(result, ref_spans, english_spans) -> set[tuple[frozenset, frozenset]]:
    """Connected components over the aligner's own units, linked through the reference."""
    src_units = [(s.start, s.end) for s in result.source_sentences]
    tgt_units = [(s.start, s.end) for s in result.target_sentences]
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        parent[find(a)] = find(b)

    for i in range(len(src_units)):
        find(("s", i))
    for j in range(len(tgt_units)):
        find(("t", j))
    for ref_id, span in ref_spans.items():
        src_hits = [i for i, u in enumerate(src_units) if _overlaps(u, span)]
        tgt_hits = [
            j
            for j, u in enumerate(tgt_units)
            for (s, e, refs) in english_spans
            if ref_id in refs and _overlaps(u, (s, e))
        ]
        nodes = [("s", i) for i in src_hits] + [("t", j) for j in tgt_hits]
        for a, b in itertools.pairwise(nodes):
            union(a, b)
    groups: dict = {}
    for node in list(parent):
        groups.setdefault(find(node), []).append(node)
    return {
        (frozenset(i for k, i in g if k == "s"), frozenset(j for k, j in g if k == "t"))
        for g in groups.values()
    }


def _recovered(source: str, english: str, ref_spans, english_spans) -> tuple[int, int]:
    result = align_translation(source, english)
    predicted = {(frozenset(b.source), frozenset(b.target)) for b in result.beads}
    gold = _gold_beads(result, ref_spans, english_spans)
    return len(gold & predicted), len(gold)


SCENARIOS = ["as_is", "merged", "split", "merged_and_split", "paragraph_missing", "paragraphs_swapped"]


@pytest.mark.slow
def test_aligner_recovers_at_least_95_percent_of_gold_beads() -> None:
    found = total = 0
    per_case = {}
    for ref_file in REF_FILES:
        for scenario in SCENARIOS:
            rng = random.Random(f"{ref_file.stem}-{scenario}")
            source, paragraphs, ref_spans = _paragraphs(ref_file)
            if scenario in ("merged", "merged_and_split"):
                _merge(paragraphs, rng, 3)
            if scenario in ("split", "merged_and_split"):
                _split(paragraphs, rng, 3)
            if scenario == "paragraph_missing" and len(paragraphs) > 2:
                del paragraphs[rng.randrange(1, len(paragraphs) - 1)]
            if scenario == "paragraphs_swapped" and len(paragraphs) > 3:
                i = rng.randrange(1, len(paragraphs) - 2)
                paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
            english, english_spans = _render(paragraphs)
            ok, n = _recovered(source, english, ref_spans, english_spans)
            per_case[f"{ref_file.stem}/{scenario}"] = f"{ok}/{n}"
            found, total = found + ok, total + n
    print(f"gold beads recovered: {found}/{total} = {found / total:.3f}", per_case)
    assert found / total >= 0.95, per_case


def test_align_cli_jsonl_offsets_point_into_both_files(tmp_path: Path) -> None:
    ref_file = REF_FILES[0]
    source_path = seed_file(ref_file.stem)
    english_path = REF_DIR / f"{ref_file.stem}.en.txt"
    dragoman = DRAGOMAN
    out = subprocess.run(
        [str(dragoman), "align", str(source_path), str(english_path), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=True,
    )
    beads = [json.loads(line) for line in out.stdout.splitlines()]
    source = source_path.read_text(encoding="utf-8")
    english = english_path.read_text(encoding="utf-8")
    assert beads
    for bead in beads:
        assert bead["kind"] in {"1-1", "1-2", "2-1", "1-0", "0-1"}
        if bead["source_start"] is not None:
            assert source[bead["source_start"] : bead["source_end"]].startswith(bead["source_text"][:10])
        if bead["target_start"] is not None:
            assert english[bead["target_start"] : bead["target_end"]].startswith(bead["target_text"][:10])
    assert sum(b["kind"] == "1-1" for b in beads) / len(beads) > 0.7


def test_align_cli_rejects_an_empty_translation(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    dragoman = DRAGOMAN
    seed = seed_file("003")
    out = subprocess.run([str(dragoman), "align", str(seed), str(empty)], capture_output=True, text=True)
    assert out.returncode == 2
    assert "empty.txt" in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
