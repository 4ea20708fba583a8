"""What else, beyond the pipeline's ``cache_key``, decides whether a stored translation may be reused.

The pipeline key already covers backend, model, language pair, decoding settings, the normalized
model input and the glossary constraints of that segment. The memory adds the glossary itself (the
files' bytes and the enforcement mode), so editing a glossary never reuses entries made with the
old one, even for segments the glossary does not touch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

NO_GLOSSARY = ""


def glossary_hash(paths: Sequence[str | Path] | None, terms_mode: str = "off") -> str:
    """A short hash of the glossary in force (the shipped default and its extra forms, then ``paths`` in
    order) and the mode.

    ``""`` with ``--terms off`` (no glossary acts). Two runs share memory entries only when this matches.
    """
    if terms_mode == "off":
        return NO_GLOSSARY
    from glossary.store import default_path

    digest = hashlib.sha256(f"terms={terms_mode}\n".encode())
    from glossary.supplement import data_path

    extra = [data_path("variants.tsv")] if data_path("variants.tsv").is_file() else []
    for path in [default_path(), *extra, *(paths or [])]:
        data = Path(path).read_bytes()
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()[:16]
