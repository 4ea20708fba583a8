"""The seed reference translations (``seeds/reference``) are consistent with the seeds and with each other.

Each ``<stem>.jsonl`` row is one source sentence: its exact span in the seed and its English. The
paragraph files (``<stem>.en.txt``, ``<stem>.paragraphs.json``) are derived from the rows. These tests
guard what the evaluation and aligner tests rely on: spans that point at the right text, paragraphs
that are complete, English that keeps every number, footnote marker, heading marker and house-style name
of its source, and no unapproved glossary variants.
"""

from __future__ import annotations

import csv
import importlib.util
import itertools
import json
import re
from collections import defaultdict

import pytest
from conftest import REPO, SEEDS_DIR, seed_file

REF_DIR = SEEDS_DIR / "reference"
GLOSSARY_TSV = REPO / "glossary" / "data" / "default.tsv"

STEMS = ("000", "001", "002", "003", "004")
FULLY_TRANSLATED = ("001", "003", "004")
MIN_SENTENCES = 150
MIN_PARAGRAPHS = 40

ID_RE = re.compile(r"^(?P<stem>\d{3}):p(?P<para>\d+)\.s(?P<sent>\d+)$")
SCRIPT_RE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Sentence-final punctuation (the Arabic decimal separator doubles as a full stop after a number in 002),
# optionally followed by closing quotes or brackets.
FINAL_RE = re.compile(r"[.؟?!٫]+[»”\"'’)″\]]*")
LIST_MARKER_RE = re.compile(r"^[0-9۰-۹]+[.٫]\s")
SUP_RE = re.compile(r"<sup>([^<]*)</sup>")
HEADING_RE = re.compile(r"^(#+ (?:□ )?)")
MONTHS = "January February March April May June July August September October November December".split()
THOUSAND_WORDS = ("هزار", "ألف", "آلاف")

# House-style renderings of names: a source form on the left must come out as the English on the right.
NAME_RENDERINGS = {
    "امامعلی رحمان": "Emomali Rahmon",
    "إمام علي رحمون": "Emomali Rahmon",
    "ولادیمیر پوتین": "Vladimir Putin",
    "امانوئل مکرون": "Emmanuel Macron",
    "شوکت میرضیایف": "Shavkat Mirziyoyev",
    "إيمان غالي تاسماغامبيتوف": "Imangali Tasmagambetov",
    "شاخه خراسان داعش": "Islamic State Khorasan (IS-K)",
}
# US spelling throughout, official names included (glossary/data/STYLE.md).
NEVER = (
    "Rakhmonov",
    "Rakhmon ",
    "Rahmonov",
    "Organisation",
    "Programme",
    "Centre",
    "Defence",
    "Co-operation",
)
# Organizations written in full with the acronym at first mention in a document, the acronym after
# (the glossary's ``full_then_short`` entries are added when it exists).
FIRST_MENTION_FALLBACK = {
    "CSTO": "Collective Security Treaty Organization (CSTO)",
    "CIS": "Commonwealth of Independent States (CIS)",
    "SCO": "Shanghai Cooperation Organization (SCO)",
}


def _seed_text(stem: str) -> str:
    return seed_file(stem).read_text(encoding="utf-8")


