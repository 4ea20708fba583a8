"""The region as real news names it: entity recall on the real-text coverage set, media names that
win over the places inside them, generated spelling variants and how they are marked, coverage stats
and the corpus frequency check."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pytest

from glossary.store import load_glossary
from glossary.supplement import (
    CURATED,
    ExtraForm,
    apply_supplement,
    default_facets,
    default_supplement,
    read_supplement,
)

DATA = Path(__file__).resolve().parent / "data"
FLORES = Path(
    os.environ.get(
        "DRAGOMAN_FLORES", Path(__file__).resolve().parents[2] / "shared" / "data" / "flores200-devtest"
    )
)
MEDIA = (
    "tass",
    "ria_novosti",
    "sputnik",
    "interfax",
    "asia_plus",
    "central_asia_online",
    "fergana_agency",
    "rfe_rl",
    "radio_ozodi",
    "khovar",
    "akipress",
    "kabar",
    "kg24",
    "tolo_news",
    "ariana_news",
    "afghanistan_international",
    "rt_channel",
    "afp",
    "voa",
    "iran_international",
    "sadai_afghanistan",
    "awna",
    "uza",
    "eurasianet",
    "cabar",
    "belta",
    "tasnim",
)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


def _cases() -> list[dict]:
    lines = (DATA / "region_coverage.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_coverage_set_offsets_and_entries(glossary) -> None:
    cases = _cases()
    assert {c["variety"] for c in cases} == {"fa-IR", "fa-AF", "ar"}
    for case in cases:
        for hit in case["hits"]:
            assert case["text"][hit["start"] : hit["end"]] == hit["text"], case["id"]
            assert hit["entry"] in glossary, hit


def test_entity_recall_per_variety_is_at_least_095(glossary) -> None:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for case in _cases():
        want = {(h["start"], h["end"], h["entry"]) for h in case["hits"]}
        got = {(h.start, h.end, h.entry) for h in glossary.match(case["text"], case["lang"])}
        tally = counts[case["variety"]]
        tally[0] += len(want & got)
        tally[1] += len(got - want)
        tally[2] += len(want - got)
    for variety, (tp, fp, fn) in counts.items():
        recall, precision = tp / (tp + fn), tp / (tp + fp)
        print(f"{variety}: recall {recall:.3f}, precision {precision:.3f} ({tp + fn} mentions)")
        assert recall >= 0.95, variety
        assert precision >= 0.95, variety


def test_forms_seen_in_real_news_match_their_entry(glossary) -> None:
    rows = (DATA / "region_forms.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(rows) >= 150
    for row in rows:
        variety, form, entry, english, seen = row.split("\t")
        assert seen and glossary.entry(entry).english == english
        hits = glossary.match(form, "ar" if variety == "ar" else "fa")
        assert [(h.text, h.entry) for h in hits] == [(form, entry)], row


@pytest.mark.parametrize("media", MEDIA)
def test_media_names_are_one_hit_never_the_place_inside(glossary, media: str) -> None:
    entry = glossary.entry(media)
    for lang in ("fa", "ar"):
        for form in entry.variants.get(lang, []):
            sentence = (
                f"{'به گزارش' if lang == 'fa' else 'وقالت'} {form} {'امروز' if lang == 'fa' else 'اليوم'}"
            )
            assert [h.entry for h in glossary.match(sentence, lang)] == [media], (lang, form)


def test_no_place_or_region_hit_inside_a_media_name_in_the_coverage_set(glossary) -> None:
    for case in _cases():
        hits = glossary.match(case["text"], case["lang"])
        media = [(h.start, h.end) for h in hits if h.entry in MEDIA]
        for hit in hits:
            if glossary.entry(hit.entry).category.value in ("place", "region"):
                assert not any(s <= hit.start < e for s, e in media), (case["id"], hit.text)


def test_asia_plus_is_not_the_continent(glossary) -> None:
    hits = glossary.match("پایگاه اطلاع رسانی «آسیا پلاس» تاجیکستان نوشت", "fa")
    assert [h.entry for h in hits] == ["asia_plus", "tajikistan"]
    assert [h.entry for h in glossary.match("سنترال آسيا اونلاين", "fa")] == ["central_asia_online"]


def test_afghan_spellings_come_from_the_generator_and_are_marked(glossary) -> None:
    forms = {(f.id, f.lang, f.form): f for f in default_supplement()}
    assert forms[("tajikistan", "fa", "تاجکستان")].origin == "cldr:fa_AF"
    assert forms[("islamic_movement_tajikistan", "fa", "جنبش اسلامی تاجکستان")].origin == "rule:afghan-stan"
    assert forms[("border_troops", "fa", "نیروهای سرحدی")].origin == "rule:afghan-border"
    assert forms[("turkmenistan", "tg", "Туркманистон")].origin == "cldr:tg"  # Тоҷикистон is curated in tg
    assert all(f.generated for f in forms.values() if f.origin != CURATED)
    text = "جلسه شورای امنیت ملی تاجکستان و نیروهای سرحدی"
    assert [(h.text, h.entry) for h in glossary.match(text, "fa")] == [
        ("شورای امنیت ملی", "security_council"),
        ("تاجکستان", "tajikistan"),
        ("نیروهای سرحدی", "border_troops"),
    ]


def test_arabic_transliteration_variants(glossary) -> None:
    for form, entry in [
        ("باتكين", "batken"),
        ("طاجاكستان", "tajikistan"),
        ("خجاند", "khujand"),
        ("دوشانبي", "dushanbe"),
    ]:
        assert [(h.text, h.entry) for h in glossary.match(f"وصل إلى {form} أمس", "ar")] == [(form, entry)]


def test_tajik_cyrillic_cldr_forms_are_tajik_source_forms(glossary) -> None:
    """Since the glossary has a ``tg`` column (Tajik news in Cyrillic), CLDR's Tajik names are matched."""
    entry = apply_supplement(
        [glossary.entry("tajikistan")], [ExtraForm("tajikistan", "tg", "Тоҷикистони Шимолӣ", "cldr:tg")]
    )[0]
    assert "Тоҷикистони Шимолӣ" in entry.variants["tg"]
    assert "Тоҷикистон" in glossary.entry("tajikistan").variants["tg"]


