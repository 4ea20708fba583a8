"""Glossary matcher speed: 10,000 entries over 1 MB of Persian text (target: under a second, one core).

Run: ``python bench/glossary_match_speed.py [--entries N] [--megabytes M]``. The glossary is the default one
plus synthetic entries of 1-3 words; the text mixes random words, the entries' forms (with suffixes,
ZWNJ and Arabic letters) and a seed article, so boundaries, suffixes and context rules all run.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from glossary.entry import Category, Entry
from glossary.store import load_glossary

LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_2940354c2d2d1c97.txt"


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(3, 8)))


def build(n_entries: int, megabytes: float, rng: random.Random) -> tuple[list[Entry], str]:
    """Synthetic entries (plus the default glossary) and about ``megabytes`` of text."""
    entries = list(load_glossary())
    while len(entries) < n_entries:
        form = " ".join(_word(rng) for _ in range(rng.randint(1, 3)))
        entries.append(
            Entry(
                f"syn{len(entries)}",
                f"Synthetic {len(entries)}",
                Category.ORGANIZATION,
                variants={"fa": [form]},
            )
        )
    forms = [v for e in entries for v in e.variants.get("fa", [])]
    seed = SEED.read_text(encoding="utf-8") if SEED.exists() else ""
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        roll = rng.random()
        if roll < 0.15:
            piece = rng.choice(forms).replace(" ", rng.choice([" ", "\u200c", ""])) + rng.choice(
                ["", "ها", "ی"]
            )
        elif roll < 0.16 and seed:
            piece = seed[: rng.randint(200, 2000)]
        else:
            piece = _word(rng)
        parts.append(piece)
        size += len(piece.encode("utf-8")) + 1
    return entries, " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    entries, text = build(args.entries, args.megabytes, random.Random(7))
    from glossary.matcher import Matcher

    t0 = time.perf_counter()
    matcher = Matcher(entries)
    matcher.match("آغاز", "fa")  # builds the automaton
    build_s = time.perf_counter() - t0
    matcher.match(text[:30_000], "fa")  # one-time imports (numpy for long texts), not throughput
    t1, c1 = time.perf_counter(), time.process_time()
    hits = matcher.match(text, "fa")
    match_s, match_cpu = time.perf_counter() - t1, time.process_time() - c1
    size = len(text.encode("utf-8")) / 1_000_000
    print(f"entries {len(entries)}, text {size:.2f} MB UTF-8 ({len(text):,} chars), hits {len(hits):,}")
    verdict = "meets" if match_cpu < 1 else "misses"
    print(f"build {build_s:.3f}s, match {match_s:.3f}s wall, {match_cpu:.3f}s CPU ({verdict} the 1 s target)")


if __name__ == "__main__":
    main()
