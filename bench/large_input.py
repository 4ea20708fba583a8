"""Large inputs: seconds and peak memory against input size, each size in a fresh process.

Usage: ``python bench/large_input.py [--text-mb 1 5 20] [--pipeline-mb 0.25 0.5 1]
[--repeat-mb 1 5 20] [--variants json markdown html review whole flat] [--out r.json]``

* ``text``: read + parse + segment + normalize + the per-run dedupe (distinct model inputs) of the
  Persian seeds repeated to the size, the whole text at once (``parse_document``); ``stream``: the
  same, window by window (``translate.document.stream``, as ``dragoman translate`` reads a text
  file); plus one 2 MB line without any line break (``flat``, whole).
* ``pipeline``: ``translate_paths`` to JSONL (streamed) with the tiny random NLLB of the test suite
  (greedy, output budget 0.1, ``--terms off``, one torch thread) on the seeds repeated with every
  number changed per copy, so the sentences with a number are new to the model in each copy.
* ``repeat``: the same run on the seeds repeated unchanged: after the first copy every sentence
  comes from the run's cache, so this measures everything but the model (reading, segmentation,
  records, JSONL) through the real pipeline at full size. ``repeat.<variant>``: the same run
  written as JSON, Markdown or HTML, as JSONL with a ``--review`` page (``review``), with every
  record kept in the result (``whole``: the whole-document path, which streaming replaced), or on
  the same text as one line without any line break (``flat``: one window as long as the line).

Each measurement runs in its own subprocess, so peak RSS (``VmHWM``) is that size's alone;
``base MB`` is the RSS after the imports (and the model load, not timed), before any input.
Linear time shows as a flat ``s / MB`` column; memory bounded by the window as a flat ``peak MB``
(a whole-document parse grows ``peak MB`` with the input instead).
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from process_stats import cpu_seconds, peak_rss_mb

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


_NUMBER_RE = re.compile(r"[0-9]+|[۰-۹]+|[٠-٩]+")


def build_input(megabytes: float, flat: bool = False, vary: bool = False) -> str:
    """The Persian seeds repeated to at most ``megabytes`` MB (at least one copy; ``flat``: as one
    line, no line breaks; ``vary``: copy ``k`` appends ``k`` to every number, in its digits)."""
    persian = [p.read_text(encoding="utf-8") for p in SEEDS if not p.name.startswith("004_")]
    unit = "\n\n".join(persian) + "\n\n"
    if flat:
        unit = " ".join(unit.split()) + " "
    copies = max(1, int(megabytes * 1_000_000 // len(unit.encode("utf-8"))))
    if not vary:
        return unit * copies
    return "".join(
        _NUMBER_RE.sub(lambda m, k=k: m.group() + _digits(k, m.group()[0]), unit) for k in range(copies)
    )


def _digits(number: int, like: str) -> str:
    """``number`` written in the digits of the script of the digit ``like``."""
    zero = next((z for z in "0۰٠" if ord(z) <= ord(like) <= ord(z) + 9), "0")
    return "".join(chr(ord(zero) + int(d)) for d in str(number))


def child(mode: str, megabytes: float, workdir: Path) -> dict:
    """One measurement (runs in the subprocess)."""
    from translate.document import parse_document
    from translate.document.stream import line_windows, stream_document
    from translate.io.reading import read_text
    from translate.io.text_stream import open_text_stream

    backend = None
    if mode.split(".")[0] in ("pipeline", "repeat"):
        from translate.backends import load_backend
        from translate.backends.base import DecodeOptions
        from translate.pipeline.batch import RunSettings, translate_paths

        # one torch thread: torch's thread pool spins on a shared 2-core machine (20x slower with 2)
        backend = load_backend("transformers", str(workdir / "tiny-nllb"), "cpu", 1)
    base = peak_rss_mb()  # after the imports and the model
    path = _input_path(mode, megabytes, workdir)  # written by the parent: not in this process's peak
    size = path.stat().st_size
    start = time.perf_counter()
    cpu_start = cpu_seconds()
    if mode in ("text", "flat"):
        text = read_text(path, max_bytes=size + 1)
        document = parse_document(text, doc_id=path.stem, path=str(path))
        segments = len(document.segments)
        distinct = len({(s.lang, s.model_input) for s in document.segments if s.translate})
    elif mode in ("stream", "count"):
        stream = open_text_stream(path, max_bytes=size + 1)
        assert stream is not None
        seen: set[tuple[str, str]] = set()
        segments = 0
        for window in stream_document(
            lambda: line_windows(stream.chunks()), doc_id=path.stem, path=str(path)
        ):
            segments += len(window.segments)
            seen.update((s.lang, s.model_input) for s in window.segments if s.translate)
        distinct = len(seen)
    else:
        settings = RunSettings(
            model=str(workdir / "tiny-nllb"),
            options=DecodeOptions(beam_size=1, max_length_ratio=0.1),
            terms_mode="off",
        )
        variant = mode.partition(".")[2]  # repeat.markdown, repeat.review, repeat.whole...
        fmt = variant if variant in ("text", "json", "markdown", "html") else "jsonl"
        page = None
        if variant == "review":
            from translate.review import open_review_page

            page = open_review_page(workdir)
        out = workdir / f"{mode}-{megabytes}.{fmt}"
        result = translate_paths(
            [path],
            out,
            fmt,
            settings,
            quiet=True,
            backend=backend,
            sink=page,
            keep_records=variant == "whole",
        )
        assert [r.status for r in result.results] == ["written"], result.results
        if page is not None:
            from translate.review import write_review_page

            write_review_page(page, workdir / f"{mode}-{megabytes}.review.html")
        segments = distinct = 0
        sources: set[str] = set()
        if fmt == "jsonl":
            with out.open(encoding="utf-8") as handle:
                for line in handle:
                    segments += 1
                    if '"translated": true' in line:
                        sources.add(json.loads(line)["source"])
        distinct = len(sources)
    seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_start
    return {
        "mode": mode,
        "mb": size / 1e6,
        "segments": segments,
        "distinct": distinct,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "base_mb": round(base, 1),
        "peak_mb": round(peak_rss_mb(), 1),
    }


def _input_path(mode: str, megabytes: float, workdir: Path) -> Path:
    return workdir / f"{mode}-{megabytes}.txt"


def best_of(runs: int, mode: str, megabytes: float, workdir: Path) -> dict:
    """The fastest of ``runs`` measurements (a shared machine's load only ever adds time)."""
    return min((measure(mode, megabytes, workdir) for _ in range(runs)), key=lambda r: r["cpu_seconds"])


def measure(mode: str, megabytes: float, workdir: Path) -> dict:
    megabytes = float(megabytes)
    flat = mode in ("flat", "repeat.flat")
    text = build_input(megabytes, flat=flat, vary=mode in ("pipeline", "count"))
    _input_path(mode, megabytes, workdir).write_text(text, encoding="utf-8")
    del text
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(megabytes), str(workdir)],
        capture_output=True, text=True, check=True, cwd=REPO,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-mb", type=float, nargs="*", default=[1, 5, 20])
    parser.add_argument("--stream-mb", type=float, nargs="*", default=[1, 5, 20])
    parser.add_argument("--pipeline-mb", type=float, nargs="*", default=[0.25, 0.5, 1])
    parser.add_argument("--repeat-mb", type=float, nargs="*", default=[1, 5, 20])
    parser.add_argument("--count-mb", type=float, nargs="*", default=[5, 20], help="sizes to extrapolate to")
    parser.add_argument(
        "--variants",
        nargs="*",
        default=[],
        choices=["json", "markdown", "html", "review", "whole", "flat"],
        help="repeat runs also written as these formats, with a review page (review: JSONL plus "
        "--review), with every record kept (whole: the whole-document path, for comparison), or on "
        "the input as one line (flat: a line longer than the window is one window)",
    )
    parser.add_argument("--runs", type=int, default=2, help="text and stream: the fastest of this many")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]), Path(args.child[2]))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        for mb in sorted({*args.text_mb, *args.stream_mb}):  # interleaved: a shared machine's load
            if mb in args.text_mb:  # changes over minutes; neighbours see about the same
                rows.append(best_of(args.runs, "text", mb, workdir))
            if mb in args.stream_mb:
                rows.append(best_of(args.runs, "stream", mb, workdir))
        if args.text_mb:
            rows.append(measure("flat", 2, workdir))
        if args.pipeline_mb or args.repeat_mb:
            sys.path.insert(0, str(REPO / "tests"))
            from tiny_models import build_tiny_nllb

            build_tiny_nllb(workdir / "tiny-nllb")
            for mb in args.pipeline_mb:
                rows.append(measure("pipeline", mb, workdir))
            for mb in args.repeat_mb:
                rows.append(measure("repeat", mb, workdir))
                for variant in args.variants:
                    rows.append(measure(f"repeat.{variant}", mb, workdir))
            for mb in args.count_mb:
                rows.append(measure("count", mb, workdir))
    _report(rows, [r for r in rows if r["mode"] == "count"])
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


