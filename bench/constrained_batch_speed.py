"""Constrained decoding on transformers: one segment at a time against one batch, NLLB-600M shapes.

Usage: ``python bench/constrained_batch_speed.py [--segments 8] [--tokens 24] [--threads 2]``.

Builds the NLLB-200-distilled-600M architecture with random weights and the test suite's seed-trained
tokenizer (padded to 256,206 tokens), takes the first constrained segments of seed 003 with their
default-glossary constraints, and decodes them with ``ConstrainedDecoder.decode`` per segment and
with ``decode_batch`` for all of them, greedy and beam 4, each with the same output budget. Prints
the seconds, the speed-up and whether the outputs are identical (they must be).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=8)
    parser.add_argument("--tokens", type=int, default=24, help="output budget per segment")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import torch
    from tiny_models import build_tiny_nllb
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    from translate_speed import ARCHS

    from translate.decoding.constrained_decoding import ConstrainedDecoder
    from translate.document import parse_document
    from translate.pipeline.terms_hook import plan_terms

    torch.set_num_threads(args.threads)
    config = ARCHS["nllb-600m"]["config"]
    shape = ("d_model", "encoder_layers", "decoder_layers", "encoder_attention_heads")
    shape += ("decoder_attention_heads", "encoder_ffn_dim", "decoder_ffn_dim")
    with tempfile.TemporaryDirectory(prefix="bench-constrained-") as tmp:
        directory = build_tiny_nllb(Path(tmp), {k: config[k] for k in shape}, config["vocab_size"])
        tokenizer = AutoTokenizer.from_pretrained(directory)
        model = AutoModelForSeq2SeqLM.from_pretrained(directory).eval()
    tokenizer.src_lang = "pes_Arab"
    path = next((REPO / "seeds").glob("003_*.txt"))
    doc = parse_document(path.read_text(encoding="utf-8"), doc_id=path.stem, path=str(path), source_lang="fa")
    plan = plan_terms(doc, None, "constrain")
    segments = [s for s in doc.segments if s.translate and s.model_input.strip()]
    jobs = [(s.model_input, plan.constraints(s)) for s in segments]
    jobs = [job for job in jobs if job[1]][: args.segments]
    texts, constraints = [t for t, _c in jobs], [c for _t, c in jobs]
    decoder = ConstrainedDecoder(model, tokenizer)
    count = sum(map(len, constraints))
    print(f"{len(texts)} segments of {path.name}, {count} constraints, {args.tokens} output tokens each")
    print("| beam | one at a time (s) | one batch (s) | speed-up | identical |\n|---|---|---|---|---|")
    for beam in (1, 4):
        start = time.perf_counter()
        alone = []
        for text, wanted in zip(texts, constraints, strict=True):
            enc = tokenizer(text, return_tensors="pt")
            alone.append(decoder.decode(enc["input_ids"], enc["attention_mask"], wanted, beam, args.tokens))
        one_by_one = time.perf_counter() - start
        enc = tokenizer(texts, return_tensors="pt", padding=True)
        start = time.perf_counter()
        ids, mask = enc["input_ids"], enc["attention_mask"]
        together = decoder.decode_batch(ids, mask, constraints, beam, args.tokens)
        batched = time.perf_counter() - start
        same = sum(a.token_ids == b.token_ids for a, b in zip(alone, together, strict=True))
        speedup = one_by_one / batched
        print(f"| {beam} | {one_by_one:.1f} | {batched:.1f} | {speedup:.2f}x | {same}/{len(texts)} |")


if __name__ == "__main__":
    main()
