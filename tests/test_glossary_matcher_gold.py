"""The matcher against the hand-checked gold: every seed hit exactly, and the 104-sentence gold set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED_LANGS, SEEDS_DIR

from glossary.store import load_glossary

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def matcher():
    return load_glossary().matcher()


def _load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("stem", sorted(SEED_LANGS))
def test_seed_hits_exact(matcher, stem: str) -> None:
    text = (SEEDS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    want = [
        (h["start"], h["end"], h["text"], h["entry"])
        for h in _load_jsonl(DATA / "seed_hits" / f"{stem}.jsonl")
    ]
    got = [(h.start, h.end, h.text, h.entry) for h in matcher.match(text, SEED_LANGS[stem])]
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    assert not missing and not extra, f"missing {missing[:5]}, extra {extra[:5]}"
    assert got == want


@pytest.mark.parametrize("stem", sorted(SEED_LANGS))
def test_seed_language_is_detected(matcher, stem: str) -> None:
    text = (SEEDS_DIR / f"{stem}.txt").read_text(encoding="utf-8")
    assert [h.entry for h in matcher.match(text)] == [h.entry for h in matcher.match(text, SEED_LANGS[stem])]


def test_gold_sentences_precision_and_recall(matcher) -> None:
    cases = _load_jsonl(DATA / "glossary_gold.jsonl")
    assert len(cases) >= 100
    tp = fp = fn = 0
    wrong = []
    for case in cases:
        want = {(h["start"], h["end"], h["entry"]) for h in case["hits"]}
        got = {(h.start, h.end, h.entry) for h in matcher.match(case["text"], case["lang"])}
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        if want != got:
            wrong.append((case["id"], case["note"]))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"glossary gold: {len(cases)} sentences, precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= 0.97 and recall >= 0.97, wrong
    assert not wrong, wrong


def test_gold_hit_texts_are_the_original_spans(matcher) -> None:
    for case in _load_jsonl(DATA / "glossary_gold.jsonl"):
        for hit in matcher.match(case["text"], case["lang"]):
            assert case["text"][hit.start : hit.end] == hit.text
