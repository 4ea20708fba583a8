"""Reading structure, language, normalization and sentence segmentation of an article."""

from glossary.text.langid import detect_language
from translate.document.model import Block, BlockKind, Document, InlineMarker, Segment
from translate.document.normalize import NormalizeOptions, normalize_for_model
from translate.document.parse import parse_document
from translate.document.segmenter import split_sentences

__all__ = [
    "Block",
    "BlockKind",
    "Document",
    "InlineMarker",
    "NormalizeOptions",
    "Segment",
    "detect_language",
    "normalize_for_model",
    "parse_document",
    "split_sentences",
]
