"""Tiny, randomly initialised translation models that go through the real loading code.

No machine here can download from a model hub, so tests build their own models: the **real model
classes** (``M2M100ForConditionalGeneration`` + ``NllbTokenizer`` for NLLB; ``MarianMTModel`` +
``MarianTokenizer`` for OPUS-MT) with random weights (fixed seed) and tokenizers trained on the seed
articles plus some English. They are saved with ``save_pretrained(safe_serialization=True)``, exactly
the files a hub snapshot holds, and can be installed into a fake Hugging Face cache under the real hub
id, so ``dragoman`` loads them through the same code path as NLLB-600M.

Their translations are gibberish (random weights) but deterministic strings; use them to test plumbing
(batching, order, offsets, attention shapes, constrained decoding, conversion), never quality.

Builders (plain functions, usable outside pytest)::

    build_tiny_nllb(directory) -> Path      # M2M100 + NllbTokenizer (BPE, Metaspace), all FLORES-200 codes
    build_tiny_marian(directory) -> Path    # MarianMTModel + MarianTokenizer (source.spm/target.spm)
    install_fake_hf_cache(cache_dir, hub_id, model_dir, revision="main") -> Path  # the snapshot dir

Fixtures (``pytest_plugins = ["tiny_models"]`` in ``tests/conftest.py``); the models and the cache are
built once per session, ``fake_hf_cache`` sets the environment for one test::

    tiny_nllb_dir     Path of a tiny NLLB model directory (d_model 32, 2+2 layers, ~4k BPE vocab
                      + 202 language codes; 1024 positions)
    tiny_marian_dir   Path of a tiny Marian model directory (d_model 32, 2+2 layers, shared vocab
                      ~1.7k; 512 positions)
    fake_hf_cache     Path of a Hugging Face hub cache holding tiny NLLB as
                      ``facebook/nllb-200-distilled-600M`` and tiny Marian as
                      ``Helsinki-NLP/opus-mt-ar-en``; while a test uses it, ``HF_HUB_CACHE`` points
                      there and ``HF_HUB_OFFLINE=1``, so ``resolve_model("nllb-600m")`` finds it.

Both tokenizers round-trip Persian, Arabic and English text (asserted when built).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO / "seeds"

NLLB_HUB_ID = "facebook/nllb-200-distilled-600M"
MARIAN_HUB_ID = "Helsinki-NLP/opus-mt-ar-en"
SEED = 1234

# English the tiny target side is trained on: desk vocabulary plus every printable ASCII character,
# so any English glossary term encodes without <unk>.
ENGLISH_TEXT = """\
The Collective Security Treaty Organization (CSTO) held joint exercises in Tajikistan.
The Shanghai Cooperation Organisation (SCO) and the Commonwealth of Independent States (CIS) met in Dushanbe.
NATO and the European Union discussed border security in Central Asia.
The Taliban took control of Kabul in August 2021; Islamic State Khorasan (IS-K) claimed the attack.
Drug trafficking across the Afghan-Tajik border rose by 15% in 2023, officials said.
The Islamic Movement of Uzbekistan was weakened after the events of 11 September.
Water disputes between Kyrgyzstan, Uzbekistan and Tajikistan threaten regional stability.
The deputy foreign minister of Tajikistan said cooperation among the states of the region is lacking.
Read More. Share this article. All rights reserved. Copyright 2024.
Russia, China, Iran, Pakistan, Kazakhstan, Turkmenistan and Afghanistan signed the agreement.
The conference on security in Central Asia was held at the Slavonic University in Dushanbe.
Refugees, migration and ethnic minorities remain sensitive issues for the governments.
 !"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~
"""

# Sentences every tiny tokenizer must reproduce exactly after encode -> decode.
ROUND_TRIP = {
    "fa": "سومین کنفرانس بینالمللی امنیت منطقه آسیای مرکزی در دوشنبه برگزار شد.",
    "ar": "وقالت وزارة الخارجية إن الحدود مع أفغانستان آمنة.",
    "en": "The Collective Security Treaty Organization (CSTO) met in Dushanbe.",
}


def seed_lines() -> list[str]:
    """Non-empty lines of the seed articles plus the English training text."""
    lines: list[str] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines += list(ROUND_TRIP.values())
    return lines + english_lines()


def english_lines() -> list[str]:
    """The English training lines."""
    return [line for line in ENGLISH_TEXT.splitlines() if line.strip()]


def _seeded() -> None:
    import torch

    torch.manual_seed(SEED)


# --------------------------------------------------------------------------------------------- NLLB


def _train_nllb_bpe(lines: list[str], vocab_size: int = 4000) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """A BPE vocabulary and merges in NLLB's layout (Metaspace ▁, <s> <pad> </s> <unk> first)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True))
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
        show_progress=False,
    )
    tok.train_from_iterator(lines, trainer)
    model = json.loads(tok.to_str())["model"]
    merges = [tuple(m.split(" ", 1)) if isinstance(m, str) else tuple(m) for m in model["merges"]]
    return model["vocab"], merges


