"""Source-language codes: the ISO 639 codes Dragoman speaks and what each model family needs.

NLLB wants FLORES-200 codes (``pes_Arab``); OPUS-MT models are one language pair each (``ar-en``) or
many-to-English (``mul-en``, which needs no language token on the source side).
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.languages import ARABIC_SCRIPT_LANGUAGES as ARABIC_SCRIPT_LANGUAGES  # re-exported
from glossary.languages import SOURCE_LANGUAGES as SOURCE_LANGUAGES  # re-exported
from glossary.languages import TARGET_LANGUAGE as TARGET_LANGUAGE  # re-exported
from translate.errors import DragomanError


class UnsupportedLanguageError(DragomanError):
    """A language code Dragoman (or the chosen model) cannot translate from."""


@dataclass(frozen=True)
class Language:
    """A language Dragoman can read: canonical code, English name and its FLORES-200 (NLLB) code."""

    code: str
    name: str
    nllb_code: str


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("fa", "Persian (Iranian)", "pes_Arab"),
        Language("prs", "Dari (Afghan Persian)", "prs_Arab"),
        Language("tg", "Tajik", "tgk_Cyrl"),
        Language("ar", "Arabic (Modern Standard)", "arb_Arab"),
        Language("en", "English", "eng_Latn"),
    )
}

# Other spellings users type: ISO 639-2/3 codes, region tags, FLORES codes, English names.
_ALIASES: dict[str, str] = {
    "pes": "fa",
    "fas": "fa",
    "per": "fa",
    "fa-ir": "fa",
    "persian": "fa",
    "farsi": "fa",
    "fa-af": "prs",
    "dari": "prs",
    "tgk": "tg",
    "tajik": "tg",
    "ara": "ar",
    "arb": "ar",
    "arabic": "ar",
    "eng": "en",
    "english": "en",
}
_ALIASES.update({lang.nllb_code.lower(): lang.code for lang in LANGUAGES.values()})


def normalize_language(code: str) -> str:
    """The canonical code for ``code`` ("fa", "prs", "tg", "ar", "en"); raises for unknown codes."""
    key = code.strip().lower().replace("_", "-")
    if key in LANGUAGES:
        return key
    alias = _ALIASES.get(key) or _ALIASES.get(key.replace("-", "_"))
    if alias:
        return alias
    known = ", ".join(f"{lang.code} ({lang.name})" for lang in LANGUAGES.values())
    raise UnsupportedLanguageError("language", f"unsupported language code {code!r}; use one of: {known}")


def nllb_code(code: str) -> str:
    """The FLORES-200 code NLLB uses for ``code`` (``fa`` -> ``pes_Arab``)."""
    return LANGUAGES[normalize_language(code)].nllb_code


# OPUS-MT: which canonical source languages each source-side tag of a model name covers.
# ``mul`` (opus-mt-mul-en) lists ara, pes and tgk_Cyrl among its sources; Dari is written Persian.
_MARIAN_SOURCES: dict[str, tuple[str, ...]] = {
    "ar": ("ar",),
    "fa": ("fa", "prs"),
    "tg": ("tg",),
    "mul": SOURCE_LANGUAGES,
    "iir": ("fa", "prs", "tg"),
    "sem": ("ar",),
}


def marian_source_languages(model_name: str) -> tuple[str, ...]:
    """Source languages an OPUS-MT model covers, from its name (``opus-mt-ar-en`` -> ``("ar",)``).

    Unknown names give ``()``: the caller then trusts the user's ``--source-lang``.
    """
    name = model_name.rstrip("/").rsplit("/", 1)[-1].lower()
    if not name.startswith("opus-mt-") or not name.endswith("-en"):
        return ()
    source = name.removeprefix("opus-mt-").removesuffix("-en").removeprefix("tc-big-")
    return _MARIAN_SOURCES.get(source, ())


def marian_needs_target_token(model_name: str) -> bool:
    """Whether an OPUS-MT model needs a ``>>xxx<<`` target-language token (only *-mul models do)."""
    name = model_name.rstrip("/").rsplit("/", 1)[-1].lower()
    return name.endswith("-mul")
