"""Translation memory exchange: export to TMX 1.4b or JSONL, import human translations from TMX.

Exported TMX carries the memory's key material as ``<prop type="x-dragoman-...">`` so nothing is
lost; characters XML 1.0 cannot hold become ``<ph type="x-char">U+XXXX</ph>``. Import reads any
TMX 1.4 file (parsed with defusedxml): each ``<tu>`` with a Persian/Arabic and an English variant
becomes a human entry keyed by the normalized source (see ``TranslationMemory.add_human``), except
units that are Dragoman's own machine output (``is_machine_unit``), which are counted and skipped.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass
from pathlib import Path

from defusedxml import ElementTree as SafeET

from glossary.languages import ARABIC_SCRIPT_COLUMNS
from translate.document.normalize import normalize_for_model
from translate.errors import DragomanError
from translate.memory.sqlite_store import ANY, MemoryEntry, TranslationMemory

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SOURCE_LANGS = ARABIC_SCRIPT_COLUMNS  # the TM holds Persian and Arabic segments
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _tmx_date(seconds: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def _add_text(parent: ET.Element, text: str) -> None:
    """``text`` into ``parent``, XML-invalid characters as ``<ph type="x-char">``."""
    pos, last = 0, None
    for match in [*_XML_INVALID.finditer(text), None]:
        chunk = text[pos : match.start() if match else len(text)]
        if last is None:
            parent.text = (parent.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk
        if match is None:
            break
        last = ET.SubElement(parent, "ph", {"type": "x-char"})
        last.text = f"U+{ord(match.group()):04X}"
        pos = match.end()


def _clean_attr(text: str) -> str:
    return _XML_INVALID.sub(lambda m: f"U+{ord(m.group()):04X}", text)


def _tu(entry: MemoryEntry) -> ET.Element:
    tu = ET.Element(
        "tu",
        {
            "tuid": entry.key,
            "srclang": entry.source_lang or "*all*",
            "creationdate": _tmx_date(entry.created),
            "lastusagedate": _tmx_date(entry.last_used),
            "usagecount": str(entry.hits),
            "creationid": "dragoman" if entry.origin == "machine" else "human",
        },
    )
    for name, value in (
        ("origin", entry.origin),
        ("model", entry.model or "*"),
        ("backend", entry.backend),
        ("glossary", entry.glossary or "-"),
    ):
        prop = ET.SubElement(tu, "prop", {"type": f"x-dragoman-{name}"})
        prop.text = _clean_attr(value)
    for lang, text in ((entry.source_lang or "und", entry.source), ("en", entry.target)):
        tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
        _add_text(ET.SubElement(tuv, "seg"), text)
    return tu


def export_tmx(entries: list[MemoryEntry]) -> str:
    """The entries as a TMX 1.4b document (valid against ``tmx14.dtd``)."""
    from translate.version import __version__

    langs = {e.source_lang for e in entries if e.source_lang}
    header = ET.Element(
        "header",
        {
            "creationtool": "Dragoman",
            "creationtoolversion": str(__version__),
            "segtype": "sentence",
            "o-tmf": "dragoman-sqlite",
            "adminlang": "en",
            "srclang": langs.pop() if len(langs) == 1 else "*all*",
            "datatype": "plaintext",
            "creationdate": _tmx_date(time.time()),
        },
    )
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        DOCTYPE,
        '<tmx version="1.4">',
        " " + ET.tostring(header, encoding="unicode"),
        " <body>",
        *("  " + ET.tostring(_tu(e), encoding="unicode").replace("\r", "&#13;") for e in entries),
        " </body>",
        "</tmx>",
    ]
    return "\n".join(lines) + "\n"


def export_jsonl(entries: list[MemoryEntry]) -> str:
    """One JSON object per entry (all columns; ``terms``/``alignment`` decoded)."""
    return "".join(json.dumps(asdict(e), ensure_ascii=False) + "\n" for e in entries)


@dataclass(frozen=True)
class HumanPair:
    """One importable translation unit: normalized source and English target."""

    source_lang: str
    source: str
    target: str


def _seg_text(seg: ET.Element) -> str:
    """The text of a ``<seg>``, inline codes dropped except their text content."""
    return "".join(seg.itertext())


def read_tmx_pairs(path: str | Path) -> list[HumanPair]:
    """The human (fa|ar → en) pairs of a TMX file (machine output left out, see ``is_machine_unit``);
    ``DragomanError`` for a file that is not TMX."""
    return read_tmx_units(path)[0]


def is_machine_unit(tu: ET.Element, header: ET.Element | None) -> bool:
    """Whether a ``<tu>`` holds Dragoman's machine output rather than a human translation.

    Dragoman marks what it writes: ``tm export`` gives every unit ``<prop type="x-dragoman-origin">``
    (``machine`` or ``human``); ``review --format tmx`` writes model output under a header whose
    ``creationtool`` is ``Dragoman`` and ``o-tmf`` ``Dragoman JSONL``. Units from any other tool are
    human translations.
    """
    origin = next((p.text or "" for p in tu.findall("prop") if p.get("type") == "x-dragoman-origin"), "")
    if origin:
        return origin.strip() != "human"
    if header is not None and header.get("creationtool") == "Dragoman":
        return header.get("o-tmf") == "Dragoman JSONL" or tu.get("creationid") == "dragoman"
    return False


def read_tmx_units(path: str | Path) -> tuple[list[HumanPair], int]:
    """The human (fa|ar → en) pairs of a TMX file and how many machine units were left out."""
    name = str(path)
    try:
        root = SafeET.parse(str(path)).getroot()
    except OSError as err:
        raise DragomanError(name, f"cannot read TMX file ({err.strerror or err})") from None
    except Exception as err:  # defusedxml / expat errors: malformed or forbidden XML
        raise DragomanError(name, f"not a readable TMX file ({err})") from None
    if root.tag != "tmx":
        raise DragomanError(name, f"not a TMX file (root element <{root.tag}>)")
    header = root.find("header")
    default_lang = _short_lang(header.get("srclang", "") if header is not None else "")
    pairs, machine = [], 0
    for tu in root.iter("tu"):
        if is_machine_unit(tu, header):
            machine += 1
            continue
        variants = {}
        for tuv in tu.findall("tuv"):
            lang = _short_lang(tuv.get(XML_LANG) or tuv.get("lang") or "")
            seg = tuv.find("seg")
            if seg is not None:
                variants[lang] = " ".join(_seg_text(seg).split())
        lang = _short_lang(tu.get("srclang", "")) or default_lang
        if lang not in SOURCE_LANGS:
            lang = next((code for code in SOURCE_LANGS if code in variants), "")
        if lang and variants.get(lang) and variants.get("en"):
            source = normalize_for_model(variants[lang], lang)
            pairs.append(HumanPair(lang, source, variants["en"]))
    return pairs, machine


def _short_lang(code: str) -> str:
    """``fa-IR`` / ``pes_Arab`` / ``FA`` -> ``fa``; ``arb_Arab`` -> ``ar``; ``en-US`` -> ``en``."""
    code = code.strip().lower().replace("_", "-")
    head = code.split("-")[0]
    return {"pes": "fa", "fas": "fa", "per": "fa", "arb": "ar", "ara": "ar", "eng": "en"}.get(head, head)


def import_tmx(
    memory: TranslationMemory, path: str | Path, *, model: str = ANY, glossary: str = ANY
) -> tuple[int, int]:
    """Add the TMX file's pairs to ``memory`` as human entries; (new, replaced) counts."""
    pairs, machine = read_tmx_units(path)
    if not pairs:
        why = (
            f" ({machine} units are Dragoman's own machine output, never imported as human)"
            if machine
            else ""
        )
        raise DragomanError(str(path), f"no human Persian/Arabic -> English translation units found{why}")
    added = 0
    for pair in pairs:
        added += memory.add_human(pair.source_lang, pair.source, pair.target, model=model, glossary=glossary)
    return added, len(pairs) - added
