"""Translation with CTranslate2 (optional extra ``dragoman[fast]``): NLLB and Marian, int8 on CPU.

Models come from ``dragoman models convert MODEL --quantization int8`` (``translate.models.convert``);
the backend behaves like ``TransformersBackend``: same language codes (NLLB source ``pes_Arab ...
</s>``, ``target_prefix`` ``eng_Latn``), inputs sorted by length and batched, results in input order,
blank inputs give "", at most ``max_length_ratio * source_tokens + max_length_extra`` output tokens
per input, greedy or beam search (deterministic), the same ``BackendOutput``.

* Threads: ``intra_threads`` = ``threads`` (default: all cores), ``inter_threads`` = 1 (one batch at
  a time; parallelism inside each matrix multiply).
* ``restrict_vocab=True`` decodes with the English-only vocabulary map (``vmap.txt``, ``use_vmap``).
* ``with_attention`` uses CTranslate2's ``return_attention`` (the alignment head of the last decoder
  layer, as converted), restricted to real source tokens and renormalised like the transformers one.
* Glossary constraints (100% guaranteed) by re-decoding with a forced ``target_prefix`` (CTranslate2
  has no per-step logits hook): constrained inputs are decoded in batches (without the vocabulary
  map); for the strings missing from an output, every insertion of each string at a word boundary of
  that output (at most ``MAX_POSITIONS`` spread over it) is scored in one ``score_batch`` call; each
  string goes where it scores best, and one more decode with ``target_prefix`` = output up to the end
  of the last inserted string lets the model continue fluently after it. Forced strings are in the
  prefix, so they stay. Cost: nothing for strings the model already wrote, else one ``score_batch``
  and one decode per input. A string the vocabulary cannot spell (``<unk>``) is appended as text,
  like the transformers decoder's repair.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.errors import DragomanError, InputError
from translate.models.convert import (
    TOKENIZER_DIR,
    VMAP_FILE,
    find_converted,
    read_converted,
    require_ctranslate2,
)
from translate.models.languages import (
    SOURCE_LANGUAGES,
    TARGET_LANGUAGE,
    marian_source_languages,
    nllb_code,
)
from translate.models.presets import get_preset

WORD_MARK = "▁"
MAX_POSITIONS = 24  # insertion points scored per missing string


class ModelNotConvertedError(DragomanError):
    """A model that has no CTranslate2 conversion yet."""


def _ct2_device(device: str, ctranslate2: Any) -> tuple[str, int]:
    device = (device or "cpu").strip().lower()
    if device == "auto":
        device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if device == "cpu":
        return "cpu", 0
    if device.startswith("cuda"):
        count = ctranslate2.get_cuda_device_count()
        index = device.partition(":")[2]
        if count == 0 or (index and (not index.isdigit() or int(index) >= count)):
            raise DragomanError("--device", f"{device} requested but CTranslate2 sees {count} CUDA device(s)")
        return "cuda", int(index or 0)
    raise DragomanError("--device", f"unknown device {device!r}; use cpu, cuda, cuda:N or auto")


class CTranslate2Backend(TranslationBackend):
    """A converted NLLB or Marian model run by ``ctranslate2.Translator``."""

    name = "ctranslate2"

    def __init__(
        self,
        model: str,
        device: str = "cpu",
        threads: int | None = None,
        quantization: str | None = None,
        restrict_vocab: bool = False,
    ) -> None:
        ctranslate2 = require_ctranslate2()
        path = find_converted(model, quantization)
        if path is None:
            quant = quantization or "int8"
            raise ModelNotConvertedError(
                model,
                "no CTranslate2 conversion found; run "
                f"`dragoman models convert {model} --quantization {quant}`",
            )
        self.path = Path(path)
        self.info = read_converted(self.path)
        preset = get_preset(model)
        super().__init__(preset.name if preset else self.info.model_id)
        self.family = self.info.family
        self.quantization = self.info.quantization
        self.precision = self.quantization
        if preset:
            self.source_languages = preset.source_languages
        elif self.family == "nllb":
            self.source_languages = SOURCE_LANGUAGES
        else:
            self.source_languages = marian_source_languages(self.info.model_id)
        ct2_device, index = _ct2_device(device, ctranslate2)
        self.device = ct2_device
        self.threads = int(threads or os.cpu_count() or 1)
        self.translator = ctranslate2.Translator(
            str(self.path),
            device=ct2_device,
            device_index=index,
            compute_type="default",
            inter_threads=1,
            intra_threads=self.threads if ct2_device == "cpu" else 0,
        )
        self.restrict_vocab = bool(restrict_vocab) and (self.path / VMAP_FILE).is_file()
        from transformers import AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        self.tokenizer = AutoTokenizer.from_pretrained(
            self.path / TOKENIZER_DIR, local_files_only=True, trust_remote_code=False
        )
        self._special_tokens = set(self.tokenizer.all_special_tokens)
        max_len = int(getattr(self.tokenizer, "model_max_length", 1024) or 1024)
        self.max_positions = max_len if max_len < 100_000 else 1024
        self.prefix_tokens = [nllb_code(TARGET_LANGUAGE)] if self.family == "nllb" else []

    # -- building blocks --------------------------------------------------------------------------

    def tokenize_source(self, texts: Sequence[str], source_lang: str) -> list[list[str]]:
        """Source tokens of each text with the model's special tokens (language code, ``</s>``)."""
        if self.family == "nllb":
            self.tokenizer.src_lang = nllb_code(source_lang)
        rows = self.tokenizer(list(texts))["input_ids"]
        out = []
        for n, row in enumerate(rows):
            if len(row) > self.max_positions - 2:
                raise InputError(
                    f"input {n}",
                    f"{len(row)} tokens, more than the {self.max_positions - 2} this model reads; "
                    "split the segment",
                )
            out.append(self.tokenizer.convert_ids_to_tokens(list(row)))
        return out

    def max_new_tokens(self, source_length: int, options: DecodeOptions) -> int:
        """Output token budget for a source of ``source_length`` tokens (specials included)."""
        budget = int(options.max_length_ratio * source_length + options.max_length_extra)
        return max(1, min(budget, self.max_positions - len(self.prefix_tokens) - 1))

    def _decode_text(self, tokens: Sequence[str]) -> str:
        ids = self.tokenizer.convert_tokens_to_ids(list(tokens))
        if self.family == "marian":
            return self.tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    def _content(self, hypothesis: Sequence[str], budget: int) -> list[str]:
        body = list(hypothesis[len(self.prefix_tokens) :])
        if self.tokenizer.eos_token in body:
            body = body[: body.index(self.tokenizer.eos_token)]
        return [t for t in body if t != self.tokenizer.pad_token][:budget]

    def _run(
        self,
        sources: list[list[str]],
        prefixes: list[list[str]],
        max_len: int,
        options: DecodeOptions,
        with_attention: bool,
        use_vmap: bool,
    ) -> list[Any]:
        return self.translator.translate_batch(
            sources,
            target_prefix=[self.prefix_tokens + p for p in prefixes]
            if self.prefix_tokens or any(prefixes)
            else None,
            beam_size=max(1, int(options.beam_size)),
            max_batch_size=max(1, int(options.batch_size)),
            max_decoding_length=len(self.prefix_tokens) + max_len,
            num_hypotheses=1,
            return_attention=with_attention,
            use_vmap=use_vmap,
            replace_unknowns=False,
        )

    def _attention(self, source: list[str], rows: list[list[float]], n_out: int) -> list[list[float]]:
        keep = [j for j, t in enumerate(source) if t not in self._special_tokens]
        out = []
        for row in rows[len(self.prefix_tokens) : len(self.prefix_tokens) + n_out]:
            values = [row[j] for j in keep]
            total = sum(values) or 1e-9
            out.append([round(v / total, 6) for v in values])
        return out

    def _output(self, source: list[str], tokens: list[str], attention: Any) -> BackendOutput:
        out = BackendOutput(
            text=self._decode_text(tokens),
            tokens=tokens,
            source_tokens=[t for t in source if t not in self._special_tokens],
        )
        if attention is not None:
            out.attention = self._attention(source, attention, len(tokens)) if tokens else []
        return out

    # -- translation ------------------------------------------------------------------------------

    def translate(
        self,
        texts: list[str],
        source_lang: str,
        target_lang: str = "en",
        options: DecodeOptions | None = None,
        constraints: list[list[str]] | None = None,
        with_attention: bool = False,
    ) -> list[BackendOutput]:
        """Translate ``texts`` into English; see the module docstring."""
        lang = self.check_languages(source_lang, target_lang)
        options = options or DecodeOptions()
        if constraints is not None and len(constraints) != len(texts):
            raise ValueError("constraints must have one list per input text")
        outputs: list[BackendOutput | None] = [None] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        for i, text in enumerate(texts):
            if not text.strip():
                outputs[i] = BackendOutput(text="")
        if todo:
            sources = dict(zip(todo, self.tokenize_source([texts[i] for i in todo], lang), strict=True))
            constrained = [i for i in todo if constraints and any(c.strip() for c in constraints[i])]
            free = sorted(set(todo) - set(constrained), key=lambda i: (-len(sources[i]), i))
            size = max(1, int(options.batch_size))
            for start in range(0, len(free), size):
                batch = free[start : start + size]
                budgets = [self.max_new_tokens(len(sources[i]), options) for i in batch]
                results = self._run(
                    [sources[i] for i in batch],
                    [[] for _ in batch],
                    max(budgets),
                    options,
                    with_attention,
                    self.restrict_vocab,
                )
                for i, budget, result in zip(batch, budgets, results, strict=True):
                    tokens = self._content(result.hypotheses[0], budget)
                    attention = result.attention[0] if with_attention else None
                    outputs[i] = self._output(sources[i], tokens, attention)
            constrained.sort(key=lambda i: (-len(sources[i]), i))
            for start in range(0, len(constrained), size):
                batch = constrained[start : start + size]
                assert constraints is not None
                done = self._translate_constrained(
                    [sources[i] for i in batch], [constraints[i] for i in batch], options, with_attention
                )
                for i, out in zip(batch, done, strict=True):
                    outputs[i] = out
        return [o for o in outputs if o is not None]

    # -- constraints ------------------------------------------------------------------------------

    def _constraint_tokens(self, text: str) -> list[str]:
        from translate.terms.constrained_decoding import tokenize_constraint

        return self.tokenizer.convert_ids_to_tokens(list(tokenize_constraint(self.tokenizer, text).primary))

    def _boundaries(self, tokens: list[str], locked: list[tuple[int, int]]) -> list[int]:
        inside = {p for start, end in locked for p in range(start + 1, end)}
        positions = [
            p
            for p in range(len(tokens) + 1)
            if p not in inside
            and (p == len(tokens) or tokens[p].startswith(WORD_MARK) or not tokens[p][:1].isalnum())
        ]
        return positions or [p for p in range(len(tokens) + 1) if p not in inside]

    def _translate_constrained(
        self,
        sources: list[list[str]],
        constraints: list[list[str]],
        options: DecodeOptions,
        with_attention: bool,
    ) -> list[BackendOutput]:
        """Constrained inputs: one batched free decode, then missing strings forced in (module doc)."""
        required = [list(dict.fromkeys(c for c in cons if c.strip())) for cons in constraints]
        pieces = {c: self._constraint_tokens(c) for req in required for c in req}
        budgets = [
            self.max_new_tokens(len(src), options) + sum(len(pieces[c]) for c in req)
            for src, req in zip(sources, required, strict=True)
        ]
        # constrained inputs never use the vocabulary map: forced tokens may lie outside it
        first = self._run(sources, [[] for _ in sources], max(budgets), options, False, False)
        outputs = []
        for k, source in enumerate(sources):
            tokens = self._content(first[k].hypotheses[0], budgets[k])
            outputs.append(
                self._force_missing(
                    source, tokens, required[k], constraints[k], pieces, budgets[k], options, with_attention
                )
            )
        return outputs

    def _best_positions(
        self,
        source: list[str],
        tokens: list[str],
        missing: list[str],
        pieces: dict[str, list[str]],
        batch: int,
    ) -> dict[str, int]:
        """For each missing string, the word boundary of ``tokens`` where inserting it scores best."""
        positions = self._boundaries(tokens, [])
        if len(positions) > MAX_POSITIONS:  # long outputs: evenly spaced candidates, end included
            step = len(positions) / MAX_POSITIONS
            positions = sorted({positions[int(i * step)] for i in range(MAX_POSITIONS)} | {positions[-1]})
        candidates = [(term, p) for term in missing for p in positions]
        scores = self.translator.score_batch(
            [source] * len(candidates),
            [self.prefix_tokens + tokens[:p] + pieces[term] + tokens[p:] for term, p in candidates],
            max_batch_size=max(1, batch),
        )
        best: dict[str, tuple[float, int]] = {}
        for (term, p), score in zip(candidates, scores, strict=True):
            value = sum(score.log_probs)
            if term not in best or value > best[term][0]:
                best[term] = (value, p)
        return {term: p for term, (_v, p) in best.items()}

    def _force_missing(
        self,
        source: list[str],
        tokens: list[str],
        required: list[str],
        constraints: list[str],
        pieces: dict[str, list[str]],
        budget: int,
        options: DecodeOptions,
        with_attention: bool,
    ) -> BackendOutput:
        locked: dict[str, tuple[int, int]] = {}
        missing = [c for c in required if c not in self._decode_text(tokens)]
        if missing:
            where = self._best_positions(source, tokens, missing, pieces, int(options.batch_size))
            forced: list[str] = []
            cursor = 0
            for term in sorted(missing, key=lambda t: (where[t], missing.index(t))):
                p = where[term]
                forced += tokens[cursor:p]
                cursor = p
                locked[term] = (len(forced), len(forced) + len(pieces[term]))
                forced += pieces[term]
            limit = max(budget, len(forced) + 1)
            decoded = self._run([source], [forced], limit, options, False, False)[0]
            tokens = self._content(decoded.hypotheses[0], limit)
        text = self._decode_text(tokens)
        for term in required:  # the vocabulary cannot spell it (<unk>): add the exact string
            if term not in text:
                text = f"{text} {term}".strip()
        attention = None
        if with_attention and tokens:
            attention = self._attention_by_forcing(source, tokens)
        out = self._output(source, tokens, attention)
        out.text = text
        positions_by_term = {c: list(range(s, e)) for c, (s, e) in locked.items()}
        out.constraint_positions = [positions_by_term.get(c, []) for c in constraints]
        return out

    def _attention_by_forcing(self, source: list[str], tokens: list[str]) -> list[list[float]]:
        """Attention for a fixed output: re-decode greedily with the whole output as target prefix."""
        forced = self.translator.translate_batch(
            [source],
            target_prefix=[self.prefix_tokens + tokens],
            beam_size=1,
            max_decoding_length=len(self.prefix_tokens) + len(tokens) + 1,
            return_attention=True,
        )[0]
        return forced.attention[0]
