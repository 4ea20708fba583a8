"""Alignment: sentence alignment of parallel texts, and word/term alignment from cross-attention."""
