"""Translation backends: one module per engine, chosen by name with ``load_backend``."""

from __future__ import annotations

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.errors import DragomanError

BACKENDS = ("transformers", "ctranslate2")


class UnknownBackendError(DragomanError):
    """A backend name that is not one of ``BACKENDS``."""


def load_backend(
    name: str, model: str, device: str = "cpu", threads: int | None = None
) -> TranslationBackend:
    """The backend ``name`` ("transformers" or "ctranslate2") with ``model`` loaded on ``device``."""
    key = name.strip().lower()
    if key in {"transformers", "hf", "pytorch"}:
        from translate.backends.hf_transformers import TransformersBackend

        return TransformersBackend(model, device=device, threads=threads)
    if key in {"ctranslate2", "ct2"}:
        try:
            from translate.backends.ct2 import CTranslate2Backend  # type: ignore[import-not-found]
        except ModuleNotFoundError as err:
            if err.name != "translate.backends.ct2":
                raise
            raise UnknownBackendError("--backend", "the ctranslate2 backend is not available yet") from err
        return CTranslate2Backend(model, device=device, threads=threads)
    raise UnknownBackendError("--backend", f"unknown backend {name!r}; use one of: {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "BackendOutput", "DecodeOptions", "TranslationBackend", "load_backend"]
