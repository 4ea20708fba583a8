"""Streamed parsing (``translate.document.stream``) gives exactly the blocks and segments of
``parse_document`` on the whole text (offsets, text, order, ids, languages, model input, footnote
markers), wherever a chunk or window boundary falls, and holds one window at a time."""

from __future__ import annotations

import io
import tracemalloc
from collections.abc import Iterator

import pytest
from conftest import SEED_FILES

from translate.document import parse_document
from translate.document.model import Document
from translate.document.stream import line_windows, stream_document
from translate.errors import InputError
from translate.io.reading import read_decoded
from translate.io.text_stream import open_text_stream, spool_stdin

FOOTNOTED = SEED_FILES[0]  # 000_...: <sup> markers and "1. Rolf Welberts" footnote lines


def _pieces(text: str, cuts: list[int]) -> Iterator[str]:
    """``text`` in pieces cut at ``cuts`` (how a reader's chunks may fall)."""
    pos = 0
    for cut in sorted(cuts):
        yield text[pos:cut]
        pos = cut
    yield text[pos:]


def _fields(doc: Document) -> tuple[list[tuple], list[tuple]]:
    blocks = [(b.index, b.kind, b.start, b.end, b.lang, b.prefix, b.level) for b in doc.blocks]
    names = ("id", "block", "index", "start", "end", "text", "kind", "lang", "translate", "model_input")
    segments = [(*(getattr(s, n) for n in names), tuple(s.markers), s.split) for s in doc.segments]
    return blocks, segments


def _streamed(text: str, window_chars: int, cuts: list[int], **options: object) -> list[Document]:
    return list(stream_document(lambda: line_windows(_pieces(text, cuts), window_chars), **options))


def _assert_same(text: str, windows: list[Document], whole: Document) -> None:
    assert "".join(w.text for w in windows) == text  # the windows tile the text: nothing lost or doubled
    for window in windows:
        assert window.text == text[window.offset : window.offset + len(window.text)]
        for seg in window.segments:
            assert window.text_at(seg.start, seg.end) == seg.text == text[seg.start : seg.end]
    joined = Document(id=whole.id, path=whole.path, text=text, lang=windows[0].lang)
    joined.blocks = [block for window in windows for block in window.blocks]
    assert windows[0].lang == whole.lang
    assert _fields(joined) == _fields(whole)


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name[:3])
@pytest.mark.parametrize("window_chars", [1, 200, 3000, 10**9])
def test_streamed_seed_equals_whole(path, window_chars):
    text = path.read_text(encoding="utf-8")
    whole = parse_document(text, doc_id="d", path="p")
    cuts = list(range(37, len(text), 37))  # chunks of 37 characters: cuts inside words and lines
    _assert_same(text, _streamed(text, window_chars, cuts, doc_id="d", path="p"), whole)


def _large_text() -> tuple[str, dict[str, int]]:
    """All seeds, a footnoted article twice, a 60,000-character line without a break, CRLF and
    lone-CR lines; and a position inside each kind of place a boundary can fall."""
    seeds = [p.read_text(encoding="utf-8") for p in SEED_FILES]
    flat = " ".join(seeds[2].split())
    crlf = seeds[3].replace("\n", "\r\n")
    lone_cr = seeds[1].replace("\n", "\r")
    text = "\n\n".join([*seeds, seeds[0], flat * 12, crlf, lone_cr, seeds[0]]) + "\n"
    sentence = text.index("<sup>") - 30
    footnote = text.index("1. Rolf Welberts") + 6
    paragraph = text.index("\n\n", sentence) + 1  # between the two line breaks of a blank line
    flat_start = text.index(flat)
    places = {
        "sentence": sentence,
        "marker": text.index("<sup>") + 3,
        "footnote": footnote,
        "paragraph": paragraph,
        "no_breaks": flat_start + 30_000,
        "crlf": text.index("\r\n") + 1,
        "lone_cr": text.index("\r", text.index(lone_cr[:50])) + 1,
    }
    return text, places


@pytest.mark.parametrize("window_chars", [1, 500, 8000, 50_000])
def test_streamed_concatenation_equals_whole_with_boundaries_everywhere(window_chars):
    text, places = _large_text()
    whole = parse_document(text, doc_id="big", path="big.txt")
    assert len(whole.segments) > 1000 and any(s.markers for s in whole.segments)
    assert any(b.kind == "footnote" for b in whole.blocks)
    windows = _streamed(text, window_chars, list(places.values()), doc_id="big", path="big.txt")
    _assert_same(text, windows, whole)
    assert len(windows) > 1
    # a chunk boundary inside a line never cuts the line: the window holding it holds the whole line
    for where, pos in places.items():
        holder = next(w for w in windows if w.offset <= pos < w.offset + len(w.text))
        line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
        assert holder.offset <= line_start, where


def test_a_line_longer_than_the_window_comes_in_parts_of_whole_sentences():
    """A file without line breaks: the same segments as the whole parse, in windows of at most
    about the window's size, each a part of the one block (``part``, ``continued``)."""
    text = " ".join(FOOTNOTED.read_text(encoding="utf-8").split())
    whole = parse_document(text, doc_id="x", path="x")
    windows = list(stream_document(lambda: line_windows([text], 2000), doc_id="x", path="x", part_chars=2000))
    assert len(windows) > 8 and "".join(w.text for w in windows) == text
    parts = [b for w in windows for b in w.blocks]
    assert [b.index for b in parts] == [0] * len(windows)
    assert [b.part for b in parts] == list(range(len(windows)))
    assert [b.continued for b in parts] == [True] * (len(windows) - 1) + [False]
    assert [s for w in windows for s in w.segments] == whole.segments
    assert all(len(w.text) < 2000 + max(len(s.text) for s in whole.segments) for w in windows)
    assert parts[0].prefix == whole.blocks[0].prefix and parts[0].start == whole.blocks[0].start
    assert parts[-1].end == whole.blocks[0].end


