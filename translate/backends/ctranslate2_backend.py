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
  hook; ``translate.terms.prefix_forcing`` plans the prefix). Every input, constrained or not, is
  decoded once in the same batches (with the vocabulary map when ``restrict_vocab``; with attention
  when it has constraints). Outputs that already contain every required string (whole words) are
  final: a model that writes the glossary's terms itself pays nothing more. Each other output gets a
  target prefix in which the missing strings replace the model's own rendering of the source words
  the glossary matched (``constraint_sources``: found through the first pass's cross-attention),
  or, without a source hint, are inserted at the word boundary that scores best in one
  ``score_batch`` call; the prefix runs to the end of the last required string, so the re-decode
  (batched, ``repair_beam_size``: default greedy, with the vocabulary map when every prefix token is
  in it) only writes what follows and cannot lose a term. Attention comes from the re-decode itself.
  Constraints are disjunctive (``constraint_forms``): an output that has any accepted form of a term
  (``translate.terms.acceptance``: "German" for "Germany") needs no forcing. A string the vocabulary
  cannot spell (``<unk>``) is never appended as text: the term report shows it missing.
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
from translate.models.hf_logging import route_transformers_logging
from translate.models.languages import (
    SOURCE_LANGUAGES,
    TARGET_LANGUAGE,
    marian_source_languages,
    nllb_code,
)
from translate.models.presets import get_preset
from translate.terms.acceptance import accepts
from translate.terms.prefix_forcing import (
    ForcedPrefix,
    RejoinWatcher,
    aligned_run,
    locate_source,
    plan_forced_prefix,
    starts_word,
    word_boundaries,
)

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
        # beam size of constraint re-decodes (None: the run's beam size); the text before the last
        # forced term comes from the first pass, so only the continuation after it is searched
        self.repair_beam_size = repair_beam_size
        # greedy re-decodes stop once their last ``rejoin_tokens`` tokens agree with the first pass
        # again (at a word start); the first pass's remainder is kept (0: always decode to the end)
        self.rejoin_tokens = rejoin_tokens
        from transformers import AutoTokenizer

        route_transformers_logging()
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
        callback: Any = None,
    ) -> list[Any]:
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
        required = {i: _distinct(constraints[i]) if constraints else [] for i in todo}
        first = self._first_pass(todo, sources, required, options, with_attention)
        repairs: dict[int, ForcedPrefix] = {}
        for i in todo:
            tokens, rows = first[i]
            if required[i]:
                hints = _hints(constraints[i], constraint_sources[i] if constraint_sources else None)
                accepted = _accepted(constraints[i], constraint_forms[i] if constraint_forms else None)
                plan = self._plan_repair(sources[i], tokens, rows, required[i], hints, options, accepted)
                if plan is not None:
                    repairs[i] = plan
                    continue
            out = self._output(sources[i], tokens, rows if with_attention else None)
            if constraints is not None:
                out.constraint_positions = [[] for _ in constraints[i]]
            outputs[i] = out
        for i, out in self._repair(repairs, first, sources, required, options, with_attention).items():
            assert constraints is not None
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
            results = self._run(
                [sources[i] for i in batch],
                [[] for _ in batch],
                max(budgets),
                options,
                attention,
                self.restrict_vocab,
            )
            for i, budget, result in zip(batch, budgets, results, strict=True):
                rows = result.attention[0] if attention else None
                first[i] = (self._content(result.hypotheses[0], budget), rows)
        return first

    # -- constraints ------------------------------------------------------------------------------

    def _constraint_tokens(self, text: str) -> list[str]:
        from translate.terms.constrained_decoding import tokenize_constraint

        return self.tokenizer.convert_ids_to_tokens(list(tokenize_constraint(self.tokenizer, text).primary))

    def _plan_repair(
        self,
        source: list[str],
        tokens: list[str],
        rows: Any,
        required: list[str],
        hints: dict[str, str],
        options: DecodeOptions,
        accepted: dict[str, list[str]] | None = None,
    ) -> ForcedPrefix | None:
        """The forced prefix for one first-pass output, or None when it has every required string."""
        pieces = {term: self._constraint_tokens(term) for term in required}
        content_rows = rows[len(self.prefix_tokens) :] if rows is not None else None
        text = self._decode_text(tokens)
        scored: dict[str, int] = {}

        def placement(term: str) -> tuple[int, int]:
            hint = hints.get(term, "")
            span = locate_source(source, hint, self._special_tokens) if hint else set()
            run = aligned_run(tokens, content_rows, span) if span and content_rows is not None else None
            if run is not None:
                return run
            if not scored:  # no hint: score every insertion point of every unplaced term at once
                unplaced = [t for t in required if not accepts(text, (accepted or {}).get(t) or t)]
                scored.update(self._best_positions(source, tokens, unplaced, pieces, options.batch_size))
            return scored[term], scored[term]

        return plan_forced_prefix(tokens, required, pieces, text, placement, accepted)

    def _repair(
        self,
        repairs: dict[int, ForcedPrefix],
        first: dict[int, tuple[list[str], Any]],
        sources: dict[int, list[str]],
        required: dict[int, list[str]],
        options: DecodeOptions,
        with_attention: bool,
    ) -> dict[int, BackendOutput]:
        """Re-decode the outputs that lacked a required string, with their forced prefixes, in batches."""
        if not repairs:
            return {}
        beam = self.repair_beam_size or options.beam_size
        repair_options = DecodeOptions(**{**options.__dict__, "beam_size": beam})
        allowed = self._vmap_tokens()
        in_map = {i for i in repairs if allowed is not None and set(repairs[i].tokens) <= allowed}
        groups = [[i for i in repairs if i in in_map], [i for i in repairs if i not in in_map]]
        size = max(1, int(options.batch_size))
        done: dict[int, BackendOutput] = {}
        for use_vmap, group in zip((True, False), groups, strict=True):
            group.sort(key=lambda i: (-len(sources[i]), i))
            for start in range(0, len(group), size):
                batch = group[start : start + size]
                limits = []
                for i in batch:  # the first pass's budget, plus what the prefix grew by
                    growth = max(0, len(repairs[i].tokens) - repairs[i].consumed)
                    limits.append(self.max_new_tokens(len(sources[i]), options) + growth + 1)
                rejoin = RejoinWatcher(
                    [repairs[i] for i in batch],
                    [first[i][0] for i in batch],
                    len(self.prefix_tokens),
                    self.rejoin_tokens if beam == 1 else 0,
                )
                results = self._run(
                    [sources[i] for i in batch],
                    [repairs[i].tokens for i in batch],
                    max(limits),
                    repair_options,
                    with_attention,
                    use_vmap,
                    callback=rejoin if rejoin.active else None,
                )
                for k, (i, limit, result) in enumerate(zip(batch, limits, results, strict=True)):
                    rejoined = k in rejoin.points
                    # a rejoined decode stopped within the batch's length limit: keep all of it
                    tokens = self._content(result.hypotheses[0], max(limits) if rejoined else limit)
                    rows = list(result.attention[0]) if with_attention else None
                    if rejoined:  # the continuation met the first pass again: keep the first pass's rest
                        x = rejoin.points[k]
                        first_tokens, first_rows = first[i]
                        tokens = tokens + first_tokens[x:]
                        if rows is not None:
                            offset = len(self.prefix_tokens)
                            rows = rows[: offset + len(tokens) - len(first_tokens) + x]
                            rows += list(first_rows[offset + x : offset + len(first_tokens)])
                    tokens, rows = self._unglue(tokens, rows, len(repairs[i].tokens))
                    done[i] = self._output(sources[i], tokens, rows)
        return done

    def _unglue(
        self, tokens: list[str], rows: list[Any] | None, at: int
    ) -> tuple[list[str], list[Any] | None]:
        """Keep the last prefix term a whole word: a continuation piece glued onto it starts a new word.

        (The transformers decoder bans such pieces right after a placed term; CTranslate2 cannot, so
        ``Russia`` + ``ؤ`` becomes ``Russia ؤ`` by using the piece's ``▁`` form, or a ``▁`` token.)
        """
        if at >= len(tokens) or starts_word(tokens[at]):
            return tokens, rows
        unk = self.tokenizer.unk_token_id
        marked = WORD_MARK + tokens[at]
        if self.tokenizer.convert_tokens_to_ids(marked) not in (None, unk):
            return [*tokens[:at], marked, *tokens[at + 1 :]], rows
        if self.tokenizer.convert_tokens_to_ids(WORD_MARK) in (None, unk):
            return tokens, rows
        offset = len(self.prefix_tokens)
        if rows is not None and offset + at < len(rows):
            rows = [*rows[: offset + at], rows[offset + at], *rows[offset + at :]]
        return [*tokens[:at], WORD_MARK, *tokens[at:]], rows

    def _vmap_tokens(self) -> set[str] | None:
        """The tokens of the English vocabulary map, when decoding with it; None otherwise."""
        if not self.restrict_vocab:
            return None
        if self._vmap_allowed is None:
            line = (self.path / VMAP_FILE).read_text(encoding="utf-8").split("\n", 1)[0]
            self._vmap_allowed = set(line.split("\t", 1)[-1].split()) | set(self.prefix_tokens)
        return self._vmap_allowed

    def _best_positions(
        self,
        source: list[str],
        tokens: list[str],
        missing: list[str],
        pieces: dict[str, list[str]],
        batch: int,
    ) -> dict[str, int]:
        """For each missing string, the word boundary of ``tokens`` where inserting it scores best."""
        positions = word_boundaries(tokens)
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


def _distinct(constraints: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(c for c in constraints if c.strip()))


def _accepted(constraints: Sequence[str], forms: Sequence[Sequence[str]] | None) -> dict[str, list[str]]:
    """Required string -> every form that satisfies it (itself first)."""
    accepted: dict[str, list[str]] = {}
    for k, term in enumerate(constraints):
        extra = list(forms[k]) if forms and k < len(forms) else []
        accepted.setdefault(term, list(dict.fromkeys([term, *extra])))
    return accepted


def _hints(constraints: Sequence[str], sources: Sequence[str] | None) -> dict[str, str]:
    """Required string -> the source words it translates (first hint wins)."""
    hints: dict[str, str] = {}
    for term, hint in zip(constraints, sources or [], strict=False):
        if term.strip() and hint and term not in hints:
            hints[term] = hint
    return hints
