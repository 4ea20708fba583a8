"""A plain-text input translated window by window (``translate.pipeline.stream_run``) gives the
same output (JSONL, text, JSON, Markdown, HTML) as the whole document at once, with the tiny NLLB
model, the default glossary and the run's dedupe cache; the model sees one window at a time;
standard input streams like a file; a failure half-way leaves no output file."""

from __future__ import annotations

import io
import json
import sys
from datetime import UTC, datetime

import pytest
from conftest import SEED_FILES
from formats_fixtures import NEWS_PAGE, NEWS_SRT, word_parts, write_docx

import translate.pipeline.stream_run as stream_run
from translate.backends import load_backend
from translate.backends.base import DecodeOptions
from translate.errors import DragomanError
from translate.outputs.jsonl import JsonlWriter
from translate.pipeline.batch import RunSettings, translate_paths
from translate.review import open_review_page
from translate.review.base import ReviewMeta, group_documents
from translate.review.html import HtmlWriter

META = ReviewMeta(title="Run", generated=datetime(2026, 12, 3, tzinfo=UTC))

pytestmark = pytest.mark.slow  # real translations with the tiny model: a minute or two on 2 cores

FOOTNOTED = SEED_FILES[0]  # footnote markers and footnote lines
WINDOW = 1500  # characters: the seed becomes about 15 windows


@pytest.fixture(scope="module")
def tiny_backend(tiny_nllb_dir):
    return load_backend("transformers", str(tiny_nllb_dir), "cpu", 1)


def _settings(terms_mode: str) -> RunSettings:
    return RunSettings(options=DecodeOptions(beam_size=1, max_length_ratio=0.1), terms_mode=terms_mode)


def _windows_seen(monkeypatch) -> list[tuple[int, int]]:
    """Record (window offset, segments) of every window the streamed run translates."""
    seen: list[tuple[int, int]] = []
    translate_document = stream_run.translate_document

    def watching(doc, *args, **kwargs):
        seen.append((doc.offset, len(doc.segments)))
        return translate_document(doc, *args, **kwargs)

    monkeypatch.setattr(stream_run, "translate_document", watching)
    monkeypatch.setattr(stream_run, "WINDOW_CHARS", WINDOW)
    return seen


def _whole_and_streamed(tmp_path, monkeypatch, backend, text, fmt, terms_mode):
    source = tmp_path / "article.txt"
    source.write_text(text, encoding="utf-8")
    settings = _settings(terms_mode)
    whole = translate_paths(
        [source], tmp_path / f"whole.{fmt}", fmt, settings, quiet=True, backend=backend, keep_records=True
    )  # keep_records: the whole-document path
    seen = _windows_seen(monkeypatch)
    streamed = translate_paths(
        [source], tmp_path / f"streamed.{fmt}", fmt, settings, quiet=True, backend=backend
    )
    assert [r.status for r in whole.results + streamed.results] == ["written", "written"]
    return (tmp_path / f"whole.{fmt}").read_bytes(), (tmp_path / f"streamed.{fmt}").read_bytes(), seen


@pytest.mark.parametrize(
    ("fmt", "terms_mode"),
    [
        ("jsonl", "off"),
        ("jsonl", "constrain"),
        ("text", "constrain"),
        ("json", "constrain"),
        ("markdown", "off"),
        ("html", "constrain"),
    ],
)
def test_streamed_output_equals_whole_document_output(tmp_path, monkeypatch, tiny_backend, fmt, terms_mode):
    text = FOOTNOTED.read_text(encoding="utf-8")
    whole, streamed, seen = _whole_and_streamed(tmp_path, monkeypatch, tiny_backend, text, fmt, terms_mode)
    assert streamed == whole
    assert len(seen) >= 5  # window by window, in order, none bigger than a window of lines
    assert [offset for offset, _ in seen] == sorted(offset for offset, _ in seen)
    assert max(count for _, count in seen) <= 30 < sum(count for _, count in seen)
    if fmt in ("jsonl", "json") and terms_mode == "constrain":
        text = streamed.decode()
        records = json.loads(text)["records"] if fmt == "json" else map(json.loads, text.splitlines())
        assert any(r["terms"] for r in records)  # the glossary acted on the streamed windows
    if fmt == "markdown":
        assert "[^1]" in streamed.decode()  # footnotes converted across windows


@pytest.mark.parametrize("fmt", ["jsonl", "markdown"])
def test_a_file_without_line_breaks_is_translated_part_by_part(tmp_path, monkeypatch, tiny_backend, fmt):
    """One line of 29,000 characters: its sentences go to the model a part (about a window) at a
    time, and the output is the whole document's."""
    text = " ".join(FOOTNOTED.read_text(encoding="utf-8").split())
    whole, streamed, seen = _whole_and_streamed(tmp_path, monkeypatch, tiny_backend, text, fmt, "constrain")
    assert streamed == whole
    assert len(seen) >= 10 and max(count for _, count in seen) <= 30 < sum(count for _, count in seen)


