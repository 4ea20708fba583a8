"""Constrained decoding: every required English string is in the output, on any model.

Runs the real decoding loop on the tiny random-weight NLLB and Marian models (their translations are
gibberish, which is the point: nothing but the algorithm puts the terms there).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from terms_fixtures import one_torch_thread

from translate.backends.base import DecodeOptions
from translate.backends.hf_transformers import TransformersBackend
from translate.decoding.constrained_decoding import ConstrainedDecoder, tokenize_constraint


@pytest.fixture(autouse=True, scope="module")
def _single_thread():
    with one_torch_thread():
        yield


SEEDS = Path(__file__).resolve().parent.parent / "seeds"

SENTENCES = [
    "سازمان پیمان امنیت جمعی در دوشنبه تشکیل جلسه داد.",
    "امامعلی رحمان با دبیرکل سازمان پیمان امنیت جمعی دیدار کرد و درباره قاچاق مواد مخدر گفتگو شد.",
    "طالبان",
    "التقى الرئيس إمام علي رحمن الأمين العام لمنظمة معاهدة الأمن الجماعي في دوشنبه.",
]

ONE = [["CSTO"]]
MANY = [
    ["Collective Security Treaty Organization (CSTO)", "Dushanbe", "Emomali Rahmon"],
    ["Shanghai Cooperation Organisation", "Taliban", "drug trafficking", "Tajikistan", "border guards"],
    ["CIS", "SCO", "NATO", "IS-K", "Commonwealth of Independent States (CIS)"],
]


def _seed_sentences(limit: int = 4) -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(line) > 60 and not line.isascii() and not line.startswith("#"):
                out.append(line[:300])
                break
    return out[:limit]


@pytest.fixture(scope="module", params=["nllb", "marian"])
def model_and_tokenizer(request, tiny_nllb_dir: Path, tiny_marian_dir: Path):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    directory = tiny_nllb_dir if request.param == "nllb" else tiny_marian_dir
    tokenizer = AutoTokenizer.from_pretrained(directory)
    if request.param == "nllb":
        tokenizer.src_lang = "pes_Arab"
    model = AutoModelForSeq2SeqLM.from_pretrained(directory).eval()
    return model, tokenizer


def _decode(model, tokenizer, text: str, constraints: list[str], beam: int, budget: int = 40):
    decoder = ConstrainedDecoder(model, tokenizer)
    enc = tokenizer(text, return_tensors="pt")
    return decoder.decode(enc["input_ids"], enc["attention_mask"], constraints, beam, budget)


@pytest.mark.parametrize("beam", [1, 4])
@pytest.mark.parametrize("constraints", ONE + MANY)
def test_every_constraint_appears(model_and_tokenizer, beam: int, constraints: list[str]) -> None:
    model, tokenizer = model_and_tokenizer
    for text in SENTENCES + _seed_sentences():
        out = _decode(model, tokenizer, text, constraints, beam)
        for term in constraints:
            assert term in out.text, (text, term, out.text)


@pytest.mark.parametrize("beam", [1, 4])
def test_constraint_positions_spell_the_term(model_and_tokenizer, beam: int) -> None:
    model, tokenizer = model_and_tokenizer
    constraints = ["Collective Security Treaty Organization (CSTO)", "Dushanbe", "Emomali Rahmon"]
    out = _decode(model, tokenizer, SENTENCES[1], constraints, beam)
    assert len(out.constraint_positions) == len(constraints)
    for term, positions in zip(constraints, out.constraint_positions, strict=True):
        if positions:  # placed by the decoder (empty: the model wrote it on its own)
            assert positions == list(range(positions[0], positions[-1] + 1))
            written = tokenizer.decode([out.token_ids[p] for p in positions], skip_special_tokens=True)
            assert written.strip() == term


@pytest.mark.parametrize("beam", [1, 4])
def test_repeated_and_overlapping_terms(model_and_tokenizer, beam: int) -> None:
    model, tokenizer = model_and_tokenizer
    # the same term twice is one constraint; a term inside a longer one is met by it
    constraints = ["CSTO", "Collective Security Treaty Organization (CSTO)", "CSTO", "Dushanbe"]
    out = _decode(model, tokenizer, SENTENCES[1], constraints, beam)
    assert "Collective Security Treaty Organization (CSTO)" in out.text and "Dushanbe" in out.text
    assert out.constraint_positions[0] == out.constraint_positions[2]


@pytest.mark.parametrize("beam", [1, 4])
def test_output_length_stays_within_budget(model_and_tokenizer, beam: int) -> None:
    model, tokenizer = model_and_tokenizer
    constraints = MANY[1]
    needed = sum(len(tokenize_constraint(tokenizer, c).primary) for c in constraints)
    for budget in (needed, needed + 3, 30):
        out = _decode(model, tokenizer, SENTENCES[0], constraints, beam, budget)
        assert len(out.token_ids) <= max(budget, needed + 1)
        assert all(c in out.text for c in constraints)


@pytest.mark.parametrize("beam", [1, 4])
def test_end_of_sentence_waits_for_the_constraints(model_and_tokenizer, beam: int) -> None:
    """A model that wants to stop at once still writes every term, and stops right after them."""
    model, tokenizer = model_and_tokenizer
    eos = model.config.eos_token_id

    def prefer_eos(_module, _inputs, logits):
        boosted = logits.clone()
        boosted[..., eos] += 1000.0
        return boosted

    handle = model.get_output_embeddings().register_forward_hook(prefer_eos)
    try:
        plain = _decode(model, tokenizer, SENTENCES[0], [], beam)
        constraints = ["CSTO", "Emomali Rahmon", "drug trafficking"]
        out = _decode(model, tokenizer, SENTENCES[0], constraints, beam)
    finally:
        handle.remove()
    assert plain.token_ids == []
    assert all(c in out.text for c in constraints)
    placed = sorted(p for positions in out.constraint_positions for p in positions)
    assert placed and placed[-1] == len(out.token_ids) - 1  # </s> right after the last term


def test_word_initial_and_inner_tokenizations(model_and_tokenizer) -> None:
    _model, tokenizer = model_and_tokenizer
    for term in ("CSTO", "IS-K", "Dushanbe"):
        con = tokenize_constraint(tokenizer, term)
        assert tokenizer.decode(list(con.primary), skip_special_tokens=True).strip() == term
        assert con.inner, term
        pieces = tokenizer.convert_ids_to_tokens(list(con.inner))
        assert not pieces[0].startswith("▁")
        assert tokenizer.decode(list(con.inner), skip_special_tokens=True).strip() == term


def test_inner_variant_is_accepted_after_an_opening_bracket(model_and_tokenizer) -> None:
    """``(CSTO)`` written with ``CSTO`` glued to the bracket satisfies the constraint ``CSTO``."""
    model, tokenizer = model_and_tokenizer
    decoder = ConstrainedDecoder(model, tokenizer)
    con = tokenize_constraint(tokenizer, "CSTO")
    bracket = tokenize_constraint(tokenizer, "(").primary
    hyp = decoder._extend(decoder._root(), bracket[-1], 0.0, [con]) if len(bracket) == 1 else None
    if hyp is None:
        pytest.skip("this vocabulary has no single-token '('")
    for tok in con.inner:
        hyp = decoder._extend(hyp, tok, 0.0, [con])
    assert hyp.met == frozenset({0})
    assert "(CSTO" in tokenizer.decode(list(hyp.tokens), skip_special_tokens=True)


@pytest.mark.parametrize("family", ["nllb", "marian"])
@pytest.mark.parametrize("beam", [1, 4])
def test_backend_returns_positions_into_its_tokens(
    family: str,
    beam: int,
    tiny_nllb_dir: Path,
    tiny_marian_dir: Path,
) -> None:
    backend = TransformersBackend(str(tiny_nllb_dir if family == "nllb" else tiny_marian_dir))
    texts = [*SENTENCES[:2], "بدون اصطلاح"]
    constraints = [["Dushanbe"], ["CSTO", "Emomali Rahmon"], []]
    outputs = backend.translate(
        texts, "fa", options=DecodeOptions(beam_size=beam), constraints=constraints, with_attention=True
    )
    for wanted, out in zip(constraints, outputs, strict=True):
        assert all(c in out.text for c in wanted)
        assert len(out.constraint_positions) == len(wanted)
        for term, positions in zip(wanted, out.constraint_positions, strict=True):
            assert all(0 <= p < len(out.tokens) for p in positions)
            if positions:
                pieces = "".join(out.tokens[p] for p in positions).replace("▁", " ").strip()
                assert pieces == term
        assert out.attention is not None and len(out.attention) == len(out.tokens)


def test_decoding_is_deterministic(model_and_tokenizer) -> None:
    model, tokenizer = model_and_tokenizer
    first = _decode(model, tokenizer, SENTENCES[1], MANY[0], 4)
    again = _decode(model, tokenizer, SENTENCES[1], MANY[0], 4)
    assert first.token_ids == again.token_ids
    assert first.text == again.text


@pytest.mark.parametrize("beam", [1, 4])
def test_terms_sharing_their_first_words(model_and_tokenizer, beam: int) -> None:
    model, tokenizer = model_and_tokenizer
    constraints = [
        "Collective Security Council",
        "Collective Security Treaty",
        "Collective Security Treaty Organization (CSTO)",
    ]
    out = _decode(model, tokenizer, SENTENCES[3], constraints, beam)
    assert all(c in out.text for c in constraints), out.text


def test_shared_prefix_leaves_the_branch_to_the_model(model_and_tokenizer) -> None:
    """After ``Collective Security`` both ``Council`` and ``Treaty`` are allowed, nothing else."""
    model, tokenizer = model_and_tokenizer
    decoder = ConstrainedDecoder(model, tokenizer)
    cons = [
        tokenize_constraint(tokenizer, t)
        for t in ("Collective Security Council", "Collective Security Treaty")
    ]
    council, treaty = cons[0].primary, cons[1].primary
    shared = 0
    while council[shared] == treaty[shared]:
        shared += 1
    assert shared >= 1
    hyp = decoder._root()
    for tok in council[:shared]:
        hyp = decoder._extend(hyp, tok, 0.0, cons)
    logprobs = torch.zeros(1, len(tokenizer))
    allowed, _steer = decoder._restrictions([hyp], cons, 50, logprobs)
    assert allowed == [sorted({council[shared], treaty[shared]})]
    for tok in treaty[shared:]:
        hyp = decoder._extend(hyp, tok, 0.0, cons)
    assert hyp.met == frozenset({1}) and hyp.progress is None


@pytest.mark.parametrize("beam", [1, 4])
def test_a_batch_decodes_each_segment_as_if_alone(model_and_tokenizer, beam: int) -> None:
    """decode_batch: segments of different lengths, constraints and budgets (one without any) in one
    batch give the same tokens, text and positions as one decode per segment."""
    model, tokenizer = model_and_tokenizer
    texts = [*_seed_sentences(3), SENTENCES[2], SENTENCES[0]]
    constraints = [MANY[0], [], MANY[1], ONE[0], MANY[2]]
    budgets = [30, 12, 40, 25, 18]
    decoder = ConstrainedDecoder(model, tokenizer)
    enc = tokenizer(texts, return_tensors="pt", padding=True)
    together = decoder.decode_batch(enc["input_ids"], enc["attention_mask"], constraints, beam, budgets)
    for text, wanted, budget, out in zip(texts, constraints, budgets, together, strict=True):
        alone = _decode(model, tokenizer, text, wanted, beam, budget)
        assert out.token_ids == alone.token_ids
        assert out.text == alone.text and out.constraint_positions == alone.constraint_positions
        assert all(term in out.text for term in wanted)
    with pytest.raises(ValueError):
        decoder.decode_batch(enc["input_ids"], enc["attention_mask"], constraints[:2], beam, budgets)


def test_a_constraint_met_by_an_accepted_form_is_not_forced(model_and_tokenizer) -> None:
    """Disjunctive constraints: a word the free greedy output writes early, given as an accepted form
    of "Dushanbe", satisfies it, so the output is the free one; without it "Dushanbe" is forced."""
    model, tokenizer = model_and_tokenizer
    decoder = ConstrainedDecoder(model, tokenizer, greedy_bonus=0.0)
    checked = 0
    for text in SENTENCES[:2] + _seed_sentences(2):
        enc = tokenizer(text, return_tensors="pt")
        free = decoder.decode(enc["input_ids"], enc["attention_mask"], [], 1, 30)
        words = [w for w in free.text.split() if w.isalnum()]
        if len(words) < 2 or "Dushanbe" in free.text:
            continue
        alternatives = [[["Dushanbe", words[0]]]]
        out = decoder.decode_batch(
            enc["input_ids"], enc["attention_mask"], [["Dushanbe"]], 1, [30], alternatives
        )[0]
        assert out.text == free.text and out.constraint_positions == [[]]
        forced = decoder.decode(enc["input_ids"], enc["attention_mask"], ["Dushanbe"], 1, 30)
        assert "Dushanbe" in forced.text
        checked += 1
    assert checked >= 2


def test_a_string_the_vocabulary_cannot_spell_is_not_appended(model_and_tokenizer) -> None:
    """The last-resort repair that glued a missing term onto the end of the English is gone."""
    model, tokenizer = model_and_tokenizer
    term = "\u2603\u2603"  # not in the vocabulary: <unk> tokens
    out = _decode(model, tokenizer, SENTENCES[0], [term], 1)
    assert not out.text.rstrip().endswith(term)
