"""The translation pipeline: one document (``translate_document``) or many files (``translate_paths``)."""

from __future__ import annotations

from translate.pipeline.batch import BatchResult, DocumentResult, RunSettings, translate_paths
from translate.pipeline.cache import MemoryCache, TranslationCache, cache_key
from translate.pipeline.document_run import translate_document
from translate.pipeline.terms_hook import TERMS_MODES, FinishedTarget, TermPlan, plan_terms

__all__ = [
    "TERMS_MODES",
    "BatchResult",
    "DocumentResult",
    "FinishedTarget",
    "MemoryCache",
    "RunSettings",
    "TermPlan",
    "TranslationCache",
    "cache_key",
    "plan_terms",
    "translate_document",
    "translate_paths",
]
