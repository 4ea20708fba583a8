"""Reading an XLIFF file back from a CAT tool (XLIFF 1.2 or 2.0) and applying its targets to a run.

``read_xliff`` returns one ``XliffUnit`` per unit (parsed with defusedxml: no entities, no DTD);
inline term marks are flattened to their text and Dragoman's ``<cp hex>`` (2.0) and
``<ph ctype="x-char">`` (1.2) become the characters again. ``apply_xliff`` puts each unit's target
into the record with the same document and segment id, and **refuses the whole file** when a unit's
source is no longer the run's source text (or names a segment the run does not have): nothing is
half-applied.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeET

from translate.errors import DragomanError
from translate.records import SegmentRecord
from translate.review.xliff import XLIFF_NS
from translate.review.xliff12 import COPIED_KINDS

XLIFF1_NS_PREFIX = "urn:oasis:names:tc:xliff:document:1."
_U_CODE = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
REVIEWED_FLAG = "xliff_edited"


@dataclass
class XliffUnit:
    """One unit of an XLIFF file: where it is, its texts and its state."""

    file: str  # the <file original> (Dragoman writes the document's path)
    id: str  # unit id (Dragoman writes the segment id)
    source: str
    target: str | None  # None when the unit has no target
    state: str = ""
    version: str = ""


@dataclass
class ApplySummary:
    """What applying an XLIFF file changed."""

    path: str
    version: str
    units: int = 0
    changed: int = 0
    unchanged: int = 0
    without_target: int = 0
    states: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """The JSON form."""
        return dict(self.__dict__)


def _text(el: Element | None, ns: str) -> str:
    """The text of a source/target with inline elements flattened (character codes decoded)."""
    if el is None:
        return ""
    out = [el.text or ""]
    for child in el:
        tag = child.tag.split("}", 1)[-1]
        if tag == "cp" and child.get("hex"):
            out.append(chr(int(child.get("hex", "0"), 16)))
        elif tag == "ph" and child.get("ctype") == "x-char" and _U_CODE.fullmatch(child.text or ""):
            out.append(chr(int((child.text or "")[2:], 16)))
        else:
            out.append(_text(child, ns))
        out.append(child.tail or "")
    return "".join(out)


def read_xliff(path: str | Path) -> list[XliffUnit]:
    """The units of an XLIFF 1.2 or 2.0 file, in file order; a one-line error when it is not one."""
    where = str(path)
    try:
        root = SafeET.parse(str(path)).getroot()
    except FileNotFoundError:
        raise DragomanError(where, "file not found") from None
    except ParseError as err:
        raise DragomanError(where, f"XML syntax error: {err}") from None
    except Exception as err:  # defusedxml refusals
        raise DragomanError(where, f"refused XML: {type(err).__name__}: {err}") from None
    ns = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if ns.startswith(XLIFF1_NS_PREFIX) or (
        not ns and root.tag == "xliff" and root.get("version", "")[:2] == "1."
    ):
        return _units_12(root, ns)  # 1.2, and the 1.0/1.1 that older tools (translate-toolkit) write
    if root.tag == f"{{{XLIFF_NS}}}xliff":
        return _units_20(root)
    raise DragomanError(where, f"not an XLIFF 1.2 or 2.0 file (root element {root.tag!r})")


def _units_12(root: Element, ns: str) -> list[XliffUnit]:  # XLIFF 1.x
    q = (lambda t: f"{{{ns}}}{t}") if ns else (lambda t: t)
    units = []
    for file_el in root.iter(q("file")):
        for unit in file_el.iter(q("trans-unit")):
            target = unit.find(q("target"))
            units.append(
                XliffUnit(
                    file=file_el.get("original", ""),
                    id=unit.get("id", ""),
                    source=_text(unit.find(q("source")), ns),
                    target=None if target is None else _text(target, ns),
                    state="" if target is None else target.get("state", ""),
                    version=root.get("version", "1.2"),
                )
            )
    return units


def _units_20(root: Element) -> list[XliffUnit]:
    def q(t: str) -> str:
        return f"{{{XLIFF_NS}}}{t}"

    units = []
    for file_el in root.iter(q("file")):
        for unit in file_el.iter(q("unit")):
            segments = unit.findall(q("segment"))
            targets = [s.find(q("target")) for s in segments]
            has_target = any(t is not None for t in targets)
            units.append(
                XliffUnit(
                    file=file_el.get("original", ""),
                    id=unit.get("name") or unit.get("id", ""),
                    source="".join(_text(s.find(q("source")), XLIFF_NS) for s in segments),
                    target="".join(_text(t, XLIFF_NS) for t in targets) if has_target else None,
                    state=segments[0].get("state", "") if segments else "",
                    version="2.0",
                )
            )
    return units


def apply_xliff(records: list[SegmentRecord], path: str | Path) -> tuple[list[SegmentRecord], ApplySummary]:
    """The run's records with the targets of the XLIFF file at ``path`` (see the module docstring).

    A changed target gets the flag ``xliff_edited``; its term offsets are looked up again in the new
    English (a required term that is gone becomes ``missing``) and its word alignment is dropped."""
    units = read_xliff(path)
    where = str(path)
    index = {}
    for k, rec in enumerate(records):
        index.setdefault((rec.path, rec.segment), k)
        index.setdefault((rec.document, rec.segment), k)
    summary = ApplySummary(where, units[0].version if units else "")
    updates: dict[int, XliffUnit] = {}
    for unit in units:
        k = index.get((unit.file, unit.id))
        if k is None:
            raise DragomanError(
                where, f"unit {unit.id!r} of {unit.file!r} is not a segment of the run; nothing imported"
            )
        if unit.source != records[k].source:
            raise DragomanError(
                where,
                f"unit {unit.id!r} of {unit.file!r}: the source text no longer matches the run "
                f"(run: {records[k].source[:40]!r}, file: {unit.source[:40]!r}); nothing imported",
            )
        updates[k] = unit
    out = list(records)
    for k, unit in updates.items():
        summary.units += 1
        summary.states[unit.state or "(none)"] = summary.states.get(unit.state or "(none)", 0) + 1
        if unit.target is None:
            summary.without_target += 1
            continue
        if unit.target == records[k].target:
            summary.unchanged += 1
            continue
        out[k] = _edited(records[k], unit.target)
        summary.changed += 1
    return out, summary


def _edited(rec: SegmentRecord, target: str) -> SegmentRecord:
    terms = []
    for term in rec.terms:
        at = target.find(term.required) if term.required else -1
        if at >= 0:
            terms.append(replace(term, target_start=at, target_end=at + len(term.required)))
        else:
            terms.append(replace(term, target_start=None, target_end=None, status="missing"))
    flags = [f for f in rec.flags if f not in (REVIEWED_FLAG, "empty_translation")] + [REVIEWED_FLAG]
    translated = rec.translated or rec.kind not in COPIED_KINDS  # a human filled an empty output
    return replace(rec, target=target, terms=terms, alignment=[], flags=flags, translated=translated)
