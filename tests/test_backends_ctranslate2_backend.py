"""CTranslate2Backend with tiny NLLB and Marian models converted for real: no mocks."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DRAGOMAN
from tiny_models import SEEDS_DIR

from translate.backends.base import DecodeOptions
from translate.backends.hf_transformers import TransformersBackend
from translate.decoding.constrained_decoding import contains_term
from translate.decoding.prefix_forcing import locate_source
from translate.document import parse_document
from translate.errors import InputError
from translate.models import UnsupportedLanguageError
from translate.models.convert import convert_model
from translate.pipeline.terms_hook import plan_terms

pytest.importorskip("ctranslate2")

from translate.backends.ctranslate2_backend import CTranslate2Backend


def _sentences(seed_prefix: str, count: int) -> list[str]:
    path = next(SEEDS_DIR.glob(f"{seed_prefix}*.txt"))
    body = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    sentences = [s.strip() for line in body for s in re.split(r"(?<=[.!؟?])\s+", line) if len(s.strip()) > 20]
    return [s[:300] for s in sentences[:count]]


PERSIAN = _sentences("000_", 5)
ARABIC = _sentences("004_", 3)
SHORT = DecodeOptions(beam_size=1, max_length_ratio=0.5, max_length_extra=4)
TERMS = ["Collective Security Treaty Organization", "Dushanbe", "Taliban", "CSTO"]


@pytest.fixture(scope="module")
def ct2_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ct2-backend-home")


@pytest.fixture
def env(fake_hf_cache: Path, ct2_home: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(ct2_home))
        yield ct2_home


@pytest.fixture
def nllb(env: Path) -> CTranslate2Backend:
    convert_model("nllb-600m", "float32")
    return CTranslate2Backend("nllb-600m", quantization="float32", threads=1)


@pytest.fixture
def marian(env: Path) -> CTranslate2Backend:
    convert_model("opus-mt-ar-en", "float32")
    return CTranslate2Backend("opus-mt-ar-en", quantization="float32", threads=1)


@pytest.mark.slow  # its model fixture comes from getfixturevalue, unseen by conftest
@pytest.mark.parametrize("family", ["nllb", "marian"])
def test_greedy_output_matches_transformers(family: str, request: pytest.FixtureRequest) -> None:
    """Same language codes and prefix: float32 CTranslate2 picks the same tokens as transformers."""
    ct2 = request.getfixturevalue(family)
    texts, lang = (PERSIAN[:3], "fa") if family == "nllb" else (ARABIC, "ar")
    reference = TransformersBackend(ct2.info.source_path)
    ours = ct2.translate(texts, lang, options=SHORT)
    theirs = reference.translate(texts, lang, options=SHORT)
    assert [o.tokens for o in ours] == [t.tokens for t in theirs]
    assert [o.text for o in ours] == [t.text for t in theirs]
    assert [o.source_tokens for o in ours] == [t.source_tokens for t in theirs]


def test_batching_keeps_order_and_blank_inputs(nllb: CTranslate2Backend) -> None:
    texts = [PERSIAN[0], "", PERSIAN[1], "   ", PERSIAN[2]]
    together = nllb.translate(
        texts, "fa", options=DecodeOptions(beam_size=1, batch_size=2, max_length_ratio=0.5)
    )
    alone = [
        nllb.translate([t], "fa", options=DecodeOptions(beam_size=1, max_length_ratio=0.5))[0] for t in texts
    ]
    assert [o.text for o in together] == [o.text for o in alone]
    assert together[1].text == "" and together[3].text == ""
    assert all(together[i].text.strip() for i in (0, 2, 4))


def test_output_budget_is_per_input(nllb: CTranslate2Backend) -> None:
    options = DecodeOptions(beam_size=1, max_length_ratio=0.2, max_length_extra=2)
    short, long = "دوشنبه", PERSIAN[0]
    out = nllb.translate([short, long], "fa", options=options)
    for text, o in zip([short, long], out, strict=True):
        n = len(nllb.tokenize_source([text], "fa")[0])
        assert len(o.tokens) <= int(0.2 * n + 2)


def test_attention_rows_follow_tokens(nllb: CTranslate2Backend) -> None:
    out = nllb.translate(PERSIAN[:2], "fa", options=SHORT, with_attention=True)
    for o in out:
        assert o.attention is not None and len(o.attention) == len(o.tokens)
        for row in o.attention:
            assert len(row) == len(o.source_tokens)
            assert abs(sum(row) - 1.0) < 1e-3


@pytest.mark.parametrize("beam", [1, 4])
def test_constraints_always_hold(nllb: CTranslate2Backend, marian: CTranslate2Backend, beam: int) -> None:
    options = DecodeOptions(beam_size=beam, max_length_ratio=0.5, max_length_extra=4)
    for backend, texts, lang in ((nllb, PERSIAN, "fa"), (marian, ARABIC, "ar")):
        constraints = [TERMS[: 1 + i % len(TERMS)] for i in range(len(texts))]
        out = backend.translate(texts, lang, options=options, constraints=constraints)
        for o, required in zip(out, constraints, strict=True):
            for term in required:
                assert term in o.text, (term, o.text)
                assert contains_term(o.text, term, final=True), (term, o.text)  # not "Dushanbeؤ"
            assert len(o.constraint_positions) == len(required)
            for term, positions in zip(required, o.constraint_positions, strict=True):
                if positions:  # forced: the tokens there spell the term
                    written = backend.decode_text([o.tokens[p] for p in positions])
                    assert written.strip() == term
        again = backend.translate(texts, lang, options=options, constraints=constraints)
        assert [o.text for o in again] == [o.text for o in out]


class CountingTranslator:
    """Delegates to the real ``ctranslate2.Translator`` and counts the calls by method."""

    def __init__(self, real: object) -> None:
        self.real = real
        self.calls: dict[str, int] = {}

    def __getattr__(self, name: str) -> object:
        method = getattr(self.real, name)

        def counted(*args: object, **kwargs: object) -> object:
            self.calls[name] = self.calls.get(name, 0) + 1
            return method(*args, **kwargs)

        return counted


def _seed_jobs(prefix: str, lang: str, count: int) -> list[tuple[str, list[str], list[str]]]:
    """(model input, constraints, source hints) of the first ``count`` constrained segments of a seed."""
    path = next(SEEDS_DIR.glob(f"{prefix}*.txt"))
    doc = parse_document(path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path), source_lang=lang)
    plan = plan_terms(doc, None, "constrain")
    jobs = []
    for seg in doc.segments:
        if seg.translate and seg.model_input.strip():
            constraints = plan.constraints(seg)
            if constraints and len(seg.model_input) < 400:
                jobs.append((seg.model_input, constraints, plan.constraint_sources(seg)))
    return jobs[:count]


@pytest.mark.parametrize(("beam", "restrict"), [(1, False), (4, False), (4, True)])
def test_seed_terms_are_placed_by_attention_on_their_source_words(
    env: Path, beam: int, restrict: bool
) -> None:
    """With the glossary's source words as hints: every term present as a whole word, no scoring pass,
    one batched re-decode, and the first-pass words before each forced term kept as they were."""
    convert_model("nllb-600m", "float32")
    backend = CTranslate2Backend("nllb-600m", quantization="float32", threads=1, restrict_vocab=restrict)
    jobs = _seed_jobs("000_", "fa", 10)
    assert len(jobs) == 10 and sum(len(c) for _t, c, _h in jobs) >= 15
    texts = [t for t, _c, _h in jobs]
    constraints = [c for _t, c, _h in jobs]
    hints = [h for _t, _c, h in jobs]
    for source, hint_list in zip(texts, hints, strict=True):  # the hints are findable in the model input
        tokens = backend.tokenize_source([source], "fa")[0]
        assert all(locate_source(tokens, h, backend.special_tokens) for h in hint_list), hint_list
    options = DecodeOptions(beam_size=beam, max_length_ratio=0.6, max_length_extra=4)
    free = backend.translate(texts, "fa", options=options)
    counter = CountingTranslator(backend.translator)
    backend.translator = counter
    out = backend.translate(texts, "fa", options=options, constraints=constraints, constraint_sources=hints)
    assert counter.calls == {"translate_batch": 4}  # 10 first-pass inputs in 2 batches, 10 repairs in 2
    for o, f, required in zip(out, free, constraints, strict=True):
        spelled = backend.decode_text(o.tokens)  # by the tokens themselves, not a text fallback
        for term in required:
            assert contains_term(spelled, term, final=True), (term, spelled)
        for term, positions in zip(required, o.constraint_positions, strict=True):
            assert not positions or backend.decode_text([o.tokens[p] for p in positions]).strip() == term
        forced = [positions for positions in o.constraint_positions if positions]
        assert forced, "the random model writes no glossary term by itself"
        first = min(p[0] for p in forced)
        assert o.tokens[:first] == f.tokens[:first]  # the first pass, up to the first forced term
        if restrict:
            allowed = backend.vmap_tokens()
            assert allowed is not None
            written = [t for k, t in enumerate(o.tokens) if not any(k in p for p in forced)]
            assert set(written) <= allowed | {"▁"}


def test_rejoining_keeps_the_first_pass_after_the_continuation_agrees_again(env: Path) -> None:
    """A greedy re-decode that meets the first pass again stops there; decoding to the end agrees up
    to that point, and what follows is the first pass's own remainder."""
    convert_model("nllb-600m", "float32")
    jobs = _seed_jobs("003_", "fa", 16)
    texts, constraints, hints = ([j[k] for j in jobs] for k in range(3))
    options = DecodeOptions(beam_size=4, max_length_ratio=0.8, max_length_extra=4)
    backends = {
        size: CTranslate2Backend("nllb-600m", quantization="float32", threads=1, rejoin_tokens=size)
        for size in (0, 3)
    }
    free = backends[3].translate(texts, "fa", options=options)
    full, joined = (
        backends[size].translate(
            texts,
            "fa",
            options=options,
            constraints=constraints,
            constraint_sources=hints,
            with_attention=True,
        )
        for size in (0, 3)
    )
    rejoined = 0
    for a, b, f, required in zip(full, joined, free, constraints, strict=True):
        assert all(contains_term(b.text, term, final=True) for term in required)
        assert b.attention is not None and len(b.attention) == len(b.tokens)
        if a.tokens == b.tokens:
            continue
        rejoined += 1
        common = min(len(a.tokens), len(b.tokens))
        diverge = next((j for j in range(common) if b.tokens[j] != a.tokens[j]), common)

        def rejoins_at(j: int, b: list[str] = b.tokens, f: list[str] = f.tokens) -> bool:
            """b = a's tokens up to j (three of them agreeing with f), then the rest of f."""
            rest = b[j:]  # empty: the continuation met the first pass at its very end
            head = f[: len(f) - len(rest)]
            return f[len(head) :] == rest and len(head) >= 3 and head[-3:] == b[j - 3 : j]

        assert any(rejoins_at(j) for j in range(3, diverge + 1)), (a.tokens, b.tokens, f.tokens)
    assert rejoined >= 2


