"""Glossary constraints for CTranslate2 by prefix re-decoding: planning and running the second pass.

CTranslate2 has no per-step logits hook, so a backend built on it enforces constraints in two passes
(``translate.decoding.prefix_forcing`` plans where each missing string goes). ``PrefixForcer`` holds the
steps that need the model: the tokens of each required string, the best-scoring insertion point of
a string without a source hint (one ``score_batch`` call), the batched re-decode with the forced
prefixes (greedy re-decodes stop once they rejoin the first pass) and keeping the last forced term a
whole word. It reaches the model only through ``PrefixDecoder``, which the backend implements; it
imports nothing from ``translate.backends`` (imports run backends -> decoding).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from translate.decoding.acceptance import accepts
from translate.decoding.constrained_decoding import tokenize_constraint
from translate.decoding.prefix_forcing import (
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

FirstPass = dict[int, tuple[list[str], Any]]  # input index -> (content tokens, attention rows or None)


class PrefixDecoder(Protocol):
    """What ``PrefixForcer`` needs from a CTranslate2 backend."""

    tokenizer: Any
    prefix_tokens: list[str]  # target language tokens before the content (NLLB: ``eng_Latn``)
    special_tokens: set[str]

    def decode_text(self, tokens: Sequence[str]) -> str:
        """The text of content tokens."""
        ...

    def content_tokens(self, hypothesis: Sequence[str], budget: int) -> list[str]:
        """A hypothesis without prefix tokens, end of sentence or padding, cut at ``budget``."""
        ...

    def max_new_tokens(self, source_length: int, options: Any) -> int:
        """Output token budget for a source of ``source_length`` tokens."""
        ...

    def run_batch(
        self,
        sources: list[list[str]],
        prefixes: list[list[str]],
        max_len: int,
        options: Any,
        with_attention: bool,
        use_vmap: bool,
        callback: Any = None,
    ) -> list[Any]:
        """``translate_batch`` results for ``sources`` with target prefixes (after ``prefix_tokens``)."""
        ...

    def score_batch(self, sources: list[list[str]], targets: list[list[str]], batch_size: int) -> list[Any]:
        """``score_batch`` results (``log_probs``) of full target token lists."""
        ...

    def vmap_tokens(self) -> set[str] | None:
        """The tokens of the English vocabulary map when decoding with it; None otherwise."""
        ...


class PrefixForcer:
    """Plans forced prefixes for first-pass outputs and re-decodes them through a ``PrefixDecoder``."""

    def __init__(
        self, decoder: PrefixDecoder, repair_beam_size: int | None = 1, rejoin_tokens: int = 3
    ) -> None:
        self.decoder = decoder
        # beam size of constraint re-decodes (None: the run's beam size); the text before the last
        # forced term comes from the first pass, so only the continuation after it is searched
        self.repair_beam_size = repair_beam_size
        # greedy re-decodes stop once their last ``rejoin_tokens`` tokens agree with the first pass
        # again (at a word start); the first pass's remainder is kept (0: always decode to the end)
        self.rejoin_tokens = rejoin_tokens

    def constraint_tokens(self, text: str) -> list[str]:
        """The tokens a required string is written with."""
        tokenizer = self.decoder.tokenizer
        return tokenizer.convert_ids_to_tokens(list(tokenize_constraint(tokenizer, text).primary))

    def plan(
        self,
        source: list[str],
        tokens: list[str],
        rows: Any,
        required: list[str],
        hints: dict[str, str],
        options: Any,
        accepted: dict[str, list[str]] | None = None,
    ) -> ForcedPrefix | None:
        """The forced prefix for one first-pass output, or None when it has every required string."""
        decoder = self.decoder
        pieces = {term: self.constraint_tokens(term) for term in required}
        content_rows = rows[len(decoder.prefix_tokens) :] if rows is not None else None
        text = decoder.decode_text(tokens)
        scored: dict[str, int] = {}

        def placement(term: str) -> tuple[int, int]:
            hint = hints.get(term, "")
            span = locate_source(source, hint, decoder.special_tokens) if hint else set()
            run = aligned_run(tokens, content_rows, span) if span and content_rows is not None else None
            if run is not None:
                return run
            if not scored:  # no hint: score every insertion point of every unplaced term at once
                unplaced = [t for t in required if not accepts(text, (accepted or {}).get(t) or t)]
                scored.update(self.best_positions(source, tokens, unplaced, pieces, options.batch_size))
            return scored[term], scored[term]

        return plan_forced_prefix(tokens, required, pieces, text, placement, accepted)

    def redecode(
        self,
        repairs: dict[int, ForcedPrefix],
        first: FirstPass,
        sources: dict[int, list[str]],
        options: Any,
        with_attention: bool,
    ) -> FirstPass:
        """Re-decode the outputs that lacked a required string, with their forced prefixes, in batches.

        Returns content tokens and (with ``with_attention``) attention rows per input index.
        """
        if not repairs:
            return {}
        decoder = self.decoder
        beam = self.repair_beam_size or options.beam_size
        repair_options = replace(options, beam_size=beam)
        allowed = decoder.vmap_tokens()
        in_map = {i for i in repairs if allowed is not None and set(repairs[i].tokens) <= allowed}
        groups = [[i for i in repairs if i in in_map], [i for i in repairs if i not in in_map]]
        size = max(1, int(options.batch_size))
        offset = len(decoder.prefix_tokens)
        done: FirstPass = {}
        for use_vmap, group in zip((True, False), groups, strict=True):
            group.sort(key=lambda i: (-len(sources[i]), i))
            for start in range(0, len(group), size):
                batch = group[start : start + size]
                limits = []
                for i in batch:  # the first pass's budget, plus what the prefix grew by
                    growth = max(0, len(repairs[i].tokens) - repairs[i].consumed)
                    limits.append(decoder.max_new_tokens(len(sources[i]), options) + growth + 1)
                rejoin = RejoinWatcher(
                    [repairs[i] for i in batch],
                    [first[i][0] for i in batch],
                    offset,
                    self.rejoin_tokens if beam == 1 else 0,
                )
                results = decoder.run_batch(
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
                    tokens = decoder.content_tokens(result.hypotheses[0], max(limits) if rejoined else limit)
                    rows = list(result.attention[0]) if with_attention else None
                    if rejoined:  # the continuation met the first pass again: keep the first pass's rest
                        x = rejoin.points[k]
                        first_tokens, first_rows = first[i]
                        tokens = tokens + first_tokens[x:]
                        if rows is not None:
                            rows = rows[: offset + len(tokens) - len(first_tokens) + x]
                            rows += list(first_rows[offset + x : offset + len(first_tokens)])
                    done[i] = self.unglue(tokens, rows, len(repairs[i].tokens))
        return done

    def unglue(
        self, tokens: list[str], rows: list[Any] | None, at: int
    ) -> tuple[list[str], list[Any] | None]:
        """Keep the last prefix term a whole word: a continuation piece glued onto it starts a new word.

        (The transformers decoder bans such pieces right after a placed term; CTranslate2 cannot, so
        ``Russia`` + ``ؤ`` becomes ``Russia ؤ`` by using the piece's ``▁`` form, or a ``▁`` token.)
        """
        if at >= len(tokens) or starts_word(tokens[at]):
            return tokens, rows
        tokenizer = self.decoder.tokenizer
        unk = tokenizer.unk_token_id
        marked = WORD_MARK + tokens[at]
        if tokenizer.convert_tokens_to_ids(marked) not in (None, unk):
            return [*tokens[:at], marked, *tokens[at + 1 :]], rows
        if tokenizer.convert_tokens_to_ids(WORD_MARK) in (None, unk):
            return tokens, rows
        offset = len(self.decoder.prefix_tokens)
        if rows is not None and offset + at < len(rows):
            rows = [*rows[: offset + at], rows[offset + at], *rows[offset + at :]]
        return [*tokens[:at], WORD_MARK, *tokens[at:]], rows

    def best_positions(
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
        prefix = self.decoder.prefix_tokens
        scores = self.decoder.score_batch(
            [source] * len(candidates),
            [prefix + tokens[:p] + pieces[term] + tokens[p:] for term, p in candidates],
            max(1, batch),
        )
        best: dict[str, tuple[float, int]] = {}
        for (term, p), score in zip(candidates, scores, strict=True):
            value = sum(score.log_probs)
            if term not in best or value > best[term][0]:
                best[term] = (value, p)
        return {term: p for term, (_v, p) in best.items()}


def distinct(constraints: Sequence[str]) -> list[str]:
    """The non-blank required strings, each once, in order."""
    return list(dict.fromkeys(c for c in constraints if c.strip()))


def accepted_forms(constraints: Sequence[str], forms: Sequence[Sequence[str]] | None) -> dict[str, list[str]]:
    """Required string -> every form that satisfies it (itself first)."""
    accepted: dict[str, list[str]] = {}
    for k, term in enumerate(constraints):
        extra = list(forms[k]) if forms and k < len(forms) else []
        accepted.setdefault(term, list(dict.fromkeys([term, *extra])))
    return accepted


def source_hints(constraints: Sequence[str], sources: Sequence[str] | None) -> dict[str, str]:
    """Required string -> the source words it translates (first hint wins)."""
    hints: dict[str, str] = {}
    for term, hint in zip(constraints, sources or [], strict=False):
        if term.strip() and hint and term not in hints:
            hints[term] = hint
    return hints
