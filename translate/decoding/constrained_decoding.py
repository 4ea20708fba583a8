"""Lexically constrained decoding for Hugging Face encoder-decoder models (NLLB/M2M100, Marian).

transformers 5 dropped constrained beam search (``force_words_ids``/``constraints``), so this module
runs its own decoding loop: the encoder once, then one decoder step per token with the key/value
cache, for all beams of a segment as one batch.

Every required English string is guaranteed to be in the output, whatever the model's weights:

* each hypothesis tracks which constraints are met and, at most, one constraint *in progress*;
  once the first token of a constraint is chosen only its continuations are allowed (a trie: when
  several terms share their first tokens, ``Collective Security Council`` and ``Collective Security
  Treaty``, the model picks the branch; a single continuation is forced);
* end-of-sequence is banned while any constraint is unmet or in progress;
* when the tokens left in the length budget equal the tokens still needed, the hypothesis may only
  start an unmet constraint, so a hypothesis that reaches the length limit has them all;
* a constraint also counts as met when the detokenized output already contains its text or any other
  accepted form of its term (``alternatives``: the adjective "German" for "Germany"; the rule is
  ``translate.decoding.acceptance``), so a term is forced only where the model wrote none of them;
* each constraint is tokenized word-initially (``▁CSTO``) and, where the vocabulary allows, without
  the leading space (``CSTO`` after ``(`` or ``«``); either variant satisfies it;
* beams are grouped into banks by constraint progress (grid/dynamic beam allocation, Post & Vilar
  2018) so hypotheses that have placed constraints are not crowded out; greedy decoding instead gets a
  small bonus on the first token of each unmet constraint so it places them where the model is ready.

Distinct strings are required at least once each: a term that occurs twice in a segment is one
constraint (the output must contain it, not necessarily twice).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import torch
from transformers.modeling_outputs import BaseModelOutput

from translate.decoding.acceptance import accepts
from translate.models.hf_compat import cache_kwargs, returned_cache

WORD_MARK = "▁"  # SentencePiece word-initial marker


@dataclass(frozen=True)
class Constraint:
    """A required string and the token sequences that write it."""

    text: str
    primary: tuple[int, ...]  # word-initial tokenization; the one forced when the budget runs out
    inner: tuple[int, ...] = ()  # tokenization without the leading space ("(CSTO"), may be empty
    accepted: tuple[str, ...] = ()  # every form that satisfies it (``text`` included); empty: ``text``

    def variants(self) -> list[tuple[int, ...]]:
        """The token sequences that place this constraint, primary first."""
        return [self.primary] + ([self.inner] if self.inner and self.inner != self.primary else [])


@dataclass
class ConstrainedOutput:
    """The best hypothesis of a constrained decode."""

    token_ids: list[int]  # generated tokens, decoder prefix and end-of-sequence excluded
    text: str
    score: float  # length-normalized log-probability
    # for each requested constraint (input order): target token indices where it was placed;
    # empty when the model wrote it on its own (find it in ``text``)
    constraint_positions: list[list[int]] = field(default_factory=list)


def _encode_target(tokenizer: Any, text: str) -> list[int]:
    try:
        return list(tokenizer(text_target=text, add_special_tokens=False)["input_ids"])
    except (TypeError, ValueError):
        return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def _greedy_pieces(piece: str, tokenizer: Any) -> list[int] | None:
    """Longest-match tokenization of ``piece`` with vocabulary entries that are not word-initial."""
    unk = tokenizer.unk_token_id
    out: list[int] = []
    i = 0
    while i < len(piece):
        for j in range(len(piece), i, -1):
            tok_id = tokenizer.convert_tokens_to_ids(piece[i:j])
            if tok_id is not None and tok_id != unk:
                out.append(tok_id)
                i = j
                break
        else:
            return None
    return out


def tokenize_constraint(tokenizer: Any, text: str) -> Constraint:
    """The word-initial and (when the vocabulary has the pieces) the inner tokenization of ``text``."""
    primary = _encode_target(tokenizer, text)
    if not primary:
        raise ValueError(f"constraint {text!r} has no tokens")
    pieces = tokenizer.convert_ids_to_tokens(primary)
    inner: list[int] | None = None
    if pieces[0] == WORD_MARK:
        inner = primary[1:]
    elif pieces[0].startswith(WORD_MARK):
        head = _greedy_pieces(pieces[0][len(WORD_MARK) :], tokenizer)
        inner = head + primary[1:] if head else None
    return Constraint(text=text, primary=tuple(primary), inner=tuple(inner or ()))


def default_decoder_prefix(model: Any, tokenizer: Any, target_code: str = "eng_Latn") -> list[int]:
    """Decoder start tokens: ``</s> eng_Latn`` for NLLB/M2M100, the start token for Marian and others."""
    start = model.config.decoder_start_token_id
    if start is None:
        start = model.config.pad_token_id
    prefix = [int(start)]
    if getattr(model.config, "model_type", "") in {"m2m_100", "nllb-moe"}:
        lang_id = tokenizer.convert_tokens_to_ids(target_code)
        if lang_id is not None and lang_id != tokenizer.unk_token_id:
            prefix.append(int(lang_id))
    return prefix


@dataclass(frozen=True)
class _Hyp:
    tokens: tuple[int, ...]
    score: float
    met: frozenset[int]
    # (branches still consistent with the tokens so far as (constraint, variant) pairs, tokens placed)
    progress: tuple[tuple[tuple[int, int], ...], int] | None
    placed: tuple[tuple[int, int, int], ...]  # (constraint, start, end) token index ranges


@dataclass
class _Search:
    """The beam search of one segment: its constraints, budget, live and finished hypotheses."""

    cons: list[Constraint]
    max_new: int
    hyps: list[_Hyp]
    finished: list[_Hyp] = field(default_factory=list)
    steps: int = 0

    def best(self) -> _Hyp:
        """The best finished hypothesis that meets every constraint (length-normalized score)."""
        finished = self.finished or self.hyps
        complete = [h for h in finished if len(h.met) == len(self.cons)] or finished
        return max(complete, key=lambda h: h.score / (len(h.tokens) + 1))


class ConstrainedDecoder:
    """Decodes segments with their constraints; the beams of all segments of a call form one batch."""

    def __init__(
        self,
        model: Any,
        tokenizer: Any,
        decoder_prefix: Sequence[int] | None = None,
        greedy_bonus: float = 2.0,
    ) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.prefix = list(decoder_prefix) if decoder_prefix else default_decoder_prefix(model, tokenizer)
        self.eos_id = int(model.config.eos_token_id)
        self.greedy_bonus = greedy_bonus
        self._banned = _banned_tokens(model, self.prefix, self.eos_id)
        self._max_new = 1 << 30  # set per search
        self._glue: list[int] | None = None

    def _root(self) -> _Hyp:
        return _Hyp((), 0.0, frozenset(), None, ())

    # -- public -----------------------------------------------------------------------------------

    def decode(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        constraints: Sequence[str],
        beam_size: int = 4,
        max_new_tokens: int = 128,
    ) -> ConstrainedOutput:
        """Translate one encoded segment (``input_ids`` of shape ``[1, S]``) under ``constraints``."""
        return self.decode_batch(input_ids, attention_mask, [constraints], beam_size, [max_new_tokens])[0]

    def decode_batch(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        constraints: Sequence[Sequence[str]],
        beam_size: int = 4,
        max_new_tokens: Sequence[int] | int = 128,
        alternatives: Sequence[Sequence[Sequence[str]]] | None = None,
    ) -> list[ConstrainedOutput]:
        """Translate ``B`` encoded segments (``[B, S]``, padded) each under its own constraints.

        ``alternatives[b][k]``, when given, lists the forms that satisfy ``constraints[b][k]`` as well
        (a disjunctive constraint: only ``constraints[b][k]`` itself is ever forced).

        The encoder runs once and the decoder once per step for every live beam of every segment
        (one batch); each segment's search is exactly the one-segment search, with its own budget.
        """
        budgets = [max_new_tokens] * len(constraints) if isinstance(max_new_tokens, int) else max_new_tokens
        if len(budgets) != len(constraints) or input_ids.shape[0] != len(constraints):
            raise ValueError("one row of input_ids, constraints and max_new_tokens per segment")
        searches = []
        for b, (wanted, budget) in enumerate(zip(constraints, budgets, strict=True)):
            accepted: dict[str, tuple[str, ...]] = {}
            for k, c in enumerate(wanted):
                forms = alternatives[b][k] if alternatives and k < len(alternatives[b]) else ()
                accepted.setdefault(c, tuple(dict.fromkeys([c, *forms])))
            distinct = list(dict.fromkeys(c for c in wanted if c.strip()))
            cons = [
                replace(tokenize_constraint(self.tokenizer, c), accepted=accepted.get(c, (c,)))
                for c in distinct
            ]
            needed_all = sum(len(c.primary) for c in cons)
            searches.append(_Search(cons, max(int(budget), needed_all + 1), [self._root()]))
        with torch.inference_mode():
            self._search(input_ids, attention_mask, searches, max(1, int(beam_size)))
        return [self._result(search, wanted) for search, wanted in zip(searches, constraints, strict=True)]

    def _result(self, search: _Search, constraints: Sequence[str]) -> ConstrainedOutput:
        best = search.best()
        cons = search.cons
        text = self.tokenizer.decode(list(best.tokens), skip_special_tokens=True)
        text = _repair(text, cons, best, self.tokenizer)
        positions_by_text: dict[str, list[int]] = {}
        for ci, start, end in best.placed:
            positions_by_text.setdefault(cons[ci].text, list(range(start, end)))
        return ConstrainedOutput(
            token_ids=list(best.tokens),
            text=text,
            score=best.score / max(1, len(best.tokens) + 1),
            constraint_positions=[positions_by_text.get(c, []) for c in constraints],
        )

    # -- search -----------------------------------------------------------------------------------

    def _search(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, searches: list[_Search], beam: int
    ) -> None:
        """Run every search to its end; decoder rows are the live hypotheses of all segments in order."""
        device = next(self.model.parameters()).device
        input_ids = input_ids.to(device)
        attention_mask = attention_mask.to(device)
        hidden = self.model.get_encoder()(
            input_ids=input_ids, attention_mask=attention_mask
        ).last_hidden_state
        active = list(range(len(searches)))
        owners = list(active)  # the segment of each decoder row
        dec_in = torch.tensor([self.prefix] * len(active), device=device)
        past = None
        while active:
            rows_of = torch.tensor(owners, device=device)
            out = self.model(
                encoder_outputs=BaseModelOutput(last_hidden_state=hidden.index_select(0, rows_of)),
                attention_mask=attention_mask.index_select(0, rows_of),
                decoder_input_ids=dec_in,
                use_cache=True,
                **cache_kwargs(self.model, past),
            )
            past = returned_cache(out)
            logprobs = torch.log_softmax(out.logits[:, -1, :].float(), dim=-1)
            if self._banned:
                logprobs[:, self._banned] = float("-inf")
            parents: list[int] = []
            tokens: list[int] = []
            owners = []
            first_row = 0
            still = []
            for index in active:
                search = searches[index]
                rows = len(search.hyps)
                chosen = self._step(search, logprobs[first_row : first_row + rows], beam)
                if chosen:
                    still.append(index)
                    search.hyps = [hyp for _b, _tok, hyp in chosen]
                    parents += [first_row + b for b, _tok, _hyp in chosen]
                    tokens += [tok for _b, tok, _hyp in chosen]
                    owners += [index] * len(chosen)
                first_row += rows
            active = still
            if active:
                past.reorder_cache(torch.tensor(parents, device=device))
                dec_in = torch.tensor([[tok] for tok in tokens], device=device)

    def _step(self, search: _Search, logprobs: torch.Tensor, beam: int) -> list[tuple[int, int, _Hyp]]:
        """One step of one segment's search: the next beam, or [] when the search is over."""
        self._max_new = search.max_new
        hyps, cons = search.hyps, search.cons
        allowed_rows, steer = self._restrictions(hyps, cons, search.max_new, logprobs)
        self._keep_terms_whole(hyps, allowed_rows, logprobs)
        chosen = self._select(hyps, cons, logprobs, allowed_rows, steer, beam, search.finished)
        search.steps += 1
        if not chosen or len(search.finished) >= beam:
            return []
        if search.steps >= search.max_new:  # length limit: every live hypothesis has its constraints
            search.finished.extend(hyp for _b, _tok, hyp in chosen)
            return []
        return chosen

    def _keep_terms_whole(
        self, hyps: list[_Hyp], allowed_rows: list[list[int] | None], logprobs: torch.Tensor
    ) -> None:
        """Right after a placed term, ban word-continuing pieces so "Russia" cannot become "Russiaؤ"."""
        rows = [
            b
            for b, hyp in enumerate(hyps)
            if allowed_rows[b] is None and any(end == len(hyp.tokens) for _ci, _s, end in hyp.placed)
        ]
        if rows:
            for b in rows:
                logprobs[b, self._glue_ids()] = float("-inf")

    def _glue_ids(self) -> list[int]:
        """Pieces that continue the previous word: no "▁" word start and a letter or digit first."""
        if self._glue is None:
            size = min(len(self.tokenizer), int(self.model.config.vocab_size))
            pieces = self.tokenizer.convert_ids_to_tokens(list(range(size)))
            self._glue = [
                i
                for i, piece in enumerate(pieces)
                if piece and not piece.startswith("▁") and piece[0].isalnum()
            ]
        return self._glue

    def _needed(self, hyp: _Hyp, cons: list[Constraint]) -> int:
        """Tokens still needed to meet every constraint (an upper bound over in-progress branches)."""
        unmet_total = sum(len(con.primary) for ci, con in enumerate(cons) if ci not in hyp.met)
        if hyp.progress is None:
            return unmet_total
        branches, pos = hyp.progress
        return max(
            len(cons[ci].variants()[vi]) - pos + unmet_total - len(cons[ci].primary) for ci, vi in branches
        )

    def _restrictions(
        self, hyps: list[_Hyp], cons: list[Constraint], max_new: int, logprobs: torch.Tensor
    ) -> tuple[list[list[int] | None], list[list[int]]]:
        """Per hypothesis: the only tokens allowed (or None), and the constraint tokens to steer to."""
        allowed: list[list[int] | None] = []
        steer: list[list[int]] = []
        for b, hyp in enumerate(hyps):
            unmet = [ci for ci in range(len(cons)) if ci not in hyp.met]
            if hyp.progress is not None:
                branches, pos = hyp.progress
                allowed.append(sorted({cons[ci].variants()[vi][pos] for ci, vi in branches}))
                steer.append([])
                continue
            starts = sorted({cons[ci].primary[0] for ci in unmet})
            remaining = max_new - len(hyp.tokens)
            if unmet and remaining <= self._needed(hyp, cons):
                allowed.append(starts)
            else:
                allowed.append(None)
                if unmet:
                    logprobs[b, self.eos_id] = float("-inf")
            steer.append(starts)
        return allowed, steer

    def _select(
        self,
        hyps: list[_Hyp],
        cons: list[Constraint],
        logprobs: torch.Tensor,
        allowed: list[list[int] | None],
        steer: list[list[int]],
        beam: int,
        finished: list[_Hyp],
    ) -> list[tuple[int, int, _Hyp]]:
        """Pick the next beam: (parent index, token, new hypothesis)."""
        scores = logprobs
        mask = torch.zeros_like(scores)
        for b, only in enumerate(allowed):
            if only is not None:
                mask[b].fill_(float("-inf"))
                mask[b, only] = 0.0
        scores = scores + mask
        ranked = scores.clone()
        if beam == 1:
            for b, toks in enumerate(steer):
                if toks and allowed[b] is None:
                    ranked[b, toks] += self.greedy_bonus
        k = min(2 * beam, scores.shape[-1])
        top = torch.topk(ranked, k, dim=-1)
        candidates: dict[tuple[int, int], float] = {}
        for b in range(len(hyps)):
            for tok, val in zip(top.indices[b].tolist(), top.values[b].tolist(), strict=True):
                if val != float("-inf"):
                    candidates[(b, tok)] = float(scores[b, tok])
            if beam > 1:  # grid/dynamic beam allocation: always consider starting an unmet constraint
                for tok in steer[b]:
                    val = float(scores[b, tok])
                    if val != float("-inf"):
                        candidates[(b, tok)] = val
        if beam == 1:
            b, tok = max(((0, t) for _b, t in candidates), key=lambda bt: float(ranked[bt]))
            hyp = self._extend(hyps[b], tok, float(scores[b, tok]), cons)
            if tok == self.eos_id:
                finished.append(hyp)
                return []
            return [(b, tok, self._after_token(hyp, cons))]
        live: list[tuple[int, int, _Hyp]] = []
        for (b, tok), val in sorted(candidates.items(), key=lambda kv: -(hyps[kv[0][0]].score + kv[1])):
            hyp = self._extend(hyps[b], tok, val, cons)
            if tok == self.eos_id:
                if len(finished) < beam:
                    finished.append(hyp)
                continue
            live.append((b, tok, hyp))
        chosen = _allocate_banks(live, cons, beam)
        return [(b, tok, self._after_token(hyp, cons)) for b, tok, hyp in chosen]

    def _extend(self, hyp: _Hyp, tok: int, logprob: float, cons: list[Constraint]) -> _Hyp:
        tokens = (*hyp.tokens, tok)
        new = _Hyp(tokens, hyp.score + logprob, hyp.met, hyp.progress, hyp.placed)
        if tok == self.eos_id:
            return _Hyp(hyp.tokens, new.score, hyp.met, None, hyp.placed)
        if hyp.progress is None:
            return self._maybe_start(new, tok, cons)
        branches, pos = hyp.progress
        alive = tuple((ci, vi) for ci, vi in branches if cons[ci].variants()[vi][pos] == tok)
        return self._advance(new, alive, pos + 1, cons)

    def _advance(
        self, hyp: _Hyp, branches: tuple[tuple[int, int], ...], pos: int, cons: list[Constraint]
    ) -> _Hyp:
        """Complete a branch that is fully written, or keep the consistent branches in progress."""
        for ci, vi in branches:
            if len(cons[ci].variants()[vi]) == pos:
                start = len(hyp.tokens) - pos
                placed = (*hyp.placed, (ci, start, len(hyp.tokens)))
                return _Hyp(hyp.tokens, hyp.score, hyp.met | {ci}, None, placed)
        if not branches:
            return _Hyp(hyp.tokens, hyp.score, hyp.met, None, hyp.placed)
        return _Hyp(hyp.tokens, hyp.score, hyp.met, (branches, pos), hyp.placed)

    def _maybe_start(self, hyp: _Hyp, tok: int, cons: list[Constraint]) -> _Hyp:
        prev_piece = self.tokenizer.convert_ids_to_tokens(hyp.tokens[-2]) if len(hyp.tokens) > 1 else ""
        prev_piece = prev_piece or ""
        after_non_word = not prev_piece or not prev_piece[-1].isalnum()
        budget_left = self._max_new - len(hyp.tokens)
        unmet_total = sum(len(con.primary) for ci, con in enumerate(cons) if ci not in hyp.met)
        branches = []
        for ci, con in enumerate(cons):
            if ci in hyp.met:
                continue
            for vi, variant in enumerate(con.variants()):
                if variant[0] != tok or (vi > 0 and not after_non_word):
                    continue
                if len(variant) - 1 + unmet_total - len(con.primary) > budget_left:
                    continue  # a longer variant that would not fit the length budget
                branches.append((ci, vi))
        return self._advance(hyp, tuple(branches), 1, cons)

    def _after_token(self, hyp: _Hyp, cons: list[Constraint]) -> _Hyp:
        """Mark constraints that the decoded text already contains."""
        unmet = [ci for ci in range(len(cons)) if ci not in hyp.met and not _in_progress(hyp, ci)]
        if not unmet:
            return hyp
        if not hyp.tokens:
            return hyp
        text = self.tokenizer.decode(list(hyp.tokens), skip_special_tokens=True)
        found = {ci for ci in unmet if accepts(text, cons[ci].accepted or cons[ci].text, final=False)}
        if not found:
            return hyp
        return _Hyp(hyp.tokens, hyp.score, hyp.met | found, hyp.progress, hyp.placed)