def test_terms_the_model_writes_cost_no_second_decode(nllb: CTranslate2Backend) -> None:
    """A required string already in the free output (as a whole word) leaves the output unchanged."""
    options = DecodeOptions(beam_size=2, max_length_ratio=0.5, max_length_extra=4)
    free = nllb.translate(PERSIAN, "fa", options=options, with_attention=True)
    constraints = [[w for w in o.text.split() if w.isalnum()][:2] for o in free]
    assert all(constraints)
    counter = CountingTranslator(nllb.translator)
    nllb.translator = counter
    out = nllb.translate(PERSIAN, "fa", options=options, constraints=constraints, with_attention=True)
    assert counter.calls == {"translate_batch": 1}
    assert [o.tokens for o in out] == [o.tokens for o in free]
    assert [o.attention for o in out] == [o.attention for o in free]
    assert all(o.constraint_positions == [[] for _ in c] for o, c in zip(out, constraints, strict=True))


def test_constraints_with_attention(nllb: CTranslate2Backend) -> None:
    out = nllb.translate(PERSIAN[:1], "fa", options=SHORT, constraints=[["Dushanbe"]], with_attention=True)[0]
    assert "Dushanbe" in out.text
    assert out.attention is not None and len(out.attention) == len(out.tokens)


def test_language_errors(nllb: CTranslate2Backend, marian: CTranslate2Backend) -> None:
    with pytest.raises(UnsupportedLanguageError):
        marian.translate(["سلام"], "fa")
    with pytest.raises(UnsupportedLanguageError):
        nllb.translate(["hello"], "fa", target_lang="fr")
    with pytest.raises(InputError):
        nllb.translate(["دوشنبه " * 1200], "fa")


