"""The languages Dragoman works with, defined once for the glossary and the translator.

* ``SOURCE_LANGUAGES``: what Dragoman translates from: Persian (Iran), Dari, Tajik, Arabic.
* ``GLOSSARY_LANGS``: the source languages with their own glossary column (``fa``, ``ar``, ``tg``);
  ``MATCH_LANGS`` maps the others to the column they are matched with (Dari is written Persian).
* ``ARABIC_SCRIPT_LANGUAGES``: the source languages written in the Arabic script (not Tajik);
  ``ARABIC_SCRIPT_COLUMNS``: their glossary columns, Persian and Arabic (typed source forms, variants).
* ``TARGET_LANGUAGE``: what it translates into.
"""

from __future__ import annotations

SOURCE_LANGUAGES: tuple[str, ...] = ("fa", "prs", "tg", "ar")
TARGET_LANGUAGE = "en"
GLOSSARY_LANGS: tuple[str, ...] = ("fa", "ar", "tg")
MATCH_LANGS: dict[str, str] = {"prs": "fa"}
ARABIC_SCRIPT_LANGUAGES: tuple[str, ...] = ("fa", "prs", "ar")
ARABIC_SCRIPT_COLUMNS: tuple[str, ...] = ("fa", "ar")


def glossary_lang(lang: str) -> str:
    """The glossary column a source language is matched with (``prs`` -> ``fa``; others unchanged)."""
    return MATCH_LANGS.get(lang, lang)
