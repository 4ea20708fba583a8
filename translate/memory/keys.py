"""What else, beyond the pipeline's ``cache_key``, decides whether a stored translation may be reused.

The pipeline key already covers backend, model, language pair, decoding settings, the normalized
model input and the glossary constraints of that segment. The memory adds the glossary itself (its
identity hash, ``glossary.model.glossary_id`` of the entries in force, the same id that
``dragoman glossary list`` and the translation records show) and the enforcement mode, so editing a
glossary never reuses entries made with the old one, even for segments the glossary does not touch.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

NO_GLOSSARY = ""
DEFAULT_MODE = "constrain"


def glossary_hash(paths: Sequence[str | Path] | None, terms_mode: str = "off") -> str:
    """The memory's glossary key: the glossary's id (the shipped default and its extra forms, then
    ``paths`` in order), followed by ``:MODE`` unless the mode is the default ``constrain``.

    ``""`` with ``--terms off`` (no glossary acts). Two runs share memory entries only when this matches.
    """
    if terms_mode == "off":
        return NO_GLOSSARY
    from glossary.model import Glossary

    identity = Glossary.load(*(paths or [])).hash
    return identity if terms_mode == DEFAULT_MODE else f"{identity}:{terms_mode}"