def _build_module():
    """``seeds/reference/build.py``: the one definition of paragraphs and sentences of a seed."""
    spec = importlib.util.spec_from_file_location("reference_build", REF_DIR / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()


def _rows(stem: str) -> list[dict]:
    path = REF_DIR / f"{stem}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _all_rows() -> list[dict]:
    return [row for stem in STEMS for row in _rows(stem)]


def _by_paragraph(rows: list[dict]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        out[row["paragraph"]].append(row)
    return dict(out)


def _expected_numbers(source: str) -> list[set[str]]:
    """The numbers of a source sentence, each as the set of English spellings that count as exact."""
    text = SUP_RE.sub(" ", source.translate(DIGITS))
    wanted: list[set[str]] = []

    def date(m: re.Match) -> str:
        day, month, year = int(m[1]), int(m[2]), m[3]
        wanted.append({f"{day} {MONTHS[month - 1]} {year}"})
        return " "

    text = re.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", date, text)  # 26/08/2005 -> 26 August 2005
    text = re.sub(r"(\d)[/٫](\d)", r"\1.\2", text)  # 4٫9 -> 4.9; OCR'd 11/6٪ -> 11.6%
    for m in re.finditer(r"\d+(?:\.\d+)?", text):
        number = m[0]
        forms = {number}
        if "." not in number and text[m.end() :].lstrip().startswith(THOUSAND_WORDS):
            forms.add(str(int(number) * 1000))  # 5 هزار -> 5,000
        wanted.append(forms)
    return wanted


def _has_number(english: str, forms: set[str]) -> bool:
    plain = re.sub(r"(?<=\d),(?=\d{3}\b)", "", english)  # 1,344 -> 1344
    return any(
        (" " in form and form in plain) or re.search(rf"(?<![\d.]){re.escape(form)}(?!\d|\.\d)", plain)
        for form in forms
    )


def _glossary_rows() -> list[dict[str, str]]:
    with GLOSSARY_TSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _cell_values(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split(" | ") if v.strip()]


@pytest.mark.parametrize("stem", STEMS)
def test_every_span_is_the_exact_seed_text(stem: str) -> None:
    text = _seed_text(stem)
    rows = _rows(stem)
    assert rows, f"{stem}.jsonl is empty"
    for row in rows:
        assert set(row) >= {"id", "paragraph", "sentence", "source_start", "source_end", "source", "english"}
        start, end = row["source_start"], row["source_end"]
        assert 0 <= start < end <= len(text), row["id"]
        assert text[start:end] == row["source"], row["id"]
        assert row["source"] == row["source"].strip(), f"{row['id']}: span has surrounding whitespace"


@pytest.mark.parametrize("stem", STEMS)
def test_ids_are_unique_ordered_and_match_their_fields(stem: str) -> None:
    rows = _rows(stem)
    ids = [row["id"] for row in rows]
    assert len(ids) == len(set(ids))
    keys = []
    for row in rows:
        m = ID_RE.match(row["id"])
        assert m, row["id"]
        assert m["stem"] == stem
        assert (int(m["para"]), int(m["sent"])) == (row["paragraph"], row["sentence"])
        keys.append((row["paragraph"], row["sentence"]))
    assert keys == sorted(keys)
    offsets = [row["source_start"] for row in rows]
    assert offsets == sorted(offsets)


@pytest.mark.parametrize("stem", STEMS)
def test_translated_paragraphs_are_complete(stem: str) -> None:
    """A paragraph's sentence spans, with the whitespace between them, cover its whole line."""
    text = _seed_text(stem)
    paragraphs = BUILD.paragraphs(text)
    for index, rows in _by_paragraph(_rows(stem)).items():
        assert index < len(paragraphs), f"{stem}: paragraph {index} does not exist"
        start, end = paragraphs[index]
        assert [row["sentence"] for row in rows] == list(range(len(rows))), f"{stem} p{index}"
        assert rows[0]["source_start"] == start, f"{stem} p{index}: first sentence skipped"
        assert rows[-1]["source_end"] == end, f"{stem} p{index}: last sentence skipped"
        for before, after in itertools.pairwise(rows):
            gap = text[before["source_end"] : after["source_start"]]
            assert gap and not gap.strip(), f"{after['id']}: text between sentences is not whitespace"


@pytest.mark.parametrize("stem", STEMS)
def test_sentences_end_at_sentence_final_punctuation_and_nowhere_else(stem: str) -> None:
    for rows in _by_paragraph(_rows(stem)).values():
        for row in rows:
            source = row["source"]
            if row is not rows[-1]:
                assert re.search(r"[.؟?!٫][»”\"'’)″\]]*$", source), f"{row['id']} ends mid-sentence"
            body = LIST_MARKER_RE.sub("", source)
            for m in FINAL_RE.finditer(body):
                rest = body[m.end() :]
                assert not (rest and rest[0].isspace()), f"{row['id']} holds two sentences"


@pytest.mark.parametrize("stem", STEMS)
def test_spans_follow_the_documented_segmentation(stem: str) -> None:
    """The rows are exactly what ``build.py`` segments, so new translations line up with the old."""
    build = BUILD
    text = _seed_text(stem)
    spans = build.paragraphs(text)
    for index, rows in _by_paragraph(_rows(stem)).items():
        expected = build.sentences(text, *spans[index])
        assert [(r["source_start"], r["source_end"]) for r in rows] == expected, f"{stem} p{index}"


def test_segmentation_keeps_numbers_and_list_markers_whole() -> None:
    build = BUILD
    text = "۱٫ بودجه ۴٫۹ میلیون یورو است. از اکتبر سال ۲۰۰۲٫ در واقع «این شعبه.» کار میکند"
    got = [text[s:e] for s, e in build.sentences(text, 0, len(text))]
    assert got == [
        "۱٫ بودجه ۴٫۹ میلیون یورو است.",
        "از اکتبر سال ۲۰۰۲٫",
        "در واقع «این شعبه.»",
        "کار میکند",
    ]


def test_totals_and_complete_documents() -> None:
    rows = _all_rows()
    assert len(rows) >= MIN_SENTENCES
    paragraphs = {(row["id"].split(":")[0], row["paragraph"]) for row in rows}
    assert len(paragraphs) >= MIN_PARAGRAPHS
    for stem in FULLY_TRANSLATED:
        covered = {p for s, p in paragraphs if s == stem}
        assert covered == set(range(len(BUILD.paragraphs(_seed_text(stem))))), stem


@pytest.mark.parametrize("stem", STEMS)
def test_english_is_present_and_in_english(stem: str) -> None:
    for row in _rows(stem):
        english = row["english"]
        assert english.strip() == english and english, row["id"]
        assert not SCRIPT_RE.search(english), f"{row['id']}: Persian/Arabic letters in the English"
        if not SCRIPT_RE.search(row["source"]):  # English boilerplate and footnote lines are copied
            assert english == row["source"], row["id"]


@pytest.mark.parametrize("stem", STEMS)
def test_numbers_are_kept_exactly(stem: str) -> None:
    for row in _rows(stem):
        for forms in _expected_numbers(row["source"]):
            assert _has_number(row["english"], forms), f"{row['id']}: {sorted(forms)} missing"


def test_number_check_catches_a_changed_figure() -> None:
    assert _expected_numbers("۶۴٪ سکنه") == [{"64"}]
    assert _has_number("64% of the population", {"64"})
    assert not _has_number("46% of the population", {"64"})
    assert _has_number("stretching 1,344 kilometers", {"1344"})
    assert _expected_numbers("به تاریخ ۲۶/۰۸/۲۰۰۵٫") == [{"26 August 2005"}]
    assert _expected_numbers("۵ هزار نفر") == [{"5", "5000"}]
    assert _expected_numbers("بودجه ۴٫۹ میلیون یورو") == [{"4.9"}]
    assert not _has_number("a budget of 49 million euros", {"4.9"})


@pytest.mark.parametrize("stem", STEMS)
def test_footnote_and_heading_markup_survives(stem: str) -> None:
    for row in _rows(stem):
        source_marks = [m.translate(DIGITS) for m in SUP_RE.findall(row["source"])]
        assert SUP_RE.findall(row["english"]) == source_marks, row["id"]
        heading = HEADING_RE.match(row["source"])
        if heading:
            assert row["english"].startswith(heading[1]), row["id"]


@pytest.mark.parametrize("stem", STEMS)
def test_house_style_names(stem: str) -> None:
    for row in _rows(stem):
        for source_form, english in NAME_RENDERINGS.items():
            if source_form in row["source"]:
                assert english in row["english"], f"{row['id']}: expected {english!r}"
        for banned in NEVER:
            assert banned not in row["english"], f"{row['id']}: {banned!r}"


def _first_mention_forms() -> tuple[dict[str, str], list[str]]:
    """Acronym -> ``Full Name (ACRONYM)``, and every approved English term (longest first)."""
    forms = dict(FIRST_MENTION_FALLBACK)
    approved: set[str] = set()
    if GLOSSARY_TSV.exists():
        for entry in _glossary_rows():
            approved.update(v for v in (entry["english"], entry["short"]) if v)
            if entry["short"] and entry["first_mention"] == "full_then_short":
                forms[entry["short"]] = f"{entry['english']} ({entry['short']})"
    return forms, sorted(approved, key=len, reverse=True)


@pytest.mark.parametrize("stem", STEMS)
def test_full_name_with_acronym_at_first_mention(stem: str) -> None:
    forms, approved = _first_mention_forms()
    rows = _rows(stem)
    for short, full in forms.items():
        # An acronym inside another approved term ("CIS Anti-Terrorism Center") is not a mention of it.
        others = [t for t in approved if short in t and t not in (short, full.split(" (")[0])]
        acronym = re.compile(rf"(?<![\w-]){re.escape(short)}(?![\w-])")
        mentions = []
        for row in rows:
            english = row["english"]
            for term in others:
                english = english.replace(term, " ")
            if acronym.search(english):
                mentions.append(row)
        if not mentions or acronym.search(mentions[0]["source"]):
            continue  # not mentioned, or the source itself writes the acronym
        assert full in mentions[0]["english"], f"{mentions[0]['id']}: first {short} mention"
        for row in mentions[1:]:
            assert full not in row["english"], f"{row['id']}: {short} spelt out again"


@pytest.mark.parametrize("stem", STEMS)
def test_paragraph_files_match_the_sentences(stem: str) -> None:
    rows = _rows(stem)
    paragraphs = _by_paragraph(rows)
    seed_spans = BUILD.paragraphs(_seed_text(stem))
    lines = (REF_DIR / f"{stem}.en.txt").read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    lines = lines[:-1]
    assert lines == [" ".join(r["english"] for r in paragraphs[p]) for p in sorted(paragraphs)]
    mapping = json.loads((REF_DIR / f"{stem}.paragraphs.json").read_text(encoding="utf-8"))
    assert mapping["seed"] == seed_file(stem).name
    assert [entry["line"] for entry in mapping["lines"]] == list(range(len(lines)))
    assert [entry["paragraph"] for entry in mapping["lines"]] == sorted(paragraphs)
    for entry in mapping["lines"]:
        assert (entry["source_start"], entry["source_end"]) == seed_spans[entry["paragraph"]]


def test_no_unapproved_glossary_variants() -> None:
    entries = _glossary_rows()
    approved = sorted(
        {v for e in entries for v in [e.get("english") or "", e.get("short") or ""] if v.strip()},
        key=len,
        reverse=True,
    )
    for row in _all_rows():
        english = row["english"]
        for term in approved:  # an unapproved variant inside an approved term is no violation
            english = english.replace(term, " ")
        for entry in entries:
            for variant in _cell_values(entry.get("unapproved")):
                pattern = rf"(?<![\w-]){re.escape(variant)}(?![\w-])"
                assert not re.search(pattern, english), f"{row['id']}: unapproved {variant!r} ({entry['id']})"
