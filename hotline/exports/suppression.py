"""k-anonymous tables: coarsening, merging into "other", and cell suppression.

The rule (CTDC practice, ``shared/reference/twilio-and-intake-notes.md``):
no published number may count fewer than K = 11 reports, and no withheld
number may be recoverable by arithmetic on what is published.

Each table is periods (rows) x values of one attribute (columns), published
with its row totals, column totals and grand total. Margins are never
suppressed; instead they are made safe before any cell is looked at:

1. Periods: consecutive months (or weeks) are merged until each period has
   at least K reports (``periods``); a short tail joins the last period.
   Every table of one export shares these periods, hence identical row
   totals, so tables cannot be differenced against each other.
2. Values: columns whose total is under K are merged into "other", and if
   "other" is still under K, the next smallest columns join it
   (``merge_columns``). With a grand total under K nothing is published.
3. Primary suppression: every cell under K, zero included (the rule says
   "fewer than 11", and a published 0 is a number under 11).
4. Complementary suppression (``suppress``): with all margins published, a
   withheld cell is exactly determined unless it lies on a cycle of
   withheld cells (row, column, row, ... back to its row): then adding and
   subtracting one around the cycle keeps every margin, so the arithmetic
   cannot tell the true table from the shifted one. For each withheld cell
   not yet on such a cycle through *positive* withheld cells, the cheapest
   path (Dijkstra; the cost of a path is the sum of the published cells it
   withholds in addition) from its column to its row closes one. Because
   every other cell on the cycle is at least 1, the shift by one keeps all
   cells non-negative, so a withheld cell v has at least [v-1, v+1] (a
   withheld 0 at least [0, 1]) as its feasible range. Adding withheld cells
   never breaks an earlier cycle, so one pass reaches the fixed point.

The tests check the outcome independently, by linear programming over the
published numbers (``tests/integration/test_stats_kanon.py``).
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

K: Final = 11
OTHER: Final = "other"
Cell = tuple[int, int]


@dataclass(frozen=True)
class Period:
    label: str
    keys: tuple[str, ...]  # the months (or weeks) it spans


def periods(counts: Mapping[str, int], k: int = K) -> list[Period]:
    """Merge consecutive time keys (sortable labels) into periods of >= k."""
    result: list[list[str]] = []
    current: list[str] = []
    total = 0
    for key in sorted(counts):
        current.append(key)
        total += counts[key]
        if total >= k:
            result.append(current)
            current, total = [], 0
    if current:
        if not result:
            return []  # fewer than k reports in all: nothing can be published
        result[-1].extend(current)
    return [Period(keys[0] if len(keys) == 1 else f"{keys[0]}/{keys[-1]}", tuple(keys))
            for keys in result]


def merge_columns(totals: Mapping[str, int], order: Sequence[str], k: int = K,
                  forced: int = 0) -> dict[str, str]:
    """Map each value to its published column: itself, or "other".

    ``forced`` more of the smallest columns join "other" on top of those
    under k (``build_table`` asks for that when no safe suppression pattern
    exists; with one column left, the cells are the row totals).
    """
    mapping = {value: value for value in totals}
    merged = {value: total for value, total in totals.items()}
    rank = {value: index for index, value in enumerate(order)}

    def move(value: str) -> None:
        mapping.update({src: OTHER for src, dst in mapping.items() if dst == value})
        merged[OTHER] = merged.get(OTHER, 0) + merged.pop(value)

    def smallest() -> str:
        return min((v for v in merged if v != OTHER),
                   key=lambda v: (merged[v], rank.get(v, len(rank)), v))

    for value in [v for v in totals if v != OTHER and totals[v] < k]:
        move(value)
    for _ in range(forced):
        if len(merged) - (OTHER in merged) <= (0 if OTHER in merged else 1):
            break
        move(smallest())
    while OTHER in merged and merged[OTHER] < k and len(merged) > 1:
        move(smallest())
    return mapping


def _cheapest_path(matrix: Sequence[Sequence[int]], withheld: set[Cell], cell: Cell,
                   k: int) -> list[Cell] | None:
    """Cells of the cheapest path from ``cell``'s column to its row, using
    positive cells only and never ``cell`` itself; None if there is none."""
    rows, cols = len(matrix), len(matrix[0])
    start, target = ("c", cell[1]), ("r", cell[0])
    best: dict[tuple[str, int], int] = {start: 0}
    back: dict[tuple[str, int], tuple[tuple[str, int], Cell]] = {}
    queue: list[tuple[int, tuple[str, int]]] = [(0, start)]
    while queue:
        cost, node = heapq.heappop(queue)
        if node == target:
            path, at = [], node
            while at != start:
                at, used = back[at]
                path.append(used)
            return path
        if cost > best.get(node, cost):
            continue
        kind, index = node
        neighbours = ([("r", r) for r in range(rows)] if kind == "c"
                      else [("c", c) for c in range(cols)])
        for other in neighbours:
            edge = (other[1], index) if kind == "c" else (index, other[1])
            value = matrix[edge[0]][edge[1]]
            if edge == cell or value <= 0:
                continue
            step = 0 if edge in withheld else value
            if cost + step < best.get(other, cost + step + 1):
                best[other] = cost + step
                back[other] = (node, edge)
                heapq.heappush(queue, (cost + step, other))
    return None


def suppress(matrix: Sequence[Sequence[int]], k: int = K) -> set[Cell] | None:
    """The cells to withhold, or None when some small cell cannot be put on
    a cycle of positive cells (then the caller merges columns and retries)."""
    if not matrix or not matrix[0]:
        return set()
    withheld = {(r, c) for r, row in enumerate(matrix) for c, value in enumerate(row)
                if value < k}
    for cell in sorted(withheld):
        path = _cheapest_path(matrix, withheld, cell, k)
        if path is None:
            return None
        withheld.update(path)
    return withheld
