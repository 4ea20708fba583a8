"""The HTML review page: self-contained, safe on hostile input, lossless, terms and flags visible."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import HOSTILE, SEED_FILES
from review_records import HOSTILE_NOTE, records_for

from translate.records import AlignmentLink, SegmentRecord, TermRecord
from translate.review import render_review, write_review
from translate.review.flags import length_ratio, repeated_ngram, row_flags
from translate.review.html import visible

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "small", "dl", "dt", "dd",
    "ul", "li", "b", "nav", "label", "input", "span", "a", "section", "p", "table", "colgroup", "col",
    "thead", "tbody", "tr", "th", "td", "bdi", "br", "footer", "div", "script", "sup",
}  # fmt: skip


class Page(HTMLParser):
    """Collects tags, attributes, script bodies and the text of each table cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.style = ""
        self.cells: list[tuple[dict[str, str | None], str]] = []
        self._stack: list[str] = []
        self._cell: tuple[dict[str, str | None], list[str]] | None = None
        self._script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "td":
            self._cell = (a, [])
        if tag in ("script", "style"):
            self._script = (a, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell:
            self.cells.append((self._cell[0], "".join(self._cell[1])))
            self._cell = None
        if tag == "script" and self._script:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None
        if tag == "style" and self._script:
            self.style = "".join(self._script[1])
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)
        elif self._cell is not None:
            self._cell[1].append(data)


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    return parser


def shown(text: str) -> str:
    """What a cell shows for ``text``: controls as visible markers (the inverse of escaping)."""
    return (
        re.sub(r"<[^>]+>", "", visible(text))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )


@pytest.fixture(scope="module")
def records() -> list[SegmentRecord]:
    out: list[SegmentRecord] = []
    for path in [*SEED_FILES, HOSTILE]:
        out += records_for(path, hostile_terms=path == HOSTILE)
    return out