def test_generated_forms_avoid_common_words_and_other_entries(glossary) -> None:
    from glossary.fold import fold
    from glossary.variants import read_common_words

    common = read_common_words()
    assert len(common["fa"]) > 1000 and len(common["ar"]) > 1000
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in glossary:
        for lang, forms in entry.variants.items():
            for form in forms:
                owners[(lang, fold(form))].add(entry.id)
    for form in default_supplement():
        if form.generated and form.lang in ("fa", "ar"):
            assert owners[(form.lang, fold(form.form))] == {form.id}, form
            assert fold(form.form) not in common[form.lang], form


def test_variants_file_is_what_the_generator_writes(tmp_path: Path) -> None:
    pytest.importorskip("babel")
    from glossary.supplement import data_path
    from glossary.variants import main

    copy = tmp_path / "variants.tsv"
    copy.write_bytes(data_path("variants.tsv").read_bytes())
    assert main(["--output", str(copy), "--check"]) == 0
    lines = copy.read_text(encoding="utf-8").splitlines()
    copy.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")
    assert main(["--output", str(copy), "--check"]) == 1
    assert main(["--output", str(copy)]) == 0
    assert read_supplement(copy) == list(default_supplement())


def test_rules_make_the_documented_spellings() -> None:
    from glossary.variants import afghan_forms, long_vowel_forms, ov_suffix_forms

    assert ("afghan-police", "پولیس مرزی", "پولیس") in list(afghan_forms("پلیس مرزی"))
    assert {v for _r, v, _w in ov_suffix_forms("امامعلی رحمانوف")} == {"امامعلی رحمانف", "امامعلی رحمان اف"}
    assert "باتكين" in {v for _r, v, _w in long_vowel_forms("باتكن", "ar")}
    assert "خجاند" in {v for _r, v, _w in long_vowel_forms("خجند", "ar")}


