"""Corrections made in another CAT tool come back through XLIFF 2 (``dragoman review import``).

The file is parsed with defusedxml. Each ``<file>`` is matched to a document of the runs folder (by
``original`` = the record path, else by id), each ``<unit>`` to a segment (by ``name``, else id).
Everything is checked before anything is written: an unknown document or segment, or a unit whose
``<source>`` is not exactly the run's source text any more, refuses the whole file. Then each unit
whose English or state differs is stored as an ``import`` event (comments from
``<note category="comment">`` that the store does not have yet go with it); reviewed and final
segments also go into the translation memory, like an accept in the browser.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from translate.errors import DragomanError
from translate.records import SegmentRecord
from translate.serve.segments import initial_state
from translate.serve.store import STATES
from translate.serve.workspace import Workspace, check_target

XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0"
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class ImportedUnit:
    record: SegmentRecord
    target: str
    state: str
    substate: str
    comments: tuple[str, ...]


@dataclass
class ImportResult:
    """What an import did: segments updated, and units already as in the store."""

    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"updated": self.updated, "unchanged": self.unchanged}


def import_xliff(workspace: Workspace, path: str | Path, reviewer: str = "") -> ImportResult:
    """Apply the targets, states and comments of an XLIFF 2 file to the workspace (all or nothing)."""
    units = read_units(workspace, Path(path))
    who = reviewer or workspace.reviewer
    result = ImportResult()
    for unit in units:
        rec = unit.record
        states = workspace.store.states(rec.document)
        current = states.get((rec.document, rec.segment)) or initial_state(rec)
        known = {e.comment for e in workspace.store.comments(rec.document).get(rec.segment, [])}
        new_comments = [c for c in unit.comments if c not in known]
        if (unit.target, unit.state, unit.substate) == (current.target, current.state, current.substate) and (
            not new_comments
        ):
            result.unchanged += 1
            continue
        workspace.store.change(
            initial_state(rec), rec.source, action="import", target=unit.target, state=unit.state,
            substate=unit.substate, expected_version=current.version, reviewer=who,
            comment="\n".join(new_comments),
        )  # fmt: skip
        workspace.sync_memory(rec)
        result.updated += 1
    return result


def read_units(workspace: Workspace, path: Path) -> list[ImportedUnit]:
    """Every unit of the file matched to its record; ``DragomanError`` naming the first problem."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DragomanError(name, f"larger than {MAX_BYTES // (1024 * 1024)} MB")
        root = SafeET.parse(str(path)).getroot()
    except FileNotFoundError:
        raise DragomanError(name, "file not found") from None
    except IsADirectoryError:
        raise DragomanError(name, "is a folder, not an XLIFF file") from None
    except ET.ParseError as err:
        raise DragomanError(name, f"XML syntax error: {err}") from None
    except DefusedXmlException as err:
        raise DragomanError(name, f"refused XML ({type(err).__name__})") from None
    if root.tag != _q("xliff"):
        raise DragomanError(name, "not an XLIFF 2 file (root must be <xliff> in the XLIFF 2.0 namespace)")
    by_path = {d.path: d for d in workspace.documents}
    out: list[ImportedUnit] = []
    for file_el in root.findall(_q("file")):
        doc = by_path.get(file_el.get("original", "")) or workspace.runs.documents.get(file_el.get("id", ""))
        if doc is None:
            raise DragomanError(name, f"file {file_el.get('id')!r} is not a document of the runs folder")
        records = {r.segment: r for r in doc.records}
        for unit in file_el.iter(_q("unit")):
            seg_id = unit.get("name") or unit.get("id") or ""
            where = f"{name}: unit {doc.id}:{seg_id}"
            rec = records.get(seg_id)
            if rec is None:
                raise DragomanError(where, "no such segment in the run")
            segments = unit.findall(_q("segment"))
            if len(segments) != 1:
                raise DragomanError(
                    where, "expected exactly one <segment> (merged or split units are not supported)"
                )
            segment = segments[0]
            source_el, target_el = segment.find(_q("source")), segment.find(_q("target"))
            source = _text(source_el) if source_el is not None else ""
            if source != rec.source:
                raise DragomanError(where, "source text no longer matches the run; refusing the file")
            target = _text(target_el) if target_el is not None else rec.target
            check_target(where, target)
            state = segment.get("state", "initial")
            if state not in STATES:
                raise DragomanError(where, f"unknown state {state!r}")
            substate = segment.get("subState", "")
            substate = substate.split(":", 1)[1] if substate.startswith("dragoman:") else ""
            comments = tuple(
                _text(n).strip()
                for n in unit.iter(_q("note"))
                if n.get("category") == "comment" and _text(n).strip()
            )
            out.append(ImportedUnit(rec, target, state, substate, comments))
    if not out:
        raise DragomanError(name, "no units to import")
    return out


def _q(tag: str) -> str:
    return f"{{{XLIFF_NS}}}{tag}"


def _text(el: ET.Element) -> str:
    """The text of an XLIFF content element: ``<cp hex>`` as its character, other inline elements' text."""
    parts = [el.text or ""]
    for child in el:
        if child.tag == _q("cp"):
            try:
                parts.append(chr(int(child.get("hex", ""), 16)))
            except ValueError:
                pass
        else:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)
