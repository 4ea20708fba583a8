"""TBX 2008 export (ISO 30042:2008, ``<martif type="TBX-Basic">``) for tools that need martif:
MultiTerm, memoQ, older Trados, translate-toolkit.

The same content as the TBX v3 export (``tbx.py``) in TBX 2008 element names: ``termEntry`` for
``conceptEntry``, ``langSet`` for ``langSec``, ``tig`` for ``termSec``, ``martifHeader`` for
``tbxHeader``; no namespace and no DOCTYPE (a reader never needs to fetch a DTD). Reading is shared
with ``tbx.py`` (any version), so a 2008 export round-trips exactly.
"""

from __future__ import annotations

from glossary.formats.tbx import TbxFormat


class Tbx2008Format(TbxFormat):
    """TBX 2008 (martif, TBX-Basic)."""

    name = "tbx2008"
    extensions = ()
    concept_tag, lang_tag, term_tag = "termEntry", "langSet", "tig"

    def _head(self) -> list[str]:
        return [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<martif type="TBX-Basic" xml:lang="en">',
            "  <martifHeader>",
            "    <fileDesc>",
            "      <sourceDesc>",
            "        <p>Dragoman glossary</p>",
            "      </sourceDesc>",
            "    </fileDesc>",
            "    <encodingDesc>",
            '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>',
            "    </encodingDesc>",
            "  </martifHeader>",
            "  <text>",
            "    <body>",
        ]

    def _tail(self) -> list[str]:
        return ["    </body>", "  </text>", "</martif>"]