def contains_term(text: str, term: str, final: bool = False) -> bool:
    """``term`` occurs in ``text`` as the acceptance rule reads it ("Russia" is not met by "Russian");
    see ``translate.decoding.acceptance`` (``final=False``: not at the very end of a growing text)."""
    return accepts(text, term, final)


def _banned_tokens(model: Any, prefix: list[int], eos_id: int) -> list[int]:
    """Tokens never generated: padding, the decoder start/language tokens, single-token bad words."""
    banned = {int(t) for t in prefix}
    pad = model.config.pad_token_id
    if pad is not None:
        banned.add(int(pad))
    bad_words = getattr(getattr(model, "generation_config", None), "bad_words_ids", None) or []
    banned.update(int(seq[0]) for seq in bad_words if len(seq) == 1)
    banned.discard(eos_id)  # NLLB starts the decoder with </s>, which is also its end token
    return sorted(banned)


def _in_progress(hyp: _Hyp, ci: int) -> bool:
    return hyp.progress is not None and any(c == ci for c, _v in hyp.progress[0])


def _allocate_banks(
    live: list[tuple[int, int, _Hyp]], cons: list[Constraint], beam: int
) -> list[tuple[int, int, _Hyp]]:
    """Fill the beam round-robin from banks of equal constraint progress, best bank first."""
    banks: dict[int, list[tuple[int, int, _Hyp]]] = {}
    for item in live:  # ``live`` is sorted best first
        hyp = item[2]
        progress = sum(len(cons[ci].primary) for ci in hyp.met) + (hyp.progress[1] if hyp.progress else 0)
        banks.setdefault(progress, []).append(item)
    order = sorted(banks, reverse=True)
    chosen: list[tuple[int, int, _Hyp]] = []
    depth = 0
    while len(chosen) < beam and any(depth < len(banks[p]) for p in order):
        for p in order:
            if depth < len(banks[p]) and len(chosen) < beam:
                chosen.append(banks[p][depth])
        depth += 1
    return chosen


def _repair(text: str, cons: list[Constraint], hyp: _Hyp, tokenizer: Any) -> str:
    """For strings the vocabulary cannot spell (``<unk>``): the placed tokens' text is replaced by the
    exact string where it stands. Nothing is ever appended: a term that is not in the text stays
    missing and is reported so."""
    for ci, start, end in hyp.placed:
        con = cons[ci]
        if accepts(text, con.accepted or con.text):
            continue
        written = tokenizer.decode(list(hyp.tokens[start:end]), skip_special_tokens=True).strip()
        if written and written in text:
            text = text.replace(written, con.text, 1)
    return text