TINY_NLLB_ARCHITECTURE: dict[str, int] = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
}


def _pad_vocabulary(vocab: dict[str, int], count: int, english: int) -> dict[str, int]:
    """``vocab`` plus ``count`` filler words never produced by encoding: ``english`` of them ASCII
    (``▁q17``, inside the English-only vocabulary map), the rest Cyrillic (``▁ж17``, outside it)."""
    padded = dict(vocab)
    for k in range(count):
        padded[f"▁q{k}" if k < english else f"▁ж{k}"] = len(padded)
    return padded


def build_tiny_nllb(
    directory: str | Path,
    architecture: dict[str, int] | None = None,
    vocab_size: int | None = None,
    english_fillers: int = 0,
) -> Path:
    """Write a tiny NLLB (M2M100 + NllbTokenizer) model to ``directory`` and return it.

    ``architecture`` overrides the layer sizes (``bench/translate_speed.py`` builds the real
    NLLB-600M shapes with the same seed-trained tokenizer); ``vocab_size`` pads the vocabulary with
    filler words to that size, ``english_fillers`` of them ASCII.
    """
    from transformers import GenerationConfig, M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    vocab, merges = _train_nllb_bpe(seed_lines())
    tokenizer = NllbTokenizer(vocab=vocab, merges=merges, src_lang="eng_Latn", model_max_length=1024)
    if vocab_size and vocab_size > len(tokenizer):
        vocab = _pad_vocabulary(vocab, vocab_size - len(tokenizer), english_fillers)
        tokenizer = NllbTokenizer(vocab=vocab, merges=merges, src_lang="eng_Latn", model_max_length=1024)
    _assert_round_trips_nllb(tokenizer)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        **{**TINY_NLLB_ARCHITECTURE, **(architecture or {})},
        max_position_embeddings=1024,
        scale_embedding=True,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        tokenizer_class="NllbTokenizer",
    )
    _seeded()
    model = M2M100ForConditionalGeneration(config).eval()
    model.generation_config = GenerationConfig(
        bos_token_id=config.bos_token_id,
        eos_token_id=config.eos_token_id,
        pad_token_id=config.pad_token_id,
        decoder_start_token_id=config.decoder_start_token_id,
        max_length=200,
    )
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def _assert_round_trips_nllb(tokenizer) -> None:
    for lang, code in (("fa", "pes_Arab"), ("ar", "arb_Arab"), ("en", "eng_Latn")):
        tokenizer.src_lang = code
        ids = tokenizer(ROUND_TRIP[lang])["input_ids"]
        assert ids[0] == tokenizer.convert_tokens_to_ids(code) and ids[-1] == tokenizer.eos_token_id
        assert tokenizer.unk_token_id not in ids, f"tiny NLLB tokenizer has <unk> in {lang}"
        back = tokenizer.decode(ids, skip_special_tokens=True)
        assert back == ROUND_TRIP[lang], f"tiny NLLB tokenizer does not round-trip {lang}: {back!r}"
    tokenizer.src_lang = "eng_Latn"


# ------------------------------------------------------------------------------------------- Marian


def _train_spm(lines: list[str], prefix: Path, vocab_size: int) -> Path:
    import sentencepiece as spm

    corpus = prefix.with_suffix(".txt")
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        model_type="unigram",
        num_threads=1,
        minloglevel=2,
    )
    return prefix.with_suffix(".model")


def build_tiny_marian(directory: str | Path) -> Path:
    """Write a tiny OPUS-MT (MarianMTModel + MarianTokenizer) model to ``directory`` and return it."""
    import sentencepiece as spm
    from transformers import GenerationConfig, MarianConfig, MarianMTModel, MarianTokenizer

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        arabic_script = [line for line in seed_lines() if not line.isascii()]
        source = _train_spm(arabic_script, Path(tmp) / "source", 2000)
        target = _train_spm(english_lines() * 4, Path(tmp) / "target", 400)
        shutil.copyfile(source, directory / "source.spm")
        shutil.copyfile(target, directory / "target.spm")
    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for model_file in (directory / "source.spm", directory / "target.spm"):
        processor = spm.SentencePieceProcessor(model_file=str(model_file))
        for i in range(processor.get_piece_size()):
            piece = processor.id_to_piece(i)
            if not (processor.is_control(i) or processor.is_unknown(i)):
                vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False, indent=1), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
        source_lang="ar",
        target_lang="en",
        model_max_length=512,
    )
    _assert_round_trips_marian(tokenizer)
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=4,
        decoder_attention_heads=4,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=512,
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        decoder_start_token_id=pad,
    )
    _seeded()
    model = MarianMTModel(config).eval()
    model.generation_config = GenerationConfig(
        bad_words_ids=[[pad]],
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        max_length=512,
    )
    model.save_pretrained(directory, safe_serialization=True)
    tokenizer.save_pretrained(directory)
    return directory


