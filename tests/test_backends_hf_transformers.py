"""TransformersBackend with tiny NLLB and Marian models: real generation, no mocks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import torch
from tiny_models import SEEDS_DIR

from translate.backends import UnknownBackendError, load_backend
from translate.backends.base import DecodeOptions
from translate.backends.hf_transformers import DeviceError, TransformersBackend, resolve_device
from translate.errors import DragomanError, InputError
from translate.models import UnsupportedLanguageError


def _sentences(seed_prefix: str, count: int) -> list[str]:
    """The first ``count`` sentences of a seed article's body paragraphs."""
    path = next(SEEDS_DIR.glob(f"{seed_prefix}*.txt"))
    body = [line for line in path.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    sentences = [s.strip() for line in body for s in re.split(r"(?<=[.!؟?])\s+", line) if len(s.strip()) > 20]
    return [s[:400] for s in sentences[:count]]


PERSIAN = _sentences("000_", 5)
ARABIC = _sentences("004_", 3)
# random weights never choose </s>: keep output budgets short so the tests stay quick on a shared CPU
SHORT = {"max_length_ratio": 0.5, "max_length_extra": 4}


@pytest.fixture(scope="module")
def nllb(tiny_nllb_dir: Path) -> TransformersBackend:
    return TransformersBackend(str(tiny_nllb_dir))


@pytest.fixture(scope="module")
def marian(tiny_marian_dir: Path) -> TransformersBackend:
    return TransformersBackend(str(tiny_marian_dir))


def test_seed_sentences_are_real() -> None:
    assert len(PERSIAN) == 5 and len(ARABIC) == 3
    assert all(re.search(r"[\u0600-\u06FF]", s) for s in PERSIAN + ARABIC)


@pytest.mark.parametrize("beam", [1, 4])
@pytest.mark.parametrize(("lang", "texts"), [("fa", PERSIAN), ("ar", ARABIC)])
def test_nllb_translates_deterministically(
    nllb: TransformersBackend, lang: str, texts: list[str], beam: int
) -> None:
    options = DecodeOptions(beam_size=beam, **SHORT)
    first = nllb.translate(texts, lang, options=options)
    second = nllb.translate(texts, lang, options=options)
    assert len(first) == len(texts)
    assert all(isinstance(out.text, str) and out.text for out in first)
    assert [o.text for o in first] == [o.text for o in second]
    assert all(
        len(out.tokens) <= nllb.max_new_tokens(len(nllb.tokenize_source([t], lang)[0]), options)
        for out, t in zip(first, texts, strict=True)
    )


@pytest.mark.parametrize("beam", [1, 4])
def test_marian_translates_arabic(marian: TransformersBackend, beam: int) -> None:
    options = DecodeOptions(beam_size=beam, **SHORT)
    first = marian.translate(ARABIC, "ar", options=options)
    second = marian.translate(ARABIC, "ar", options=options)
    assert all(isinstance(out.text, str) and out.text for out in first)
    assert [o.text for o in first] == [o.text for o in second]
    assert all("<pad>" not in out.tokens for out in first)


def test_batches_return_results_in_input_order(nllb: TransformersBackend) -> None:
    """Length-sorted batches of 2 give, position by position, what one-at-a-time translation gives."""
    texts = [PERSIAN[0], "کشورهای منطقه", PERSIAN[3], PERSIAN[1] + " " + PERSIAN[2], "امنیت"]
    alone = [nllb.translate([t], "fa", options=DecodeOptions(beam_size=1, **SHORT))[0] for t in texts]
    batched = nllb.translate(texts, "fa", options=DecodeOptions(beam_size=1, batch_size=2, **SHORT))
    assert [o.tokens for o in batched] == [o.tokens for o in alone]
    assert [o.text for o in batched] == [o.text for o in alone]
    # inputs of different lengths get different output budgets, so a shuffle would show
    assert len({len(o.tokens) for o in batched}) > 1
    assert [o.source_tokens for o in batched] == [o.source_tokens for o in alone]


def test_empty_inputs_give_empty_outputs(nllb: TransformersBackend) -> None:
    outputs = nllb.translate(["", PERSIAN[0], "   ", ""], "fa", options=DecodeOptions(**SHORT))
    assert [o.text for o in outputs[::2]] == ["", ""] and outputs[3].text == ""
    assert outputs[1].text
    assert nllb.translate(["", " "], "fa")[1].text == ""


@pytest.mark.slow  # its model fixture comes from getfixturevalue, unseen by conftest
@pytest.mark.parametrize("backend_name", ["nllb", "marian"])
def test_attention_matches_tokens(request: pytest.FixtureRequest, backend_name: str) -> None:
    backend: TransformersBackend = request.getfixturevalue(backend_name)
    lang = "fa" if backend_name == "nllb" else "ar"
    texts = PERSIAN[:2] if lang == "fa" else ARABIC[:2]
    outputs = backend.translate(texts, lang, options=DecodeOptions(beam_size=4, **SHORT), with_attention=True)
    for out, text in zip(outputs, texts, strict=True):
        assert out.attention is not None
        assert len(out.attention) == len(out.tokens) > 0
        assert all(len(row) == len(out.source_tokens) for row in out.attention)
        assert all(abs(sum(row) - 1.0) < 1e-3 for row in out.attention)
        source = backend.tokenizer.convert_tokens_to_string(out.source_tokens)
        assert source.replace(" ", "") == text.replace(" ", "").replace("\u200c", "") or lang == "ar"
        assert not any(tok in {"pes_Arab", "</s>", "<pad>"} for tok in out.source_tokens)
    plain = backend.translate(texts, lang, options=DecodeOptions(beam_size=4, **SHORT))
    assert [o.text for o in plain] == [o.text for o in outputs]  # attention does not change decoding
    assert all(o.attention is None for o in plain)


def test_preset_from_fake_cache_translates(fake_hf_cache: Path) -> None:
    backend = load_backend("transformers", "nllb-600m", device="cpu")
    assert backend.model_id == "nllb-600m"
    assert backend.supports("fa") and backend.supports("ar") and backend.supports("prs")
    assert backend.supports("tg") and not backend.supports("ru") and not backend.supports("en")
    out = backend.translate([PERSIAN[0]], "fa", options=DecodeOptions(beam_size=1, **SHORT))
    assert out[0].text


def test_opus_mt_ar_en_only_translates_arabic(fake_hf_cache: Path) -> None:
    backend = load_backend("transformers", "opus-mt-ar-en")
    assert backend.supports("ar") and not backend.supports("fa")
    with pytest.raises(UnsupportedLanguageError, match="does not translate from 'fa'"):
        backend.translate([PERSIAN[0]], "fa")


def test_only_english_target(nllb: TransformersBackend) -> None:
    with pytest.raises(UnsupportedLanguageError, match="into English"):
        nllb.translate([PERSIAN[0]], "fa", target_lang="ru")


def test_overlong_input_is_an_error_not_truncation(nllb: TransformersBackend) -> None:
    with pytest.raises(InputError, match="split the segment"):
        nllb.translate(["امنیت " * 1500], "fa")


def test_constraints_reach_the_output(nllb: TransformersBackend) -> None:
    outputs = nllb.translate(
        [PERSIAN[0], PERSIAN[1]],
        "fa",
        options=DecodeOptions(beam_size=2, **SHORT),
        constraints=[["Collective Security Treaty Organization"], []],
    )
    assert "Collective Security Treaty Organization" in outputs[0].text
    assert outputs[0].constraint_positions and outputs[0].constraint_positions[0]
    assert (
        outputs[1].text
        == nllb.translate([PERSIAN[1]], "fa", options=DecodeOptions(beam_size=2, **SHORT))[0].text
    )


def test_logits_processor_hook_sees_batch_indices(nllb: TransformersBackend) -> None:
    seen: list[list[int]] = []

    class BanEverythingButEos:
        def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
            if input_ids.shape[1] >= len(nllb.decoder_prefix()):
                scores[:, :] = float("-inf")
                scores[:, nllb.eos_id] = 0.0
            return scores

    def factory(indices: list[int]) -> list[BanEverythingButEos]:
        seen.append(indices)
        return [BanEverythingButEos()]

    texts = ["امنیت", PERSIAN[0], PERSIAN[1]]
    outputs = nllb.translate(texts, "fa", options=DecodeOptions(batch_size=2), logits_processor=factory)
    assert sorted(i for batch in seen for i in batch) == [0, 1, 2]
    assert seen[0] == [1, 2] or seen[0] == [2, 1]  # longest inputs first
    assert all(o.text == "" for o in outputs)


def test_threads_setting(tiny_marian_dir: Path) -> None:
    before = torch.get_num_threads()
    torch.set_num_threads(2)  # conftest runs tests on one thread: start elsewhere so the setting shows
    try:
        load_backend("transformers", str(tiny_marian_dir), threads=1)
        assert torch.get_num_threads() == 1
    finally:
        torch.set_num_threads(before)


def test_devices() -> None:
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") in {"cpu", "cuda"}
    with pytest.raises(DeviceError, match="unknown device"):
        resolve_device("tpu")
    if not torch.cuda.is_available():
        with pytest.raises(DeviceError, match="no CUDA GPU"):
            resolve_device("cuda")


def test_unknown_backend_name(tiny_marian_dir: Path) -> None:
    with pytest.raises(UnknownBackendError, match="unknown backend 'onnx'"):
        load_backend("onnx", str(tiny_marian_dir))


def test_english_vocab_and_int8_options(tiny_nllb_dir: Path) -> None:
    """``--english-vocab`` only writes English-vocabulary tokens; ``--precision int8`` quantizes the
    Linear layers; both change the cache key, and constraints still hold with both."""
    from translate.models.vocab_restriction import allowed_token_ids
    from translate.pipeline.cache import cache_key

    plain = load_backend("transformers", str(tiny_nllb_dir))
    small = load_backend("transformers", str(tiny_nllb_dir), precision="int8", english_vocab=True)
    assert (plain.variant, small.variant) == ("float32", "int8+english-vocab")
    assert any(type(m).__module__.startswith("torch.ao.nn.quantized") for m in small.model.modules())
    allowed = set(small.tokenizer.convert_ids_to_tokens(allowed_token_ids(small.tokenizer)))
    options = DecodeOptions(beam_size=2, **SHORT)
    free = plain.translate(PERSIAN[:3], "fa", options=options)
    outputs = small.translate(PERSIAN[:3], "fa", options=options, constraints=[["Dushanbe"], [], ["CSTO"]])
    assert any(set(o.tokens) - allowed for o in free)  # the full model does write other tokens
    assert all(set(o.tokens) <= allowed for o in outputs)
    assert "Dushanbe" in outputs[0].text and "CSTO" in outputs[2].text
    key = [cache_key(b, "fa", PERSIAN[0], options, []) for b in (plain, small)]
    assert key[0] != key[1]
    with pytest.raises(DragomanError, match="float32 or int8"):
        load_backend("transformers", str(tiny_nllb_dir), precision="float16")
