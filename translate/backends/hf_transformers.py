"""Translation with Hugging Face transformers: NLLB-200 (M2M100) and OPUS-MT (Marian).

* Inputs are sorted by token length and batched (``DecodeOptions.batch_size``); results come back in
  input order. Empty or blank inputs give "" without running the model.
* Each output may use at most ``max_length_ratio * source_tokens + max_length_extra`` tokens, per
  input (not per batch), so a segment's translation does not depend on its neighbours' lengths.
* Greedy (``beam_size=1``) or beam search; no sampling, seeded: two runs give the same text.
* An input longer than the model's positions raises ``InputError`` instead of being truncated.
* ``constraints`` (English strings that must appear): the constrained inputs are decoded by
  ``translate.decoding.constrained_decoding.ConstrainedDecoder.decode_batch``, length-sorted in batches
  of ``batch_size`` (every beam of every input in one decoder call per step), on this backend's model
  and tokenizer.
* ``with_attention=True`` adds cross-attention: for each output token (the step that produced it),
  attention over the source tokens, averaged over all heads of ``attention_layers`` (default: the
  penultimate decoder layer, the best single layer for alignment in Garg et al. 2019), restricted to
  real source tokens (language code, ``</s>`` and padding dropped) and renormalised to sum to 1.

Extension points for decoding on top of this backend: ``.model``, ``.tokenizer``,
``.encode_source(texts, lang)``, ``.decoder_prefix()``, ``.max_new_tokens(n)``,
``.generate_kwargs(lang, options)``, and ``translate(..., logits_processor=...)``, a callable that gets
the input indices of each batch and returns extra ``LogitsProcessor``s for that batch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.errors import DragomanError, InputError
from translate.models.languages import (
    TARGET_LANGUAGE,
    UnsupportedLanguageError,
    nllb_code,
    normalize_language,
)
from translate.models.loading import ResolvedModel, load_transformers_model, resolve_model

LogitsProcessorFactory = Callable[[list[int]], Sequence[Any]]


class DeviceError(DragomanError):
    """A compute device that was asked for but is not available."""


def resolve_device(device: str) -> str:
    """``cpu``, ``cuda``/``cuda:N`` (must be available) or ``auto`` (cuda when available)."""
    device = (device or "cpu").strip().lower()
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cpu":
        return device
    if device.startswith("cuda"):
        if not torch.cuda.is_available():
            raise DeviceError("device", f"{device} requested but no CUDA GPU is available to torch")
        index = device.partition(":")[2]
        if index and (not index.isdigit() or int(index) >= torch.cuda.device_count()):
            raise DeviceError("device", f"{device}: only {torch.cuda.device_count()} CUDA device(s)")
        return device
    raise DeviceError("device", f"unknown device {device!r}; use cpu, cuda, cuda:N or auto")


class _PerInputLengthBudget:
    """Forces end-of-sequence once an input's own output budget is used up (all its beams)."""

    def __init__(self, budgets: list[int], num_beams: int, prefix_len: int, eos_id: int) -> None:
        self.budgets = budgets
        self.num_beams = num_beams
        self.prefix_len = prefix_len
        self.eos_id = eos_id

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        generated = input_ids.shape[1] - self.prefix_len
        for item, budget in enumerate(self.budgets):
            if generated >= budget:
                rows = slice(item * self.num_beams, (item + 1) * self.num_beams)
                scores[rows, :] = float("-inf")
                scores[rows, self.eos_id] = 0.0
        return scores


