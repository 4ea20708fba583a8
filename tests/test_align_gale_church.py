"""Building blocks of the sentence aligner: number anchors, the length model, the bead DP."""

from __future__ import annotations

from collections import Counter

from translate.align.anchors import numbers_in, overlap
from translate.align.bitext import BitextAligner, Sentence
from translate.align.gale_church import align_monotonic, length_cost


def test_numbers_match_across_scripts() -> None:
    fa = numbers_in("در سال ۲۰۰۲ نرخ ۴٫۹ درصد و در ۲۶/۰۸/۲۰۰۵ رشد ۱۱/۶٪ بود و ۱۳۴۴ کیلومتر")
    en = numbers_in("In 2002 the rate was 4.9 percent, and on 26 August 2005 growth was 11.6%, 1,344 km")
    shared, unshared = overlap(fa, en)
    assert shared == 6  # 2002, 4.9, 26, 2005, 11.6, 1344
    assert unshared == 1  # the month 08 written as a word
    assert numbers_in("٢٠٢١ و 2021") == Counter({"2021": 2})


def test_length_cost_prefers_proportional_lengths() -> None:
    assert (
        length_cost(100, 120, ratio=1.2) < length_cost(100, 60, ratio=1.2) < length_cost(100, 20, ratio=1.2)
    )


def test_dp_finds_the_cheapest_monotonic_path() -> None:
    # source units 0,1,2 ; target units 0,1 ; make (0,1)->(0) a cheap 2-1 and (2)->(1) a cheap 1-1
    def cost(i0: int, i1: int, j0: int, j1: int) -> float:
        return {(0, 2, 0, 1): 0.1, (2, 3, 1, 2): 0.1}.get((i0, i1, j0, j1), 10.0)

    steps = align_monotonic(3, 2, cost)
    assert [(s.kind, s.i0, s.j0) for s in steps] == [("2-1", 0, 0), ("1-1", 2, 1)]


def _sentences(
    lengths: list[int], paragraph_of: list[int] | None = None, numbers: dict[int, str] | None = None
):
    out, pos = [], 0
    for n, length in enumerate(lengths):
        tail = f" {numbers.get(n, '')} ".ljust(11) if numbers else ""
        text = "x" * (length - len(tail)) + tail
        out.append(Sentence(n, (paragraph_of or [0] * len(lengths))[n], pos, pos + len(text), text))
        pos += len(text) + 1
    return out


def test_merge_split_and_deletion_are_recovered_from_lengths_and_numbers() -> None:
    src = _sentences([80, 40, 45, 150, 30, 90], numbers={0: "11", 3: "2002 2003", 4: "77 1990", 5: "5"})
    # target: 0 ; 1+2 merged ; 3 split in two ; 4 dropped ; 5
    tgt = _sentences([96, 102, 90, 90, 108], numbers={0: "11", 2: "2002", 3: "2003", 4: "5"})
    beads = BitextAligner(src, tgt).align()
    assert [(b.kind, b.source, b.target) for b in beads] == [
        ("1-1", [0], [0]),
        ("2-1", [1, 2], [1]),
        ("1-2", [3], [2, 3]),
        ("1-0", [4], []),
        ("1-1", [5], [4]),
    ]
    assert all(0 <= b.score <= 1 for b in beads)
