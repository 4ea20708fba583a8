"""Large inputs: seconds and peak memory against input size, each size in a fresh process.

Usage: ``python bench/large_input.py [--text-mb 1 5 20] [--pipeline-mb 0.1 0.2 0.4] [--out r.json]``

* ``text``: read + parse + segment + normalize + the per-run dedupe (distinct model inputs) of the
  Persian seeds repeated to the size; plus one 2 MB line without any line break.
* ``pipeline``: ``translate_paths`` to JSONL with the tiny random NLLB of the test suite (greedy,
  output budget 0.1, ``--terms off``), on the same text; identical segments go to the model once.

Each measurement runs in its own subprocess, so peak RSS (``ru_maxrss``) is that size's alone;
``base MB`` is the RSS after the imports, before any input. Linear growth shows as a flat
``s / MB`` column and a flat ``MB RSS / MB input`` column (after the base is taken off).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


def build_input(megabytes: float, flat: bool = False) -> str:
    """The Persian seeds repeated to ``megabytes`` MB (``flat``: as one line, no line breaks)."""
    persian = [p.read_text(encoding="utf-8") for p in SEEDS if not p.name.startswith("004_")]
    unit = "\n\n".join(persian) + "\n\n"
    if flat:
        unit = " ".join(unit.split()) + " "
    copies = int(megabytes * 1_000_000 // len(unit.encode("utf-8"))) + 1
    return unit * copies


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, megabytes: float, workdir: Path) -> dict:
    """One measurement (runs in the subprocess)."""
    from translate.document import parse_document
    from translate.io.reading import read_text

    if mode == "pipeline":
        from translate.backends.base import DecodeOptions
        from translate.pipeline.batch import RunSettings, translate_paths
    base = _rss_mb()
    path = workdir / f"{mode}-{megabytes}.txt"
    path.write_text(build_input(megabytes, flat=mode == "flat"), encoding="utf-8")
    size = path.stat().st_size
    start = time.perf_counter()
    if mode in ("text", "flat"):
        text = read_text(path, max_bytes=size + 1)
        document = parse_document(text, doc_id=path.stem, path=str(path))
        segments = len(document.segments)
        distinct = len({(s.lang, s.model_input) for s in document.segments if s.translate})
    else:
        settings = RunSettings(
            model=str(workdir / "tiny-nllb"),
            options=DecodeOptions(beam_size=1, max_length_ratio=0.1),
            terms_mode="off",
        )
        result = translate_paths([path], workdir / f"{mode}-{megabytes}.jsonl", "jsonl", settings, quiet=True)
        assert [r.status for r in result.results] == ["written"], result.results
        lines = (workdir / f"{mode}-{megabytes}.jsonl").read_text(encoding="utf-8").splitlines()
        segments = len(lines)
        distinct = len({json.loads(line)["source"] for line in lines if '"translated": true' in line})
    seconds = time.perf_counter() - start
    return {
        "mode": mode,
        "mb": size / 1e6,
        "segments": segments,
        "distinct": distinct,
        "seconds": round(seconds, 2),
        "base_mb": round(base, 1),
        "peak_mb": round(_rss_mb(), 1),
    }


def measure(mode: str, megabytes: float, workdir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(megabytes), str(workdir)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, nargs="*", default=[1, 5, 20])
    parser.add_argument("--pipeline-mb", type=float, nargs="*", default=[0.1, 0.2, 0.4])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]), Path(args.child[2]))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for mb in args.text_mb:
            rows.append(measure("text", mb, workdir))
        rows.append(measure("flat", 2, workdir))
        if args.pipeline_mb:
            sys.path.insert(0, str(REPO / "tests"))
            from tiny_models import build_tiny_nllb

            build_tiny_nllb(workdir / "tiny-nllb")
            for mb in args.pipeline_mb:
                rows.append(measure("pipeline", mb, workdir))
    print("| mode | input MB | segments | distinct | seconds | s / MB | base MB | peak MB | (peak-base)/MB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        grow = (r["peak_mb"] - r["base_mb"]) / r["mb"]
        print(f"| {r['mode']} | {r['mb']:.2f} | {r['segments']:,} | {r['distinct']:,} | {r['seconds']} | "
              f"{r['seconds'] / r['mb']:.2f} | {r['base_mb']} | {r['peak_mb']} | {grow:.0f} |")  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
