"""Articles as they arrive: web pages, Word files, PDFs, subtitles, legacy encodings, Tajik and Dari.

Unit tests read hand-made, real-world-shaped files; the end-to-end tests run ``dragoman translate``
(tiny NLLB under the real hub id) on each kind, to its own output format and to a review page.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import DRAGOMAN, FAST, one_line_error
from formats_fixtures import (
    DARI_NEWS,
    EMPTY_PAGE,
    NEWS_PAGE,
    NEWS_SRT,
    NEWS_VTT,
    TAJIK_NEWS,
    encrypted_pdf,
    scanned_pdf,
    text_pdf,
    write_docx,
)

from glossary.store import load_glossary
from translate.document.normalize import normalize_for_model
from translate.document.parse import parse_document
from translate.document.tajik import normalize_tajik, tajik_or_russian
from translate.errors import InputError
from translate.formats import read_source
from translate.formats.cues import divide
from translate.io.reading import read_decoded

REPO = Path(__file__).resolve().parent.parent
SEED_FA = (REPO / "seeds" / "003_713b0ff946733b37.txt").read_text(encoding="utf-8")
SEED_AR = (REPO / "seeds" / "004_6dfbaefa9a0405cb.txt").read_text(encoding="utf-8")


# ------------------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (SEED_AR, "cp1256", "cp1256"),
        (SEED_AR, "iso8859-6", "iso8859-6"),
        (SEED_FA, "utf-16-le", "utf-16-le"),
        (SEED_FA, "utf-16-be", "utf-16-be"),
        (SEED_FA, "utf-8-sig", "utf-8-sig"),
    ],
)
def test_legacy_encodings_are_detected(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    sample = text[:3000]
    data = sample.encode(codec, errors="ignore")
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    decoded = read_decoded(path)
    assert decoded.encoding == expected
    assert decoded.text == data.decode(codec).removeprefix("\ufeff")


def test_persian_cp1256_with_persian_letters(tmp_path: Path) -> None:
    text = "\n".join(line for line in SEED_FA.splitlines()[:30] if line.strip())
    data = text.encode("cp1256", errors="ignore")
    path = tmp_path / "fa.txt"
    path.write_bytes(data)
    decoded = read_decoded(path)
    assert decoded.encoding == "cp1256" and "پ" in decoded.text and decoded.text == data.decode("cp1256")


def test_unsure_encoding_is_refused_with_a_hint_and_encoding_overrides(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Sécurité en Asie centrale: les frontières.".encode("latin-1"))
    with pytest.raises(InputError, match="--encoding"):
        read_decoded(path)
    assert read_decoded(path, encoding="latin-1").text.startswith("Sécurité")
    with pytest.raises(InputError, match="unknown encoding"):
        read_decoded(path, encoding="no-such-codec")


# ------------------------------------------------------------------------------ Tajik and Dari


def test_tajik_is_told_from_russian() -> None:
    assert tajik_or_russian("Вазирони дифоъи кишварҳои узви ОДКБ дар Душанбе ҷамъ омаданд.") == "tg"
    assert tajik_or_russian("Министры обороны стран ОДКБ собрались в Душанбе на совещание.") == "ru"
    assert parse_document(TAJIK_NEWS).lang == "tg"
    russian = "Министры обороны стран ОДКБ собрались в Душанбе. Они обсудили безопасность границы."
    with pytest.raises(InputError, match="Russian"):
        parse_document(russian)


def test_tajik_look_alike_letters_are_repaired_for_the_model() -> None:
    legacy = "Кумитаи давлатии амнияти миллу\u0304 ќабул кард, ки ѓалла ва ў ҳам"
    assert normalize_tajik("ми\u0304лли\u0304") == "мӣллӣ"
    assert normalize_tajik(legacy) == "Кумитаи давлатии амнияти миллӯ қабул кард, ки ғалла ва ӯ ҳам"
    assert normalize_for_model("ќабул", "tg") == "қабул"
    assert normalize_for_model("ќабул", "fa") == "ќабул"  # only Tajik text is touched


def test_dari_is_reported_when_the_user_says_so() -> None:
    assert parse_document(DARI_NEWS).lang == "fa"  # not guessed
    for code in ("prs", "fa-AF", "dari", "prs_Arab"):
        document = parse_document(DARI_NEWS, source_lang=code)
        assert document.lang == "prs"
        assert {s.lang for s in document.segments if s.translate} == {"prs"}


def test_glossary_matches_tajik_and_dari() -> None:
    glossary = load_glossary()
    tajik = {hit.entry for hit in glossary.match(TAJIK_NEWS, "tg")}
    assert {"csto", "dushanbe", "tajikistan", "afghanistan", "tajik_gknb"} <= tajik
    assert "csto" in {hit.entry for hit in glossary.match("Ҳайати ОДКБро қабул кард", "tg")}
    legacy_font = {hit.entry for hit in glossary.match("дар Ќазоќистон ва Ўзбекистон", "tg")}
    assert legacy_font == {"kazakhstan", "uzbekistan"}  # look-alike letters of old fonts still match
    dari = {hit.entry for hit in glossary.match(DARI_NEWS, "prs")}
    assert "tajikistan" in dari


def test_tg_column_is_optional_and_round_trips() -> None:
    from glossary.entry import TSV_COLUMNS
    from glossary.formats.tsv import TsvFormat

    default = (REPO / "glossary" / "data" / "default.tsv").read_text(encoding="utf-8")
    assert TsvFormat().write(TsvFormat().read(default, "default.tsv")) == default  # byte for byte
    old_header = "\t".join(TSV_COLUMNS)  # the core columns; tg is the last optional one
    cells = ["csto", "Collective Security Treaty Organization", "CSTO", "full_then_short", "organization"]
    cells += ["سازمان پیمان امنیت جمعی"] + [""] * (len(TSV_COLUMNS) - 6)
    row = "\t".join(cells)
    old_file = f"{old_header}\n{row}\n"
    (entry,) = TsvFormat().read(old_file, "old.tsv")  # written before the tg column existed
    assert "tg" not in entry.variants
    entry.variants["tg"] = ["ОДКБ"]
    written = TsvFormat().write([entry])
    assert written.splitlines()[0].endswith("\ttg") and written.splitlines()[1].endswith("\tОДКБ")
    assert TsvFormat().read(written, "new.tsv")[0].variants["tg"] == ["ОДКБ"]


# ----------------------------------------------------------------------------------- subtitles


def test_subtitle_cues_are_joined_into_sentences_and_divided_again(tmp_path: Path) -> None:
    path = tmp_path / "clip.srt"
    path.write_text(NEWS_SRT, encoding="utf-8")
    source = read_source(path)
    assert [unit.data["cues"] for unit in source.units] == [[0, 1], [2]]
    assert source.text.splitlines()[0].endswith("گرد آمدند.")
    pieces = divide("Defence ministers of the CSTO member states met in Dushanbe on Tuesday.", [47, 32])
    assert len(pieces) == 2 and all(pieces)
    assert " ".join(pieces) == "Defence ministers of the CSTO member states met in Dushanbe on Tuesday."


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("broken.srt", "1\n00:00:01,000 --> 00:00:0x,500\nمتن\n", "broken cue timing"),
        ("notiming.srt", "1\nمتن بدون زمان\n", "expected a cue timing"),
        ("backwards.srt", "1\n00:00:05,000 --> 00:00:01,000\nمتن\n", "ends before it starts"),
        ("novtt.vtt", "00:00:01.000 --> 00:00:02.000\nمتن\n", "WEBVTT"),
        ("empty.html", EMPTY_PAGE, "no article"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, name: str, content: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as err:
        read_source(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("locked.pdf", encrypted_pdf, "encrypted"),
        ("scan.pdf", scanned_pdf, "no text layer"),
        ("corrupt.docx", lambda: b"PK\x03\x04 not really a zip", "not a valid Word"),
    ],
)
def test_bad_binary_files_give_one_line_errors(tmp_path: Path, name: str, data, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data())
    with pytest.raises(InputError, match=problem):
        read_source(path)


# ---------------------------------------------------------------------------------- web pages


def test_web_page_article_is_extracted_without_menus_ads_or_comments(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(NEWS_PAGE, encoding="utf-8")
    source = read_source(path)
    assert source.text.startswith("# نشست وزیران دفاع در دوشنبه")
    for boilerplate in ("صفحه اصلی", "ورزش", "تبلیغات", "نظرات", "عالی بود", "حقوق"):
        assert boilerplate not in source.text
    kinds = [unit.kind for unit in source.units]
    assert kinds.count("list_item") == 2 and kinds.count("cell") == 4 and "byline" in kinds
    tags = {m.tag for unit in source.units for m in unit.markup}
    assert {"strong", "a", "em"} <= tags


def test_docx_reading_keeps_headings_runs_and_tables(tmp_path: Path) -> None:
    source = read_source(write_docx(tmp_path / "report.docx"))
    assert source.text.startswith("# گزارش امنیت مرز")
    assert "۱۴۰۱" in source.text and "چهار تن مواد مخدر" in source.text
    bold = [m for unit in source.units for m in unit.markup if m.tag == "strong"]
    assert len(bold) == 1
    links = [m for unit in source.units for m in unit.markup if m.tag == "a"]
    assert len(links) == 1 and links[0].attrs["rid"]
    assert "آنان درباره امنیت مرز تاجیکستان" in source.text
    footnotes = [unit for unit in source.units if unit.kind == "footnote"]
    assert [unit.location for unit in footnotes] == [{"footnote": "1"}]
    assert source.text.rstrip().endswith("به گزارش خبرگزاری تاس از مسکو.")


PDF_PAGES = [
    ["گزارش امنیت مرز", "وزیران دفاع کشورهای عضو سازمان پیمان امنیت جمعی", "روز سه‌شنبه در دوشنبه گرد آمدند."],
    ["آنان درباره امنیت مرز تاجیکستان با افغانستان گفتگو کردند."],
]


def test_pdf_text_layer_keeps_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(text_pdf(PDF_PAGES))
    source = read_source(path)
    assert [unit.location for unit in source.units] == [{"page": 1}, {"page": 2}]
    for word in ("سازمان پیمان امنیت جمعی", "دوشنبه", "تاجیکستان"):
        assert word in source.text


# --------------------------------------------------------------------------------- end to end


def _translate(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([DRAGOMAN, "translate", *args, *FAST], env=env, capture_output=True, timeout=900)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode(), out.stderr.decode())


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("inputs")
    (folder / "page.html").write_text(NEWS_PAGE, encoding="utf-8")
    (folder / "clip.srt").write_text(NEWS_SRT, encoding="utf-8")
    (folder / "clip2.vtt").write_text(NEWS_VTT, encoding="utf-8")
    write_docx(folder / "report.docx")
    (folder / "arabic.txt").write_bytes(SEED_AR[:2000].encode("cp1256", errors="ignore"))
    (folder / "tajik.txt").write_text(TAJIK_NEWS, encoding="utf-8")
    (folder / "dari.txt").write_text(DARI_NEWS, encoding="utf-8")
    (folder / "brief.pdf").write_bytes(text_pdf(PDF_PAGES))
    return folder


def test_every_kind_to_jsonl_and_review(hf_env: dict[str, str], inputs: Path, tmp_path: Path) -> None:
    names = ["page.html", "clip.srt", "clip2.vtt", "report.docx", "arabic.txt", "tajik.txt", "brief.pdf"]
    result = _translate(
        hf_env,
        *[str(inputs / n) for n in names],
        "-o",
        str(tmp_path / "out/"),
        "--format",
        "jsonl",
        "--review",
        str(tmp_path / "review.html"),
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    records = {n: _jsonl(tmp_path / "out" / f"{Path(n).stem}.jsonl") for n in names}
    assert {r["encoding"] for r in records["arabic.txt"]} == {"cp1256"}
    assert {r["source_lang"] for r in records["arabic.txt"] if r["translated"]} == {"ar"}
    assert {r["encoding"] for r in records["report.docx"]} == {"docx"}
    assert {r["location"]["page"] for r in records["brief.pdf"]} == {1, 2}
    assert records["clip.srt"][0]["location"] == {"cues": ["1", "2"]}
    assert {r["source_lang"] for r in records["tajik.txt"] if r["translated"]} == {"tg"}
    csto = [t for r in records["tajik.txt"] for t in r["terms"] if t["entry"] == "csto"]
    assert csto and all("CSTO" in t["required"] for t in csto)
    page = (tmp_path / "review.html").read_text(encoding="utf-8")
    assert "Душанбе" in page and "نشست" in page and "fa, ar, tg → en" in page
    assert "brief.pdf" in page


def test_dari_end_to_end(hf_env: dict[str, str], inputs: Path, tmp_path: Path) -> None:
    page = tmp_path / "dari.review.html"
    args = ["--source-lang", "fa-AF", "--format", "jsonl", "-q", "--review", str(page)]
    result = _translate(hf_env, str(inputs / "dari.txt"), *args)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["source_lang"] for r in records if r["translated"]} == {"prs"}
    assert any(t["entry"] == "tajikistan" for r in records for t in r["terms"])  # Persian forms match Dari
    review = page.read_text(encoding="utf-8")
    assert "prs → en" in review and 'dir="rtl"' in review


def test_formats_are_written_back(hf_env: dict[str, str], inputs: Path, tmp_path: Path) -> None:
    html = _translate(hf_env, str(inputs / "page.html"), "--format", "html", "-q")
    assert html.returncode == 0, html.stderr
    out = html.stdout
    assert '<html lang="en" dir="ltr">' in out
    for tag in (
        "<h1>",
        "<h2>",
        "<ul>",
        "<li>",
        "<table>",
        "<strong>",
        "<em>",
        'href="https://example.org/border"',
    ):
        assert tag in out, tag
    assert "صفحه اصلی" not in out

    srt = _translate(hf_env, str(inputs / "clip.srt"), "--format", "srt", "-q")
    assert srt.returncode == 0, srt.stderr
    blocks = srt.stdout.strip().split("\n\n")
    assert [b.splitlines()[1] for b in blocks] == [
        "00:00:01,000 --> 00:00:03,500",
        "00:00:03,600 --> 00:00:06,000",
        "00:00:06,500 --> 00:00:09,000",
    ]
    vtt = _translate(hf_env, str(inputs / "clip2.vtt"), "--format", "vtt", "-q")
    assert vtt.returncode == 0, vtt.stderr
    assert vtt.stdout.startswith("WEBVTT")
    assert "intro\n00:00:01.000 --> 00:00:03.500 align:start" in vtt.stdout

    target = tmp_path / "report.en.docx"
    word = _translate(hf_env, str(inputs / "report.docx"), "--format", "docx", "-o", str(target), "-q")
    assert word.returncode == 0, word.stderr
    english = docx.Document(str(target))
    assert english.paragraphs[0].style.name == "Heading 1"
    assert len(english.tables) == 1 and len(english.tables[0].rows) == 2
    assert any(run.bold for run in english.paragraphs[1].runs)
    assert "w:bidi" not in english.element.xml
    assert [link.address for p in english.paragraphs for link in p.hyperlinks] == [
        "https://example.org/border"
    ]
    notes = next(r.target_part for r in english.part.rels.values() if r.reltype.endswith("/footnotes"))
    assert "تاس" not in notes.blob.decode() and "<w:bidi/>" not in notes.blob.decode()
    assert b'w:footnote w:id="1"' in notes.blob
    assert not (inputs / "report.en.docx").exists()


def test_bad_inputs_end_to_end(hf_env: dict[str, str], tmp_path: Path) -> None:
    cases = {
        "broken.srt": b"1\n00:00:01,000 --> 00:00:0x,500\n\xd9\x85\n",
        "corrupt.docx": b"PK\x03\x04 junk",
        "locked.pdf": encrypted_pdf(),
        "empty.html": EMPTY_PAGE.encode(),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        line = one_line_error(_translate(hf_env, str(path)))
        assert str(path) in line


# ---------------------------------------------------------------------------------------- dates

DATES_NEWS = """# نشست امنیتی

