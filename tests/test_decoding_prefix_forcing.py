"""Planning the forced prefix for CTranslate2 constraint re-decoding (pure: tokens and attention)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from translate.decoding.constrained_decoding import contains_term
from translate.decoding.prefix_forcing import (
    RejoinWatcher,
    aligned_run,
    locate_source,
    plan_forced_prefix,
    rejoin_point,
    term_token_span,
    token_char_spans,
    word_boundaries,
)

PIECES = {
    "CSTO": ["▁CSTO"],
    "Dushanbe": ["▁Dush", "anbe"],
    "Vladimir Putin": ["▁Vladimir", "▁Put", "in"],
}


def _spell(tokens: list[str]) -> str:
    return token_char_spans(tokens)[0]


def _rows(n_target: int, n_source: int, focus: dict[int, int]) -> list[list[float]]:
    """Attention rows: target token t looks at source token focus[t] (0.9), the rest share 0.1."""
    rows = []
    for t in range(n_target):
        row = [0.1 / (n_source - 1)] * n_source
        row[focus.get(t, 0)] = 0.9
        rows.append(row)
    return rows


def test_token_spans_and_word_boundaries() -> None:
    tokens = ["▁The", "▁Coll", "ective", "▁met", ",", "▁in", "▁Dush", "anbe"]
    text, spans = token_char_spans(tokens)
    assert text == "The Collective met, in Dushanbe"
    assert [text[s:e].strip() for s, e in spans][1:3] == ["Coll", "ective"]
    assert word_boundaries(tokens) == [0, 1, 3, 4, 5, 6, 8]
    assert word_boundaries(["ective", "▁met"]) == [0, 1, 2]  # a glued first piece still starts the output


def test_term_token_span_is_whole_word() -> None:
    tokens = ["▁Russian", "▁troops", "▁left", "▁Russia", "."]
    assert term_token_span(tokens, "Russia") == (3, 4)
    assert term_token_span(["▁Russian", "▁troops"], "Russia") is None
    assert term_token_span(["▁in", "▁Dush", "anbe", "."], "Dushanbe") == (1, 3)


def test_locate_source_ignores_spacing_and_prefers_whole_words() -> None:
    # "ناتوان" (unable) contains "ناتو" (NATO): the separate word wins
    source = ["pes_Arab", "▁ناتوان", "▁بود", "▁و", "▁نا", "تو", "▁آمد", "</s>"]
    assert locate_source(source, "ناتو", skip={"pes_Arab", "</s>"}) == {4, 5}
    # run-together and spaced spellings, ZWNJ and NFKC differences do not matter
    glued = ["▁سازمانپیمان", "▁امنیت", "▁جمعی"]
    assert locate_source(glued, "سازمان پیمان امنیت\u200cجمعی") == {0, 1, 2}
    assert locate_source(["▁دوشنبه"], "ﺩﻭﺷﻨﺒﻪ") == {0}  # presentation forms fold to the letters
    assert locate_source(source, "تاجیکستان") == set()
    assert locate_source(source, "  ") == set()


def test_aligned_run_replaces_the_rendering_of_the_source_words() -> None:
    tokens = ["▁The", "▁Coll", "ective", "▁Organ", "ization", "▁met", "▁in", "▁Dush", "anbe"]
    # source tokens 2-3 are the glossary hit; target tokens 1-4 attend to them
    rows = _rows(len(tokens), 6, {1: 2, 2: 3, 3: 3, 4: 2, 5: 1, 7: 4, 8: 4})
    assert aligned_run(tokens, rows, {2, 3}) == (1, 5)
    # a piece in the middle of a word widens the run to the whole word
    rows = _rows(len(tokens), 6, {2: 3})
    assert aligned_run(tokens, rows, {3}) == (1, 3)
    # the run never grows past max_run tokens (then to whole words)
    rows = _rows(len(tokens), 6, dict.fromkeys(range(9), 3))
    start, end = aligned_run(tokens, rows, {3}, max_run=2)
    assert end - start <= 4 and start in word_boundaries(tokens) and end in word_boundaries(tokens)


def test_aligned_run_inserts_when_nothing_renders_the_source_words() -> None:
    tokens = ["▁They", "▁met", "▁in", "▁the", "▁capital"]
    rows = _rows(len(tokens), 5, {})
    for row in rows:
        row[3] = 0.05  # some attention on the hit everywhere, most at token 2, never the focus
    rows[2][3] = 0.08
    assert aligned_run(tokens, rows, {3}) == (2, 2)
    assert aligned_run([], [], {3}) is None
    assert aligned_run(tokens, rows, set()) is None


def test_plan_keeps_written_terms_and_ends_after_the_last_one() -> None:
    tokens = ["▁The", "▁group", "▁met", "▁in", "▁Dush", "anbe", "▁on", "▁Monday", "."]
    text = _spell(tokens)
    plan = plan_forced_prefix(tokens, ["Dushanbe", "CSTO"], PIECES, text, lambda term: (1, 2))
    assert plan is not None
    assert plan.tokens == ["▁The", "▁CSTO", "▁met", "▁in", "▁Dush", "anbe"]
    assert plan.forced == {"CSTO": (1, 2)} and plan.replaced == {"CSTO": (1, 2)}
    assert plan.consumed == 6  # the re-decode continues after first-pass token 6
    spelled = _spell(plan.tokens)
    assert all(contains_term(spelled, t, final=True) for t in ("Dushanbe", "CSTO"))


def test_plan_is_none_when_every_term_is_written() -> None:
    tokens = ["▁CSTO", "▁met", "▁in", "▁Dush", "anbe"]
    assert plan_forced_prefix(tokens, ["CSTO", "Dushanbe"], PIECES, _spell(tokens), lambda t: (0, 0)) is None


def test_plan_never_overwrites_a_written_term_or_another_placement() -> None:
    tokens = ["▁In", "▁Dush", "anbe", ",", "▁Putin", "▁spoke", "."]
    text = _spell(tokens)
    # the placement for CSTO overlaps the written Dushanbe: it becomes an insertion right after it
    plan = plan_forced_prefix(tokens, ["Dushanbe", "CSTO"], PIECES, text, lambda t: (2, 4))
    assert plan is not None
    assert plan.tokens == ["▁In", "▁Dush", "anbe", "▁CSTO"]
    # two missing terms placed on the same words: both survive, in order
    both = plan_forced_prefix(tokens, ["CSTO", "Vladimir Putin"], PIECES, text, lambda t: (4, 5))
    assert both is not None
    spelled = _spell(both.tokens)
    assert contains_term(spelled, "CSTO", final=True) and contains_term(spelled, "Vladimir Putin", final=True)
    assert "Putin spoke" not in spelled  # the replaced rendering is gone, the continuation is re-decoded
    for term, (s, e) in both.forced.items():
        assert both.tokens[s:e] == PIECES[term]


@pytest.mark.parametrize("where", [(0, 0), (3, 3), (7, 7), (99, 99), (5, 2)])
def test_plan_accepts_any_placement(where: tuple[int, int]) -> None:
    tokens = ["▁They", "▁met", "▁in", "▁the", "▁capital", "▁on", "▁Monday"]
    plan = plan_forced_prefix(tokens, ["Dushanbe"], PIECES, _spell(tokens), lambda t: where)
    assert plan is not None
    s, e = plan.forced["Dushanbe"]
    assert plan.tokens[s:e] == PIECES["Dushanbe"] and e == len(plan.tokens)
    assert plan.tokens[:s] == tokens[:s]  # the first-pass words before the term are kept


def test_rejoin_point_needs_agreement_at_a_word_start() -> None:
    first = ["▁The", "▁group", "▁met", "▁in", "▁the", "▁capital", "▁on", "▁Mon", "day", "."]
    # the prefix stood for first[:2]; the continuation says "met in the" like the first pass did
    assert rejoin_point(first, 2, ["▁met", "▁in"], 3) is None  # not enough tokens yet
    assert rejoin_point(first, 2, ["▁met", "▁in", "▁the"], 3) == 5
    # a shorter or longer continuation may rejoin a little later or earlier than its length says
    assert rejoin_point(first, 2, ["▁gathered", "▁in", "▁the", "▁capital"], 3) == 6
    assert rejoin_point(first, 2, ["▁in", "▁the", "▁capital"], 3) == 6
    # never in the middle of a word: "on Mon" + "day" would split Monday
    assert rejoin_point(first, 2, ["▁capital", "▁on", "▁Mon"], 3) is None
    assert rejoin_point(first, 4, ["▁on", "▁Mon", "day"], 3) == 9
    assert rejoin_point(first, 4, ["▁Mon", "day", "."], 3) == 10  # the end of the first pass
    assert rejoin_point(first, 2, ["▁on", "▁Mon", "day"], 3) is None  # too far from where it should be
    # a different continuation, or rejoining turned off
    assert rejoin_point(first, 2, ["▁left", "▁for", "▁Moscow"], 3) is None
    assert rejoin_point(first, 2, ["▁met", "▁in", "▁the"], 0) is None
    # agreement far behind where the continuation has got to does not count (repetitive output)
    looping = ["▁met", "▁met", "▁met", "▁met", "▁met", "▁met", "▁met", "▁met", "▁in", "▁the"]
    assert rejoin_point(first, 2, looping[-5:], 3) == 5
    assert rejoin_point(first, 2, looping, 3) is None
    # agreement before the consumed part does not count
    assert rejoin_point(first, 6, ["▁met", "▁in", "▁the"], 3) is None


def test_rejoin_watcher_follows_each_example_of_a_batch() -> None:
    """The callback sees every step of every example (prefix steps included) and stops only the one
    that rejoined, recording where."""
    first = [["▁They", "▁met", "▁in", "▁the", "▁capital"], ["▁A", "▁b", "▁c", "▁d"]]
    plans = [
        plan_forced_prefix(first[0], ["CSTO"], PIECES, _spell(first[0]), lambda t: (0, 1)),
        plan_forced_prefix(first[1], ["CSTO"], PIECES, _spell(first[1]), lambda t: (0, 1)),
    ]
    assert all(plans)
    watcher = RejoinWatcher([p for p in plans if p], first, offset=1, size=2)
    hypotheses = [["eng_Latn", "▁CSTO", "▁met", "▁in", "▁the"], ["eng_Latn", "▁CSTO", "▁x", "▁y", "▁z"]]
    stopped = []
    for step in range(5):
        for k in (0, 1):
            result = SimpleNamespace(batch_id=k, step=step, token=hypotheses[k][step])
            if watcher(result):
                stopped.append((k, step))
    assert stopped == [(0, 3)] and watcher.points == {0: 3}  # "met in" rejoined first[0] before "the"
