"""Post-editing unapproved English variants into the required glossary form."""

from __future__ import annotations

import pytest

from glossary.entry import Category, Entry, FirstMention
from translate.terms.constraints import fallback_forms, unapproved_forms
from translate.terms.postedit import TermForms, find_term, map_offset, post_edit

CSTO = Entry(
    id="csto",
    english="Collective Security Treaty Organization",
    short="CSTO",
    first_mention=FirstMention.FULL_THEN_SHORT,
    category=Category.ORGANIZATION,
    unapproved=["Collective Security Treaty Organisation", "Organization of the Collective Security Treaty"],
)
DRUGS = TermForms("drug_trafficking", "drug trafficking", ("drug smuggling", "narcotics trafficking"))
TALIBAN = TermForms("taliban", "Taliban", ("Taleban", "Talibans"))


def _forms(entry: Entry, first: bool) -> TermForms:
    required = entry.required_english(first_in_document=first)
    return TermForms(
        entry.id, required, tuple(unapproved_forms(entry)), tuple(fallback_forms(entry, required))
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # sentence start keeps its capital; mid-sentence takes the glossary's case
        ("Drug smuggling rose sharply.", "Drug trafficking rose sharply."),
        (
            "Officials fight Drug Smuggling and narcotics trafficking.",
            "Officials fight drug trafficking and drug trafficking.",
        ),
        ("He said: drug smuggling rose.", "He said: Drug trafficking rose."),
        # possessive and plural endings survive
        ("The Taleban's leaders and Talebans met.", "The Taliban's leaders and Talibans met."),
        # a listed variant wins over the plural rule
        ("Other Talibans met.", "Other Taliban met."),
        # word boundaries: no edit inside other words
        ("Antidrug smugglingx is not a phrase.", "Antidrug smugglingx is not a phrase."),
    ],
)
def test_variants_become_the_required_form(text: str, expected: str) -> None:
    edited, _edits = post_edit(text, [DRUGS, TALIBAN])
    assert edited == expected


def test_first_mention_full_form_with_short_in_brackets() -> None:
    first = _forms(CSTO, first=True)
    assert first.required == "Collective Security Treaty Organization (CSTO)"
    edited, edits = post_edit("Members of the Organization of the Collective Security Treaty met.", [first])
    assert edited == "Members of the Collective Security Treaty Organization (CSTO) met."
    assert [e.original for e in edits] == ["Organization of the Collective Security Treaty"]
    # a bare full name or bare acronym at first mention is completed
    assert post_edit("The CSTO met.", [first])[0] == "The Collective Security Treaty Organization (CSTO) met."
    assert post_edit("The Collective Security Treaty Organisation's summit.", [first])[0] == (
        "The Collective Security Treaty Organization (CSTO)'s summit."
    )


def test_later_mentions_use_the_short_form_and_keep_the_article() -> None:
    later = _forms(CSTO, first=False)
    assert later.required == "CSTO"
    assert (
        post_edit("Later the Collective Security Treaty Organization met.", [later])[0]
        == "Later the CSTO met."
    )
    assert post_edit("The Collective Security Treaty Organisations met.", [later])[0] == "The CSTOs met."
    # a correct text is never touched
    ok = "Later the CSTO and the Collective Security Treaty Organization (CSTO) met."
    assert post_edit(ok, [later]) == (ok, [])


def test_no_double_article_and_indefinite_article_follows_the_replacement() -> None:
    forms = TermForms("imu", "the Islamic Movement of Uzbekistan", ("Uzbek Islamic Movement",))
    assert post_edit("They joined the Uzbek Islamic Movement.", [forms])[0] == (
        "They joined the Islamic Movement of Uzbekistan."
    )
    forms = TermForms("imu", "Islamic Movement of Uzbekistan", ("Uzbek Islamic Movement",))
    assert post_edit("a Uzbek Islamic Movement cell", [forms])[0] == "an Islamic Movement of Uzbekistan cell"


def test_required_form_inside_a_variant_is_protected() -> None:
    forms = TermForms("isk", "Islamic State Khorasan Province", ("Islamic State Khorasan",))
    text = "The Islamic State Khorasan Province and the Islamic State Khorasan."
    assert (
        post_edit(text, [forms])[0]
        == "The Islamic State Khorasan Province and the Islamic State Khorasan Province."
    )


def test_offsets_map_through_edits() -> None:
    text = "Drug smuggling and Taleban fighters near Kabul."
    edited, edits = post_edit(text, [DRUGS, TALIBAN])
    assert edited == "Drug trafficking and Taliban fighters near Kabul."
    kabul = text.index("Kabul")
    assert edited[map_offset(kabul, edits) : map_offset(kabul + 5, edits, at_end=True)] == "Kabul"
    for edit in edits:
        assert edited[edit.new_start : edit.new_end] == edit.replacement


def test_find_term_is_case_and_boundary_aware() -> None:
    assert find_term("CSTOX, xCSTO and csto", "CSTO") == []
    assert find_term("The CSTO's and CSTOs", "CSTO") == [(4, 8), (15, 19)]
    assert find_term("Drug trafficking. drug trafficking and Drug trafficking", "drug trafficking") == [
        (0, 16),
        (18, 34),
    ]