وزیران دفاع در تاریخ ۱۴ مهر ۱۴۰۲ در دوشنبه گرد آمدند.

مقام‌های افغان گفتند که در ماه حمل امسال ۱۲۰ کیلوگرام مواد مخدر کشف شد.

في ١٥ ربيع الأول ١٤٤٥هـ اجتمع وزراء الداخلية. وفي عام ١٤٤٥ صدر القرار.
"""


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("در تاریخ ۱۴ مهر ۱۴۰۲ نشست برگزار شد", ["6 October 2023"]),
        ("تاریخ 1402/07/14 ه.ش", ["6 October 2023"]),
        ("۱۴/۰۷/۱۴۰۲", ["6 October 2023"]),
        ("في ١٥ ربيع الأول ١٤٤٥هـ اجتمع", ["30 September 2023"]),
        ("1445/03/15 هـ", ["30 September 2023"]),
        ("در ماه حمل امسال", ["Hamal (March–April)"]),
        ("۱۲ جدی ۱۴۰۲", ["2 January 2024"]),
        ("مهرماه ۱۴۰۲", ["Mehr 1402 (September–October 2023)"]),
        ("14 Меҳри 1402", ["6 October 2023"]),
        # ambiguous or not Hijri: left alone
        ("سال ۱۴۰۲", []),
        ("۱۴ مهر", []),
        ("میزان ۱۴۰۰ کیلوگرام", []),
        ("1445/03/15", []),
        ("۲۶/۰۸/۲۰۰۵", []),
        ("سرطان یک بیماری است", []),
    ],
)
def test_hijri_dates_are_recognized_and_converted(text: str, english: list[str]) -> None:
    from translate.dates import find_dates

    hits = find_dates(text)
    assert [h.english for h in hits] == english
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text


def test_dates_are_enforced_and_both_forms_recorded(hf_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "dates.txt"
    path.write_text(DATES_NEWS, encoding="utf-8")
    page = tmp_path / "dates.review.html"
    result = _translate(hf_env, str(path), "--format", "jsonl", "-q", "--review", str(page))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    dates = {t["required"]: (t, r) for r in records for t in r["terms"] if t["category"] == "date"}
    review = page.read_text(encoding="utf-8")
    assert "6 October 2023" in review and "14 Mehr 1402" in review  # the reviewer sees both
    assert set(dates) == {"6 October 2023", "Hamal (March–April)", "30 September 2023"}
    for english, (term, record) in dates.items():
        assert term["status"] in ("constrained", "satisfied"), term
        assert english in record["target"]
        assert record["target"][term["target_start"] : term["target_end"]] == english
    assert dates["6 October 2023"][0]["source_text"] == "۱۴ مهر ۱۴۰۲"
    assert "14 Mehr 1402" in dates["6 October 2023"][0]["note"]


def test_whole_page_translates_every_text_node(hf_env: dict[str, str], inputs: Path) -> None:
    source = read_source(inputs / "page.html", whole_page=True)
    for boilerplate in ("صفحه اصلی", "تبلیغات", "نظرات کاربران", "حقوق"):
        assert boilerplate in source.text  # menus, ads and comments are text nodes too
    result = _translate(hf_env, str(inputs / "page.html"), "--whole-page", "--format", "html", "-q")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert '<html lang="en" dir="ltr">' in out and 'href="https://example.org/border"' in out
    assert "<nav>" in out and 'class="comments"' in out and "<b>" in out  # the page's own markup
    for persian in ("صفحه اصلی", "نظرات کاربران", "سازمان پیمان امنیت جمعی", "نشست وزیران"):
        assert persian not in out
