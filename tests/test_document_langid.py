"""Language identification: the seeds and short paragraphs of each language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import SEED_LANGS
from translate.document.langid import detect_language

PERSIAN_SHORT = [
    "او گفت که امنیت مهم است.",
    "سند فراموش شده",
    "امنیت نظامی",
    "فعالیت ضد تروریستی",
    "ناتو در منطقه حضور دارد.",
    "رئیسجمهور تاجیکستان به مسکو رفت.",
    "شريف اف رئيس اداره کشورهای مستقل",  # Arabic yeh in Persian text
    "وي گفت اين کار را مي کنيم.",  # Arabic yeh throughout
    "مرزبانان قاچاقچیان را دستگیر کردند.",
    "گروه انصارالله در افغانستان فعال است.",
    "پایگاه نظامی روسیه",
    "چه کسی مسئول است؟",
    "ژنرال روسی وارد دوشنبه شد.",
    "بحران آب و مشکلات مرزی",
    "این نشست در مسکو برگزار شد.",
    "طالبان کابل را تصرف کردند.",
    "همکاری امنیتی دو کشور",
    "نگرانی از تهدیدات تروریستی",
    "مواد مخدر از مرز عبور می‌کند.",
    "تاجیکستان یکی از مهمترین مسیرهاست.",
    "سازمان پیمان امنیت جمعی",
    "وزیر امور خارجه ایران",
]
ARABIC_SHORT = [
    "أكد الرئيس أهمية التعاون.",
    "المصدر: تاس",
    "الصورة: الموقع الرسمي لرئيس روسيا",
    "وزير الخارجية يزور طهران",
    "قال إن الأمن أولوية.",
    "منظمة معاهدة الأمن الجماعي",
    "هذا هو الطريق الذي اخترناه.",
    "سيطرت حركة طالبان على البلاد.",
    "تمتد الحدود على مسافة طويلة.",
    "في عام 2025 يبدأ البرنامج.",
    "التقى الأمين العام بوزير الخارجية.",
    "مكافحة الإرهاب والتطرف",
    "الجريمة المنظمة العابرة للحدود",
    "ناقش الطرفان المهام التعاونية.",
    "كما تمت الموافقة على البرنامج.",
    "مجموعة الرؤية الإستراتيجية",
    "هل ستنجح المنظمة؟",
    "وفقاً للرئاسة الطاجيكستانية",
    "الحدود مع أفغانستان",
    "تعزيز الأمن الإقليمي",
    "دوشنبه عاصمة طاجيكستان الجميلة",  # a Persian-origin name inside Arabic
    "لم يتم الإعلان عن ذلك بعد.",
]
ENGLISH_SHORT = ["Read More", "1. Rolf Welberts", "This section contains relevant reference points."]
OTHER_SHORT = [
    "Президент Таджикистана встретился с генсеком ОДКБ.",
    "پاکستان کے وزیر اعظم نے کہا ہے کہ ہم امن چاہتے ہیں۔ یہ بات اہم ہے",  # Urdu
    "د افغانستان ولسمشر وویل چې سوله ډېره مهمه ده او ټول هېوادونه ښه دي",  # Pashto
]


@pytest.mark.parametrize(
    "path", sorted(Path(__file__).parent.parent.glob("seeds/*.txt")), ids=lambda p: p.stem
)
def test_seed_document_language(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == SEED_LANGS[path.stem]


@pytest.mark.parametrize("text", PERSIAN_SHORT)
def test_short_persian(text: str) -> None:
    assert detect_language(text) == "fa"


@pytest.mark.parametrize("text", ARABIC_SHORT)
def test_short_arabic(text: str) -> None:
    assert detect_language(text, default="fa") == "ar"


@pytest.mark.parametrize("text", ENGLISH_SHORT)
def test_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize("text", OTHER_SHORT)
def test_other_scripts_and_languages(text: str) -> None:
    assert detect_language(text) == "other"


def test_default_for_text_without_evidence() -> None:
    # a bare name carries no Persian or Arabic evidence: the caller's default (the document's language)
    assert detect_language("دوشنبه", default="ar") == "ar"
    assert detect_language("دوشنبه", default="fa") == "fa"


def test_mixed_script_line_follows_the_majority() -> None:
    assert detect_language("سازمان پیمان امنیت جمعی (CSTO) تشکیل جلسه داد") == "fa"
    assert detect_language("The CSTO (سازمان) met in Moscow on Monday to discuss border security") == "en"
