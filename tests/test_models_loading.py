"""Finding and loading models: presets, the Hugging Face cache, local directories, refusals."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from tiny_models import MARIAN_HUB_ID, NLLB_HUB_ID, ROUND_TRIP, SEEDS_DIR, install_fake_hf_cache
from transformers import AutoTokenizer

from translate.errors import ModelNotFoundError
from translate.models import (
    PRESETS,
    UnsupportedLanguageError,
    UnsupportedModelError,
    load_transformers_model,
    marian_source_languages,
    nllb_code,
    normalize_language,
    resolve_model,
)
from translate.models.languages import marian_needs_target_token


def _seed_lines() -> list[str]:
    return [
        line
        for path in sorted(SEEDS_DIR.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


# -------------------------------------------------------------------------------- tokenizers


def test_tiny_nllb_tokenizer_round_trips_every_seed_line(tiny_nllb_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_nllb_dir)
    assert type(tokenizer).__name__ == "NllbTokenizer"
    tokenizer.src_lang = "pes_Arab"
    lines = [*_seed_lines(), *ROUND_TRIP.values()]
    assert len(lines) > 100
    for line in lines:
        ids = tokenizer(line)["input_ids"]
        assert tokenizer.unk_token_id not in ids, line
        assert tokenizer.decode(ids, skip_special_tokens=True) == line


def test_tiny_nllb_tokenizer_has_flores_language_codes(tiny_nllb_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_nllb_dir)
    codes = ["eng_Latn", "pes_Arab", "arb_Arab", "prs_Arab", "tgk_Cyrl", "pbt_Arab", "rus_Cyrl", "uzn_Latn"]
    ids = [tokenizer.convert_tokens_to_ids(code) for code in codes]
    assert tokenizer.unk_token_id not in ids
    assert len(set(ids)) == len(codes)
    tokenizer.src_lang = "arb_Arab"
    encoded = tokenizer(ROUND_TRIP["ar"])["input_ids"]
    assert encoded[0] == tokenizer.convert_tokens_to_ids("arb_Arab")
    assert encoded[-1] == tokenizer.eos_token_id


def test_tiny_marian_tokenizer_round_trips(tiny_marian_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_marian_dir)
    assert type(tokenizer).__name__ == "MarianTokenizer"
    for line in [line for line in _seed_lines() if not line.isascii()]:
        ids = tokenizer(line)["input_ids"]
        assert tokenizer.unk_token_id not in ids, line
        # OPUS-MT sentencepiece models apply NFKC (e.g. ″ becomes ′′), so compare with that
        expected = unicodedata.normalize("NFKC", line)
        assert tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=True) == expected
    english = tokenizer(text_target=ROUND_TRIP["en"])["input_ids"]
    assert tokenizer.decode(english, skip_special_tokens=True, use_source_tokenizer=False) == ROUND_TRIP["en"]


# -------------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    ("code", "canonical", "flores"),
    [
        ("fa", "fa", "pes_Arab"),
        ("FA", "fa", "pes_Arab"),
        ("pes", "fa", "pes_Arab"),
        ("fa-IR", "fa", "pes_Arab"),
        ("ar", "ar", "arb_Arab"),
        ("arb_Arab", "ar", "arb_Arab"),
        ("prs", "prs", "prs_Arab"),
        ("fa-AF", "prs", "prs_Arab"),
        ("tg", "tg", "tgk_Cyrl"),
        ("tgk", "tg", "tgk_Cyrl"),
        ("en", "en", "eng_Latn"),
    ],
)
def test_language_codes(code: str, canonical: str, flores: str) -> None:
    assert normalize_language(code) == canonical
    assert nllb_code(code) == flores


@pytest.mark.parametrize("code", ["ru", "ps", "xx", ""])
def test_unsupported_language_is_a_clear_error(code: str) -> None:
    with pytest.raises(UnsupportedLanguageError) as err:
        normalize_language(code)
    assert "\n" not in str(err.value)
    assert "fa (Persian" in str(err.value)


def test_marian_language_pairs() -> None:
    assert marian_source_languages("Helsinki-NLP/opus-mt-ar-en") == ("ar",)
    assert "fa" in marian_source_languages("Helsinki-NLP/opus-mt-mul-en")
    assert "ar" in marian_source_languages("opus-mt-mul-en")
    assert marian_source_languages("Helsinki-NLP/opus-mt-en-ar") == ()
    assert not marian_needs_target_token("Helsinki-NLP/opus-mt-mul-en")
    assert marian_needs_target_token("Helsinki-NLP/opus-mt-en-mul")


def test_presets() -> None:
    assert PRESETS["nllb-600m"].hub_id == "facebook/nllb-200-distilled-600M"
    assert PRESETS["opus-mt-ar-en"].source_languages == ("ar",)
    assert {p.family for p in PRESETS.values()} == {"nllb", "marian"}
    assert "opus-mt-fa-en" not in PRESETS  # not on the hub; opus-mt-mul-en covers Persian


# -------------------------------------------------------------------------------- resolving


def test_preset_resolves_from_the_hf_cache_offline(fake_hf_cache: Path) -> None:
    resolved = resolve_model("nllb-600m")
    repo = fake_hf_cache / "models--facebook--nllb-200-distilled-600M" / "snapshots"
    assert resolved.path.parent == repo
    assert resolved.hub_id == NLLB_HUB_ID
    assert resolved.origin == "hf-cache"
    assert resolved.family == "nllb"
    assert resolved.model_type == "m2m_100"
    assert resolved.display_name == "nllb-600m"
    model, tokenizer = load_transformers_model(resolved)
    assert type(model).__name__ == "M2M100ForConditionalGeneration"
    assert type(tokenizer).__name__ == "NllbTokenizer"


def test_hub_id_resolves_from_the_hf_cache(fake_hf_cache: Path) -> None:
    resolved = resolve_model(MARIAN_HUB_ID)
    assert resolved.family == "marian"
    assert resolved.preset is None
    assert resolved.source_languages == ("ar",)
    assert str(resolved.path).startswith(str(fake_hf_cache))
    model, _ = load_transformers_model(resolved)
    assert type(model).__name__ == "MarianMTModel"


def test_local_directory_is_used_as_is(tiny_marian_dir: Path) -> None:
    resolved = resolve_model(str(tiny_marian_dir))
    assert resolved.origin == "local"
    assert resolved.path == tiny_marian_dir.resolve()
    assert resolved.family == "marian"


def test_missing_model_offline_names_the_cache_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("HF_HUB_CACHE", raising=False)
    monkeypatch.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model("nllb-3.3b")
    message = str(err.value)
    assert "\n" not in message
    assert str(tmp_path / "home" / "hub" / "models--facebook--nllb-200-3.3B") in message
    assert "dragoman models download facebook/nllb-200-3.3B" in message and "safetensors" in message
    assert "hf download" not in message  # it would fetch only pytorch_model.bin, which is refused


def test_transformers_offline_is_honoured_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")
    with pytest.raises(ModelNotFoundError, match="HF_HUB_OFFLINE"):
        resolve_model("opus-mt-ar-en")


def test_failed_download_is_the_same_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Online but unreachable (or no such repo): one line, not a traceback or a hang."""
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    with pytest.raises(ModelNotFoundError) as err:
        resolve_model("dragoman-tests/no-such-model-7f3a")
    message = str(err.value)
    assert "\n" not in message
    assert "download failed" in message
    assert str(tmp_path / "models--dragoman-tests--no-such-model-7f3a") in message


