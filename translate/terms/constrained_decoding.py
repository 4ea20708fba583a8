"""Moved to ``translate.decoding.constrained_decoding``; this old import path re-exports it."""

from __future__ import annotations

from translate.decoding.constrained_decoding import ConstrainedDecoder, contains_term, tokenize_constraint

__all__ = ["ConstrainedDecoder", "contains_term", "tokenize_constraint"]
