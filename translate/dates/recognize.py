"""Find Solar Hijri and lunar Hijri dates in source text and give each its Gregorian English.

Recognized (Persian, Arabic-Indic or ASCII digits; Iranian, Afghan zodiac or lunar month names;
Arabic script or Tajik Cyrillic):

* day month year: ``۱۴ مهر ۱۴۰۲`` (also ``مهرماه``, ``مهر ماه سال``), ``١٥ ربيع الأول ١٤٤٥هـ``,
  ``14 Меҳри 1402`` -> "6 October 2023", "30 September 2023";
* numeric year/month/day and day/month/year with a Hijri year: ``1402/07/14``, ``14/07/1402``
  (Solar Hijri for years 1300–1410; a later year needs a calendar mark, ``ه.ش`` or ``هـ``/``ق``,
  since it could be either calendar);
* month and year: ``مهر ۱۴۰۲`` -> "Mehr 1402 (September–October 2023)";
* a month after the word for month: ``ماه حمل`` -> "Hamal (March–April)".

Left alone, as ambiguous: a bare year, a day and month without a year, month names without
``ماه`` before them and without a year (مهر "seal", میزان "amount", سرطان "cancer"...), Gregorian dates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from translate.dates.months import LUNAR, SOLAR_IRANIAN, SOLAR_SPANS, SOLAR_ZODIAC

_FOLD = str.maketrans(
    {
        **{d: str(i) for i, d in enumerate("۰۱۲۳۴۵۶۷۸۹")},
        **{d: str(i) for i, d in enumerate("٠١٢٣٤٥٦٧٨٩")},
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "\u200c": " ",
        "\u00a0": " ",
        "ـ": "ـ",
    }
)
# Marks after a year: Solar Hijri (ه.ش, هجری شمسی, خورشیدی) and lunar Hijri (هـ, ه.ق, هجری قمری).
_SOLAR_MARK = r"(?:ه\s*\.?\s*ش\b\.?|هـ\s*\.?\s*ش\b\.?|هجری\s+شمسی|هجری\s+خورشیدی|خورشیدی|شمسی)"
_LUNAR_MARK = r"(?:هـ\s*\.?\s*ق\b\.?|ه\s*\.\s*ق\b\.?|هجری\s+قمری|هجریه|هجری|قمری|هـ)"
_MARK = rf"(?:\s*(?P<solar>{_SOLAR_MARK})|\s*(?P<lunar>{_LUNAR_MARK}))?"


@dataclass(frozen=True)
class DateHit:
    """A recognized date: its span in the text, the calendar, and the English to require."""

    start: int
    end: int
    text: str
    calendar: str  # "solar_hijri" | "lunar_hijri"
    source_date: str  # the date as read, e.g. "14 Mehr 1402" (Solar Hijri)
    english: str  # "6 October 2023", "Mehr 1402 (September–October 2023)", "Hamal (March–April)"
    gregorian: str = ""  # ISO date when a day is known, else ""


def _alternatives(table: dict[int, tuple[tuple[str, ...], str]]) -> dict[str, int]:
    return {name.lower(): number for number, (names, _) in table.items() for name in names}


_SOLAR = {**_alternatives(SOLAR_IRANIAN), **_alternatives(SOLAR_ZODIAC)}
_LUNAR_NAMES = _alternatives(LUNAR)
_ENGLISH_SOLAR = {
    name.lower(): english
    for table in (SOLAR_IRANIAN, SOLAR_ZODIAC)
    for _n, (names, english) in table.items()
    for name in names
}
_ENGLISH_LUNAR = {name.lower(): english for _n, (names, english) in LUNAR.items() for name in names}


def _name_pattern(names: dict[str, int]) -> str:
    return "|".join(re.escape(n).replace(r"\ ", r"\s*") for n in sorted(names, key=len, reverse=True))


_LETTER = r"[^\W\d_]"
_MONTH = rf"(?P<month>{_name_pattern(_SOLAR)}|{_name_pattern(_LUNAR_NAMES)})(?:и|и\b)?"
_MAH = r"(?:\s*ماه)?(?:\s+سال)?"
_YEAR = r"(?P<year>1[3-4]\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:\s*(?:ام|م|-?ум|-?уми))?"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d/]){_DAY}\s+{_MONTH}{_MAH}\s+{_YEAR}(?![\d/]){_MARK}(?!{_LETTER})", re.IGNORECASE
)
_MONTH_YEAR = re.compile(
    rf"(?<!{_LETTER}){_MONTH}{_MAH}\s+{_YEAR}(?![\d/]){_MARK}(?!{_LETTER})", re.IGNORECASE
)
_MONTH_ALONE = re.compile(
    rf"(?:(?<!{_LETTER})ماه\s+|(?<!{_LETTER})моҳи\s+){_MONTH}(?!{_LETTER})", re.IGNORECASE
)
_NUMERIC_YMD = re.compile(
    rf"(?<![\d/.-]){_YEAR}(?P<sep>[/-])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d/.-]){_MARK}"
)
_NUMERIC_DMY = re.compile(
    rf"(?<![\d/.-])(?P<d>[0-3]?\d)(?P<sep>[/-])(?P<m>[01]?\d)(?P=sep){_YEAR}(?![\d/.-]){_MARK}"
)
_LAST_PLAIN_SOLAR_YEAR = 1410  # after this a plain numeric year could be lunar too
# Month names that are also everyday words (میزان "amount", سرطان "cancer", مهر "seal", تیر "arrow"...):
# "month year" needs ماه or سال around them, or a calendar mark, to count as a date.
_EVERYDAY_WORDS = frozenset(
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت مهر تیر دی صفر رجب رمضان".split()
)


def find_dates(text: str) -> list[DateHit]:
    """Hijri dates in ``text`` in order, non-overlapping (longer forms win)."""
    folded = text.translate(_FOLD)
    assert len(folded) == len(text)
    hits: list[DateHit] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or e <= start for s, e in taken)

    for pattern, kind in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_NUMERIC_YMD, "num"),
        (_NUMERIC_DMY, "num"),
        (_MONTH_YEAR, "my"),
        (_MONTH_ALONE, "m"),
    ):
        for match in pattern.finditer(folded):
            start, end = match.span()
            if kind == "m":
                start = match.start("month")
            end = _trim(folded, start, end)
            if not free(start, end):
                continue
            hit = _hit(match, kind, text, start, end)
            if hit is not None:
                hits.append(hit)
                taken.append((start, end))
    return sorted(hits, key=lambda h: h.start)


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _hit(match: re.Match[str], kind: str, text: str, start: int, end: int) -> DateHit | None:
    groups = match.groupdict()
    source = text[start:end]
    lunar_mark = bool(groups.get("lunar"))
    solar_mark = bool(groups.get("solar"))
    if kind == "num":
        year, month, day = int(groups["year"]), int(groups["m"]), int(groups["d"])
        if lunar_mark:
            return _lunar(source, start, end, year, month, day, None)
        if solar_mark or year <= _LAST_PLAIN_SOLAR_YEAR:
            return _solar(source, start, end, year, month, day, None)
        return None
    name = " ".join(groups["month"].lower().split())
    name = name.removesuffix("и") if name not in _SOLAR and name not in _LUNAR_NAMES else name
    key = _lookup(name)
    if key is None:
        return None
    calendar, month, english_month = key
    if kind == "m":
        if calendar != "solar":
            return None
        english = f"{english_month} ({SOLAR_SPANS[month]})"
        return DateHit(start, end, source, "solar_hijri", english_month, english)
    year = int(groups["year"])
    day = int(groups["day"]) if kind == "dmy" else None
    if kind == "my" and name in _EVERYDAY_WORDS and not (lunar_mark or solar_mark):
        before = text[max(0, start - 5) : start]
        if "ماه" not in source and "سال" not in source and "ماه" not in before:
            return None
    if calendar == "lunar" or (lunar_mark and not solar_mark):
        if calendar != "lunar":
            return None  # a Solar month name with a lunar mark: contradictory, leave it alone
        return _lunar(source, start, end, year, month, day, english_month)
    return _solar(source, start, end, year, month, day, english_month)


def _lookup(name: str) -> tuple[str, int, str] | None:
    compact = re.sub(r"\s+", " ", name)
    tables = ((_SOLAR, _ENGLISH_SOLAR, "solar"), (_LUNAR_NAMES, _ENGLISH_LUNAR, "lunar"))
    for table, english, calendar in tables:
        for candidate in (compact, compact.replace(" ", "")):
            for known, number in table.items():
                if known.replace(" ", "") == candidate.replace(" ", ""):
                    return calendar, number, english[known]
    return None


def _solar(
    source: str, start: int, end: int, year: int, month: int, day: int | None, name: str | None
) -> DateHit | None:
    import jdatetime

    name = name or SOLAR_IRANIAN[month][1] if 1 <= month <= 12 else ""
    if not name:
        return None
    try:
        if day is None:
            first = jdatetime.date(year, month, 1).togregorian()
            following = jdatetime.date(year + (month == 12), month % 12 + 1, 1).togregorian()
        else:
            gregorian = jdatetime.date(year, month, day).togregorian()
    except (ValueError, OverflowError):
        return None
    if day is None:
        last = following - dt.timedelta(days=1)
        english = f"{name} {year} ({_span(first, last)})"
        return DateHit(start, end, source, "solar_hijri", f"{name} {year}", english)
    return DateHit(
        start, end, source, "solar_hijri", f"{day} {name} {year}", _house(gregorian), gregorian.isoformat()
    )


def _lunar(
    source: str, start: int, end: int, year: int, month: int, day: int | None, name: str | None
) -> DateHit | None:
    from hijridate import Hijri

    if not 1 <= month <= 12:
        return None
    name = name or LUNAR[month][1]
    try:
        if day is None:
            first = Hijri(year, month, 1).to_gregorian()
            last = Hijri(year, month, Hijri(year, month, 1).month_length()).to_gregorian()
        else:
            gregorian = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    if day is None:
        english = f"{name} {year} AH ({_span(first, last)})"
        return DateHit(start, end, source, "lunar_hijri", f"{name} {year} AH", english)
    return DateHit(
        start, end, source, "lunar_hijri", f"{day} {name} {year} AH", _house(gregorian), gregorian.isoformat()
    )


def _house(date: dt.date) -> str:
    """House style: "6 October 2023" (STYLE.md)."""
    return f"{date.day} {date:%B} {date.year}"


def _span(first: dt.date, last: dt.date) -> str:
    if first.year == last.year:
        return f"{first:%B}–{last:%B} {first.year}"
    return f"{first:%B} {first.year}–{last:%B} {last.year}"
