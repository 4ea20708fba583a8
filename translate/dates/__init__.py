"""Solar Hijri and lunar Hijri dates: recognized in Persian, Dari, Arabic and Tajik text, converted
to the Gregorian calendar (jdatetime, hijridate), and enforced in the English like glossary terms.
"""

from __future__ import annotations

from translate.dates.recognize import DateHit, find_dates

__all__ = ["DateHit", "find_dates"]
