"""The SQLite translation memory: exact-match reuse, invalidation, concurrent writers, TMX in and out.

The pipeline tests use the real tiny NLLB model on a seed article (no mocks on the translation path).
"""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from lxml import etree

from glossary.entry import Category, Entry
from glossary.formats.tsv import TsvFormat
from translate.backends import load_backend
from translate.backends.base import DecodeOptions
from translate.document.parse import parse_document
from translate.errors import DragomanError
from translate.io.reading import read_text
from translate.memory import (
    TranslationMemory,
    export_jsonl,
    export_tmx,
    glossary_hash,
    import_tmx,
    open_memory,
    read_tmx_pairs,
    read_tmx_units,
)
from translate.pipeline import cache_key, translate_document

DTD = Path(__file__).parent / "schemas" / "tmx14.dtd"
FAST = DecodeOptions(beam_size=1, max_length_ratio=0.3, max_length_extra=2, batch_size=4)


@pytest.fixture(scope="module")
def backend(tiny_nllb_dir: Path):
    return load_backend("transformers", str(tiny_nllb_dir), "cpu", 1)


@pytest.fixture(scope="module")
def seed_doc(seed_paths: list[Path]):
    path = seed_paths[3]
    return parse_document(read_text(path), doc_id=path.stem, path=str(path), source_lang="fa")


def _translatable(doc) -> int:
    return sum(1 for s in doc.segments if s.translate and s.model_input.strip())


# -------------------------------------------------------------------------- reuse and invalidation


def test_hit_and_miss_counts_and_identical_records(tmp_path: Path, backend, seed_doc) -> None:
    path = tmp_path / "desk.tm.sqlite"
    with open_memory(path) as tm:
        first = translate_document(seed_doc, backend, options=FAST, cache=tm)
        assert tm.counts.hits + tm.counts.misses == _translatable(seed_doc)
        assert tm.counts.stored == len(tm) > 0
    with open_memory(path) as tm:  # a new process would see the same: the file is the store
        second = translate_document(seed_doc, backend, options=FAST, cache=tm)
        assert tm.counts.misses == 0
        assert tm.counts.hits == _translatable(seed_doc)
        assert tm.counts.stored == 0
    assert [r.target for r in second] == [r.target for r in first]
    assert [(r.source_start, r.source_end) for r in second] == [(r.source_start, r.source_end) for r in first]
    stats = TranslationMemory(path).stats()
    assert stats.hits == _translatable(seed_doc)
    assert [g["model"] for g in stats.groups] == [backend.model_id]
    assert stats.groups[0]["source_lang"] == "fa"


def test_entries_keep_normalized_source_and_model(tmp_path: Path, backend, seed_doc) -> None:
    with open_memory(tmp_path / "tm.sqlite") as tm:
        records = translate_document(seed_doc, backend, options=FAST, cache=tm)
        entries = tm.entries()
    inputs = {s.model_input for s in seed_doc.segments if s.translate and s.model_input.strip()}
    assert {e.source for e in entries} == inputs
    assert {e.model for e in entries} == {backend.model_id}
    translated = {r.target for r in records if r.translated}
    # stored values are raw model output: every one appears in a record (markers are appended later)
    assert all(any(t.startswith(e.target) for t in translated) for e in entries)


@pytest.mark.parametrize(
    "change",
    ["glossary", "decoding", "model"],
)
def test_changed_glossary_model_or_settings_do_not_reuse(
    tmp_path: Path, backend, seed_doc, change: str
) -> None:
    path = tmp_path / "tm.sqlite"
    with open_memory(path) as tm:
        translate_document(seed_doc, backend, options=FAST, cache=tm)
    glossary = tmp_path / "g.tsv"
    glossary.write_text(_nato_tsv("NATO"), encoding="utf-8")
    options = FAST
    memory = open_memory(path)
    if change == "glossary":
        memory = open_memory(path, [glossary], "post-edit")  # a glossary acts: entries must not be reused
    elif change == "decoding":
        options = DecodeOptions(beam_size=2, max_length_ratio=0.3, max_length_extra=2, batch_size=4)
    with memory as tm:
        if change == "model":
            seg = next(s for s in seed_doc.segments if s.translate and s.model_input.strip())
            key = cache_key(backend, "fa", seg.model_input, FAST, [])
            assert tm.get(key) is not None
            backend_model, backend.model_id = backend.model_id, "another/model"
            try:
                assert tm.get(cache_key(backend, "fa", seg.model_input, FAST, [])) is None
            finally:
                backend.model_id = backend_model
            return
        translate_document(seed_doc, backend, options=options, cache=tm)
        assert tm.counts.hits == 0
        assert tm.counts.misses == _translatable(seed_doc)


def test_batch_size_is_not_part_of_the_key(tmp_path: Path, backend, seed_doc) -> None:
    with open_memory(tmp_path / "tm.sqlite") as tm:
        translate_document(seed_doc, backend, options=FAST, cache=tm)
        bigger = DecodeOptions(beam_size=1, max_length_ratio=0.3, max_length_extra=2, batch_size=16)
        before = tm.counts.hits
        translate_document(seed_doc, backend, options=bigger, cache=tm)
        assert tm.counts.hits - before == _translatable(seed_doc)


def _nato_tsv(english: str) -> str:
    entry = Entry(id="nato-test", english=english, category=Category.ORGANIZATION, variants={"fa": ["ناتو"]})
    return TsvFormat().write([entry])


def test_glossary_hash_follows_content_and_mode(tmp_path: Path) -> None:
    glossary = tmp_path / "g.tsv"
    glossary.write_text(_nato_tsv("NATO"), encoding="utf-8")
    first = glossary_hash([glossary], "enforce")
    assert glossary_hash([glossary], "enforce") == first
    assert glossary_hash([glossary], "check") != first
    glossary.write_text(_nato_tsv("North Atlantic Treaty Organization"), encoding="utf-8")
    assert glossary_hash([glossary], "enforce") != first
    assert glossary_hash(None) == ""


