"""What a glossary plan offers the pipeline: ``TermPlan`` (a plan that changes nothing) and the
``FinishedTarget`` it returns. ``translate.terms.enforce.GlossaryTermPlan`` implements it;
``translate.pipeline.terms_hook.plan_terms`` picks the plan. Here, below the pipeline, so that the
imports run one way: pipeline -> terms."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translate.document.model import Segment
from translate.records import TermRecord

if TYPE_CHECKING:  # annotations only: terms imports nothing from the backends at run time
    from translate.backends.base import BackendOutput


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

    def release(self, segments: list[Segment]) -> None:
        """Forget what was kept per segment for ``segments`` (finished windows of a streamed document);
        document-level state (entries seen so far) stays."""
