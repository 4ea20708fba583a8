"""Entity recall of the default glossary on the real-text coverage set, and how many generated
spelling variants actually occur in real text.

Run: ``python bench/region_coverage.py [--flores DIR] [--out FILE.json]``. Recall and precision per
variety (Iranian Persian, Dari, Arabic) on ``tests/data/region_coverage.jsonl``, wrong-sense hits
inside media names, and for each origin of ``glossary/data/variants.tsv`` the share of its forms that
produce at least one hit in the coverage set, the seeds and (with ``--flores``) FLORES-200 devtest.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from glossary.fold import fold
from glossary.store import load_glossary
from glossary.supplement import default_supplement

ROOT = Path(__file__).resolve().parent.parent
MEDIA_CATEGORIES = ("place", "region")


def _texts(flores: Path | None) -> list[tuple[str, str]]:
    """``(lang, text)`` of the coverage sentences, the seeds and FLORES (when given)."""
    texts = []
    for line in (ROOT / "tests" / "data" / "region_coverage.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        texts.append((case["lang"], case["text"]))
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts.append(("ar" if seed.name.startswith("004") else "fa", seed.read_text(encoding="utf-8")))
    if flores:
        for lang in ("fa", "ar"):
            texts += [
                (lang, x) for x in (flores / f"devtest.{lang}").read_text(encoding="utf-8").splitlines()
            ]
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flores", type=Path, default=None, help="Folder with devtest.fa and devtest.ar.")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    glossary = load_glossary()
    media = {e.id for e in glossary if e.category.value == "organization" and "news" in e.note.lower()}
    media |= {
        "tass",
        "ria_novosti",
        "sputnik",
        "interfax",
        "asia_plus",
        "central_asia_online",
        "fergana_agency",
    }
    tally: dict[str, Counter] = defaultdict(Counter)
    wrong_sense = 0
    for line in (ROOT / "tests" / "data" / "region_coverage.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        want = {(h["start"], h["end"], h["entry"]) for h in case["hits"]}
        hits = glossary.match(case["text"], case["lang"])
        got = {(h.start, h.end, h.entry) for h in hits}
        tally[case["variety"]].update(tp=len(want & got), fp=len(got - want), fn=len(want - got))
        spans = [(h.start, h.end) for h in hits if h.entry in media]
        wrong_sense += sum(
            1
            for h in hits
            if glossary.entry(h.entry).category.value in MEDIA_CATEGORIES
            and any(s <= h.start < e for s, e in spans)
        )
    recall = {
        v: {
            "mentions": c["tp"] + c["fn"],
            "recall": round(c["tp"] / (c["tp"] + c["fn"]), 3),
            "precision": round(c["tp"] / (c["tp"] + c["fp"]), 3),
        }
        for v, c in sorted(tally.items())
    }
    seen: set[tuple[str, str, str]] = set()
    for lang, text in _texts(args.flores):
        for hit in glossary.match(text, lang):
            seen.add((hit.entry, lang, fold(hit.variant)))
    origins: dict[str, Counter] = defaultdict(Counter)
    for form in default_supplement():
        if form.lang not in ("fa", "ar"):
            continue
        origins[form.origin]["forms"] += 1
        origins[form.origin]["occur"] += (form.id, form.lang, fold(form.form)) in seen
    occurrence = {
        o: {"forms": c["forms"], "occur": c["occur"], "share": round(c["occur"] / c["forms"], 4)}
        for o, c in sorted(origins.items())
    }
    print("| variety | mentions | recall | precision |\n|---|---|---|---|")
    for v, r in recall.items():
        print(f"| {v} | {r['mentions']} | {r['recall']:.3f} | {r['precision']:.3f} |")
    print(f"\nwrong-sense hits inside media names: {wrong_sense}\n")
    print("| origin | forms | occur in real text | share |\n|---|---|---|---|")
    for o, r in occurrence.items():
        print(f"| {o} | {r['forms']} | {r['occur']} | {r['share']:.2%} |")
    if args.out:
        args.out.write_text(
            json.dumps({"recall": recall, "wrong_sense": wrong_sense, "occurrence": occurrence}, indent=2),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