def test_windows_are_bounded_by_the_window_or_the_longest_line():
    text, _ = _large_text()
    longest = max(len(line) for line in text.replace("\r", "\n").split("\n"))
    windows = list(line_windows(_pieces(text, list(range(100, len(text), 100))), 2000))
    assert "".join(t for _, t in windows) == text
    assert len(windows) > 20
    for offset, window in windows:
        assert len(window) <= 2000 + longest, offset  # the window, plus the rest of its last line


def test_source_lang_and_errors_match_the_whole_parse(tmp_path):
    text = FOOTNOTED.read_text(encoding="utf-8")
    whole = parse_document(text, doc_id="d", path="p", source_lang="ar")
    _assert_same(text, _streamed(text, 300, [], doc_id="d", path="p", source_lang="ar"), whole)
    english = "Security in Central Asia.\nRead More\n" * 50
    with pytest.raises(InputError) as streamed:
        _streamed(english, 100, [], path="news.txt")
    with pytest.raises(InputError) as at_once:
        parse_document(english, path="news.txt")
    assert str(streamed.value) == str(at_once.value)


def test_text_stream_decodes_like_a_whole_read(tmp_path):
    text = FOOTNOTED.read_text(encoding="utf-8").replace("\n", "\r\n")
    cases = {"utf8.txt": text.encode(), "bom.txt": b"\xef\xbb\xbf" + text.encode()}
    cases["utf16.txt"] = text.encode("utf-16")  # with its BOM
    cases["cp1256.txt"] = SEED_FILES[3].read_text(encoding="utf-8").encode("cp1256", "ignore")
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        stream = open_text_stream(path)
        assert stream is not None
        whole = read_decoded(path)
        assert stream.encoding == whole.encoding, name
        assert "".join(stream.chunks(chunk_bytes=7)) == whole.text, name  # multi-byte characters cut


def test_text_stream_refuses_what_a_whole_read_refuses(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(FOOTNOTED.read_bytes()[:5000] + b"\x00\x01\x02" * 10)
    with pytest.raises(InputError, match=r"bad\.txt: binary data"):
        open_text_stream(bad)
    blank = tmp_path / "blank.txt"
    blank.write_text(" \n\t\n" * 100)
    with pytest.raises(InputError, match="only whitespace"):
        open_text_stream(blank)
    forced = tmp_path / "forced.txt"
    forced.write_bytes("امنیت".encode() + b"\xff")
    with pytest.raises(InputError, match=r"not valid utf-8 \(byte 0xff at offset 10\)"):
        "".join(open_text_stream(forced, encoding="utf-8").chunks(chunk_bytes=3))
    assert open_text_stream("-") is None


def test_stdin_is_copied_and_streamed_like_a_file(tmp_path):
    """Standard input, copied to a temporary file, decodes as a whole read decodes it, and can be
    read again while another pass over it is half-way (a renderer reading ahead)."""
    text = FOOTNOTED.read_text(encoding="utf-8").replace("\n", "\r\n")
    for data in (text.encode(), b"\xef\xbb\xbf" + text.encode(), text.encode("utf-16")):
        path = tmp_path / "same.txt"
        path.write_bytes(data)
        stream = spool_stdin(stdin=io.BytesIO(data))
        assert (stream.where, stream.encoding) == ("<stdin>", read_decoded(path).encoding)
        first = stream.chunks(chunk_bytes=11)
        head = next(first)
        assert "".join(stream.chunks(chunk_bytes=7)) == text  # a second pass meanwhile
        assert head + "".join(first) == text
        stream.close()


def test_stdin_is_refused_as_a_whole_read_refuses_it():
    cases = {
        b"": "<stdin>: file is empty",
        b" \n" * 50: "<stdin>: contains only whitespace",
        b"abc\x00def": "<stdin>: binary data",
        b"x" * 101: r"<stdin>: input is too large \(more than 100 bytes\)",
    }
    for data, message in cases.items():
        with pytest.raises(InputError, match=message):
            spool_stdin(stdin=io.BytesIO(data), max_bytes=100)


def _peak_streaming(path) -> int:
    stream = open_text_stream(path)
    tracemalloc.start()
    segments = 0
    for window in stream_document(lambda: line_windows(stream.chunks(), 8000), doc_id="x", path="x"):
        segments += len(window.segments)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert segments > 100
    return peak


@pytest.mark.slow
def test_streamed_parse_memory_does_not_grow_with_the_input(tmp_path):
    """Four times the input, about the same peak: the parse holds a window, not the document."""
    unit = "\n\n".join(p.read_text(encoding="utf-8") for p in SEED_FILES[:4]) + "\n\n"
    small, large = tmp_path / "small.txt", tmp_path / "large.txt"
    small.write_text(unit * 2, encoding="utf-8")
    large.write_text(unit * 8, encoding="utf-8")
    assert _peak_streaming(large) < 1.5 * _peak_streaming(small)