def test_a_sentence_repeated_in_a_later_window_comes_from_the_cache(tmp_path, monkeypatch, tiny_backend):
    """Same English; like a sentence repeated from another document, its record has no word
    alignment (the cache keeps the English, not the model's attention)."""
    text = FOOTNOTED.read_text(encoding="utf-8")
    whole, streamed, _ = _whole_and_streamed(
        tmp_path, monkeypatch, tiny_backend, text + "\n\n" + text, "jsonl", "off"
    )
    whole_records = [json.loads(line) for line in whole.decode().splitlines()]
    streamed_records = [json.loads(line) for line in streamed.decode().splitlines()]
    assert len(whole_records) == len(streamed_records) > 200
    for a, b in zip(whole_records, streamed_records, strict=True):
        assert {**a, "alignment": []} == {**b, "alignment": []}
    half = len(streamed_records) // 2
    assert any(r["alignment"] for r in streamed_records[:half])
    assert not any(r["alignment"] for r in streamed_records[half:])


def test_standard_input_is_streamed_like_a_file(tmp_path, monkeypatch, tiny_backend):
    """``-`` is copied to a temporary file and translated window by window: the same records as
    the file, named ``stdin`` / ``<stdin>``."""
    data = FOOTNOTED.read_bytes()
    source = tmp_path / "article.txt"
    source.write_bytes(data)
    settings = _settings("constrain")
    translate_paths([source], tmp_path / "file.jsonl", "jsonl", settings, quiet=True, backend=tiny_backend)
    seen = _windows_seen(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    result = translate_paths(
        ["-"], tmp_path / "stdin.jsonl", "jsonl", settings, quiet=True, backend=tiny_backend
    )
    assert [r.status for r in result.results] == ["written"]
    assert len(seen) >= 5
    from_file, from_stdin = (
        [json.loads(line) for line in (tmp_path / name).read_text(encoding="utf-8").splitlines()]
        for name in ("file.jsonl", "stdin.jsonl")
    )
    assert {(r["document"], r["path"]) for r in from_stdin} == {("stdin", "<stdin>")}
    assert [{**r, "document": "", "path": ""} for r in from_file] == [
        {**r, "document": "", "path": ""} for r in from_stdin
    ]


def test_the_review_page_of_a_streamed_run_is_the_page_of_the_whole_run(tmp_path, monkeypatch, tiny_backend):
    """``--review``: each window's records go to the page's spools as they are made (no records
    kept in the result), and the page is the one made from the whole document's records."""
    source = tmp_path / "article.txt"
    source.write_bytes(FOOTNOTED.read_bytes())
    settings = _settings("constrain")
    whole = translate_paths(
        [source],
        tmp_path / "whole.md",
        "markdown",
        settings,
        quiet=True,
        backend=tiny_backend,
        keep_records=True,
    )
    expected = HtmlWriter().render(group_documents(whole.results[0].records), META)
    seen = _windows_seen(monkeypatch)
    page = open_review_page(tmp_path / "spools")
    streamed = translate_paths(
        [source], tmp_path / "streamed.md", "markdown", settings, quiet=True, backend=tiny_backend, sink=page
    )
    assert len(seen) >= 5 and streamed.results[0].records == []
    out: list[str] = []
    page.write(out.append, META)
    assert "".join(out) == expected
    assert 'class="term tc' in expected  # the glossary's terms are on the page


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("news.html", "jsonl"), ("report.docx", "markdown"), ("news.srt", "vtt"), ("news.html", "html")],
)
def test_inputs_read_whole_are_translated_window_by_window(tmp_path, monkeypatch, tiny_backend, name, fmt):
    """A web page, a Word file or subtitles are read whole by their library, then translated in
    windows of blocks: the same output as at once, the model seeing one window at a time."""
    source = tmp_path / name
    if name.endswith(".docx"):
        write_docx(source)
    else:
        source.write_text(NEWS_SRT if name.endswith(".srt") else NEWS_PAGE, encoding="utf-8")
    settings = _settings("constrain")
    translate_paths(
        [source],
        tmp_path / f"whole.{fmt}",
        fmt,
        settings,
        quiet=True,
        backend=tiny_backend,
        keep_records=True,
    )
    seen = _windows_seen(monkeypatch)
    monkeypatch.setattr(stream_run, "WINDOW_CHARS", 30)
    result = translate_paths(
        [source], tmp_path / f"streamed.{fmt}", fmt, settings, quiet=True, backend=tiny_backend
    )
    assert [r.status for r in result.results] == ["written"]
    assert len(seen) >= 2 and max(count for _, count in seen) < sum(count for _, count in seen)
    streamed, whole = ((tmp_path / f"{name}.{fmt}").read_bytes() for name in ("streamed", "whole"))
    assert word_parts(streamed) == word_parts(whole) if fmt == "docx" else streamed == whole


def test_a_failure_half_way_leaves_no_output(tmp_path, monkeypatch, tiny_backend):
    source = tmp_path / "article.txt"
    source.write_text(FOOTNOTED.read_text(encoding="utf-8"), encoding="utf-8")
    seen = _windows_seen(monkeypatch)
    render = JsonlWriter.render

    def failing(self, document, records):
        if len(seen) == 3:
            raise DragomanError(str(source), "disk on fire")
        return render(self, document, records)

    monkeypatch.setattr(JsonlWriter, "render", failing)
    out = tmp_path / "out"
    result = translate_paths(
        [source], out / "a.jsonl", "jsonl", _settings("off"), quiet=True, backend=tiny_backend
    )
    assert [r.status for r in result.results] == ["failed"] and "disk on fire" in result.results[0].error
    assert len(seen) == 3
    assert list(out.iterdir()) == []  # no output, no temporary left behind