@pytest.fixture(scope="module")
def page(records: list[SegmentRecord]) -> str:
    return render_review(records, "html", title="Run <script>alert(1)</script>")


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_csp_forbids_everything_but_the_inline_style_and_script(page: str) -> None:
    parsed = parse(page)
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None
    assert "default-src 'none'" in csp and "img-src data:" in csp
    inline = [body for attrs, body in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(inline) == 1
    assert f"script-src {sha256_source(inline[0])}" in csp
    assert f"style-src {sha256_source(parsed.style)}" in csp
    assert "http" not in csp and "unsafe-eval" not in csp


def test_page_has_no_external_reference(page: str) -> None:
    for tag, attrs in parse(page).tags:
        assert "src" not in attrs, tag
        href = attrs.get("href")
        assert href is None or re.fullmatch(r"#[a-z0-9]+", href), href
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page


def test_hostile_text_is_shown_not_interpreted(page: str, records: list[SegmentRecord]) -> None:
    parsed = parse(page)
    assert {t for t, _ in parsed.tags} <= ALLOWED_TAGS
    assert "\u202e" not in page and "\u2066" not in page
    assert "⟨U+202E⟩" in page
    texts = [text for _, text in parsed.cells]
    assert any("<script>window.__pwned=3</script>" in t for t in texts)
    assert any('"><img src=x onerror="window.__pwned=2">' in t for t in texts)
    assert any("[اینجا](javascript:window.__pwned=4)" in t for t in texts)
    assert "<title>Run &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_every_segment_is_a_row_with_source_and_target_text(page: str, records: list[SegmentRecord]) -> None:
    cells = parse(page).cells
    sources = [(a, t) for a, t in cells if "src" in (a.get("class") or "").split()]
    targets = [(a, t) for a, t in cells if "tgt" in (a.get("class") or "").split()]
    assert len(sources) == len(targets) == len(records)
    for rec, (src_attrs, src_text), (tgt_attrs, tgt_text) in zip(records, sources, targets, strict=True):
        assert src_text == shown(rec.source)
        assert tgt_text == shown(rec.target)
        if rec.translated:
            assert src_attrs["dir"] == "rtl" and src_attrs["lang"] == rec.source_lang in ("fa", "ar")
            assert tgt_attrs["dir"] == "ltr" and tgt_attrs["lang"] == "en"


def test_one_section_per_document_in_order(page: str, records: list[SegmentRecord]) -> None:
    ids = [a["id"] for t, a in parse(page).tags if t == "section" and "doc" in (a.get("class") or "")]
    assert ids == [f"doc{i}" for i in range(6)]
    headings = re.findall(r"<h2><bdi>([^<]+)</bdi>", page)
    assert headings == [p.stem for p in [*SEED_FILES, HOSTILE]]


def test_terms_share_colour_and_key_on_both_sides(page: str, records: list[SegmentRecord]) -> None:
    tags = parse(page).tags
    terms = [
        a for t, a in tags if t == "span" and "term" in (a.get("class") or "").split() and a.get("data-t")
    ]
    by_key: dict[str, list[dict[str, str | None]]] = {}
    for attrs in terms:
        by_key.setdefault(attrs["data-t"] or "", []).append(attrs)
    placed = sum(1 for r in records for t in r.terms if t.target_start is not None)
    pairs = [v for v in by_key.values() if len(v) == 2]
    assert len(pairs) == placed > 20
    for a, b in pairs:
        assert a["class"] == b["class"] and a["tabindex"] == b["tabindex"] == "0"
    csto = [a for a in terms if "Collective Security Treaty Organization (csto)" in (a.get("title") or "")]
    assert csto and len({a["class"] for a in csto}) == 1  # one colour per entry across rows


def test_script_data_is_json_without_markup_characters(page: str) -> None:
    blob = next(body for attrs, body in parse(page).scripts if attrs.get("type") == "application/json")
    assert "<" not in blob and ">" not in blob and "&" not in blob
    data = json.loads(blob)
    notes = {t["note"] for t in data["terms"].values()}
    assert HOSTILE_NOTE in notes  # the payload survives as data and is shown with textContent only


def test_alignment_links_wrap_words_on_both_sides(page: str) -> None:
    words = re.findall(r'data-l="([a-z0-9 ]+)"', page)
    ids = [i for w in words for i in w.split()]
    assert ids and all(ids.count(i) >= 2 for i in ids)  # each link has a source and a target piece


def test_flags_and_filter(page: str, records: list[SegmentRecord]) -> None:
    rows = [a for t, a in parse(page).tags if t == "tr" and "seg" in (a.get("class") or "").split()]
    assert len(rows) == len(records)
    for rec, attrs in zip(records, rows, strict=True):
        classes = (attrs.get("class") or "").split()
        missing = any(t.status == "missing" for t in rec.terms)
        assert ("flagged" in classes) == any(f.attention for f in row_flags(rec))
        if missing:
            assert "term_missing" in (attrs.get("data-flags") or "") and "sev-error" in classes
        if not rec.translated:
            assert "passthrough" in (attrs.get("data-flags") or "")
    assert 'id="flagged-only"' in page and "tr.seg:not(.flagged) { display: none; }" in page


def test_term_index_links_to_rows(page: str) -> None:
    index = page[page.index('<section id="terms">') :]
    anchors = set(re.findall(r'href="#(r\d+)"', index))
    assert anchors and anchors <= set(re.findall(r'<tr id="(r\d+)"', page))
    assert "<th>Renderings found</th>" in index


def test_print_stylesheet_keeps_both_columns(page: str) -> None:
    assert "@media print" in page and ".toolbar, #tip { display: none !important; }" in page


def test_write_review_is_atomic_and_returns_text(tmp_path: Path, records: list[SegmentRecord]) -> None:
    out = tmp_path / "deep" / "review.html"
    text = write_review(records[:5], out)
    assert out.read_text(encoding="utf-8") == text
    assert [p.name for p in out.parent.iterdir()] == ["review.html"]


def _record(
    target: str, source: str = "این یک جمله نسبتا طولانی برای آزمایش نسبت طول است", **kw: object
) -> SegmentRecord:
    return SegmentRecord(
        document="d", path="d.txt", block=0, segment="b0.s0", kind="paragraph", source=source,
        source_start=0, source_end=len(source), source_lang="fa", target=target, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def test_flag_rules() -> None:
    assert repeated_ngram("the the the meeting") == "the the the"
    assert repeated_ngram("security council security council met") == "security council security council"
    assert repeated_ngram("of the CSTO and of the CSTO, of the CSTO").startswith("of the csto")
    assert repeated_ngram("The Collective Security Treaty Organization met in Dushanbe.") == ""
    assert length_ratio("short", "anything") is None
    codes = lambda rec: [f.code for f in row_flags(rec)]  # noqa: E731
    assert codes(_record("Yes.")) == ["short_output"]
    assert codes(_record("word " * 60)) == ["long_output", "repeated_ngram"]
    assert codes(_record("This is a rather long sentence for testing the length ratio.")) == []
    assert codes(_record("")) == ["empty_translation"]
    assert codes(_record("Read More", source="Read More", translated=False)) == ["passthrough"]
    assert codes(_record("It has ناتو in it, a sentence of normal length.")) == ["source_script_in_output"]
    split = _record("This is a rather long sentence for testing the length ratio.", split=True)
    assert codes(split) == ["split"]
    term = TermRecord("csto", 0, 3, "این", "CSTO", 1.0, "missing")
    rec = _record("This is a rather long sentence for testing the length ratio.", terms=[term])
    rec.flags = ["term_missing", "term_unapproved", "custom_check"]
    flags = row_flags(rec)
    assert [f.code for f in flags] == ["term_missing", "term_unapproved", "custom_check"]
    assert "CSTO (csto)" in flags[0].message
    info = [f for f in row_flags(_record("Read More", source="Read More", translated=False))]
    assert not any(f.attention for f in info)


def test_alignment_and_terms_may_overlap_or_be_out_of_range() -> None:
    source = "سازمان پیمان امنیت جمعی"
    rec = _record("The Collective Security Treaty Organization", source=source)
    rec.terms = [
        TermRecord("csto", 0, len(source), source, "Collective Security Treaty Organization", 1.0,
                   "satisfied", 4, 43),
        TermRecord("cst", 7, len(source), source[7:], "Collective Security Treaty", 1.0, "satisfied", 4, 30),
        TermRecord("bad", 50, 60, "?", "?", 1.0, "satisfied", 100, 200),
    ]  # fmt: skip
    rec.alignment = [AlignmentLink(0, 6, 35, 43), AlignmentLink(7, 12, 4, 14), AlignmentLink(99, 100, 0, 1)]
    cells = [t for a, t in parse(render_review([rec])).cells if "text" in (a.get("class") or "")]
    assert cells == [source, rec.target]
