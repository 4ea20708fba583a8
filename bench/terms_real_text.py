"""Glossary terms on real text: FLORES-200 devtest against the hand-labelled gold, and what real
system outputs would cost in constrained decoding.

    python bench/terms_real_text.py [--flores DIR] [--gold FILE] [--glossary FILE ...] [--out JSON]

Prints Markdown tables (fa and ar): entity recall, reference acceptance (after and before the
glossary's post-edit of unapproved variants), wrong-sense hits that would be forced, terms required
where the entity is absent, and for each system output the share of constrained segments that need
forcing. Then the constraint overhead on CTranslate2 int8 (NLLB-600M architecture) estimated from
the real NLLB ar->en forcing share and the measured cost of one forced segment in
``bench/results/*.json`` (``translate_speed.py``'s seeds pipeline):

    overhead = constrained segments x forcing share x seconds per forced re-decode / model seconds

No model runs here; it takes a few seconds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.store import load_glossary  # noqa: E402
from translate.evaluate.term_gold import load_gold, measure  # noqa: E402

SPEED_RUNS = {
    "greedy, vocabulary map": ROOT / "bench/results/2026-11-23-epyc-2cpu.json",
    "beam 4, full vocabulary": ROOT / "bench/results/2026-11-23-epyc-2cpu-seeds-beam4.json",
}


def _default_flores() -> Path:
    """``../shared/data/flores200-devtest`` beside the repository (or ``shared/`` inside it)."""
    candidates = [ROOT.parent / "shared", ROOT / "shared", ROOT.parent.parent / "shared"]
    for shared in candidates:
        if (shared / "data/flores200-devtest/devtest.en").is_file():
            return shared / "data/flores200-devtest"
    return candidates[0] / "data/flores200-devtest"


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--flores", type=Path, default=_default_flores())
    parser.add_argument("--gold", type=Path, default=ROOT / "tests/data/flores_terms_gold.jsonl")
    parser.add_argument("--glossary", action="append", default=[], help="layered on the default glossary")
    parser.add_argument("--out", type=Path, help="write every figure as JSON")
    args = parser.parse_args(argv)
    if not (args.flores / "devtest.en").is_file():
        print(f"{args.flores}: no FLORES devtest here (give --flores DIR)", file=sys.stderr)
        return 2
    glossary = load_glossary(args.glossary)
    gold = load_gold(args.gold)
    reference = _lines(args.flores / "devtest.en")
    results = {}
    for lang in ("fa", "ar"):
        systems = {
            path.name.split(".")[2]: _lines(path)
            for path in sorted(args.flores.glob(f"devtest.{lang}-en.*.en"))
        }
        results[lang] = measure(
            glossary, lang, _lines(args.flores / f"devtest.{lang}"), reference, gold, systems
        )

    print(f"Glossary {glossary.label}; gold {args.gold.name} ({len(gold)} labelled spans)\n")
    print("| measure | fa | ar | bar |")
    print("|---|---|---|---|")
    rows = [
        ("hits (enforced)", lambda m: f"{m['hits']} ({m['enforced']})", ""),
        ("entity recall", lambda m: f"{m['entity_recall']:.3f}", ">= 0.97"),
        ("reference acceptance", lambda m: f"{m['reference_acceptance']:.3f}", ">= 0.97"),
        ("reference acceptance before post-edit", lambda m: f"{m['reference_acceptance_raw']:.3f}", ""),
        (
            "wrong-sense hits forced",
            lambda m: f"{m['wrong_sense_forced']} ({m['wrong_sense_forced_share']:.1%})",
            "<= 1% of hits",
        ),
        (
            "required where the entity is absent",
            lambda m: f"{m['required_without_entity']} ({m['required_without_entity_share']:.1%})",
            "<= 2%",
        ),
    ]
    for name, show, bar in rows:
        print(f"| {name} | {show(results['fa'])} | {show(results['ar'])} | {bar} |")

    print("\n| system output | constrained segments needing forcing |")
    print("|---|---|")
    for lang in ("fa", "ar"):
        m = results[lang]
        for name, forcing in m["forcing"].items():
            print(
                f"| {lang}-en {name} | {forcing['forced']}/{m['constrained_segments']}"
                f" ({forcing['share']:.1%}) |"
            )

    nllb = results["ar"]["forcing"].get("nllb")
    estimates = []
    if nllb is not None:
        print(
            "\nConstraint overhead on CTranslate2 int8 (NLLB-600M architecture):"
            " real NLLB ar->en forcing share"
        )
        print(f"{nllb['share']:.1%} x measured seconds per forced segment:\n")
        print("| run | constrained / translated | forced (est.) | s per forced | model s | overhead | bar |")
        print("|---|---|---|---|---|---|---|")
        for run, path in SPEED_RUNS.items():
            if not path.is_file():
                continue
            p = json.loads(path.read_text(encoding="utf-8"))["pipeline_overhead"]
            per_segment = p["model_in_pipeline_off_s"] / p["translated_segments"]
            for text, constrained, translated in (
                ("seeds", p["constrained_segments"], p["translated_segments"]),
                ("FLORES density", results["ar"]["constrained_segments"], results["ar"]["segments"]),
            ):
                forced = constrained * nllb["share"]
                overhead = forced * p["repair_s_per_forced_segment"] / (translated * per_segment)
                estimates.append({"run": run, "text": text, "overhead": overhead})
                print(
                    f"| {run}, {text} | {constrained}/{translated} | {forced:.1f} | "
                    f"{p['repair_s_per_forced_segment']:.3f} | {translated * per_segment:.1f} | "
                    f"+{overhead:.1%} | {'met' if overhead <= 0.10 else 'not met'} (<= +10%) |"
                )
    if args.out:
        args.out.write_text(
            json.dumps({"results": results, "overhead": estimates}, indent=1), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
