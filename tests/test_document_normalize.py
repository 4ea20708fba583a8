"""Model-input normalization: letters, invisible characters, digits, whitespace and ZWNJ repair."""

from __future__ import annotations

import pytest

from translate.document.normalize import NormalizeOptions, normalize_for_model, repair_zwnj

Z = "\u200c"


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("میشود", f"می{Z}شود"),
        ("نمیتواند", f"نمی{Z}تواند"),
        ("میکنند", f"می{Z}کنند"),
        ("میآید", f"می{Z}آید"),
        ("میاندازد", f"می{Z}اندازد"),
        ("نمیخشکد", f"نمی{Z}خشکد"),
        ("میطلبد", f"می{Z}طلبد"),
        ("میکرد", f"می{Z}کرد"),
        ("برمیگردد", f"برمی{Z}گردد"),
        ("تجربهها", f"تجربه{Z}ها"),
        ("تلاشهای", f"تلاش{Z}های"),
        ("کمیتههای", f"کمیته{Z}های"),
        ("آنها", f"آن{Z}ها"),
        ("منطقهای", f"منطقه{Z}ای"),
        ("خبرنامهای", f"خبرنامه{Z}ای"),
        ("بینالمللی", f"بین{Z}المللی"),
        ("رئیسجمهور", f"رئیس{Z}جمهور"),
        ("گفتوگو", f"گفت{Z}وگو"),
        ("سالهای", f"سال{Z}های"),
        ("سرزمینهای", f"سرزمین{Z}های"),
        ("نامهای", f"نام{Z}های"),  # "names", not "a letter": ambiguous, the plural wins
        ("غیرمنطقهای", f"غیرمنطقه{Z}ای"),
        ("کردهاند", f"کرده{Z}اند"),
        ("گرفتهایم", f"گرفته{Z}ایم"),
        ("دستهایم", f"دست{Z}هایم"),
        ("میکردهاند", f"می{Z}کرده{Z}اند"),
    ],
)
def test_zwnj_repair(glued: str, fixed: str) -> None:
    assert repair_zwnj(glued) == fixed
    assert normalize_for_model(glued, "fa") == fixed


@pytest.mark.parametrize(
    "word",
    [
        "کشورهای",
        "کشورها",
        "روزها",
        "میز",
        "میدان",
        "میلیون",
        "میان",
        "میانه",
        "میزان",
        "میراث",
        "میگو",
        "میزبان",
        "میلیارد",
        "تنها",
        "تنهایی",
        "نهایت",
        "بینهایت",
        "نهایی",
        "انتها",
        "رها",
        "بها",
    ],
)
def test_zwnj_traps_stay_as_they_are(word: str) -> None:
    assert repair_zwnj(word) == word


def test_existing_zwnj_kept_and_not_doubled() -> None:
    assert repair_zwnj(f"می{Z}شود") == f"می{Z}شود"
    assert normalize_for_model(f"می{Z}{Z}شود {Z}کتاب", "fa") == f"می{Z}شود کتاب"


def test_persian_letters_unified_but_not_in_arabic() -> None:
    assert normalize_for_model("شريف اف رئيس كشور", "fa") == "شریف اف رئیس کشور"
    assert normalize_for_model("مستوى", "fa") == "مستوی"
    # Arabic keeps its own letters (alef maksura included); Persian yeh/kaf become Arabic
    assert normalize_for_model("على مستوى الكتاب", "ar") == "على مستوى الكتاب"
    assert normalize_for_model("فی الکتاب", "ar") == "في الكتاب"


def test_tatweel_diacritics_bidi_and_junk_removed() -> None:
    assert normalize_for_model("امـــنیت", "fa") == "امنیت"
    assert normalize_for_model("طبیعتاً", "fa") == "طبیعتا"
    assert normalize_for_model("\u202bامنیت\u202c\u200f", "fa") == "امنیت"
    assert normalize_for_model("□ مکارشها", "fa") == f"مکارش{Z}ها"


def test_diacritics_switch() -> None:
    keep = NormalizeOptions(remove_diacritics=False)
    assert normalize_for_model("طبیعتاً", "fa", keep) == "طبیعتاً"


def test_digit_policies() -> None:
    text = "رشد ۴٫۹ درصد و تورم ۱۱/۶٪ در ۲۶/۰۸/۲۰۰۵"
    assert normalize_for_model(text, "fa") == "رشد 4.9 درصد و تورم 11.6% در 26/08/2005"
    assert normalize_for_model(text, "fa", NormalizeOptions(digits="keep")) == text
    assert normalize_for_model("سال 2025", "fa", NormalizeOptions(digits="persian")) == "سال ۲۰۲۵"


def test_whitespace_collapsed() -> None:
    assert normalize_for_model("  امنیت \r\n\t  منطقه  ", "fa") == "امنیت منطقه"


def test_no_zwnj_repair_in_arabic_or_when_switched_off() -> None:
    assert normalize_for_model("ميشود", "ar") == "ميشود"
    assert normalize_for_model("میشود", "fa", NormalizeOptions(repair_zwnj=False)) == "میشود"


def test_segment_text_is_never_changed(seed_paths) -> None:
    from translate.document import parse_document

    text = seed_paths[0].read_text(encoding="utf-8")
    document = parse_document(text)
    for seg in document.segments:
        assert seg.text == text[seg.start : seg.end]
        if seg.translate:
            assert "<sup>" not in seg.model_input
            assert seg.model_input
