"""Monotonic bead alignment by dynamic programming (Gale & Church 1993), with pluggable bead costs.

The length model is Gale and Church's: for a bead with ``l1`` source and ``l2`` target characters,
``delta = (l2 - c * l1) / sqrt(l1 * s2)`` is roughly standard normal, where ``c`` is the expected
target/source length ratio (estimated per document) and ``s2`` its variance per character. The cost
of a bead is ``-log P(bead type) - log P(|delta|)``; callers add their own terms (anchors, bridge).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

# -log of Gale & Church's bead-type priors (1-0 and 0-1 share 0.0099, 2-1 and 1-2 share 0.089).
BEAD_PRIOR_COST: dict[tuple[int, int], float] = {
    (1, 1): -math.log(0.89),
    (1, 0): -math.log(0.0099 / 2),
    (0, 1): -math.log(0.0099 / 2),
    (2, 1): -math.log(0.089 / 2),
    (1, 2): -math.log(0.089 / 2),
}
LENGTH_VARIANCE = 6.8


def length_cost(
    source_chars: int, target_chars: int, ratio: float, variance: float = LENGTH_VARIANCE
) -> float:
    """``-log P(|delta|)`` for a bead of the given character lengths (0 when either side is empty)."""
    if source_chars == 0 or target_chars == 0:
        return 0.0
    mean = (source_chars + target_chars / ratio) / 2
    delta = (target_chars - ratio * source_chars) / math.sqrt(mean * variance)
    tail = math.erfc(abs(delta) / math.sqrt(2))  # two-sided P(|Z| >= |delta|)
    return -math.log(max(tail, 1e-300))


@dataclass(frozen=True)
class Step:
    """One bead of a DP path: source units ``[i0, i1)`` aligned to target units ``[j0, j1)``."""

    i0: int
    i1: int
    j0: int
    j1: int
    cost: float

    @property
    def kind(self) -> str:
        """The bead type, e.g. ``"2-1"``."""
        return f"{self.i1 - self.i0}-{self.j1 - self.j0}"


def align_monotonic(
    n_source: int,
    n_target: int,
    bead_cost: Callable[[int, int, int, int], float],
    moves: tuple[tuple[int, int], ...] = tuple(BEAD_PRIOR_COST),
) -> list[Step]:
    """The cheapest monotonic path of beads covering both sequences completely.

    ``bead_cost(i0, i1, j0, j1)`` prices aligning source units ``[i0, i1)`` with target ``[j0, j1)``.
    """
    inf = math.inf
    best = [[inf] * (n_target + 1) for _ in range(n_source + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (n_target + 1) for _ in range(n_source + 1)]
    best[0][0] = 0.0
    for i in range(n_source + 1):
        row = best[i]
        for j in range(n_target + 1):
            if i == 0 and j == 0:
                continue
            for di, dj in moves:
                i0, j0 = i - di, j - dj
                if i0 < 0 or j0 < 0 or best[i0][j0] == inf:
                    continue
                cost = bead_cost(i0, i, j0, j)
                total = best[i0][j0] + cost
                if total < row[j]:
                    row[j] = total
                    back[i][j] = (di, dj, cost)
    steps: list[Step] = []
    i, j = n_source, n_target
    while i > 0 or j > 0:
        link = back[i][j]
        if link is None:  # unreachable with the given moves; cannot happen with 1-0 and 0-1 allowed
            raise ValueError("no alignment path")
        di, dj, cost = link
        steps.append(Step(i - di, i, j - dj, j, cost))
        i, j = i - di, j - dj
    steps.reverse()
    return steps
