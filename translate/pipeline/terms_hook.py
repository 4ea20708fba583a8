"""The one place where a glossary acts on a translation: constraints before, post-editing after.

``plan_terms(document, glossary, terms_mode)`` is called once per document (so document-level rules
such as "full term at first mention, short form after" can keep state) and returns a ``TermPlan``:

* ``constraints(segment)``: English strings the backend must produce for this segment
  (``terms_mode="constrain"``); called once per segment, in document order, before translation.
* ``constraint_sources(segment)``: for each of those strings, the source words the glossary matched
  (backends that place terms by attention use them as hints).
* ``constraint_forms(segment)``: for each of those strings, every English form that satisfies it
  (itself first; disjunctive constraints: a backend forces the string only when none is written).
* ``finish(segment, target, output, constraints)``: the final target plus the ``TermRecord`` list and
  flags for the record (``terms_mode="post-edit"`` edits the target here); called once per
  translated segment, in document order, after translation.

``glossary`` is a loaded ``glossary.model.Glossary`` (or anything with ``match``), or a list of
glossary file paths: the shipped default glossary layered with those files is loaded then (an empty
list or None means the default glossary alone), so enforcement is on by default. With
``terms_mode="off"`` the plan changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
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

    def constraint_sources(self, segment: Segment) -> list[str]:
        """For each of ``constraints(segment)``, the source words it translates ("" when unknown)."""
        return ["" for _ in self.constraints(segment)]

    def constraint_forms(self, segment: Segment) -> list[list[str]]:
        """For each of ``constraints(segment)``, every form that satisfies it (itself first)."""
        return [[c] for c in self.constraints(segment)]

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

    if terms_mode != "off":
        glossary = resolve_glossary(glossary)
    return GlossaryTermPlan(document, glossary, terms_mode)


def resolve_glossary(glossary: Any) -> Any:
    """A loaded glossary for ``glossary``: paths (or None) become the default plus those files."""
    if glossary is None or (
        isinstance(glossary, Sequence)
        and not isinstance(glossary, str)
        and all(isinstance(p, str | Path) for p in glossary)
    ):
        paths = tuple(str(p) for p in glossary or ())
        stamps = tuple(Path(p).stat().st_mtime_ns if Path(p).exists() else 0 for p in paths)
        return _load_glossary(paths, stamps)
    return glossary


@lru_cache(maxsize=8)
def _load_glossary(paths: tuple[str, ...], stamps: tuple[int, ...]) -> Any:
    """Loaded once per set of files (and their modification times) in a process."""
    from glossary.store import load_glossary

    return load_glossary(list(paths))
