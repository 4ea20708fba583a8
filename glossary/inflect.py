"""Inflected source forms derived from a listed one, so a glossary lists each adjective once.

Arabic nisba adjectives (ألماني) inflect for gender and number and take the article: ألمانية,
الألماني, الألمانية are adjectives; ألمانيون, ألمانيين, الألمانيون, الألمانيين are people. Persian
adjectives (آلمانی) need no expansion: the matcher allows the plural suffix ها/های after them and
reads such a hit as people.
"""

from __future__ import annotations

_ARTICLE = "ال"


def expand_source_form(lang: str, kind: str, form: str) -> list[tuple[str, str]]:
    """``(type, form)`` pairs the matcher looks for when the glossary lists ``form`` of ``kind``."""
    out = [(kind, form)]
    if lang != "ar" or kind != "adjective" or not form.endswith("ي") or " " in form:
        return out
    bare = form[2:] if form.startswith(_ARTICLE) else form
    for stem, kind_ in (
        (bare, "adjective"),
        (bare + "ة", "adjective"),
        (bare + "ون", "people"),
        (bare + "ين", "people"),
    ):
        for written in (stem, _ARTICLE + stem):
            if (kind_, written) not in out:
                out.append((kind_, written))
    return out
