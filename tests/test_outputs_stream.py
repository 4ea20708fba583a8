"""Every format that streams (``OutputWriter.streams``) writes a document window by window exactly
what it writes for the whole document at once, on the five seeds (footnotes, lists, headings, CRLF,
passthrough lines), with windows small enough to cut every seed many times. Records are made here
(a fixed English per sentence, footnote markers carried as the pipeline carries them), so this
checks the writers alone, quickly; ``test_pipeline_stream_run.py`` runs the real model."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SEED_FILES
from formats_fixtures import NEWS_PAGE, NEWS_SRT, NEWS_VTT, word_parts, write_docx
from review_records import segment_record

from translate.document.model import Document
from translate.document.parse import parse_document
from translate.document.stream import line_windows, stream_document
from translate.formats import read_source
from translate.formats.locate import annotate_records
from translate.outputs import get_writer
from translate.outputs.base import StreamSource
from translate.pipeline.document_run import carry_markers
from translate.pipeline.stream_run import parsed_windows, start_parsed_stream, streams_parsed
from translate.records import AlignmentLink, SegmentRecord

STREAMING = ["text", "jsonl", "json", "markdown", "html"]


def _records(document: Document, untranslated: frozenset[str] = frozenset()) -> list[SegmentRecord]:
    """One record per segment: English with a Markdown/HTML-special character for translated
    sentences (unless named in ``untranslated``), the source for the rest."""
    records = []
    for seg in document.segments:
        rec = segment_record(document, seg, translated=False)
        if seg.translate and seg.id not in untranslated:
            rec.target, rec.markers = carry_markers(f"English <{seg.id}> *said*", seg.markers)
            rec.translated = True
            # every source word aligned to "English": inline markup (bold, links) lands on it
            rec.alignment = [
                AlignmentLink(seg.start + m.start(), seg.start + m.end(), 0, 7)
                for m in re.finditer(r"\S+", seg.text)
            ]
        records.append(rec)
    return records


def _streamed(text: str, fmt: str, window_chars: int, tmp_path, untranslated=frozenset()) -> str:
    def windows():
        return line_windows(iter([text[i : i + 999] for i in range(0, len(text), 999)]), window_chars)

    def parse(**_):
        return stream_document(windows, doc_id="article", path="article.txt", part_chars=window_chars)

    first = next(parse())
    header = Document(id=first.id, path=first.path, text="", lang=first.lang)
    source = StreamSource(header, lambda: (t for _o, t in windows()), parse, tmp_path)
    out: list[str] = []
    renderer = get_writer(fmt).stream_renderer(source, out.append)
    count = 0
    for window in parse():
        renderer.add(window, _records(window, untranslated))
        count += 1
    renderer.finish()
    assert count > 3  # the document really was cut into windows
    return "".join(out)


def _whole(text: str, fmt: str, untranslated=frozenset()) -> str:
    document = parse_document(text, doc_id="article", path="article.txt")
    return get_writer(fmt).render(document, _records(document, untranslated))


@pytest.mark.parametrize("fmt", STREAMING)
@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name[:3])
def test_streamed_output_is_the_whole_document_output(seed, fmt, tmp_path):
    text = seed.read_text(encoding="utf-8")
    window = max(300, len(text) // 12)
    assert _streamed(text, fmt, window, tmp_path) == _whole(text, fmt)


@pytest.mark.parametrize("fmt", STREAMING)
def test_crlf_and_single_line_breaks_between_windows(fmt, tmp_path):
    """Windows end at a CRLF or a lone LF between two paragraphs or two list items: Markdown's
    blank line between paragraphs (not between list items) is put there as in the whole document."""
    seed = SEED_FILES[0].read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if line.strip()][:40]
    items = ["– " + line for line in lines[:6]]
    for text in ("\r\n".join(lines) + "\r\n", "\n".join(lines + items + lines[6:])):
        for window in (120, 400):
            assert _streamed(text, fmt, window, tmp_path) == _whole(text, fmt)


@pytest.mark.parametrize("fmt", STREAMING)
def test_lines_longer_than_a_window_come_in_parts_with_the_same_output(fmt, tmp_path):
    """A file without line breaks (the seeds as one line each, and all as one line, behind a
    heading and a list item): its lines come in parts of whole sentences, and every format writes
    what it writes for the whole document (one paragraph, one heading, one list item)."""
    seeds = [" ".join(p.read_text(encoding="utf-8").split()) for p in SEED_FILES[:4]]
    heading = "## " + seeds[1][:900]
    item = "– " + seeds[2][:900]
    for text in (seeds[0], "\n".join([heading, item, *seeds]) + "\n", " ".join(seeds)):
        streamed = _streamed(text, fmt, 250, tmp_path)
        assert streamed == _whole(text, fmt)

    """The first seed's references (early windows) meet their definitions (last window)."""
    text = SEED_FILES[0].read_text(encoding="utf-8")
    streamed = _streamed(text, "markdown", 400, tmp_path)
    assert "[^1]" in streamed and "\n[^1]: " in streamed and "<sup>" not in streamed


