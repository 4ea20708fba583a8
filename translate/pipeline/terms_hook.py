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
``terms_mode="report"`` the plan changes nothing but lists every term hit and what became of it
(``satisfied`` or ``missing``); with ``terms_mode="off"`` the glossary is left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from glossary.protocols import TermMatcher
from translate.document.model import Document
from translate.errors import DragomanError
from translate.terms.enforce import GlossaryTermPlan
from translate.terms.plan import FinishedTarget, TermPlan

__all__ = ["TERMS_MODES", "FinishedTarget", "TermPlan", "check_terms_mode", "plan_terms", "resolve_glossary"]

TERMS_MODES: tuple[str, ...] = ("off", "constrain", "post-edit", "report")


if TYPE_CHECKING:
    from glossary.model import Glossary

# What a caller may pass as ``glossary``: a loaded glossary (any ``glossary.protocols.TermMatcher``),
# glossary file paths to layer over the default glossary, or None for the default glossary alone.
GlossarySpec: TypeAlias = TermMatcher | Sequence[str | Path] | None


def plan_terms(document: Document, glossary: GlossarySpec, terms_mode: str) -> TermPlan:
    """The glossary plan for ``document``; glossary enforcement plugs in here."""
    check_terms_mode(terms_mode)
    if terms_mode != "off":
        glossary = resolve_glossary(glossary)
    return GlossaryTermPlan(document, glossary, terms_mode)


def check_terms_mode(terms_mode: str) -> str:
    """``terms_mode`` when it is one of ``TERMS_MODES``, else a one-line error."""
    if terms_mode not in TERMS_MODES:
        raise DragomanError(
            "terms mode", f"unknown mode {terms_mode!r}; choose one of {', '.join(TERMS_MODES)}"
        )
    return terms_mode


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
    if not isinstance(glossary, TermMatcher):
        kind = type(glossary).__name__
        raise TypeError(f"glossary must be a Glossary (or matcher), file paths or None, not {kind}")
    return glossary


@lru_cache(maxsize=8)
def _load_glossary(paths: tuple[str, ...], stamps: tuple[int, ...]) -> Glossary:
    """Loaded once per set of files (and their modification times) in a process."""
    from glossary.model import Glossary

    return Glossary.load(*paths)
