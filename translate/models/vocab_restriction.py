"""English-only output vocabulary: the target tokens an English translation may use.

NLLB's output layer has 256k rows (every script of 200 languages); for English output most of that
matrix multiply is wasted. ``allowed_token_ids`` picks the tokens English text uses:

* every token whose text (``▁`` word marker removed) is printable ASCII or common typographic
  punctuation (curly quotes, dashes, ellipsis, degree, currency signs);
* every token produced by tokenizing English corpora: the glossary's English terms and variants
  (``glossary/data/default.tsv``), the reference translations (``seeds/reference/*.en.txt`` in a
  checkout) and any extra files the caller passes;
* ``<s>``, ``</s>``, ``<unk>``, ``<pad>`` and the ``eng_Latn`` language code (no other language codes).

``restrict_output_vocabulary`` applies the set to a transformers model by slicing its output
projection (a smaller ``lm_head``: only allowed rows are multiplied, other logits are ``-inf``);
``write_vmap`` writes CTranslate2's vocabulary map (``use_vmap=True``). Greedy decoding is unchanged
wherever the unrestricted model chose an allowed token; a disallowed choice is replaced by the best
allowed token. Beam scores are normalised over the allowed set, so beams may rank slightly differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import torch

WORD_MARK = "▁"
_EXTRA_CHARS = set("‘’“”–—…°€£¥§·×")
_REPO = Path(__file__).resolve().parents[2]


def default_english_corpus() -> list[str]:
    """English lines shipped with Dragoman: glossary terms and variants, plus seed references if present."""
    lines: list[str] = []
    glossary = _REPO / "glossary" / "data" / "default.tsv"
    if glossary.is_file():
        rows = glossary.read_text(encoding="utf-8").splitlines()
        header = rows[0].split("\t") if rows else []
        columns = [header.index(c) for c in ("english", "short", "unapproved") if c in header]
        for row in rows[1:]:
            cells = row.split("\t")
            for col in columns:
                if col < len(cells):
                    lines += [part.strip() for part in cells[col].split("|") if part.strip()]
    for path in sorted((_REPO / "seeds" / "reference").glob("*.en.txt")):
        lines += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines


_LANGUAGE_TOKEN = re.compile(r"^(?:[a-z]{3}_[A-Z][a-z]{3}|>>[\w-]+<<|__[a-z_]+__)$")


def _is_english_piece(piece: str) -> bool:
    if _LANGUAGE_TOKEN.match(piece):
        return False  # other languages' codes (pes_Arab, >>fra<<) must never be produced
    body = piece.replace(WORD_MARK, "")
    if not body:
        return True
    return all((" " <= ch <= "~") or ch in _EXTRA_CHARS for ch in body)


def _encode_target(tokenizer: Any, text: str) -> list[int]:
    try:
        return list(tokenizer(text_target=text, add_special_tokens=False)["input_ids"])
    except (TypeError, ValueError):
        return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def allowed_token_ids(
    tokenizer: Any,
    corpus: Iterable[str] | None = None,
    extra_tokens: Sequence[str] = ("eng_Latn",),
    script_filter: bool = True,
) -> list[int]:
    """Sorted ids of the tokens English output may use (see the module docstring)."""
    core = (tokenizer.bos_token_id, tokenizer.eos_token_id, tokenizer.unk_token_id, tokenizer.pad_token_id)
    allowed: set[int] = {int(i) for i in core if i is not None}
    vocab: dict[str, int] = tokenizer.get_vocab()
    if script_filter:
        allowed.update(int(i) for piece, i in vocab.items() if _is_english_piece(piece))
    lines = list(corpus) if corpus is not None else default_english_corpus()
    for line in lines:
        allowed.update(_encode_target(tokenizer, line))
        allowed.update(_encode_target(tokenizer, line.lower()))
    for token in extra_tokens:
        if token in vocab:
            allowed.add(int(vocab[token]))
    return sorted(i for i in allowed if 0 <= i < len(tokenizer))


def write_vmap(path: str | Path, tokens: Sequence[str]) -> Path:
    """Write a CTranslate2 vocabulary map whose empty key lists ``tokens`` (always-allowed targets)."""
    path = Path(path)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text("\t" + " ".join(tokens) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


class SlicedOutputProjection(torch.nn.Module):
    """An ``lm_head`` that multiplies only the allowed rows; other vocabulary entries get ``-inf``."""

    def __init__(self, full: torch.nn.Linear, allowed_ids: Sequence[int]) -> None:
        super().__init__()
        index = torch.tensor(sorted(set(int(i) for i in allowed_ids)), dtype=torch.long)
        self.vocab_size = int(full.weight.shape[0])
        self.register_buffer("index", index.to(full.weight.device), persistent=False)
        weight = full.weight.detach()[index].clone()
        self.sliced = torch.nn.Linear(weight.shape[1], weight.shape[0], bias=full.bias is not None)
        self.sliced.weight = torch.nn.Parameter(weight, requires_grad=False)
        if full.bias is not None:
            self.sliced.bias = torch.nn.Parameter(full.bias.detach()[index].clone(), requires_grad=False)
        self.sliced.to(full.weight.device)
        self.full = full  # kept for get_output_embeddings()/weight tying; never multiplied

    @property
    def weight(self) -> torch.Tensor:
        """The full weight (so code that inspects ``lm_head.weight`` keeps working)."""
        return self.full.weight

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        """Logits over the full vocabulary: computed for allowed ids, ``-inf`` elsewhere."""
        small = self.sliced(hidden)
        out = hidden.new_full((*hidden.shape[:-1], self.vocab_size), float("-inf"), dtype=small.dtype)
        out[..., self.index] = small
        return out


def restrict_output_vocabulary(model: Any, allowed_ids: Sequence[int]) -> Any:
    """Replace ``model.lm_head`` by a ``SlicedOutputProjection`` over ``allowed_ids`` (in place)."""
    head = model.lm_head
    if isinstance(head, SlicedOutputProjection):
        head = head.full
    model.lm_head = SlicedOutputProjection(head, allowed_ids)
    return model
