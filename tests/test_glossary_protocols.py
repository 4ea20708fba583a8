"""Glossary parameters are typed by ``glossary.protocols``: the loaded ``Glossary`` is a ``Termbase``,
a caller's own matcher (hits carrying entry ids, entries looked up with ``get``) plans the same terms
on a real seed article, and something that cannot match terms is refused by name."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from glossary.entry import Entry
from glossary.matcher import Hit
from glossary.model import Glossary
from glossary.protocols import EntryLookup, Termbase, TermMatcher
from glossary.store import load_glossary
from translate.pipeline.terms_hook import resolve_glossary
from translate.terms.constraints import ConstraintPlanner

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_713b0ff946733b37.txt"


class IdMatcher:
    """A caller's termbase: only ``match`` and ``get``, hits carry entry ids (as the real matcher's do)."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = glossary

    def match(self, text: str, lang: str, /) -> Sequence[Hit]:
        return self._glossary.match(text, lang)

    def get(self, entry_id: str, /) -> Entry | None:
        return self._glossary.get(entry_id)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([])


def _plan(matcher: TermMatcher, paragraphs: list[str]) -> list[tuple[int, int, str, str, bool]]:
    planner = ConstraintPlanner(matcher, "fa")
    return [
        (h.start, h.end, h.entry.id, h.required, h.first_mention)
        for paragraph in paragraphs
        for h in planner.hits(paragraph, "fa")
    ]


def test_the_loaded_glossary_is_a_termbase(glossary: Glossary) -> None:
    assert isinstance(glossary, Termbase) and isinstance(resolve_glossary(glossary), Termbase)
    assert isinstance(resolve_glossary(None), Termbase)  # the default glossary, loaded


def test_a_callers_matcher_plans_the_same_terms_on_a_seed_article(glossary: Glossary) -> None:
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n") if p.strip()]
    custom = IdMatcher(glossary)
    assert isinstance(custom, Termbase) and not isinstance(custom, Glossary)
    planned = _plan(custom, paragraphs)
    assert len(planned) >= 5 and any(first for *_rest, first in planned)
    assert planned == _plan(glossary, paragraphs)


def test_hits_with_ids_need_a_glossary_that_looks_entries_up(glossary: Glossary) -> None:
    class MatchOnly:
        def match(self, text: str, lang: str, /) -> Sequence[Hit]:
            return glossary.match(text, lang)

    only = MatchOnly()
    assert isinstance(only, TermMatcher) and not isinstance(only, EntryLookup)
    text = next(p for p in SEED.read_text(encoding="utf-8").split("\n") if glossary.match(p, "fa"))
    with pytest.raises(TypeError, match="without an entry"):
        ConstraintPlanner(only, "fa").hits(text, "fa")


@pytest.mark.parametrize("wrong", [42, {"csto": "CSTO"}, object()])
def test_something_that_cannot_match_terms_is_refused_by_name(wrong: object) -> None:
    with pytest.raises(TypeError, match=type(wrong).__name__):
        resolve_glossary(wrong)  # type: ignore[arg-type]
