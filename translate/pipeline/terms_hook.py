"""The one place where a glossary acts on a translation: constraints before, post-editing after.

``plan_terms(document, glossary, terms_mode)`` is called once per document (so document-level rules
such as "full term at first mention, short form after" can keep state) and returns a ``TermPlan``:

* ``constraints(segment)``: English strings the backend must produce for this segment
  (``terms_mode="constrain"``); called once per segment, in document order, before translation.
* ``finish(segment, target, output, constraints)``: the final target plus the ``TermRecord`` list and
  flags for the record (``terms_mode="post-edit"`` edits the target here); called once per
  translated segment, in document order, after translation.

Without a glossary, or with ``terms_mode="off"``, the plan changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from translate.backends.base import BackendOutput
from translate.document.model import Document, Segment
from translate.errors import DragomanError
from translate.records import TermRecord

TERMS_MODES: tuple[str, ...] = ("off", "constrain", "post-edit")


@dataclass
class FinishedTarget:
    """A target after glossary post-processing."""

    text: str
    terms: list[TermRecord] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


class TermPlan:
    """Glossary handling for one document. This base plan leaves translations untouched."""

    label: str = ""  # glossary name and content hash, copied into ``SegmentRecord.glossary``

    def constraints(self, segment: Segment) -> list[str]:
        """English strings that must appear in the translation of ``segment``."""
        return []

    def finish(
        self, segment: Segment, target: str, output: BackendOutput | None, constraints: list[str]
    ) -> FinishedTarget:
        """The final target for ``segment`` (``output`` is None when the target came from the cache)."""
        return FinishedTarget(target)


def plan_terms(document: Document, glossary: Any, terms_mode: str) -> TermPlan:
    """The glossary plan for ``document``; glossary enforcement plugs in here."""
    if terms_mode not in TERMS_MODES:
        raise DragomanError("--terms", f"unknown mode {terms_mode!r}; choose one of {', '.join(TERMS_MODES)}")
    from translate.terms.enforce import GlossaryTermPlan  # late import: it subclasses TermPlan

    return GlossaryTermPlan(document, glossary, terms_mode)
