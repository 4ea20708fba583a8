"""The review workspace: a folder of runs, the review store beside it, the translation memory that
learns from accepted segments and the user glossary that receives proposed terms.

Everything the web app shows or changes goes through here, so the same rules hold for the browser,
the API and ``dragoman review import``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.languages import ARABIC_SCRIPT_COLUMNS
from translate.document.normalize import normalize_for_model
from translate.document.structure import MARKER_RE
from translate.errors import DragomanError
from translate.records import SegmentRecord
from translate.review.base import DocumentGroup
from translate.serve.runs import RunFolder, load_runs
from translate.serve.segments import (
    FLAG_KINDS,
    initial_state,
    reviewable,
    segment_flags,
    with_target,
)
from translate.serve.store import STATES, ReviewStore, SegmentState

MAX_TARGET_CHARS = 20_000
ACTIONS = ("edit", "accept", "reject", "final", "undo")
CONTEXT_WORDS = 3  # words either side of an ambiguous hit kept as the suggested context phrase
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class WorkspacePaths:
    """Where a workspace keeps what reviewers do."""

    runs: Path
    store: Path
    memory: Path
    glossary: Path


def default_paths(runs: str | Path, store: str | Path | None = None, memory: str | Path | None = None,
                  glossary: str | Path | None = None) -> WorkspacePaths:  # fmt: skip
    """``runs/review.sqlite``, ``runs/reviewed.tm.sqlite`` and ``./glossary.tsv`` unless given."""
    root = Path(runs)
    return WorkspacePaths(
        runs=root,
        store=Path(store) if store else root / "review.sqlite",
        memory=Path(memory) if memory else root / "reviewed.tm.sqlite",
        glossary=Path(glossary) if glossary else Path("glossary.tsv"),
    )


class Workspace:
    """The runs of one folder with their review state."""

    def __init__(self, paths: WorkspacePaths, reviewer: str = "reviewer") -> None:
        self.paths = paths
        self.reviewer = reviewer
        self.runs: RunFolder = load_runs(paths.runs)
        self.store = ReviewStore(paths.store)

    # -- reading --------------------------------------------------------------------------------------

    @property
    def documents(self) -> list[DocumentGroup]:
        return list(self.runs.documents.values())

    def current_records(self, doc_id: str) -> list[tuple[SegmentRecord, SegmentState]]:
        """Every record of ``doc_id`` as reviewed so far, with its state."""
        doc = self.runs.document(doc_id)
        states = self.store.states(doc_id)
        decisions = self._decisions(doc_id)
        out = []
        for rec in doc.records:
            state = states.get((rec.document, rec.segment)) or initial_state(rec)
            out.append((with_target(rec, state.target, decisions.get(rec.segment)), state))
        return out

    def _decisions(self, doc_id: str) -> dict[str, dict[int, str]]:
        out: dict[str, dict[int, str]] = {}
        for d in self.store.term_decisions(doc_id):
            out.setdefault(str(d["segment"]), {})[int(d["term"])] = str(d["choice"])  # type: ignore[arg-type]
        return out

    def segment_view(self, rec: SegmentRecord, state: SegmentState, comments: list[Any]) -> dict[str, Any]:
        """What the browser needs for one segment (plain JSON; the page puts it in the DOM as text)."""
        flags = segment_flags(rec)
        return {
            "segment": rec.segment,
            "kind": rec.kind,
            "source": rec.source,
            "source_lang": rec.source_lang,
            "target": rec.target,
            "reviewable": reviewable(rec),
            **state.as_dict(),
            "flags": [{"code": f.code, "severity": f.severity, "message": f.message} for f in flags],
            "kinds": sorted({k for k, codes in FLAG_KINDS.items() for f in flags if f.code in codes}),
            "terms": [
                {
                    "index": i,
                    "entry": t.entry,
                    "required": t.required,
                    "status": t.status,
                    "category": t.category,
                    "note": t.note,
                    "source_text": t.source_text,
                    "source_start": t.source_start - rec.source_start,
                    "source_end": t.source_end - rec.source_start,
                    "target_start": t.target_start,
                    "target_end": t.target_end,
                }
                for i, t in enumerate(rec.terms)
            ],
            "markers": [
                {
                    "label": m.get("label"),
                    "target_start": m.get("target_start"),
                    "target_end": m.get("target_end"),
                }
                for m in rec.markers
            ],
            "comments": [c.as_dict() for c in comments],
        }

    def document_view(self, doc_id: str) -> dict[str, Any]:
        """The document's segments and counts, for the side-by-side page."""
        doc = self.runs.document(doc_id)
        comments = self.store.comments(doc_id)
        rows = self.current_records(doc_id)
        segments = [self.segment_view(rec, st, comments.get(rec.segment, [])) for rec, st in rows]
        return {
            "document": doc.id,
            "path": doc.path,
            "lang": doc.lang,
            "segments": segments,
            "counts": counts(segments),
        }

    def check(self, doc_id: str, segment: str, target: str) -> dict[str, Any]:
        """The segment as it would be with ``target`` (terms, markers, flags); nothing is saved."""
        check_target(f"{doc_id}:{segment}", target)
        rec = self.runs.record(doc_id, segment)
        state = self.store.states(doc_id).get((doc_id, segment)) or initial_state(rec)
        current = with_target(rec, target, self._decisions(doc_id).get(segment))
        return self.segment_view(current, state, [])

    # -- writing --------------------------------------------------------------------------------------

    def act(self, doc_id: str, segment: str, action: str, *, version: int, reviewer: str = "",
            target: str | None = None, comment: str = "") -> dict[str, Any]:  # fmt: skip
        """Apply a reviewer action to one segment and return the segment as it now is.

        ``edit`` saves new English (state ``translated``); ``accept`` (optionally with new English)
        marks it ``reviewed`` and puts it in the translation memory; ``final`` signs it off;
        ``reject`` needs a comment and sends it back to ``initial`` (sub-state ``rejected``);
        ``undo`` restores what was there before the last action.
        """
        where = f"{doc_id}:{segment}"
        if action not in ACTIONS:
            raise DragomanError(where, f"unknown action {action!r}; one of {', '.join(ACTIONS)}")
        rec = self.runs.record(doc_id, segment)
        who = reviewer or self.reviewer
        base = initial_state(rec)
        current = self.store.states(doc_id).get((doc_id, segment)) or base
        if target is not None:
            check_target(where, target)
        if action == "undo":
            new = self.store.undo(base, rec.source, expected_version=version, reviewer=who)
        else:
            english = current.target if target is None else target
            state, substate = {
                "edit": ("translated", ""), "accept": ("reviewed", ""), "final": ("final", ""),
                "reject": ("initial", "rejected"),
            }[action]  # fmt: skip
            if action == "reject" and not comment.strip():
                raise DragomanError(where, "a rejection needs a comment saying what is wrong")
            new = self.store.change(
                base, rec.source, action=action, target=english, state=state, substate=substate,
                expected_version=version, reviewer=who, comment=comment.strip(),
            )  # fmt: skip
        self.sync_memory(rec)
        decisions = self._decisions(doc_id).get(segment)
        comments = self.store.comments(doc_id).get(segment, [])
        return self.segment_view(with_target(rec, new.target, decisions), new, comments)

    def sync_memory(self, rec: SegmentRecord) -> None:
        """Make the translation memory's human entry for ``rec``'s source agree with the review.

        The entry holds the English of a ``reviewed``/``final`` segment with this source (``rec`` itself
        first, else another accepted segment with the same model input); when none is left (an accept
        undone, a rejection, an edit after an accept) the entry is removed, so no later ``translate --tm``
        run reuses English the reviewer took back."""
        from translate.memory import TranslationMemory

        if rec.source_lang not in ARABIC_SCRIPT_COLUMNS:
            return
        english = self.accepted_english(rec)
        if english is None and not self.paths.memory.exists():
            return
        with TranslationMemory(self.paths.memory) as memory:
            if english is None:
                memory.remove_human(rec.source_lang, model_input(rec))
            else:
                memory.add_human(rec.source_lang, model_input(rec), tm_target(english))

    def accepted_english(self, rec: SegmentRecord) -> str | None:
        """The English of an accepted or final segment whose model input is ``rec``'s (``rec`` first)."""
        done = {k: st for k, st in self.store.states().items() if st.state in ("reviewed", "final")}
        mine = done.pop((rec.document, rec.segment), None)
        if mine and mine.target.strip():
            return mine.target
        key = model_input(rec)
        for (doc_id, seg), state in sorted(done.items()):
            if doc_id not in self.runs.documents or not state.target.strip():
                continue
            try:
                other = self.runs.record(doc_id, seg)
            except DragomanError:
                continue
            if other.source_lang == rec.source_lang and model_input(other) == key:
                return state.target
        return None

    def resolve_term(
        self, doc_id: str, segment: str, term: int, choice: str, reviewer: str = ""
    ) -> dict[str, Any]:
        """Decide an ambiguous hit: ``entity`` (the glossary's meaning) or ``word`` (the common word).

        The decision is stored with the source words around the hit: the suggested ``confirm``
        (entity) or ``exclude`` (word) phrase for the glossary entry."""
        where = f"{doc_id}:{segment}"
        if choice not in ("entity", "word"):
            raise DragomanError(where, f"choice must be 'entity' or 'word', not {choice!r}")
        rec = self.runs.record(doc_id, segment)
        if not 0 <= term < len(rec.terms):
            raise DragomanError(where, f"no term {term} in this segment")
        hit = rec.terms[term]
        context = context_phrase(rec, hit.source_start - rec.source_start, hit.source_end - rec.source_start)
        self.store.decide_term(doc_id, segment, term, hit.entry, choice, hit.source_text, context,
                               reviewer or self.reviewer)  # fmt: skip
        for rec2, state in self.current_records(doc_id):
            if rec2.segment == segment:
                return self.segment_view(rec2, state, self.store.comments(doc_id).get(segment, []))
        raise DragomanError(where, "no such segment")  # pragma: no cover

    def propose_term(self, doc_id: str, segment: str, source_text: str, english: str, category: str,
                     reviewer: str = "") -> dict[str, Any]:  # fmt: skip
        """Add a proposed term to the user glossary as unapproved (``review: yes``, hits only reported)."""
        from glossary.entry import Category, Entry
        from glossary.store import update_file

        where = f"{doc_id}:{segment}"
        rec = self.runs.record(doc_id, segment)
        state = self.store.states(doc_id).get((doc_id, segment)) or initial_state(rec)
        source_text, english = source_text.strip(), english.strip()
        if not source_text or source_text not in rec.source:
            raise DragomanError(where, "the proposed source phrase is not in this segment's source")
        if not english or english not in state.target:
            raise DragomanError(where, "the proposed English is not in this segment's English")
        if len(source_text) > 200 or len(english) > 200:
            raise DragomanError(where, "a term is at most 200 characters")
        try:
            cat = Category(category)
        except ValueError:
            known = ", ".join(c.value for c in Category)
            raise DragomanError(where, f"unknown category {category!r} (one of {known})") from None
        who = reviewer or self.reviewer
        lang = rec.source_lang if rec.source_lang in ARABIC_SCRIPT_COLUMNS else "fa"
        entry_id = slug(english)

        def change(entries: list[Entry]) -> list[Entry]:
            taken = {e.id for e in entries}
            final, n = entry_id, 1
            while final in taken:
                n += 1
                final = f"{entry_id}_{n}"
            entry = Entry(
                id=final, english=english, category=cat, variants={lang: [source_text]}, review_only=True,
                note=f"proposed in review by {who}; unapproved", source=f"dragoman serve {doc_id}:{segment}",
            )  # fmt: skip
            return [*entries, entry]

        entries = update_file(self.paths.glossary, change)
        added = entries[-1]
        self.store.log_proposal(
            doc_id, segment, added.id, source_text, english, str(self.paths.glossary), who
        )
        return {
            "entry": added.id,
            "english": english,
            "source": source_text,
            "file": str(self.paths.glossary),
        }


