"""``Glossary.load``: the one entry point to a termbase (glossary/model.py)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from glossary import Glossary
from glossary.errors import GlossaryError
from glossary.files import default_path, read_entries
from glossary.formats import get_format

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_2940354c2d2d1c97.txt"


def test_load_with_no_files_is_the_shipped_glossary_in_file_order() -> None:
    glossary = Glossary.load()
    assert [entry.id for entry in glossary] == [entry.id for entry in read_entries(default_path())]
    assert glossary.get("csto") is not None
    assert glossary.name == "default"


def test_later_files_override_by_id_and_keep_the_rest(tmp_path: Path) -> None:
    mine = tmp_path / "mine.tsv"
    csto = replace(Glossary.load().entry("csto"), english="CSTO bloc")
    mine.write_text(get_format("tsv").write([csto]), encoding="utf-8")
    layered = Glossary.load(mine)
    assert layered.get("csto").english == "CSTO bloc"
    assert len(layered) == len(Glossary.load())
    assert layered.origin["csto"] == str(mine)
    alone = Glossary.load(mine, include_default=False)
    assert [entry.id for entry in alone] == ["csto"]
    assert alone.name == "mine.tsv"


def test_the_loaded_glossary_matches_a_real_seed() -> None:
    text = SEED.read_text(encoding="utf-8")
    hits = Glossary.load().match(text, "fa")
    assert len(hits) > 50
    assert all(text[hit.start : hit.end] == hit.text for hit in hits)


def test_a_missing_file_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="glossary file not found"):
        Glossary.load(tmp_path / "nope.tsv")
