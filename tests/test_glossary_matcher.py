"""Matcher rules from glossary/data/STYLE.md, one test per rule, with the traps the desk cares about."""

from __future__ import annotations

import pytest

from glossary.entry import Category, Entry
from glossary.fold import fold, fold_with_index
from glossary.matcher import EnglishFinder, Matcher
from glossary.store import load_glossary


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_glossary().matcher()


def found(matcher: Matcher, text: str, lang: str | None = "fa") -> list[tuple[str, str]]:
    return [(h.text, h.entry) for h in matcher.match(text, lang)]


@pytest.mark.parametrize("spelling", ["حزب‌التحریر", "حزب التحریر", "حزبالتحریر", "حزب  التحریر"])
def test_zwnj_space_or_nothing_inside_a_name(matcher, spelling: str) -> None:
    assert found(matcher, f"اعضای {spelling} بازداشت شدند.") == [(spelling, "hizb_ut_tahrir")]


def test_arabic_yeh_and_kaf_in_persian_text(matcher) -> None:
    assert found(matcher, "نیروهای آمريكا در افغانستان")[-1] == ("افغانستان", "afghanistan")
    assert found(matcher, "سفر به تاجيكستان") == [("تاجيكستان", "tajikistan")]


def test_alef_hamza_teh_marbuta_tatweel_and_diacritics(matcher) -> None:
    assert found(matcher, "اجتماع منظمه معاهده الامن الجماعي", "ar") == [
        ("منظمه معاهده الامن الجماعي", "csto")
    ]
    assert found(matcher, "وصل إلى أفغـانستان", "ar") == [("أفغـانستان", "afghanistan")]
    assert found(matcher, "زار مُوسْكُو", "ar") == [("مُوسْكُو", "moscow")]


@pytest.mark.parametrize("digits", ["۲۰۱", "٢٠١", "201"])
def test_digit_scripts(matcher, digits: str) -> None:
    assert found(matcher, f"سربازان پایگاه {digits} در ختلان") == [
        (f"پایگاه {digits}", "russia_201st_base"),
        ("ختلان", "khatlon"),
    ]


def test_final_hamza_stays_in_the_span(matcher) -> None:
    assert found(matcher, "زار روسيا البيضاء أمس", "ar") == [("روسيا البيضاء", "belarus")]
    assert found(matcher, "زار روسيا البيضا أمس", "ar") == [("روسيا البيضا", "belarus")]


def test_every_default_variant_matches_its_own_entry(matcher) -> None:
    for entry in load_glossary():
        for lang, variants in entry.variants.items():
            for variant in variants:
                assert [(h.text, h.entry) for h in matcher.match(variant, lang)] == [(variant, entry.id)]


def test_bidi_controls_and_nbsp_inside_a_name(matcher) -> None:
    assert found(matcher, "حزب\u200fالتحریر و حزب\u00a0التحریر") == [
        ("حزب\u200fالتحریر", "hizb_ut_tahrir"),
        ("حزب\u00a0التحریر", "hizb_ut_tahrir"),
    ]


def test_digit_boundary(matcher) -> None:
    assert found(matcher, "پایگاه ۲۰۱۵ در ختلان") == [("ختلان", "khatlon")]


def test_quotes_and_hyphens_inside_a_name_stay_in_the_span(matcher) -> None:
    hits = found(matcher, 'أكد أمين عام منظمة "معاهدة الأمن الجماعي" ذلك', "ar")
    assert ('منظمة "معاهدة الأمن الجماعي', "csto") in hits


def test_quotes_around_a_whole_term_are_outside_the_span(matcher) -> None:
    assert found(matcher, "گروه «طالبان» اعلام کرد") == [("گروه «طالبان", "taliban")] or found(
        matcher, "«طالبان» اعلام کرد"
    ) == [("طالبان", "taliban")]
    assert found(matcher, "«طالبان» اعلام کرد") == [("طالبان", "taliban")]


@pytest.mark.parametrize("word", ["ناتوان", "هندوانه", "میدهند"])
def test_word_boundary_traps(matcher, word: str) -> None:
    assert found(matcher, f"این {word} است") == []


def test_nato_itself_matches(matcher) -> None:
    assert found(matcher, "ناتو و روسیه") == [("ناتو", "nato"), ("روسیه", "russia")]


@pytest.mark.parametrize(
    ("text", "span", "entry"),
    [
        ("والقاعدة أعلنت", "القاعدة", "al_qaeda"),
        ("بموسكو", "موسكو", "moscow"),
        ("وبموسكو", "موسكو", "moscow"),
        ("كموسكو", "موسكو", "moscow"),
        ("للأمم المتحدة", "أمم المتحدة", "un"),
        ("وللأمم المتحدة", "أمم المتحدة", "un"),
        ("للناتو", "ناتو", "nato"),
    ],
)
def test_arabic_proclitics_outside_the_span(matcher, text: str, span: str, entry: str) -> None:
    assert found(matcher, text, "ar") == [(span, entry)]


def test_arabic_longer_prefix_is_another_word(matcher) -> None:
    assert found(matcher, "استموسكو", "ar") == []


def test_no_persian_proclitics(matcher) -> None:
    assert found(matcher, "باروسیه") == []


@pytest.mark.parametrize(
    ("text", "span", "entry"),
    [
        ("طالبان‌ها", "طالبان", "taliban"),
        ("طالبانها", "طالبان", "taliban"),
        ("طالبانهای", "طالبان", "taliban"),
        ("افغانستانمان", "افغانستان", "afghanistan"),
        ("اروپای شرقی", "اروپا", "europe"),
        ("آستانهای دیگر پایتخت قزاقستان", "آستانه", "astana"),
    ],
)
def test_persian_suffixes_outside_the_span(matcher, text: str, span: str, entry: str) -> None:
    assert (span, entry) in found(matcher, text)


