"""Throughput of the text side: read + parse + segment + normalize >= 1 MB of Persian text, one core.

Usage: ``python bench/text_throughput.py [--mb 2] [--profile]``. Prints MB/s (UTF-8 bytes of input per
second of wall time); the bar is 1 MB/s.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import tempfile
import time
from pathlib import Path

from translate.document import parse_document
from translate.io.reading import read_text

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def build_input(megabytes: float) -> str:
    """The Persian seeds repeated (each copy separated by a blank line) to at least ``megabytes`` MB."""
    persian = [p.read_text(encoding="utf-8") for p in SEEDS if not p.name.startswith("004_")]
    unit = "\n\n".join(persian) + "\n\n"
    copies = int(megabytes * 1_000_000 // len(unit.encode("utf-8"))) + 1
    return unit * copies


def run_once(path: Path) -> tuple[int, int]:
    """Read and parse ``path``; return (bytes, segments)."""
    text = read_text(path)
    document = parse_document(text, doc_id=path.stem, path=str(path))
    return len(text.encode("utf-8")), len(document.segments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="input size in MB (default 2)")
    parser.add_argument("--profile", action="store_true", help="print the top functions by time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.txt"
        path.write_text(build_input(args.mb), encoding="utf-8")
        run_once(path)  # warm up regex caches
        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        if profiler:
            profiler.enable()
        size, segments = run_once(path)
        if profiler:
            profiler.disable()
        elapsed = time.perf_counter() - start
    print(f"{size / 1e6:.2f} MB, {segments} segments in {elapsed:.2f} s: {size / 1e6 / elapsed:.2f} MB/s")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(15)


if __name__ == "__main__":
    main()