def test_markdown_footnotes_stay_when_a_referencing_sentence_is_not_translated(tmp_path):
    """A reference in a sentence the model left untranslated would leave its definition
    unreferenced (hidden when rendered): the whole document keeps its footnotes as they are, also
    when that is known only in the last windows."""
    text = SEED_FILES[0].read_text(encoding="utf-8")
    document = parse_document(text, doc_id="article", path="article.txt")
    with_marker = [seg.id for seg in document.segments if seg.markers]
    last = frozenset(with_marker[-1:])
    streamed = _streamed(text, "markdown", 400, tmp_path, last)
    assert streamed == _whole(text, "markdown", last)
    assert "[^" not in streamed and "<sup>1</sup>" in streamed


def test_streamed_json_is_valid_json_with_the_whole_text(tmp_path):
    text = SEED_FILES[2].read_text(encoding="utf-8")
    payload = json.loads(_streamed(text, "json", 500, tmp_path))
    assert payload["text"] == text
    assert len(payload["records"]) == sum(len(b["segments"]) for b in payload["blocks"]) > 20


def test_streamed_html_title_comes_from_a_heading_in_a_later_window(tmp_path):
    """The page's head needs the first heading's English, which comes windows later here: the body
    waits in a spool on disk, which leaves nothing behind."""
    text = SEED_FILES[2].read_text(encoding="utf-8") + "\n\n" + SEED_FILES[0].read_text(encoding="utf-8")
    heading = next(b for b in parse_document(text).blocks if str(b.kind) == "heading")
    assert heading.start > 3000
    page = _streamed(text, "html", 300, tmp_path)
    assert page.startswith("<!DOCTYPE html>")
    assert f"<title>English &lt;b{heading.index}.s0&gt; *said*</title>" in page
    assert list(tmp_path.iterdir()) == []


def _inputs(tmp_path) -> list[Path]:
    """A web page, a Word report (heading, table, link, footnote) and subtitles, read whole."""
    page = tmp_path / "news.html"
    page.write_text(NEWS_PAGE, encoding="utf-8")
    srt = tmp_path / "news.srt"
    srt.write_text(NEWS_SRT, encoding="utf-8")
    vtt = tmp_path / "news.vtt"
    vtt.write_text(NEWS_VTT, encoding="utf-8")
    return [page, write_docx(tmp_path / "report.docx"), srt, vtt]