def test_every_entry_has_a_country_and_stats_show_coverage(glossary) -> None:
    from glossary.stats import glossary_stats

    facets = default_facets()
    assert {e.id for e in glossary} <= set(facets)
    stats = glossary_stats(glossary)
    for country in ("TJ", "KG", "UZ", "KZ", "TM", "AF"):
        assert stats["countries"][country]["place"] >= 7, country
    assert stats["countries"]["TJ"]["person"] >= 10
    assert sum(v["total"] for v in stats["countries"].values()) == stats["entries"]
    assert stats["extra_forms"]["curated"] >= 60
    assert stats["extra_forms"]["cldr:fa_AF"] >= 1


def test_officials_notes_give_role_and_years(glossary) -> None:
    import re

    new_people = [
        e for e in glossary if e.category.value == "person" and default_facets()[e.id].country != "other"
    ]
    dated = [e for e in new_people if re.search(r"(19|20)\d\d", e.note)]
    assert len(dated) >= 40
    assert "2012" in glossary.entry("shoigu").note and "2024" in glossary.entry("shoigu").note


def test_corpus_check_flags_a_form_that_is_a_common_word(glossary) -> None:
    from glossary.corpus_check import corpus_issues
    from glossary.entry import Category, Entry

    entries = [*glossary, Entry("bad_five", "Five", Category.PLACE, variants={"fa": ["پنج"]})]
    corpus = ["پنج نفر آمدند.", "ساعت پنج رسید.", "دوشنبه پایتخت تاجیکستان است."]
    references = ["Five people came.", "He arrived at five.", "Dushanbe is the capital of Tajikistan."]
    issues = corpus_issues(entries, "fa", corpus, [r.replace("ive", "") for r in references])
    assert [i.entry for i in issues] == ["bad_five"]
    assert corpus_issues(entries, "fa", corpus, references) == []
    generated = {("fa", "پنج")}
    assert [i.entry for i in corpus_issues(entries, "fa", corpus, None, generated)] == ["bad_five"]


@pytest.mark.skipif(not FLORES.is_dir(), reason="FLORES-200 devtest not beside the checkout")
def test_flores_frequency_check_finds_only_the_america_sense() -> None:
    from glossary.corpus_check import corpus_issues, generated_forms, read_lines

    entries = list(load_glossary())
    references = read_lines(FLORES / "devtest.en")
    found = set()
    for lang in ("fa", "ar"):
        corpus = read_lines(FLORES / f"devtest.{lang}")
        found |= {i.entry for i in corpus_issues(entries, lang, corpus, references, generated_forms())}
    assert found <= {"usa"}


def test_extra_forms_count_in_the_translation_memory_key(tmp_path: Path, monkeypatch) -> None:
    import glossary.supplement as supplement
    from translate.memory.keys import glossary_hash

    real = supplement.data_path
    copy = tmp_path / "variants.tsv"
    copy.write_bytes(real("variants.tsv").read_bytes())
    monkeypatch.setattr(supplement, "data_path", lambda name: copy if name == "variants.tsv" else real(name))
    supplement.default_supplement.cache_clear()  # the shipped forms are read once per process
    try:
        before = glossary_hash(None, "constrain")
        copy.write_text(
            copy.read_text(encoding="utf-8") + "tajikistan\tfa\tتاجیکستون\tcurated\ttest\n", encoding="utf-8"
        )
        supplement.default_supplement.cache_clear()
        assert glossary_hash(None, "constrain") != before
    finally:
        supplement.default_supplement.cache_clear()


def test_validate_reports_an_extra_form_of_an_unknown_entry(monkeypatch) -> None:
    import glossary.supplement as supplement
    from glossary.validate import ERROR, validate

    forms = (*supplement.default_supplement(), ExtraForm("no_such_entry", "fa", "نامعلوم", CURATED))
    monkeypatch.setattr(supplement, "default_supplement", lambda: forms)
    problems = [i for i in validate([]) if i.level == ERROR]
    assert [i.entry for i in problems] == ["no_such_entry"]
    assert "variants.tsv" in problems[0].where
