"""Reading structure, language, normalization and sentence segmentation of an article."""

from translate.document.model import Block, BlockKind, Document, InlineMarker, Segment

__all__ = ["Block", "BlockKind", "Document", "InlineMarker", "Segment"]
