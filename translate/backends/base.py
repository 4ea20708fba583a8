"""The interface every translation backend implements (transformers, CTranslate2, ...)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from glossary.languages import TARGET_LANGUAGE
from translate.models.languages import UnsupportedLanguageError, normalize_language


@dataclass(frozen=True)
class DecodeOptions:
    """Decoding settings shared by all backends; part of the reproducibility key of a run."""

    beam_size: int = 4
    max_length_ratio: float = 2.0  # output token budget relative to input tokens
    max_length_extra: int = 10
    batch_size: int = 8
    seed: int = 0


@dataclass
class BackendOutput:
    """One translated input: text plus what the backend can say about how it got there."""

    text: str
    tokens: list[str] = field(default_factory=list)  # target tokens as the model produced them
    source_tokens: list[str] = field(default_factory=list)
    # cross-attention summary [target_token][source_token], when requested and available
    attention: list[list[float]] | None = None
    # for each constraint (by index): target token positions where it was placed
    constraint_positions: list[list[int]] = field(default_factory=list)


class TranslationBackend(ABC):
    """Translates a batch of model-ready strings from one source language into English."""

    name: str = "base"
    source_languages: tuple[str, ...] = ()  # what the model translates from; empty: not restricted
    precision: str = "float32"  # weights as decoded: float32, int8, ...
    english_vocab: bool = False  # output restricted to the English-only vocabulary

    @property
    def variant(self) -> str:
        """What besides model and options changes the numbers: ``int8``, ``float32+english-vocab``."""
        return self.precision + ("+english-vocab" if self.english_vocab else "")

    def __init__(self, model_id: str) -> None:
        self.model_id = model_id

    @abstractmethod
    def translate(
        self,
        texts: list[str],
        source_lang: str,
        target_lang: str = "en",
        options: DecodeOptions | None = None,
        constraints: list[list[str]] | None = None,
        with_attention: bool = False,
        constraint_sources: list[list[str]] | None = None,
        constraint_forms: list[list[list[str]]] | None = None,
    ) -> list[BackendOutput]:
        """Translate ``texts``; ``constraints[i]`` lists English strings that must appear in output i.

        ``constraint_sources[i][k]``, when given, is the source text that ``constraints[i][k]``
        translates: a placement hint for backends that need one (CTranslate2); others ignore it.
        ``constraint_forms[i][k]``, when given, lists the other forms that satisfy
        ``constraints[i][k]`` (a disjunctive constraint: the term is forced, as ``constraints[i][k]``,
        only when the output has none of them; ``translate.decoding.acceptance``).
        """

    def prepare(
        self,
        texts: list[str],
        source_lang: str,
        target_lang: str,
        options: DecodeOptions | None,
        **per_input: list[list[str]] | None,
    ) -> tuple[str, DecodeOptions, list[BackendOutput | None], list[int]]:
        """What every ``translate`` starts with: the checked source language, the options, an output
        list with ``""`` already in place for blank inputs, and the indices still to translate.

        ``per_input`` lists (``constraints=...``) must have one entry per text when given.
        """
        lang = self.check_languages(source_lang, target_lang)
        for name, given in per_input.items():
            if given is not None and len(given) != len(texts):
                raise ValueError(f"{name} must have one list per input text")
        outputs: list[BackendOutput | None] = [
            None if text.strip() else BackendOutput(text="") for text in texts
        ]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        return lang, options or DecodeOptions(), outputs, todo

    def supports(self, source_lang: str) -> bool:
        """Whether this model translates from ``source_lang`` (a code such as "fa") into English."""
        try:
            lang = normalize_language(source_lang)
        except UnsupportedLanguageError:
            return False
        return lang != TARGET_LANGUAGE and (not self.source_languages or lang in self.source_languages)

    def check_languages(self, source_lang: str, target_lang: str) -> str:
        """The normalized source language, or a one-line error for a pair this model cannot do."""
        lang = normalize_language(source_lang)
        try:
            target = normalize_language(target_lang)
        except UnsupportedLanguageError:
            target = target_lang
        if target != TARGET_LANGUAGE:
            raise UnsupportedLanguageError(
                self.model_id, f"Dragoman translates into English, not {target_lang}"
            )
        if not self.supports(lang):
            covers = ", ".join(self.source_languages) or "unknown"
            raise UnsupportedLanguageError(
                self.model_id, f"this model does not translate from {source_lang!r} (it covers: {covers})"
            )
        return lang
