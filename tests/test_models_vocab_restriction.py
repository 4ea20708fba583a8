"""English-only output vocabulary: the allowed set, and invariance of greedy output on both backends."""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import torch
from tiny_models import SEEDS_DIR

from translate.backends.base import DecodeOptions
from translate.backends.hf_transformers import TransformersBackend
from translate.models.vocab_restriction import (
    SlicedOutputProjection,
    allowed_token_ids,
    restrict_output_vocabulary,
    write_vmap,
)


def _sentences(seed_prefix: str, count: int) -> list[str]:
    path = next(SEEDS_DIR.glob(f"{seed_prefix}*.txt"))
    body = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    sentences = [s.strip() for line in body for s in re.split(r"(?<=[.!؟?])\s+", line) if len(s.strip()) > 20]
    return [s[:300] for s in sentences[:count]]


PERSIAN = _sentences("001_", 4)
GREEDY = DecodeOptions(beam_size=1, max_length_ratio=0.5, max_length_extra=4)


def _agree_until_disallowed(free: list[int], restricted: list[int], allowed: set[int]) -> None:
    """Greedy: identical up to the first token the free model chose outside ``allowed``; then allowed."""
    for k, tok in enumerate(free):
        if tok not in allowed:
            assert restricted[:k] == free[:k]
            assert restricted[k] != tok
            return
    assert restricted == free


def _ids(backend: TransformersBackend, tokens: list[str]) -> list[int]:
    return [int(i) for i in backend.tokenizer.convert_tokens_to_ids(tokens)]


def test_allowed_set_is_english(tiny_nllb_dir: Path) -> None:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_nllb_dir)
    allowed = set(allowed_token_ids(tokenizer))
    assert {tokenizer.eos_token_id, tokenizer.unk_token_id, tokenizer.pad_token_id} <= allowed
    assert tokenizer.convert_tokens_to_ids("eng_Latn") in allowed
    assert tokenizer.convert_tokens_to_ids("pes_Arab") not in allowed
    for term in ("Collective Security Treaty Organization", "CSTO", "Dushanbe", "15%"):
        assert set(tokenizer(text_target=term, add_special_tokens=False)["input_ids"]) <= allowed
    persian = tokenizer(text_target="دوشنبه امنیت", add_special_tokens=False)["input_ids"]
    assert not set(persian) & allowed
    assert len(allowed) < len(tokenizer) / 2


def test_sliced_head_gives_the_same_logits_for_allowed_tokens(tiny_nllb_dir: Path) -> None:
    backend = TransformersBackend(str(tiny_nllb_dir))
    head = backend.model.lm_head
    allowed = sorted(random.Random(0).sample(range(head.weight.shape[0]), 300))
    sliced = SlicedOutputProjection(head, allowed)
    hidden = torch.randn(2, 3, head.weight.shape[1])
    full, small = head(hidden), sliced(hidden)
    assert torch.allclose(full[..., allowed], small[..., allowed], atol=1e-5)
    others = sorted(set(range(head.weight.shape[0])) - set(allowed))
    assert torch.isinf(small[..., others]).all()


def test_transformers_greedy_invariance(tiny_nllb_dir: Path) -> None:
    free_backend = TransformersBackend(str(tiny_nllb_dir))
    free = [_ids(free_backend, o.tokens) for o in free_backend.translate(PERSIAN, "fa", options=GREEDY)]
    chosen = sorted({t for row in free for t in row})
    specials = set(free_backend.tokenizer.all_special_ids)
    rng = random.Random(1)
    # (a) every token the free model chose is allowed: output unchanged
    keep_all = set(chosen) | specials | set(rng.sample(range(len(free_backend.tokenizer)), 200))
    restricted = TransformersBackend(str(tiny_nllb_dir))
    restrict_output_vocabulary(restricted.model, sorted(keep_all))
    out = [_ids(restricted, o.tokens) for o in restricted.translate(PERSIAN, "fa", options=GREEDY)]
    assert out == free
    # (b) half of the chosen tokens banned: same until the first banned choice, then only allowed tokens
    keep_half = set(chosen[::2]) | specials | set(rng.sample(range(len(free_backend.tokenizer)), 200))
    restrict_output_vocabulary(restricted.model, sorted(keep_half))
    out = [_ids(restricted, o.tokens) for o in restricted.translate(PERSIAN, "fa", options=GREEDY)]
    for f, r in zip(free, out, strict=True):
        _agree_until_disallowed(f, r, keep_half)
        assert set(r) <= keep_half
    # (c) the English-only set: English tokens only
    english = set(allowed_token_ids(restricted.tokenizer))
    restrict_output_vocabulary(restricted.model, sorted(english))
    outputs = restricted.translate(PERSIAN, "fa", options=GREEDY)
    for o in outputs:
        assert set(_ids(restricted, o.tokens)) <= english
        assert o.text.isascii()


pytest.importorskip("ctranslate2")


@pytest.fixture
def ct2_env(fake_hf_cache: Path, tmp_path: Path) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(tmp_path / "home"))
        yield tmp_path


def test_ctranslate2_vmap_greedy_invariance(ct2_env: Path) -> None:
    from translate.backends.ctranslate2_backend import CTranslate2Backend
    from translate.models.convert import convert_model

    converted = convert_model("nllb-600m", "float32").path
    free_backend = CTranslate2Backend(str(converted), threads=1)
    free = [o.tokens for o in free_backend.translate(PERSIAN, "fa", options=GREEDY)]
    vocab = free_backend.tokenizer.get_vocab()
    chosen = sorted({t for row in free for t in row})
    specials = set(free_backend.tokenizer.all_special_tokens) | {"eng_Latn"}
    rng = random.Random(2)
    filler = set(rng.sample(sorted(vocab), 200))
    for name, keep in (("all", set(chosen)), ("half", set(chosen[::2]))):
        allowed = keep | specials | filler
        folder = ct2_env / f"vmap-{name}"
        shutil.copytree(converted, folder)
        write_vmap(folder / "vmap.txt", sorted(allowed))
        restricted = CTranslate2Backend(str(folder), threads=1, restrict_vocab=True)
        out = [o.tokens for o in restricted.translate(PERSIAN, "fa", options=GREEDY)]
        if name == "all":
            assert out == free
        for f, r in zip(free, out, strict=True):
            ids = {vocab[t] for t in allowed}
            _agree_until_disallowed([vocab[t] for t in f], [vocab[t] for t in r], ids)
            assert set(r) <= allowed
    # the English-only map written at conversion time: English tokens only
    english = CTranslate2Backend(str(converted), threads=1, restrict_vocab=True)
    for o in english.translate(PERSIAN, "fa", options=GREEDY):
        assert o.text.isascii() and o.text.strip()
