"""Month names of the Solar Hijri calendar (Iranian and Afghan zodiac names, Arabic script and
Tajik Cyrillic) and of the lunar Hijri calendar, with their English transliterations.

Arabic-script names are written here in the folded form ``recognize`` matches against (Persian
yeh/kaf, heh for teh marbuta, bare alef, spaces for ZWNJ).
"""

from __future__ import annotations

# Solar Hijri, Iranian names: month number -> (spellings, English).
SOLAR_IRANIAN: dict[int, tuple[tuple[str, ...], str]] = {
    1: (("فروردین", "Фарвардин"), "Farvardin"),
    2: (("اردیبهشت", "Урдибиҳишт"), "Ordibehesht"),
    3: (("خرداد", "Хурдод"), "Khordad"),
    4: (("تیر", "Тир"), "Tir"),
    5: (("مرداد", "امرداد", "Мурдод"), "Mordad"),
    6: (("شهریور", "Шаҳривар"), "Shahrivar"),
    7: (("مهر", "Меҳр"), "Mehr"),
    8: (("ابان", "Обон"), "Aban"),
    9: (("اذر", "Озар"), "Azar"),
    10: (("دی", "Дей"), "Dey"),
    11: (("بهمن", "Баҳман"), "Bahman"),
    12: (("اسفند", "Исфанд"), "Esfand"),
}
# Solar Hijri, Afghan (and Tajik traditional) zodiac names.
SOLAR_ZODIAC: dict[int, tuple[tuple[str, ...], str]] = {
    1: (("حمل", "Ҳамал"), "Hamal"),
    2: (("ثور", "Савр"), "Sawr"),
    3: (("جوزا", "جوزه", "Ҷавзо"), "Jawza"),
    4: (("سرطان", "Саратон"), "Saratan"),
    5: (("اسد", "Асад"), "Asad"),
    6: (("سنبله", "Сунбула"), "Sunbula"),
    7: (("میزان", "Мизон"), "Mizan"),
    8: (("عقرب", "Ақраб"), "Aqrab"),
    9: (("قوس", "Қавс"), "Qaws"),
    10: (("جدی", "Ҷадй"), "Jadi"),
    11: (("دلو", "Далв"), "Dalw"),
    12: (("حوت", "Ҳут"), "Hut"),
}
# Lunar Hijri (Arabic and Persian spellings, folded).
LUNAR: dict[int, tuple[tuple[str, ...], str]] = {
    1: (("محرم الحرام", "محرم"), "Muharram"),
    2: (("صفر المظفر", "صفر"), "Safar"),
    3: (("ربیع الاول", "ربیع اول", "ربیع الاول"), "Rabi al-Awwal"),
    4: (("ربیع الثانی", "ربیع الاخر", "ربیع ثانی", "ربیع الثانی"), "Rabi al-Thani"),
    5: (("جمادی الاولی", "جمادی الاول", "جمادی اول"), "Jumada al-Ula"),
    6: (("جمادی الاخره", "جمادی الاخر", "جمادی الثانیه", "جمادی الثانی", "جمادی ثانی"), "Jumada al-Akhira"),
    7: (("رجب المرجب", "رجب"), "Rajab"),
    8: (("شعبان المعظم", "شعبان"), "Shaban"),
    9: (("رمضان المبارک", "رمضان"), "Ramadan"),
    10: (("شوال المکرم", "شوال"), "Shawwal"),
    11: (("ذو القعده", "ذوالقعده", "ذی القعده", "ذیقعده"), "Dhu al-Qadah"),
    12: (("ذو الحجه", "ذوالحجه", "ذی الحجه", "ذیحجه"), "Dhu al-Hijjah"),
}
# Gregorian months a Solar Hijri month overlaps (month 1 runs from about 21 March to 20 April).
SOLAR_SPANS: dict[int, str] = {
    1: "March–April",
    2: "April–May",
    3: "May–June",
    4: "June–July",
    5: "July–August",
    6: "August–September",
    7: "September–October",
    8: "October–November",
    9: "November–December",
    10: "December–January",
    11: "January–February",
    12: "February–March",
}
