"""Translation backends: one module per engine, chosen by name with ``load_backend``."""

from __future__ import annotations

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.errors import DragomanError

BACKENDS = ("transformers", "ctranslate2", "auto")


class UnknownBackendError(DragomanError):
    """A backend name that is not one of ``BACKENDS``."""


def load_backend(
    name: str,
    model: str,
    device: str = "cpu",
    threads: int | None = None,
    precision: str | None = None,
    english_vocab: bool = False,
) -> TranslationBackend:
    """The backend ``name`` with ``model`` loaded on ``device``.

    ``auto``: CTranslate2 when ctranslate2 is installed and ``model`` has a converted folder
    (``dragoman models convert``), transformers otherwise. ``precision``: transformers ``float32``
    (default) or ``int8`` (dynamic, CPU); CTranslate2 the conversion to load (default: int8 if
    converted). ``english_vocab``: decode with the English-only output vocabulary.
    """
    key = name.strip().lower()
    if key == "auto":
        from translate.models.convert import ctranslate2_available, find_converted

        has_conversion = ctranslate2_available() and find_converted(model, precision) is not None
        key = "ctranslate2" if has_conversion else "transformers"
    if key in {"transformers", "hf", "pytorch"}:
        from translate.backends.hf_transformers import TransformersBackend

        return TransformersBackend(
            model,
            device=device,
            threads=threads,
            precision=precision or "float32",
            english_vocab=english_vocab,
        )
    if key in {"ctranslate2", "ct2"}:
        from translate.backends.ctranslate2_backend import CTranslate2Backend

        return CTranslate2Backend(
            model, device=device, threads=threads, quantization=precision, restrict_vocab=english_vocab
        )
    raise UnknownBackendError("backend", f"unknown backend {name!r}; use one of: {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "BackendOutput", "DecodeOptions", "TranslationBackend", "load_backend"]