def counts(segments: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-state counts of the reviewable segments, flag-kind counts and progress."""
    work = [s for s in segments if s["reviewable"]]
    states = Counter(s["state"] for s in work)
    kinds = Counter(k for s in work for k in s["kinds"])
    done = states["reviewed"] + states["final"]
    return {
        "segments": len(segments),
        "reviewable": len(work),
        "states": {s: states.get(s, 0) for s in STATES},
        "kinds": {k: kinds.get(k, 0) for k in FLAG_KINDS},
        "done": done,
        "progress": round(done / len(work), 4) if work else 1.0,
    }


def check_target(where: str, target: str) -> None:
    """Refuse English that is too long or has a line break (a segment is one line)."""
    if len(target) > MAX_TARGET_CHARS:
        raise DragomanError(where, f"the English is longer than {MAX_TARGET_CHARS} characters")
    if "\n" in target or "\r" in target:
        raise DragomanError(where, "the English of a segment is one line (no line breaks)")


def model_input(rec: SegmentRecord) -> str:
    """The normalized text the pipeline sends to the model for this segment (the memory's lookup key)."""
    text = MARKER_RE.sub(" ", rec.source) if "<" in rec.source else rec.source
    return normalize_for_model(text, rec.source_lang)


def tm_target(english: str) -> str:
    """The English without footnote markers: the pipeline puts a memory hit's markers back itself."""
    return " ".join(MARKER_RE.sub(" ", english).split())


def context_phrase(rec: SegmentRecord, start: int, end: int) -> str:
    """Up to ``CONTEXT_WORDS`` source words either side of ``rec.source[start:end]``, with the hit."""
    before = _WORD.findall(rec.source[:start])[-CONTEXT_WORDS:]
    after = _WORD.findall(rec.source[end:])[:CONTEXT_WORDS]
    return " ".join([*before, rec.source[start:end], *after])


def slug(english: str) -> str:
    """A glossary id from the English (``[a-z0-9_]``), ``term`` when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "_", english.lower()).strip("_")[:60] or "term"