def _report(rows: list[dict], counts: list[dict]) -> None:
    """The table, the growth ratios between sizes of one mode, and the extrapolated pipeline times."""
    rows = sorted((r for r in rows if r["mode"] != "count"), key=lambda r: r["mode"] == "stream")
    print(
        "| mode | input MB | segments | distinct | seconds | CPU s | CPU s / MB | base MB | peak MB |", end=""
    )
    print(" (peak-base)/MB |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        grow = (r["peak_mb"] - r["base_mb"]) / r["mb"]
        print(f"| {r['mode']} | {r['mb']:.2f} | {r['segments']:,} | {r['distinct']:,} | {r['seconds']} | "
              f"{r['cpu_seconds']} | {r['cpu_seconds'] / r['mb']:.2f} | {r['base_mb']} | {r['peak_mb']} | "
              f"{grow:.0f} |")  # fmt: skip
    print("\nGrowth between sizes (linear: time ratio ~ size ratio; bounded memory: peak ratio ~ 1)")
    for mode in dict.fromkeys(r["mode"] for r in rows):
        same = [r for r in rows if r["mode"] == mode]
        for small, large in itertools.pairwise(same):
            size, time_ = large["mb"] / small["mb"], large["seconds"] / small["seconds"]
            cpu = large["cpu_seconds"] / small["cpu_seconds"]
            peak = _ratio(large, small)
            print(f"  {mode}: size x{size:.2f}  time x{time_:.2f}  cpu x{cpu:.2f}  peak-base x{peak:.2f}")
    model = [r for r in rows if r["mode"] == "pipeline"]
    repeat = {round(r["mb"]): r for r in rows if r["mode"] == "repeat"}
    if model and counts:
        last = model[-1]
        other = repeat.get(round(last["mb"]))
        rest = other["seconds"] * last["mb"] / other["mb"] if other else 0.0
        per_distinct = (last["seconds"] - rest) / last["distinct"]
        print(f"\nModel time per distinct segment (pipeline {last['mb']:.2f} MB, less the repeat run's "
              f"time for that size): {per_distinct * 1000:.1f} ms")  # fmt: skip
        for count in counts:
            full = repeat.get(round(count["mb"]))
            estimate = per_distinct * count["distinct"] + (full["seconds"] if full else 0.0)
            print(f"  extrapolated pipeline {count['mb']:.2f} MB: {count['distinct']:,} distinct segments -> "
                  f"{estimate:.0f} s (model) + the repeat run's measured time at that size")  # fmt: skip


def _ratio(large: dict, small: dict) -> float:
    grown = small["peak_mb"] - small["base_mb"]
    return (large["peak_mb"] - large["base_mb"]) / grown if grown > 0 else float("nan")


if __name__ == "__main__":
    main()