@pytest.mark.parametrize("spec", ["./no/such/model", "/nonexistent/model-dir", "not a model"])
def test_nonexistent_directory_or_bad_name(spec: str) -> None:
    with pytest.raises(ModelNotFoundError, match="no such model directory"):
        resolve_model(spec)


def test_pickle_only_directory_is_refused(tmp_path: Path, tiny_nllb_dir: Path) -> None:
    model_dir = tmp_path / "bin-only"
    shutil.copytree(tiny_nllb_dir, model_dir)
    (model_dir / "model.safetensors").unlink()
    (model_dir / "pytorch_model.bin").write_bytes(b"not unpickled: refused before reading")
    resolved = resolve_model(str(model_dir))
    with pytest.raises(UnsupportedModelError) as err:
        load_transformers_model(resolved)
    assert "pytorch_model.bin" in str(err.value)
    assert "safetensors" in str(err.value)


def test_non_translation_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}), encoding="utf-8")
    (tmp_path / "model.safetensors").write_bytes(b"")
    resolved = resolve_model(str(tmp_path))
    assert resolved.family == "unknown"
    with pytest.raises(UnsupportedModelError, match="'bert' is not a supported translation model"):
        load_transformers_model(resolved)


def test_cache_prefers_the_safetensors_conversion_snapshot(
    tmp_path: Path, tiny_nllb_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """NLLB's main branch is pickle-only; its safetensors live in a conversion PR (refs/pr/N)."""
    bin_only = tmp_path / "bin-only"
    shutil.copytree(tiny_nllb_dir, bin_only)
    (bin_only / "model.safetensors").unlink()
    (bin_only / "pytorch_model.bin").write_bytes(b"pickle")
    cache = tmp_path / "hub"
    main = install_fake_hf_cache(cache, NLLB_HUB_ID, bin_only)
    monkeypatch.setenv("HF_HUB_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(UnsupportedModelError, match=r"pytorch_model\.bin"):
        load_transformers_model(resolve_model("nllb-600m"))
    assert resolve_model("nllb-600m").path == main
    converted = install_fake_hf_cache(cache, NLLB_HUB_ID, tiny_nllb_dir, revision="refs/pr/45")
    assert (cache / "models--facebook--nllb-200-distilled-600M" / "refs" / "refs" / "pr" / "45").is_file()
    resolved = resolve_model("nllb-600m")
    assert resolved.path == converted
    model, _ = load_transformers_model(resolved)
    assert type(model).__name__ == "M2M100ForConditionalGeneration"
