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
* Glossary constraints (100% guaranteed) by prefix re-decoding (CTranslate2 has no per-step logits
  hook; ``translate.decoding.prefix_forcing`` plans the prefix; ``translate.decoding.ct2_forcing.
  PrefixForcer`` places, scores and re-decodes through this backend's ``PrefixDecoder`` methods).
  Every input, constrained or not, is decoded once in the same batches (with the vocabulary map when
  ``restrict_vocab``; with attention when it has constraints). Outputs that already contain every
  required string (whole words) are final: a model that writes the glossary's terms itself pays
  nothing more. Each other output gets a target prefix in which the missing strings replace the
  model's own rendering of the source words the glossary matched (``constraint_sources``: found
  through the first pass's cross-attention), or, without a source hint, are inserted at the word
  boundary that scores best in one ``score_batch`` call; the prefix runs to the end of the last
  required string, so the re-decode (batched, ``repair_beam_size``: default greedy, with the
  vocabulary map when every prefix token is in it) only writes what follows and cannot lose a term.
  Attention comes from the re-decode itself. Constraints are disjunctive (``constraint_forms``): an
  output that has any accepted form of a term (``translate.decoding.acceptance``: "German" for
  "Germany") needs no forcing. A string the vocabulary cannot spell (``<unk>``) is never appended as
  text: the term report shows it missing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from translate.backends.base import BackendOutput, DecodeOptions, TranslationBackend
from translate.decoding.ct2_forcing import PrefixForcer, accepted_forms, distinct, source_hints
from translate.decoding.prefix_forcing import ForcedPrefix
from translate.errors import DragomanError, InputError
from translate.models.convert import (
    TOKENIZER_DIR,
    VMAP_FILE,
    find_converted,
    read_converted,
    require_ctranslate2,
)
from translate.models.hf_logging import route_transformers_logging
from translate.models.languages import (
    SOURCE_LANGUAGES,
    TARGET_LANGUAGE,
    marian_source_languages,
    nllb_code,
)
from translate.models.presets import get_preset


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
            raise DragomanError("device", f"{device} requested but CTranslate2 sees {count} CUDA device(s)")
        return "cuda", int(index or 0)
    raise DragomanError("device", f"unknown device {device!r}; use cpu, cuda, cuda:N or auto")


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
        repair_beam_size: int | None = 1,
        rejoin_tokens: int = 3,
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
        self.english_vocab = self.restrict_vocab
        self._vmap_allowed: set[str] | None = None
        from transformers import AutoTokenizer

        route_transformers_logging()
        self.tokenizer = AutoTokenizer.from_pretrained(
            self.path / TOKENIZER_DIR, local_files_only=True, trust_remote_code=False
        )
        self.special_tokens = set(self.tokenizer.all_special_tokens)
        max_len = int(getattr(self.tokenizer, "model_max_length", 1024) or 1024)
        self.max_positions = max_len if max_len < 100_000 else 1024
        self.prefix_tokens = [nllb_code(TARGET_LANGUAGE)] if self.family == "nllb" else []
        # glossary constraints: planning and re-decoding forced prefixes (``translate.decoding.ct2_forcing``)
        self.forcing = PrefixForcer(self, repair_beam_size, rejoin_tokens)

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

    def decode_text(self, tokens: Sequence[str]) -> str:
        """The text of content tokens."""
        ids = self.tokenizer.convert_tokens_to_ids(list(tokens))
        if self.family == "marian":
            return self.tokenizer.decode(ids, skip_special_tokens=True, use_source_tokenizer=False)
        return self.tokenizer.decode(ids, skip_special_tokens=True)

    def content_tokens(self, hypothesis: Sequence[str], budget: int) -> list[str]:
        """A hypothesis without prefix tokens, end of sentence or padding, cut at ``budget``."""
        body = list(hypothesis[len(self.prefix_tokens) :])
        if self.tokenizer.eos_token in body:
            body = body[: body.index(self.tokenizer.eos_token)]
        return [t for t in body if t != self.tokenizer.pad_token][:budget]

    def run_batch(
        self,
        sources: list[list[str]],
        prefixes: list[list[str]],
        max_len: int,
        options: DecodeOptions,
        with_attention: bool,
        use_vmap: bool,
        callback: Any = None,
    ) -> list[Any]:
        """``translate_batch`` results for ``sources`` with target prefixes (after ``prefix_tokens``)."""
        extra = {"callback": callback} if callback is not None else {}
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
            **extra,
        )

    def score_batch(self, sources: list[list[str]], targets: list[list[str]], batch_size: int) -> list[Any]:
        """``score_batch`` results (``log_probs``) of full target token lists."""
        return self.translator.score_batch(sources, targets, max_batch_size=max(1, batch_size))

    def _attention(self, source: list[str], rows: list[list[float]], n_out: int) -> list[list[float]]:
        keep = [j for j, t in enumerate(source) if t not in self.special_tokens]
        out = []
        for row in rows[len(self.prefix_tokens) : len(self.prefix_tokens) + n_out]:
            values = [row[j] for j in keep]
            total = sum(values) or 1e-9
            out.append([round(v / total, 6) for v in values])
        return out

    def _output(self, source: list[str], tokens: list[str], attention: Any) -> BackendOutput:
        out = BackendOutput(
            text=self.decode_text(tokens),
            tokens=tokens,
            source_tokens=[t for t in source if t not in self.special_tokens],
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
        constraint_sources: list[list[str]] | None = None,
        constraint_forms: list[list[list[str]]] | None = None,
    ) -> list[BackendOutput]:
        """Translate ``texts`` into English; see the module docstring."""
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
        sources = dict(zip(todo, self.tokenize_source([texts[i] for i in todo], lang), strict=True))
        required = {i: distinct(constraints[i]) if constraints else [] for i in todo}
        first = self._first_pass(todo, sources, required, options, with_attention)
        repairs: dict[int, ForcedPrefix] = {}
        for i in todo:
            tokens, rows = first[i]
            if required[i]:
                hints = source_hints(constraints[i], constraint_sources[i] if constraint_sources else None)
                accepted = accepted_forms(constraints[i], constraint_forms[i] if constraint_forms else None)
                plan = self.forcing.plan(sources[i], tokens, rows, required[i], hints, options, accepted)
                if plan is not None:
                    repairs[i] = plan
                    continue
            out = self._output(sources[i], tokens, rows if with_attention else None)
            if constraints is not None:
                out.constraint_positions = [[] for _ in constraints[i]]
            outputs[i] = out
        for i, (tokens, rows) in self.forcing.redecode(
            repairs, first, sources, options, with_attention
        ).items():
            assert constraints is not None
            out = self._output(sources[i], tokens, rows)
            by_term = {term: list(range(s, e)) for term, (s, e) in repairs[i].forced.items()}
            out.constraint_positions = [by_term.get(c, []) for c in constraints[i]]
            outputs[i] = out
        return [o for o in outputs if o is not None]

    def _first_pass(
        self,
        todo: list[int],
        sources: dict[int, list[str]],
        required: dict[int, list[str]],
        options: DecodeOptions,
        with_attention: bool,
    ) -> dict[int, tuple[list[str], Any]]:
        """Every input decoded once, longest first in batches: tokens and (when needed) attention rows."""
        order = sorted(todo, key=lambda i: (-len(sources[i]), i))
        size = max(1, int(options.batch_size))
        first: dict[int, tuple[list[str], Any]] = {}
        for start in range(0, len(order), size):
            batch = order[start : start + size]
            budgets = [self.max_new_tokens(len(sources[i]), options) for i in batch]
            attention = with_attention or any(required[i] for i in batch)  # placement needs it
            results = self.run_batch(
                [sources[i] for i in batch],
                [[] for _ in batch],
                max(budgets),
                options,
                attention,
                self.restrict_vocab,
            )
            for i, budget, result in zip(batch, budgets, results, strict=True):
                rows = result.attention[0] if attention else None
                first[i] = (self.content_tokens(result.hypotheses[0], budget), rows)
        return first

    def vmap_tokens(self) -> set[str] | None:
        """The tokens of the English vocabulary map, when decoding with it; None otherwise."""
        if not self.restrict_vocab:
            return None
        if self._vmap_allowed is None:
            line = (self.path / VMAP_FILE).read_text(encoding="utf-8").split("\n", 1)[0]
            self._vmap_allowed = set(line.split("\t", 1)[-1].split()) | set(self.prefix_tokens)
        return self._vmap_allowed