def test_persian_yeh_after_consonant_is_an_adjective(matcher) -> None:
    """Not the country noun with an ezafe: the entry's adjective form (``fa_forms``), typed so."""
    hits = matcher.match("مهاجران افغانستانی و چینی", "fa")
    assert [(h.text, h.entry, h.form) for h in hits] == [
        ("افغانستانی", "afghanistan", "adjective"),
        ("چینی", "china", "adjective"),
    ]
    assert [(h.entry, h.form) for h in matcher.match("روسهای تاجیکستانی", "fa")] == [
        ("russia", "people"),
        ("tajikistan", "adjective"),
    ]


def test_longest_match_wins_no_nesting(matcher) -> None:
    text = "ساختار ضد تروریستی منطقه‌ای سازمان همکاری شانگهای"
    assert found(matcher, text) == [(text, "sco_rats")]
    assert found(matcher, "نورسلطان نظربایف") == [("نورسلطان نظربایف", "nazarbayev")]
    assert found(matcher, "نورسلطان") == [("نورسلطان", "nur_sultan")]


def test_context_exclude_drops_unless_confirmed(matcher) -> None:
    assert found(matcher, "روز دوشنبه جلسه برگزار شد") == []
    text = "روز دوشنبه جلسه‌ای در مسکو برگزار شد و وزیر بعد به شهر دوشنبه رفت"
    assert [(h.start, h.entry) for h in matcher.match(text, "fa")] == [
        (text.index("مسکو"), "moscow"),
        (text.rindex("دوشنبه"), "dushanbe"),
    ]


def test_confidence_of_ambiguous_entries(matcher) -> None:
    confirmed = matcher.match("نشست در شهر دوشنبه برگزار شد", "fa")
    unconfirmed = matcher.match("روابط پرتنش دوشنبه با طالبان", "fa")
    plain = matcher.match("نشست در مسکو", "fa")
    assert [(h.entry, h.confidence, h.review) for h in confirmed] == [("dushanbe", 1.0, False)]
    assert (unconfirmed[0].entry, unconfirmed[0].confidence, unconfirmed[0].review) == ("dushanbe", 0.6, True)
    assert (plain[0].confidence, plain[0].review) == (1.0, False)


def test_exclude_only_entries_are_certain_when_not_excluded(matcher) -> None:
    hits = matcher.match("طالبان و چین و کشورهای مستقل مشترک المنافع", "fa")
    assert [(h.entry, h.confidence, h.review) for h in hits] == [
        ("taliban", 1.0, False),
        ("china", 1.0, False),
        ("cis", 1.0, False),
    ]
    assert found(matcher, "کشورهای مشترک المنافع به رهبری بریتانیا") == [("بریتانیا", "uk")]


def test_astana_threshold_trap(matcher) -> None:
    assert found(matcher, "در آستانه انتخابات هستیم") == []


def test_review_only_entries_are_flagged() -> None:
    entry = Entry("x_person", "Somebody", Category.PERSON, variants={"fa": ["فلانی"]}, review_only=True)
    hits = Matcher([entry]).match("آقای فلانی گفت", "fa")
    assert [(h.text, h.review, h.confidence, h.target, h.variant) for h in hits] == [
        ("فلانی", True, 1.0, "Somebody", "فلانی")
    ]


def test_language_separation(matcher) -> None:
    # دوشانبي is only an Arabic variant: not searched in Persian text
    assert found(matcher, "دوشانبي", "fa") == []
    assert found(matcher, "دوشانبي", "ar") == [("دوشانبي", "dushanbe")]


def test_language_detection_and_non_arabic_text(matcher) -> None:
    assert found(matcher, "وصل وزير الخارجية إلى موسكو في زيارة رسمية", None)[-1] == ("موسكو", "moscow")
    assert matcher.match("No Persian or Arabic here.") == []


def test_no_hit_across_lines(matcher) -> None:
    assert found(matcher, "حزب\nالتحریر") == []


def test_fold_offsets_map_back() -> None:
    text = "حزب‌ال«تحریر»"
    folded = fold_with_index(text)
    assert folded.text == fold(text) == "حزبالتحریر"
    assert all(fold(text[i]) == folded.text[k] for k, i in enumerate(folded.index))


def test_english_finder_word_boundaries_and_case() -> None:
    csto = Entry(
        "csto",
        "Collective Security Treaty Organization",
        Category.ORGANIZATION,
        short="CSTO",
        variants={"fa": ["سازمان پیمان امنیت جمعی"]},
        unapproved=["Collective Security Treaty Organisation"],
    )
    islamic_state = Entry("is", "Islamic State", Category.MOVEMENT, short="IS", variants={"ar": ["داعش"]})
    finder = EnglishFinder([csto, islamic_state])
    text = "The collective security treaty organisation (CSTO) is not CSTOs; IS fighters."
    got = [(text[s:e], eid, approved) for s, e, eid, _form, approved in finder.find(text)]
    assert got == [
        ("collective security treaty organisation", "csto", False),
        ("CSTO", "csto", True),
        ("IS", "is", True),
    ]


def test_a_space_inside_a_word_does_not_glue_a_term_together() -> None:
    from glossary.store import load_glossary

    glossary = load_glossary()
    assert [h.entry for h in glossary.match("سازمانم لل متحد", "fa")] == []
    assert [h.entry for h in glossary.match("سازمان ملل متحد", "fa")] == ["un"]
