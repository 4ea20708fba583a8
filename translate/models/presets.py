"""Named models users can pick with ``--model`` (any hub id or local directory works too)."""

from __future__ import annotations

from dataclasses import dataclass

from glossary.languages import SOURCE_LANGUAGES


@dataclass(frozen=True)
class Preset:
    """A known translation model: where it lives and what it can do."""

    name: str
    hub_id: str
    family: str  # "nllb" | "marian"
    source_languages: tuple[str, ...]
    size: str  # parameters and download size, for humans
    notes: str = ""


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "nllb-600m",
            "facebook/nllb-200-distilled-600M",
            "nllb",
            SOURCE_LANGUAGES,
            "600M params, 2.5 GB",
            "default; runs on a laptop CPU. The hub's main branch holds only pytorch_model.bin: "
            "Dragoman fetches the safetensors conversion (refs/pr) automatically when online.",
        ),
        Preset(
            "nllb-1.3b",
            "facebook/nllb-200-distilled-1.3B",
            "nllb",
            SOURCE_LANGUAGES,
            "1.3B params, 5.5 GB",
            "better quality; wants a GPU or patience",
        ),
        Preset(
            "nllb-3.3b",
            "facebook/nllb-200-3.3B",
            "nllb",
            SOURCE_LANGUAGES,
            "3.3B params, 17.6 GB",
            "best NLLB; needs a GPU with 16 GB+ (or CTranslate2 int8)",
        ),
        Preset(
            "opus-mt-ar-en",
            "Helsinki-NLP/opus-mt-ar-en",
            "marian",
            ("ar",),
            "76M params, 0.3 GB",
            "Arabic only; small and fast",
        ),
        Preset(
            "opus-mt-mul-en",
            "Helsinki-NLP/opus-mt-mul-en",
            "marian",
            SOURCE_LANGUAGES,
            "77M params, 0.3 GB",
            "many-to-English; covers Persian (there is no opus-mt-fa-en); weaker than NLLB",
        ),
    )
}

DEFAULT_PRESET = "nllb-600m"


def get_preset(name: str) -> Preset | None:
    """The preset called ``name`` (case-insensitive), or None."""
    return PRESETS.get(name.strip().lower())
