"""The run at a glance: progress, honest headline figures and the four small charts.

Term success alone can mislead (a random model that is forced to write every glossary term scores
100% on gibberish), so it is always shown next to the signals that say whether the English is
usable at all: repetition loops, English length against source length, source script left in the
English and numbers that went missing. A segment with none of them counts as *plausible*.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from translate.review.flags import PLAUSIBLE_WARNING, length_ratio
from translate.serve.charts import bar_chart, histogram
from translate.serve.segments import FLAG_KINDS, SIGNAL_CODES
from translate.serve.store import STATES
from translate.serve.workspace import Workspace, counts

PLACED = ("satisfied", "constrained", "post-edited")
RATIO_EDGES = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
SIGNAL_LABELS = {
    "repeated_ngram": "repetition loops", "short_output": "English too short",
    "long_output": "English too long", "source_script_in_output": "source script left in English",
    "number_mismatch": "numbers missing",
}  # fmt: skip


def run_summary(workspace: Workspace) -> dict[str, Any]:
    """Documents with progress, run totals, honest headline figures and chart data (plain JSON)."""
    documents, segments = [], []
    enforced: Counter[str] = Counter()
    placed: Counter[str] = Counter()
    ratios: list[float] = []
    for doc in workspace.documents:
        view = workspace.document_view(doc.id)
        documents.append({"document": doc.id, "path": doc.path, "lang": doc.lang, **view["counts"]})
        segments += view["segments"]
        for seg in view["segments"]:
            if not seg["reviewable"]:
                continue
            ratio = length_ratio(seg["source"], seg["target"])
            if ratio is not None:
                ratios.append(ratio)
            for term in seg["terms"]:
                if term["status"] in ("review", "not-a-term"):
                    continue
                category = term["category"] or "other"
                enforced[category] += 1
                placed[category] += term["status"] in PLACED
    totals = counts(segments)
    work = [s for s in segments if s["reviewable"]]
    signals = {code: sum(any(f["code"] == code for f in s["flags"]) for s in work) for code in SIGNAL_CODES}
    plausible = sum(not any(f["code"] in SIGNAL_CODES for f in s["flags"]) for s in work)
    all_enforced = sum(enforced.values())
    term_rate = sum(placed.values()) / all_enforced if all_enforced else None
    plausible_rate = plausible / len(work) if work else None
    return {
        "documents": documents,
        "totals": totals,
        "headline": {
            "term_success": term_rate,
            "terms": all_enforced,
            "plausible": plausible_rate,
            "plausible_segments": plausible,
            "segments": len(work),
            "signals": signals,
            "warning": _warning(term_rate, plausible_rate),
        },
        "term_success_by_category": {c: round(placed[c] / enforced[c], 4) for c in sorted(enforced)},
        "length_ratios": [round(r, 3) for r in ratios],
    }


def _warning(term_rate: float | None, plausible_rate: float | None) -> str:
    if plausible_rate is None or plausible_rate >= PLAUSIBLE_WARNING:
        return ""
    share = f"{100 * (1 - plausible_rate):.0f}%"
    terms = f" Term success ({100 * term_rate:.0f}%) says nothing about it." if term_rate is not None else ""
    return (
        f"{share} of the English shows signs of a broken translation (loops, length, script, numbers).{terms}"
    )


def charts(summary: dict[str, Any]) -> list[str]:
    """The four charts of the run as inline SVG."""
    totals = summary["totals"]
    return [
        bar_chart("Segments by state", [(s, totals["states"][s]) for s in STATES]),
        bar_chart("Flags by kind", [(k, totals["kinds"][k]) for k in FLAG_KINDS]),
        bar_chart(
            "Term success by category",
            [(c, round(100 * v, 1)) for c, v in summary["term_success_by_category"].items()]
            or [("none", 0.0)],
            unit="%",
            scale=100.0,
        ),
        histogram("English / source length", summary["length_ratios"], RATIO_EDGES),
    ]
