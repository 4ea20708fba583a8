"""What a run translates with (``RunSettings``): everything but the inputs and outputs."""

from __future__ import annotations

from dataclasses import dataclass, field

from translate.backends.base import DecodeOptions
from translate.pipeline.terms_hook import GlossarySpec

DEFAULT_MODEL = "nllb-600m"


@dataclass
class RunSettings:
    """What to translate with: everything but the inputs and outputs."""

    model: str = DEFAULT_MODEL  # preset name, hub id or local directory
    backend: str = "transformers"
    device: str = "cpu"
    threads: int | None = None
    precision: str | None = None  # None: the backend's default (transformers float32, CTranslate2 int8)
    english_vocab: bool = False  # English-only output vocabulary
    options: DecodeOptions = field(default_factory=DecodeOptions)
    source_lang: str | None = None  # None: detect per document
    max_segment_chars: int | None = None  # None: the segmenter's default
    # None or a list of files: the default glossary (+ those files); or a loaded glossary
    glossary: GlossarySpec = None
    terms_mode: str = "constrain"  # as the CLI: glossary terms placed during decoding
    encoding: str | None = None  # None: detect (translate.io.encoding)
    whole_page: bool = False  # web pages: every text node, not only the extracted article