@pytest.mark.parametrize("quantization", ["int8", "float32"])
def test_console_script_translates_seeds_deterministically(env: Path, quantization: str) -> None:
    """``dragoman translate --backend ctranslate2`` on seed text: non-empty, same output twice."""
    subprocess.run([DRAGOMAN, "models", "convert", "nllb-600m", "--quantization", quantization], check=True)
    subprocess.run(
        [DRAGOMAN, "models", "convert", "opus-mt-ar-en", "--quantization", quantization], check=True
    )
    cases = [("000_", "fa", "nllb-600m"), ("004_", "ar", "opus-mt-ar-en")]
    for prefix, lang, model in cases:
        source = env / f"{prefix}{quantization}.txt"
        source.write_text("\n\n".join(_sentences(prefix, 3)) + "\n", encoding="utf-8")
        runs = []
        for _ in range(2):
            proc = subprocess.run(
                [DRAGOMAN, "translate", str(source), "-m", model, "--backend", "ctranslate2", "-s", lang,
                 "--format", "jsonl", "--max-length-ratio", "0.5", "--beam", "2", "-q"],
                capture_output=True, text=True, env=dict(os.environ), check=False,
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            runs.append(proc.stdout)
        assert runs[0] == runs[1]
        records = [json.loads(line) for line in runs[0].splitlines() if line.strip()]
        translated = [r for r in records if r["translated"]]
        assert len(translated) >= 3
        assert all(r["backend"] == "ctranslate2" and r["target"].strip() for r in translated)


def test_a_term_written_in_another_accepted_form_is_not_forced(nllb: CTranslate2Backend) -> None:
    """Disjunctive constraints: "Dushanbe" with an accepted form the free output already has costs no
    second decode and changes nothing; without that form it is forced into the output."""
    options = DecodeOptions(beam_size=2, max_length_ratio=0.5, max_length_extra=4)
    free = nllb.translate(PERSIAN, "fa", options=options)
    words = [next(w for w in o.text.split() if w.isalnum()) for o in free]
    assert not any("Dushanbe" in o.text for o in free)
    constraints = [["Dushanbe"] for _ in free]
    counter = CountingTranslator(nllb.translator)
    nllb.translator = counter
    out = nllb.translate(
        PERSIAN,
        "fa",
        options=options,
        constraints=constraints,
        constraint_forms=[[["Dushanbe", w]] for w in words],
    )
    assert counter.calls == {"translate_batch": 1}
    assert [o.text for o in out] == [o.text for o in free]
    forced = nllb.translate(PERSIAN, "fa", options=options, constraints=constraints)
    assert all("Dushanbe" in o.text for o in forced)
