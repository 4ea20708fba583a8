"""Which of two systems is better, and is the difference significant (sacrebleu's paired bootstrap)."""

from __future__ import annotations

from dataclasses import dataclass

from sacrebleu.significance import PairedTest

from translate.evaluate.scores import corpus_metrics


@dataclass(frozen=True)
class Comparison:
    """One metric's paired bootstrap result for a candidate against the baseline."""

    metric: str
    baseline: float
    candidate: float
    p_value: float | None
    significant: bool  # p < 0.05
    better: str  # "baseline", "candidate" or "tie"


def paired_bootstrap(
    baseline: tuple[str, list[str]],
    candidate: tuple[str, list[str]],
    references: list[str],
    samples: int = 1000,
) -> list[Comparison]:
    # sacrebleu's PairedTest uses a fixed seed (SACREBLEU_SEED, default 12345): results are reproducible
    """Paired bootstrap resampling (Koehn 2004) through ``sacrebleu.significance.PairedTest``."""
    metrics = corpus_metrics()
    test = PairedTest(
        [baseline, candidate], metrics, references=[references], test_type="bs", n_samples=samples
    )
    _, results = test()
    out = []
    result_keys = [key for key in results if key != "System"]  # sacrebleu's names, in metric order
    for name, key in zip(metrics, result_keys, strict=True):
        base, cand = results[key][0], results[key][1]
        higher_is_better = name != "TER"
        diff = (cand.score - base.score) * (1 if higher_is_better else -1)
        p = cand.p_value
        significant = p is not None and p < 0.05
        better = "tie" if not significant or diff == 0 else ("candidate" if diff > 0 else "baseline")
        out.append(Comparison(name, round(base.score, 2), round(cand.score, 2), p, significant, better))
    return out
