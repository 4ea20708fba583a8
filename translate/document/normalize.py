"""Normalization of segment text for the translation model (never applied to ``Segment.text``).

What is done, in order (each step can be switched off in ``NormalizeOptions``):

1. Unicode NFC; bidi controls, zero-width spaces/joiners, soft hyphens, BOMs, other control characters
   and OCR junk boxes (``□``, ``\ufffd``) removed.
2. Tatweel (``ـ``) removed; stray diacritics (harakat, tanwin, superscript alef) removed.
3. Letters: in Persian, Arabic yeh/kaf/alef maksura become Persian ``ی``/``ک``; in Arabic, Persian
   ``ی``/``ک`` become Arabic ``ي``/``ك`` (alef maksura ``ى`` is kept: it is correct Arabic). ``ہ``
   (an OCR slip) becomes ``ه`` in both.
4. Persian only: ZWNJ repair of words the input glued together (its ZWNJs were stripped): the verbal
   prefix (``میشود`` → ``می‌شود``, ``نمیتواند`` → ``نمی‌تواند``, ``برمیگردد`` → ``برمی‌گردد``) only before a
   known verb stem with a personal ending and never for stop words (``میز``, ``میدان``, ``میلیون``,
   ``میان``); the plural ``ها`` after a joining letter (``تجربهها`` → ``تجربه‌ها``, ``تلاشهای`` →
   ``تلاش‌های``; ``کشورهای`` needs nothing), except words where ``ها`` is part of the stem (``تنها``,
   ``نهایت``); the indefinite/adjectival ``ای`` after silent heh for known heh-final words
   (``منطقهای`` → ``منطقه‌ای``); and a list of compounds (``بینالمللی`` → ``بین‌المللی``,
   ``رئیسجمهور`` → ``رئیس‌جمهور``).
5. Digits: kept, made ASCII (with ``٫`` → ``.``, ``٬`` → ``,``, ``٪`` → ``%``, and ``۱۱/۶٪`` → ``11.6%``)
   or made Persian.
6. Whitespace: every run (line breaks included) becomes one space; ends trimmed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from glossary.text import chars
from translate.document.tajik import normalize_tajik

DigitPolicy = Literal["keep", "ascii", "persian"]


@dataclass(frozen=True)
class NormalizeOptions:
    """Switches for ``normalize_for_model``; the defaults suit Persian/Arabic → English MT models."""

    unify_letters: bool = True  # Arabic yeh/kaf -> Persian in fa text; Persian -> Arabic in ar text
    remove_tatweel: bool = True
    remove_diacritics: bool = True  # harakat, tanwin, superscript alef
    remove_invisible: bool = True  # bidi controls, ZWSP, ZWJ, soft hyphen, stray control characters
    remove_ocr_junk: bool = True  # geometric boxes (□ ■ ▪ ...) and the U+FFFD replacement character
    repair_zwnj: bool = True  # Persian only: verbal prefix, plural suffix, compounds
    digits: DigitPolicy = "ascii"
    collapse_whitespace: bool = True


DEFAULT_OPTIONS = NormalizeOptions()

_INVISIBLE_RE = re.compile(
    "["
    + "".join(sorted(chars.BIDI_CONTROLS))
    + "\u200b\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_OCR_JUNK_RE = re.compile("[\u25a0-\u25ff\ufffd]")
_DIACRITICS_RE = re.compile("[" + "".join(sorted(chars.DIACRITICS)) + "]")
_WHITESPACE_RE = re.compile(r"\s+")
_ZWNJ_RUN_RE = re.compile("\u200c{2,}")
_ZWNJ_EDGE_RE = re.compile("(?:^|(?<=[\\s\\W]))\u200c+|\u200c+(?=[\\s\\W]|$)")

_TO_PERSIAN_LETTERS = str.maketrans(
    {
        chars.ARABIC_YEH: chars.PERSIAN_YEH,
        chars.ALEF_MAKSURA: chars.PERSIAN_YEH,
        chars.ARABIC_KAF: chars.PERSIAN_KAF,
        chars.HEH_GOAL: chars.HEH,
    }
)
_TO_ARABIC_LETTERS = str.maketrans(
    {chars.PERSIAN_YEH: chars.ARABIC_YEH, chars.PERSIAN_KAF: chars.ARABIC_KAF, chars.HEH_GOAL: chars.HEH}
)
_TO_PERSIAN_DIGITS = str.maketrans(chars.ASCII_DIGITS + chars.ARABIC_INDIC_DIGITS, chars.PERSIAN_DIGITS * 2)
_TO_ASCII_NUMBERS = str.maketrans({**chars.TO_ASCII_DIGITS, ord("٫"): ".", ord("٬"): ",", ord("٪"): "%"})
_SLASH_DECIMAL_RE = re.compile(r"(?<![\d/])(\d+)/(\d+)(?=\s?%)")

ZWNJ = chars.ZWNJ
_PERSIAN_LETTER = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u0622"
_WORD_RE = re.compile(f"[{_PERSIAN_LETTER}\u200c]+")
# Letters that do not join to the following letter: no ZWNJ is needed after them.
_NON_JOINING = frozenset("اآأإدذرزژوؤة")

# Present stems (with personal endings required) and past stems (bare form allowed) of common verbs.
_PRESENT_STEMS = """کن شو دار توان خواه گیر ده رس آ آی رو گو گوی باش نما نمای یاب ساز بین دان زن کش
    خور ران مان گذار گذر گرد نشین پرداز افت افتد اندیش خوان ماند بر پذیر پوش ترس جنگ چرخ خند بخش
    بند پیوند رسان کاه افزا افزای نویس فرست فروش کوش طلب خشک فهم ایست آور آموز شکن سوز ریز دو شنو
    گشا گشای بخشا کاو لرز چین پاش تاب خیز جوی جو پرس شمار شناس کار برد آرا آرای زی گری گریز نگر
    سنج بار پا پای ورز خر کوب روی انداز پوشان گردان چرب""".split()
_PAST_STEMS = """کرد شد بود داشت رفت آمد گفت داد زد گرفت خواست توانست دانست رسید دید کشید نمود ماند
    آورد برد خورد نوشت خواند ساخت گذاشت یافت افتاد پرداخت فرستاد نشست شنید پذیرفت بست جست کوشید
    طلبید خشکید فهمید ایستاد پیوست گشت گذشت زیست ترسید خرید پرسید شمرد شناخت سوخت ریخت دوید
    گریست نگریست چرخید خندید بخشید بارید""".split()
_PERSON_ENDINGS = "م|ی|د|یم|ید|ند|یند|ست|ه|ه‌اند"
_OBJECT_CLITICS = "ش|شان|مان|تان|ت|م"
_VERB_REMAINDER_RE = re.compile(
    "(?:(?:{pres})(?:{end})|(?:{past})(?:م|ی|یم|ید|ند|ه(?:اند|ایم|اید|ام)?)?|توان|بایست|بایستی|بایست)(?:{clit})?".format(
        pres="|".join(sorted(set(_PRESENT_STEMS), key=len, reverse=True)),
        past="|".join(sorted(set(_PAST_STEMS), key=len, reverse=True)),
        end=_PERSON_ENDINGS,
        clit=_OBJECT_CLITICS,
    )
)
_MI_WORD_RE = re.compile(
    f"(?<![{_PERSIAN_LETTER}\u200c])(بر|در|فرا|فرو|باز|وا)?(ن?می)([{_PERSIAN_LETTER}]{{2,}})"
)
# Words that start like a prefixed verb but are not verbs (checked on the whole word).
_MI_STOPLIST = frozenset(
    """میدان میدانی میدانها میدانهای میگو میگوها میانه میانی میز میزان میلیون میلیارد میراث میوه
    میهن میهمان میمون میخ میش میکروب میلاد میلادی میر میرزا میانجی میسر میشل میکائیل میخائیل
    میزبان میزبانی میل میلی میکده میگرن میترا مینا میناب میامی میانمار میتینگ میکرون""".split()
)

_PLURAL_RE = re.compile(
    f"(?<![{_PERSIAN_LETTER}\u200c])([{_PERSIAN_LETTER}]{{2,}}?)(ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان)"
    f"(?![{_PERSIAN_LETTER}\u200c])"
)
# Words whose ``ها``/``های`` is part of the stem.
_PLURAL_STOPLIST = frozenset(
    """تنها تنهایی انتها انتهای اشتها اشتهای منتها فقها رها رهایی بها بهای نهایی نهایت بینهایت
    اژدها سها گواها کهربا شانگهای""".split()
)
_PLURAL_STOP_SUFFIXES = ("نهایت", "نهایی", "تنهایی")
# Heh-final words whose ``+ای`` (indefinite/adjectival) would otherwise look like a plural ``+های``.
_HEH_FINAL_WORDS = frozenset(
    """منطقه حرفه هسته رسانه دوره لحظه ریشه پایه شبکه حاشیه مرحله عمده خلاصه گونه اندازه نمونه
    جلسه مقاله برنامه زمینه تجربه کمیته جامعه مسئله مساله نقطه رابطه وظیفه حادثه فاصله عرصه
    دسته درجه نتیجه توسعه ماده مجموعه قاعده لایحه روزنامه هفته گسترده ویژه
    پیچیده شده گذشته آینده عقیده مشاهده معاهده مبادله مقابله اسلحه حمله سلسله غله تله خانه
    چهره نظریه اطلاعیه بیانیه قطعنامه ناحیه سرمایه همسایه دهه لایه مایه سایه پروژه کلیسا""".split()
)
# Heads of compounds that end in silent heh (خبرنامه, کارخانه, چندجانبه, غیرمنطقه): ``...ای`` after them
# is the indefinite/adjectival suffix. (``نامهای`` alone stays ambiguous with ``نام‌های``, "names".)
_HEH_FINAL_HEADS = ("نامه", "خانه", "گانه", "جانبه", "منطقه", "رسانه")
_COMPOUNDS = {
    "بینالمللی": "بین\u200cالمللی",
    "بینالملل": "بین\u200cالملل",
    "بیندولتی": "بین\u200cدولتی",
    "رئیسجمهور": "رئیس\u200cجمهور",
    "رئیسجمهوری": "رئیس\u200cجمهوری",
    "رییسجمهور": "رییس\u200cجمهور",
    "نخستوزیر": "نخست\u200cوزیر",
    "نخستوزیری": "نخست\u200cوزیری",
    "گفتوگو": "گفت\u200cوگو",
    "گفتوگوی": "گفت\u200cوگوی",
    "گفتوگوها": "گفت\u200cوگوها",
    "مشترکالمنافع": "مشترک\u200cالمنافع",
    "مادامالعمر": "مادام\u200cالعمر",
    "پیشبینی": "پیش\u200cبینی",
    "بیثبات": "بی\u200cثبات",
    "بیثباتی": "بی\u200cثباتی",
    "بیتفاوت": "بی\u200cتفاوت",
    "بیتوجه": "بی\u200cتوجه",
    "بیطرف": "بی\u200cطرف",
    "بیطرفی": "بی\u200cطرفی",
    "بیسابقه": "بی\u200cسابقه",
    "بینظیر": "بی\u200cنظیر",
    "شبهنظامی": "شبه\u200cنظامی",
    "شبهنظامیان": "شبه\u200cنظامیان",
    "شبهجزیره": "شبه\u200cجزیره",
    "وبسایت": "وب\u200cسایت",
    "سازمانیافته": "سازمان\u200cیافته",
    "خاطرنشان": "خاطرنشان",
}
# Perfect tenses glued to the participle: کردهاند -> کرده‌اند, گرفتهایم -> گرفته‌ایم.
_PARTICIPLE_RE = re.compile(
    f"(?<![{_PERSIAN_LETTER}\u200c])([{_PERSIAN_LETTER}\u200c]+ه)(اند|ایم|اید|ام)(?![{_PERSIAN_LETTER}\u200c])"
)
_PAST_STEM_ENDINGS = tuple(f"{stem}ه" for stem in set(_PAST_STEMS))
_COMPOUND_RE = re.compile(
    f"(?<![{_PERSIAN_LETTER}\u200c])({'|'.join(sorted(_COMPOUNDS, key=len, reverse=True))})"
)


def normalize_for_model(text: str, lang: str, options: NormalizeOptions | None = None) -> str:
    """The text the translation model sees for a segment in language ``lang`` ("fa", "prs", "tg", "ar").

    Dari (``prs``) is normalized as Persian; Tajik (``tg``) gets its letters repaired
    (``translate.document.tajik.normalize_tajik``) and no Arabic-script letter unification.
    """
    opts = options or DEFAULT_OPTIONS
    out = unicodedata.normalize("NFC", text) if not text.isascii() else text
    if lang == "tg":
        out = normalize_tajik(out)
    if opts.remove_invisible:
        out = _INVISIBLE_RE.sub("", out)
    if opts.remove_ocr_junk:
        out = _OCR_JUNK_RE.sub("", out)
    if opts.remove_tatweel:
        out = out.replace(chars.TATWEEL, "")
    if opts.remove_diacritics:
        out = _DIACRITICS_RE.sub("", out)
    if opts.unify_letters and lang != "tg":
        out = out.translate(_TO_ARABIC_LETTERS if lang == "ar" else _TO_PERSIAN_LETTERS)
    if opts.repair_zwnj and lang in ("fa", "prs"):
        out = repair_zwnj(out)
    if opts.digits == "ascii":
        out = out.translate(_TO_ASCII_NUMBERS)
        out = _SLASH_DECIMAL_RE.sub(r"\1.\2", out)
    elif opts.digits == "persian":
        out = out.translate(_TO_PERSIAN_DIGITS)
    if opts.collapse_whitespace:
        out = _WHITESPACE_RE.sub(" ", out).strip()
    return out


def repair_zwnj(text: str) -> str:
    """Insert the ZWNJs that Persian orthography wants where the input glued the parts together."""
    if not any("\u0600" <= ch <= "\u06ff" for ch in text[:200]) and not re.search("[\u0600-\u06ff]", text):
        return text
    out = _COMPOUND_RE.sub(lambda m: _COMPOUNDS[m.group(1)], text)
    out = _MI_WORD_RE.sub(_split_mi, out)
    out = _PARTICIPLE_RE.sub(_split_participle, out)
    out = _PLURAL_RE.sub(_split_plural, out)
    out = _ZWNJ_RUN_RE.sub(ZWNJ, out)
    return _ZWNJ_EDGE_RE.sub("", out)


def _split_mi(match: re.Match[str]) -> str:
    prefix, mi, rest = match.group(1) or "", match.group(2), match.group(3)
    word = match.group(0)
    if word in _MI_STOPLIST or (mi + rest) in _MI_STOPLIST:
        return word
    if not _VERB_REMAINDER_RE.fullmatch(rest):
        return word
    return f"{prefix}{mi}{ZWNJ}{rest}"


def _split_participle(match: re.Match[str]) -> str:
    participle, ending = match.group(1), match.group(2)
    if participle.endswith(_PAST_STEM_ENDINGS):
        return f"{participle}{ZWNJ}{ending}"
    return match.group(0)


def _split_plural(match: re.Match[str]) -> str:
    stem, suffix = match.group(1), match.group(2)
    word = match.group(0)
    if word in _PLURAL_STOPLIST or word.endswith(_PLURAL_STOP_SUFFIXES):
        return word
    if suffix in ("های", "هایی") and _is_heh_final_word(stem + "ه"):
        return f"{stem}ه{ZWNJ}{suffix[1:]}"
    if stem[-1] in _NON_JOINING:
        return word
    return f"{stem}{ZWNJ}{suffix}"


def _is_heh_final_word(word: str) -> bool:
    """A known heh-final word, or a compound ending in one of at least four letters (``خبرنامه``)."""
    if word in _HEH_FINAL_WORDS:
        return True
    return word.endswith(_HEH_FINAL_HEADS) and word not in _HEH_FINAL_HEADS