class TransformersBackend(TranslationBackend):
    """NLLB or Marian through ``transformers`` (PyTorch), on CPU or CUDA."""

    name = "transformers"

    def __init__(
        self,
        model: str | ResolvedModel,
        device: str = "cpu",
        threads: int | None = None,
        attention_layers: Sequence[int] | None = None,
        precision: str = "float32",
        english_vocab: bool = False,
    ) -> None:
        self.resolved = model if isinstance(model, ResolvedModel) else resolve_model(model)
        self.source_languages = tuple(self.resolved.source_languages)
        super().__init__(self.resolved.display_name)
        self.family = self.resolved.family
        self.device = resolve_device(device)
        if threads:
            torch.set_num_threads(int(threads))
        self.model, self.tokenizer = load_transformers_model(self.resolved, self.device)
        self.precision = "float32"
        self.english_vocab = bool(english_vocab)
        if self.english_vocab:  # before quantizing: the sliced head copies float32 rows
            from translate.models.vocab_restriction import allowed_token_ids, restrict_output_vocabulary

            restrict_output_vocabulary(self.model, allowed_token_ids(self.tokenizer))
        if precision == "int8":
            if self.device != "cpu":
                raise DragomanError("precision", f"int8 runs on the CPU only, not on {self.device}")
            from translate.backends.quantize import quantize_linear_int8

            quantize_linear_int8(self.model)
            self.precision = "int8"
        elif precision != "float32":
            raise DragomanError("precision", f"transformers runs float32 or int8, not {precision!r}")
        config = self.model.config
        self.eos_id = int(config.eos_token_id)
        self.pad_id = int(config.pad_token_id)
        self.max_positions = int(getattr(config, "max_position_embeddings", 0) or 1024)
        layers = int(getattr(config, "decoder_layers", 1) or 1)
        self.attention_layers = tuple(attention_layers) if attention_layers else (max(0, layers - 2),)
        self._special_ids = set(self.tokenizer.all_special_ids)
        if self.family == "nllb":
            self.target_code_id = self._token_id(nllb_code(TARGET_LANGUAGE))

    # -- languages --------------------------------------------------------------------------------

    def _token_id(self, token: str) -> int:
        token_id = self.tokenizer.convert_tokens_to_ids(token)
        if token_id is None or token_id == self.tokenizer.unk_token_id:
            raise UnsupportedLanguageError(self.model_id, f"the tokenizer has no language token {token}")
        return int(token_id)

    # -- building blocks (public, for decoding loops on top of this backend) ----------------------

    def tokenize_source(self, texts: Sequence[str], source_lang: str) -> list[list[int]]:
        """Source token ids of each text, with the model's special tokens (language code, ``</s>``)."""
        lang = normalize_language(source_lang)
        if self.family == "nllb":
            self.tokenizer.src_lang = nllb_code(lang)
        ids = self.tokenizer(list(texts))["input_ids"]
        for n, row in enumerate(ids):
            if len(row) > self.max_positions - 2:
                raise InputError(
                    f"input {n}",
                    f"{len(row)} tokens, more than the {self.max_positions - 2} this model reads; "
                    "split the segment",
                )
        return [list(row) for row in ids]

    def _pad(self, rows: Sequence[Sequence[int]]) -> dict[str, torch.Tensor]:
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, row in enumerate(rows):
            ids[i, : len(row)] = torch.tensor(row, dtype=torch.long)
            mask[i, : len(row)] = 1
        return {"input_ids": ids.to(self.device), "attention_mask": mask.to(self.device)}

    def encode_source(self, texts: Sequence[str], source_lang: str) -> dict[str, torch.Tensor]:
        """``input_ids`` and ``attention_mask`` (right-padded, on the model's device) for ``texts``."""
        return self._pad(self.tokenize_source(texts, source_lang))

    def decoder_prefix(self) -> list[int]:
        """Decoder tokens before the translation: ``</s> eng_Latn`` (NLLB) or ``<pad>`` (Marian)."""
        start = self.model.config.decoder_start_token_id
        prefix = [int(start if start is not None else self.pad_id)]
        if self.family == "nllb":
            prefix.append(self.target_code_id)
        return prefix

    def max_new_tokens(self, source_length: int, options: DecodeOptions | None = None) -> int:
        """Output token budget for a source of ``source_length`` tokens (specials included)."""
        options = options or DecodeOptions()
        budget = int(options.max_length_ratio * source_length + options.max_length_extra)
        return max(1, min(budget, self.max_positions - len(self.decoder_prefix()) - 1))

    def generate_kwargs(self, source_lang: str, options: DecodeOptions | None = None) -> dict[str, Any]:
        """Keyword arguments for ``model.generate`` (everything but inputs and length)."""
        options = options or DecodeOptions()
        beams = max(1, int(options.beam_size))
        kwargs: dict[str, Any] = {"num_beams": beams, "do_sample": False, "num_return_sequences": 1}
        if beams > 1:
            kwargs["early_stopping"] = True
        if self.family == "nllb":
            kwargs["forced_bos_token_id"] = self.target_code_id
        return kwargs

    # -- translation ------------------------------------------------------------------------------

    def translate(
        self,
        texts: list[str],
        source_lang: str,
        target_lang: str = "en",
        options: DecodeOptions | None = None,
        constraints: list[list[str]] | None = None,
        with_attention: bool = False,
        constraint_sources: list[list[str]] | None = None,
        logits_processor: LogitsProcessorFactory | None = None,
        constraint_forms: list[list[list[str]]] | None = None,
    ) -> list[BackendOutput]:
        """Translate ``texts`` into English; see the module docstring for batching and attention."""
        lang, options, outputs, todo = self.prepare(
            texts,
            source_lang,
            target_lang,
            options,
            constraints=constraints,
            constraint_sources=constraint_sources,
            constraint_forms=constraint_forms,
        )
        if not todo:
            return [o for o in outputs if o is not None]
        source_ids = dict(zip(todo, self.tokenize_source([texts[i] for i in todo], lang), strict=True))
        constrained = [i for i in todo if constraints and any(c.strip() for c in constraints[i])]
        free = sorted(set(todo) - set(constrained), key=lambda i: (-len(source_ids[i]), i))
        torch.manual_seed(options.seed)
        with torch.inference_mode():
            batch_size = max(1, int(options.batch_size))
            for start in range(0, len(free), batch_size):
                batch = free[start : start + batch_size]
                generated = self._generate(batch, source_ids, lang, options, logits_processor)
                for i, out_ids in zip(batch, generated, strict=True):
                    outputs[i] = self._output(source_ids[i], out_ids, with_attention)
            constrained.sort(key=lambda i: (-len(source_ids[i]), i))
            for start in range(0, len(constrained), batch_size):
                assert constraints is not None
                batch = constrained[start : start + batch_size]
                done = self._translate_constrained(
                    [source_ids[i] for i in batch],
                    [constraints[i] for i in batch],
                    options,
                    with_attention,
                    [constraint_forms[i] for i in batch] if constraint_forms else None,
                )
                for i, out in zip(batch, done, strict=True):
                    outputs[i] = out
        return [o for o in outputs if o is not None]

    def _generate(
        self,
        batch: list[int],
        source_ids: dict[int, list[int]],
        lang: str,
        options: DecodeOptions,
        logits_processor: LogitsProcessorFactory | None,
    ) -> list[list[int]]:
        from transformers import LogitsProcessorList

        kwargs = self.generate_kwargs(lang, options)
        budgets = [self.max_new_tokens(len(source_ids[i]), options) for i in batch]
        prefix_len = len(self.decoder_prefix())
        processors = LogitsProcessorList(
            [_PerInputLengthBudget(budgets, kwargs["num_beams"], prefix_len, self.eos_id)]
        )
        if logits_processor is not None:
            processors.extend(logits_processor(list(batch)))
        inputs = self._pad([source_ids[i] for i in batch])
        sequences = self.model.generate(
            **inputs,
            **kwargs,
            logits_processor=processors,
            max_length=prefix_len + max(budgets) + 1,
        )
        return [self._content(row.tolist()) for row in sequences]

    def _content(self, sequence: list[int]) -> list[int]:
        """The generated tokens of one output: decoder prefix, ``</s>`` and padding dropped."""
        body = sequence[len(self.decoder_prefix()) :]
        if self.eos_id in body:
            body = body[: body.index(self.eos_id)]
        return [t for t in body if t != self.pad_id]

    def _decode(self, token_ids: list[int]) -> str:
        if self.family == "marian":  # transformers decodes a shared vocab with the *source* spm otherwise
            return self.tokenizer.decode(token_ids, skip_special_tokens=True, use_source_tokenizer=False)
        return self.tokenizer.decode(token_ids, skip_special_tokens=True)

    def _output(self, source: list[int], out_ids: list[int], with_attention: bool) -> BackendOutput:
        out = BackendOutput(
            text=self._decode(out_ids),
            tokens=self.tokenizer.convert_ids_to_tokens(out_ids),
            source_tokens=self.tokenizer.convert_ids_to_tokens(
                [t for t in source if t not in self._special_ids]
            ),
        )
        if with_attention:
            out.attention = self.cross_attention(source, out_ids)
        return out

    def _translate_constrained(
        self,
        sources: list[list[int]],
        constraints: list[list[str]],
        options: DecodeOptions,
        with_attention: bool,
        alternatives: list[list[list[str]]] | None = None,
    ) -> list[BackendOutput]:
        """A batch of constrained inputs through ``ConstrainedDecoder.decode_batch`` (one model call
        per step for the beams of every input)."""
        from translate.decoding.constrained_decoding import ConstrainedDecoder

        for wanted in constraints:
            self._check_constraint_room(wanted)
        inputs = self._pad(sources)
        decoder = ConstrainedDecoder(self.model, self.tokenizer, decoder_prefix=self.decoder_prefix())
        results = decoder.decode_batch(
            inputs["input_ids"],
            inputs["attention_mask"],
            constraints,
            beam_size=max(1, int(options.beam_size)),
            max_new_tokens=[self.max_new_tokens(len(source), options) for source in sources],
            alternatives=alternatives,
        )
        outputs = []
        for source, result in zip(sources, results, strict=True):
            out_ids = [t for t in result.token_ids if t not in (self.eos_id, self.pad_id)]
            out = self._output(source, out_ids, with_attention)
            out.text = result.text
            out.constraint_positions = result.constraint_positions
            outputs.append(out)
        return outputs

    def _check_constraint_room(self, wanted: list[str]) -> None:
        """``DragomanError`` when the required English strings of one segment need more tokens than
        the model has output positions (forcing them would run off the position table)."""
        room = self.max_positions - len(self.decoder_prefix()) - 1
        needed = sum(len(self.tokenizer(text, add_special_tokens=False).input_ids) for text in wanted if text)
        if needed > room:
            longest = max(wanted, key=len)
            raise DragomanError(
                f"glossary term {longest[:40]!r}",
                f"the required English needs {needed} tokens, more than the {room} output positions "
                f"of {self.model_id}; shorten the term or pass --terms post-edit",
            )

    def cross_attention(self, source: list[int], out_ids: list[int]) -> list[list[float]]:
        """Attention ``[output token][source token]`` for one output, as described in the module doc."""
        if not out_ids:
            return []
        prefix = self.decoder_prefix()
        decoder_input = torch.tensor([prefix + out_ids[:-1]], device=self.device)
        inputs = self._pad([source])
        previous = self.model.config._attn_implementation
        if previous != "eager":
            self.model.set_attn_implementation("eager")  # sdpa does not return attention weights
        try:
            with torch.inference_mode():
                result = self.model(**inputs, decoder_input_ids=decoder_input, output_attentions=True)
        finally:
            if previous != "eager":
                self.model.set_attn_implementation(previous)
        layers = [result.cross_attentions[k] for k in self.attention_layers]
        attention = torch.stack(layers).mean(dim=(0, 2))[0]  # [decoder position, source position]
        rows = attention[len(prefix) - 1 :]
        keep = [j for j, t in enumerate(source) if t not in self._special_ids]
        rows = rows[:, keep]
        rows = rows / rows.sum(dim=-1, keepdim=True).clamp_min(1e-9)
        return [[round(float(v), 6) for v in row] for row in rows.float().cpu()]
