"""English forms per entry, source forms that select one, the acceptance rule and word-sense rules.

The sense cases are the ones real text produced (South America forced to "United States", steel
cables to "Kabul", the French language to "France", the East Indies to "India"), written here as
sentences of our own in both languages.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from handmade_docs import DictBackend

from glossary.entry import Category, Entry
from glossary.formats import get_format
from glossary.model import Glossary
from glossary.store import load_glossary
from translate.backends.base import DecodeOptions
from translate.decoding.acceptance import accepts, find_accepted
from translate.document import parse_document
from translate.errors import GlossaryError
from translate.pipeline import translate_document
from translate.terms.constraints import ConstraintPlanner


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([])


def _planned(glossary: Glossary, text: str, lang: str) -> list[tuple[str, str, bool, str]]:
    """(source text, entry, enforced, required) of each hit."""
    return [
        (h.source_text, h.entry.id, h.enforced, h.required)
        for h in ConstraintPlanner(glossary, lang).hits(text, lang)
    ]


# -- the acceptance rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "forms", "expected"),
    [
        ("The German government said", ["Germany", "German"], True),
        ("Russian troops crossed", ["Russia"], False),  # whole words only
        ("Russia's army", ["Russia"], True),  # possessive
        ("the Afghans returned", ["Afghan"], True),  # plural of the form
        ("The Germans' plan", ["Germans"], True),  # plural possessive
        ("He met al-Qaeda's leader", ["al-Qaeda"], True),
        ("Al-Qaeda claimed it.", ["al-Qaeda"], True),  # capital at the start of a sentence
        ("the Al-Qaeda group", ["al-Qaeda"], False),  # ... not inside one
        ("two armies met", ["army"], True),  # y -> ies
        ("US officials", ["United States", "US"], True),
        ("USA Gymnastics", ["US"], False),
    ],
)
def test_acceptance_rule(text: str, forms: list[str], expected: bool) -> None:
    assert accepts(text, forms) is expected


def test_acceptance_while_decoding_waits_for_the_word_to_end() -> None:
    assert not accepts("troops from Russia", ["Russia"], final=False)  # "Russian" may follow
    assert accepts("troops from Russia left", ["Russia"], final=False)
    assert find_accepted("German and Germany", ["Germany", "German"]) == [
        (0, 6, "German"),
        (11, 18, "Germany"),
    ]


# -- file formats -------------------------------------------------------------------------------

HEADER = "\t".join(
    "id english short first_mention category fa ar unapproved confirm exclude review note source".split()
)


def test_tsv_form_columns_are_trailing_and_optional() -> None:
    text = (
        HEADER
        + "\tforms\tfa_forms\tar_forms\n"
        + "germany\tGermany\t\tfull\tplace\tآلمان\tألمانيا\t\t\t\t\t\t\tadjective: German | people: Germans"
        + "\tadjective: آلمانی\tadjective: ألماني\n"
        + "paris\tParis\t\tfull\tplace\tپاریس\tباريس\t\t\t\t\t\t\n"  # a row in the old layout
    )
    tsv = get_format("tsv")
    germany, paris = tsv.read(text, "g.tsv")
    assert germany.forms == {"adjective": ["German"], "people": ["Germans"]}
    assert germany.source_forms == {"fa": [("adjective", "آلمانی")], "ar": [("adjective", "ألماني")]}
    assert paris.forms == {} and paris.source_forms == {}
    assert tsv.write([germany, paris]) == text
    assert get_format("csv").write([paris]).splitlines()[0].split(",")[-1] == "source"  # old layout kept


def test_bad_forms_are_one_line_errors_naming_the_cell() -> None:
    row = "x\tX\t\tfull\tplace\tایکس\t\t\t\t\t\t\t\tadj: Xian\n"
    with pytest.raises(GlossaryError) as err:
        get_format("tsv").read(HEADER + "\tforms\n" + row, "g.tsv")
    assert err.value.where == f"g.tsv:2:{row.index('adj') + 1}" and "adj: Xian" in err.value.problem
    with pytest.raises(GlossaryError, match="14 columns, expected 13"):
        get_format("tsv").read(HEADER + "\n" + row, "g.tsv")  # no form columns in the header


def test_tbx_writes_forms_as_terms_with_part_of_speech_and_usage_note(glossary: Glossary) -> None:
    germany = glossary.entry("germany")
    tbx = get_format("tbx")
    text = tbx.write([germany])
    ns = "{urn:iso:std:iso:30042:ed-2}"
    root = ET.fromstring(text.encode())
    en = next(s for s in root.iter(f"{ns}termSec") if s.find(f"{ns}term").text == "German")
    notes = {n.get("type"): n.text for n in en.iter(f"{ns}termNote")}
    assert notes["partOfSpeech"] == "adjective" and en.find(f"{ns}note").text == "form: adjective"
    (back,) = tbx.read(text, "g.tbx")
    assert back == germany


# -- source forms select the English form -------------------------------------------------------


def test_source_form_selects_the_english_form(glossary: Glossary) -> None:
    assert _planned(glossary, "سفیر آلمان گفت", "fa") == [("آلمان", "germany", True, "Germany")]
    assert _planned(glossary, "دولت آلمانی", "fa") == [("آلمانی", "germany", True, "German")]
    assert _planned(glossary, "قالت الحكومة الألمانية", "ar") == [("الألمانية", "germany", True, "German")]
    assert _planned(glossary, "وصل الألمان", "ar") == [("الألمان", "germany", True, "Germans")]
    assert _planned(glossary, "آلمانی‌ها آمدند", "fa") == [("آلمانی", "germany", True, "Germans")]
    # nisba forms are derived from the one listed: plural people, with the article and a proclitic
    assert _planned(glossary, "والباكستانيون", "ar") == [("الباكستانيون", "pakistan", True, "Pakistanis")]
    hit = ConstraintPlanner(glossary, "fa").hits("دولت آلمان", "fa")[0]
    assert {"Germany", "German", "Germans"} <= set(hit.accepted)


# -- word sense ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("او به آمریکای جنوبی سفر کرد", "fa", [("آمریکای جنوبی", "south_america", True, "South America")]),
        ("سافر إلى أمريكا الجنوبية", "ar", [("أمريكا الجنوبية", "south_america", True, "South America")]),
        ("در قاره‌های آمریکا", "fa", [("قاره‌های آمریکا", "americas", True, "the Americas")]),
        ("في الأمريكتين", "ar", [("الأمريكتين", "americas", True, "the Americas")]),
        (
            "آمریکای لاتین و آمریکای شمالی",
            "fa",
            [
                ("آمریکای لاتین", "latin_america", True, "Latin America"),
                ("آمریکای شمالی", "north_america", True, "North America"),
            ],
        ),
        ("به زبان فرانسه صحبت کرد", "fa", [("زبان فرانسه", "france", True, "French")]),
        ("تحدث باللغة الروسية", "ar", [("الروسية", "russia", True, "Russian")]),
        ("جزر الهند الشرقية", "ar", [("جزر الهند الشرقية", "east_indies", True, "East Indies")]),
        ("جزایر هند شرقی", "fa", [("جزایر هند شرقی", "east_indies", True, "East Indies")]),
        (
            "شركة الهند الشرقية",
            "ar",
            [("شركة الهند الشرقية", "east_india_company", True, "East India Company")],
        ),
        ("المحيط الهندي", "ar", [("المحيط الهندي", "indian_ocean", True, "Indian Ocean")]),
        ("حليب جوز الهند", "ar", []),  # coconut
        ("کابل‌های فولادی پل", "fa", []),  # steel cables
        ("کابل برق قطع شد", "fa", []),  # power cable
        ("کابل فیبر نوری", "fa", []),  # fiber cable
        ("کابل‌ها را وصل کردند", "fa", [("کابل", "kabul", False, "Kabul")]),  # a place is not plural
        ("طالبان در کابل", "fa", [("طالبان", "taliban", True, "Taliban"), ("کابل", "kabul", True, "Kabul")]),
        ("القاعدة العسكرية", "ar", []),  # the military base
        ("تنظيم القاعدة", "ar", [("تنظيم القاعدة", "al_qaeda", True, "al-Qaeda")]),
        ("هذه هي القاعدة", "ar", [("القاعدة", "al_qaeda", False, "al-Qaeda")]),  # doubtful: review
        ("روز دوشنبه جلسه بود", "fa", []),  # Monday
        (
            "در دوشنبه پایتخت تاجیکستان",
            "fa",
            [
                ("دوشنبه", "dushanbe", True, "Dushanbe"),
                ("تاجیکستان", "tajikistan", True, "Tajikistan"),
            ],
        ),
        ("۱۰۰ پا قطر دارد", "fa", []),  # diameter
        ("در بازی‌های کشورهای مشترک‌المنافع", "fa", []),  # the Commonwealth Games
    ],
)
def test_word_sense(glossary: Glossary, text: str, lang: str, expected: list) -> None:
    assert _planned(glossary, text, lang) == expected


def test_review_context_in_the_glossary_file_makes_a_hit_doubtful() -> None:
    """The review column holds context phrases: a hit near one is reported, never forced."""
    base = dict(
        variants={"fa": ["هند"]},
        forms={"adjective": ["Indian"]},
        source_forms={"fa": [("adjective", "هندی")]},
    )
    plain = Entry("india", "India", Category.PLACE, **base)
    assert [h.review for h in Glossary([plain]).match("به زبان هندی", "fa")] == [False]
    doubtful = Entry("india", "India", Category.PLACE, review_context=["زبان"], **base)
    (read,) = get_format("tsv").read(get_format("tsv").write([doubtful]), "g.tsv")
    assert read == doubtful
    assert [h.review for h in Glossary([read]).match("به زبان هندی", "fa")] == [True]  # Hindi
    assert [h.review for h in Glossary([read]).match("یوگای هندی", "fa")] == [False]  # Indian yoga


# -- the pipeline: a correct form is satisfied, nothing is glued on -----------------------------


def test_adjective_rendering_satisfies_a_noun_hit() -> None:
    source = "سفیر آلمان در دوشنبه سخن گفت."
    doc = parse_document(source, source_lang="fa")
    backend = DictBackend({source: "The German ambassador spoke in Dushanbe."})
    (record,) = translate_document(
        doc, backend, options=DecodeOptions(beam_size=1), glossary=None, terms_mode="constrain"
    )
    assert record.target == "The German ambassador spoke in Dushanbe."
    terms = {t.entry: t for t in record.terms}
    assert terms["germany"].status == "satisfied" and terms["germany"].required == "Germany"
    assert record.target[terms["germany"].target_start : terms["germany"].target_end] == "German"
    assert "term_missing" not in record.flags
    # the backend was told which forms spare "Germany" from forcing
    assert backend.forms[0][0][0][:3] == ["Germany", "German", "Germans"]


def test_a_missing_term_is_reported_never_appended() -> None:
    source = "سفیر آلمان سخن گفت."
    doc = parse_document(source, source_lang="fa")
    (record,) = translate_document(
        doc,
        DictBackend({source: "The ambassador spoke."}),
        options=DecodeOptions(),
        glossary=None,
        terms_mode="constrain",
    )
    assert record.target == "The ambassador spoke."
    assert [t.status for t in record.terms] == ["missing"] and "term_missing" in record.flags


# -- glossary candidates: names, not common phrases ---------------------------------------------


def test_candidates_skip_common_phrases(glossary: Glossary) -> None:
    from glossary.candidates import candidates_in_files
    from glossary.fold import fold

    seeds = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    found = {fold(c.text) for c in candidates_in_files(seeds, glossary, 2)}
    for phrase in ("اظهار داشت", "مواد مخدر", "سازمان یافته", "سازمان یافته فراملی", "ادامه داد", "عین حال"):
        assert fold(phrase) not in found, phrase
    assert fold("ضد تروریستی") in found  # domain phrases with rarer words stay


def test_candidates_compare_against_general_text(glossary: Glossary, tmp_path: Path) -> None:
    from glossary.candidates import find_candidates

    texts = {"a.txt": "گروه چوپانان کوهستانی حمله کرد. گروه چوپانان کوهستانی عقب نشست."}
    assert any(c.text == "چوپانان کوهستانی" for c in find_candidates(texts, glossary))
    general = {"g.txt": "چوپانان و کوهستانی " * 3}
    assert not any(c.text == "چوپانان کوهستانی" for c in find_candidates(texts, glossary, general=general))