# ------------------------------------------------------------------------------ concurrent writers


def _writer(path: str, worker: int, count: int) -> None:
    with TranslationMemory(path) as tm:
        for i in range(count):
            key = f"w{worker}-{i}"
            tm.describe(key, "fa", f"جمله {worker} {i}", "m", "b")
            assert tm.get(key) is None
            tm.put(key, f"sentence {worker} {i}")


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "shared.tm.sqlite"
    TranslationMemory(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), w, 200)) for w in range(2)]
    for proc in workers:
        proc.start()
    for proc in workers:
        proc.join(120)
        assert proc.exitcode == 0
    with TranslationMemory(path) as tm:
        entries = tm.entries()
    assert len(entries) == 400
    assert {(e.key, e.target) for e in entries} == {
        (f"w{w}-{i}", f"sentence {w} {i}") for w in range(2) for i in range(200)
    }


# ---------------------------------------------------------------------------------- bad files


def test_non_sqlite_file_is_a_one_line_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.tm.sqlite"
    bogus.write_text("this is not a database\n", encoding="utf-8")
    with pytest.raises(DragomanError, match="not an SQLite database") as err:
        TranslationMemory(bogus)
    assert "\n" not in str(err.value) and str(bogus) in str(err.value)


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(DragomanError, match="not a Dragoman translation memory"):
        TranslationMemory(other)


def test_truncated_database_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        for i in range(50):
            tm.put(f"k{i}", "x" * 200)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00garbage" * 200)
    with pytest.raises(DragomanError) as err:
        with TranslationMemory(path) as tm:
            tm.entries()
    assert str(path) in str(err.value)


def test_missing_memory_is_refused_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(DragomanError, match="not found"):
        TranslationMemory(tmp_path / "absent.sqlite", create=False)


# ------------------------------------------------------------------------ human TMX, export


def _human_tmx(path: Path, source: str, target: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fa-IR" '
        'datatype="plaintext"/><body><tu><tuv xml:lang="fa-IR"><seg>'
        + source
        + '</seg></tuv><tuv xml:lang="en-US"><seg>'
        + target
        + "</seg></tuv></tu></body></tmx>\n",
        encoding="utf-8",
    )
    return path


def test_imported_human_translation_wins_for_any_model(tmp_path: Path, backend, seed_doc) -> None:
    seg = next(s for s in seed_doc.segments if s.translate and s.model_input.strip() and not s.markers)
    tmx = _human_tmx(tmp_path / "desk.tmx", seg.text, "A reviewed human translation.")
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        assert import_tmx(tm, tmx) == (1, 0)
        assert import_tmx(tm, tmx) == (0, 1)  # re-import replaces, never duplicates
        records = translate_document(seed_doc, backend, options=FAST, cache=tm)
    by_id = {r.segment: r for r in records}
    assert by_id[seg.id].target == "A reviewed human translation."
    # restricted to another model: not used
    other = tmp_path / "tm2.sqlite"
    with TranslationMemory(other) as tm:
        import_tmx(tm, tmx, model="some/other-model")
        records = translate_document(seed_doc, backend, options=FAST, cache=tm)
    assert {r.segment: r for r in records}[seg.id].target != "A reviewed human translation."


def test_remove_human_takes_out_only_that_human_entry(tmp_path: Path, seed_doc) -> None:
    seg = next(s for s in seed_doc.segments if s.translate and s.model_input.strip() and not s.markers)
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.describe("k", "fa", seg.model_input, "m", "b")
        tm.put("k", "machine English")
        assert tm.add_human("fa", seg.model_input, "human English")
        assert tm.add_human("fa", seg.model_input, "for one model only", model="m")
        assert tm.remove_human("fa", seg.model_input)
        assert not tm.remove_human("fa", seg.model_input)  # already gone
        tm.describe("k", "fa", seg.model_input, "other-model", "b")
        assert tm.get("k") == "machine English"  # the machine entry and the model-bound one stay
        assert sorted(e.target for e in tm.entries()) == ["for one model only", "machine English"]


def test_tmx_export_validates_and_round_trips(tmp_path: Path, backend, seed_doc) -> None:
    with open_memory(tmp_path / "tm.sqlite") as tm:
        translate_document(seed_doc, backend, options=FAST, cache=tm)
        tm.describe("ctl", "fa", "کنترل\x01", "m", "b")
        tm.put("ctl", "control \x0b char")
        entries = tm.entries()
    text = export_tmx(entries)
    doc = etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(doc), dtd.error_log.filter_from_errors()
    assert len(doc.findall("body/tu")) == len(entries)
    exported = tmp_path / "out.tmx"
    exported.write_text(text, encoding="utf-8")
    assert read_tmx_units(exported) == ([], len(entries))  # machine output never imports as human
    exported.write_text(text.replace(">machine</prop>", ">human</prop>"), encoding="utf-8")
    pairs = read_tmx_pairs(exported)
    normal = [e for e in entries if e.key != "ctl"]
    assert [(p.source, p.target) for p in pairs[: len(normal)]] == [(e.source, e.target) for e in normal]
    lines = export_jsonl(entries).splitlines()
    assert len(lines) == len(entries)


def test_tmx_import_rejects_non_tmx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<html><body/></html>", encoding="utf-8")
    with pytest.raises(DragomanError, match="not a TMX file"):
        read_tmx_pairs(bad)
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body>", encoding="utf-8")
    with pytest.raises(DragomanError, match="not a readable TMX"):
        read_tmx_pairs(broken)