@pytest.mark.parametrize("fmt", ["text", "jsonl", "json", "markdown", "html", "srt", "vtt"])
def test_documents_read_whole_are_written_window_by_window_alike(fmt, tmp_path):
    """Web pages, DOCX and subtitles are parsed whole (their libraries read the whole file), then
    translated and written in windows of blocks: the output is the whole document's (subtitles
    too, cue by cue)."""
    writer = get_writer(fmt)
    inputs = _inputs(tmp_path)
    if fmt in ("srt", "vtt"):
        inputs = [p for p in inputs if p.suffix in (".srt", ".vtt")]
    for path in inputs:
        source = read_source(path)
        document = parse_document(source.text, doc_id=path.stem, path=str(path))
        document.origin = source
        assert streams_parsed(document, writer, keep_records=False)
        windows = list(parsed_windows(document, 1))
        assert len(windows) == len(document.blocks) and "".join(w.text for w in windows) == document.text
        out: list[str] = []
        started = start_parsed_stream(document, None, out.append, window_chars=1)
        renderer = writer.stream_renderer(started.source, out.append)
        for window in [started.first, *started.rest]:
            records = _records(window)
            started.annotate(window, records)
            renderer.add(window, records)
        renderer.finish()
        whole_records = _records(document)
        annotate_records(document, whole_records)
        assert "".join(out) == writer.render(document, whole_records), path.name


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_cues_no_sentence_group_covers_are_written_in_place(fmt, tmp_path):
    """A cue outside every cue group (here the groups of the first cue are taken away) is written
    empty ("…") in its place, streamed as at once, before and after the groups that follow."""
    srt = tmp_path / "news.srt"
    srt.write_text(
        NEWS_SRT + "\n4\n00:00:10,000 --> 00:00:12,000\n" + NEWS_SRT.splitlines()[2] + "\n", encoding="utf-8"
    )
    source = read_source(srt)
    first, *rest = source.units
    assert rest  # a group still follows the cues left uncovered
    source.units = rest
    document = parse_document(source.text, doc_id="news", path=str(srt))
    document.origin = source
    writer = get_writer(fmt)
    out: list[str] = []
    started = start_parsed_stream(document, None, out.append, window_chars=1)
    renderer = writer.stream_renderer(started.source, out.append)
    for window in [started.first, *started.rest]:
        renderer.add(window, _records(window))
    renderer.finish()
    whole = writer.render(document, _records(document))
    assert "".join(out) == whole
    assert whole.count("\n…\n") == len(first.data["cues"]) > 0


def test_a_word_file_is_rebuilt_window_by_window_alike(tmp_path):
    """``--format docx``: each window's paragraphs get their English as it comes; the Word file's
    parts (body, footnotes) are the whole document's."""
    report = write_docx(tmp_path / "report.docx")
    source = read_source(report)
    document = parse_document(source.text, doc_id=report.stem, path=str(report))
    document.origin = source
    writer = get_writer("docx")
    assert streams_parsed(document, writer, keep_records=False)
    assert not streams_parsed(document, writer, keep_records=False, to_file=False)  # never to stdout
    out: list[bytes] = []
    started = start_parsed_stream(document, None, out.append, window_chars=1)
    renderer = writer.stream_renderer(started.source, out.append)
    windows = [started.first, *started.rest]
    assert len(windows) == len(document.blocks) > 3
    for window in windows:
        renderer.add(window, _records(window))
    renderer.finish()
    whole = writer.render_bytes(document, _records(document))
    assert word_parts(b"".join(out)) == word_parts(whole)
    assert "&lt;b1.s0&gt; *said*" in word_parts(whole)["word/document.xml"]


def test_a_whole_web_page_is_not_windowed(tmp_path):
    """A whole web page (``--whole-page``) is rebuilt node by node: that needs every record."""
    page = _inputs(tmp_path)[0]
    source = read_source(page, whole_page=True)
    document = parse_document(source.text, doc_id=page.stem, path=str(page))
    document.origin = source
    assert not streams_parsed(document, get_writer("html"), keep_records=False)
    text = SEED_FILES[0].read_text(encoding="utf-8")
    assert streams_parsed(parse_document(text), get_writer("html"), keep_records=False)
    assert not streams_parsed(parse_document(text), get_writer("jsonl"), keep_records=True)