def _assert_round_trips_marian(tokenizer) -> None:
    for lang in ("ar", "fa"):
        ids = tokenizer(ROUND_TRIP[lang])["input_ids"]
        assert ids[-1] == tokenizer.eos_token_id
        assert tokenizer.unk_token_id not in ids, f"tiny Marian tokenizer has <unk> in {lang}"
        back = tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=True)
        assert back == ROUND_TRIP[lang], f"tiny Marian tokenizer does not round-trip {lang}: {back!r}"
    target_ids = tokenizer(text_target=ROUND_TRIP["en"])["input_ids"]
    assert tokenizer.unk_token_id not in target_ids
    back = tokenizer.decode(target_ids, skip_special_tokens=True)
    assert back == ROUND_TRIP["en"], f"tiny Marian tokenizer does not round-trip en: {back!r}"


# ----------------------------------------------------------------------------------- fake HF cache


def install_fake_hf_cache(
    cache_dir: str | Path, hub_id: str, model_dir: str | Path, revision: str = "main"
) -> Path:
    """Lay ``model_dir`` out in a hub cache as ``hub_id`` (blobs, snapshots/<hash>, refs/<revision>).

    Returns the snapshot directory. The commit hash is derived from the files, like a real one.
    """
    import hashlib

    repo = Path(cache_dir) / ("models--" + hub_id.replace("/", "--"))
    files = sorted(p for p in Path(model_dir).iterdir() if p.is_file())
    digest = hashlib.sha1()
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    commit = digest.hexdigest()
    snapshot = repo / "snapshots" / commit
    (repo / "blobs").mkdir(parents=True, exist_ok=True)
    snapshot.mkdir(parents=True, exist_ok=True)
    for path in files:
        data = path.read_bytes()
        blob = repo / "blobs" / hashlib.sha256(data).hexdigest()
        if not blob.exists():
            blob.write_bytes(data)
        link = snapshot / path.name
        if not link.exists():
            try:
                link.symlink_to(os.path.relpath(blob, snapshot))
            except OSError:  # no symlinks (Windows without developer mode): the hub copies too
                shutil.copyfile(blob, link)
    ref = repo / "refs" / revision
    ref.parent.mkdir(parents=True, exist_ok=True)
    ref.write_text(commit, encoding="utf-8")
    return snapshot


# -------------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def tiny_nllb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny NLLB model directory (built once per test session)."""
    return build_tiny_nllb(tmp_path_factory.mktemp("tiny-nllb"))


@pytest.fixture(scope="session")
def tiny_marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny OPUS-MT Marian model directory (built once per test session)."""
    return build_tiny_marian(tmp_path_factory.mktemp("tiny-marian"))


@pytest.fixture(scope="session")
def _fake_hf_cache_root(tmp_path_factory: pytest.TempPathFactory, tiny_nllb_dir: Path, tiny_marian_dir: Path):
    root = tmp_path_factory.mktemp("hf-home")
    cache = root / "hub"
    install_fake_hf_cache(cache, NLLB_HUB_ID, tiny_nllb_dir)
    install_fake_hf_cache(cache, MARIAN_HUB_ID, tiny_marian_dir)
    return root


@pytest.fixture
def fake_hf_cache(_fake_hf_cache_root: Path) -> Iterator[Path]:
    """The fake hub cache root (``HF_HUB_CACHE``), with the environment pointed at it and offline."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HOME", str(_fake_hf_cache_root))
        mp.setenv("HF_HUB_CACHE", str(_fake_hf_cache_root / "hub"))
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.delenv("HUGGINGFACE_HUB_CACHE", raising=False)
        yield _fake_hf_cache_root / "hub"


@pytest.fixture(scope="module")
def hf_env(
    tmp_path_factory: pytest.TempPathFactory, tiny_nllb_dir: Path, tiny_marian_dir: Path
) -> dict[str, str]:
    """Environment for ``dragoman`` subprocesses: offline, with a fresh fake HF cache (one per test
    module, so converted models and logs never leak between modules) holding both tiny models."""
    root = tmp_path_factory.mktemp("hf")
    install_fake_hf_cache(root / "hub", NLLB_HUB_ID, tiny_nllb_dir)
    install_fake_hf_cache(root / "hub", MARIAN_HUB_ID, tiny_marian_dir)
    env = {k: v for k, v in os.environ.items() if k != "HUGGINGFACE_HUB_CACHE"}
    env.update(
        HF_HOME=str(root), HF_HUB_CACHE=str(root / "hub"), HF_HUB_OFFLINE="1", PYTHONIOENCODING="utf-8"
    )
    return env
