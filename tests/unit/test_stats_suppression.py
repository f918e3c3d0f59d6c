"""k-anonymity of the published tables, checked from the outside.

For populations drawn by hypothesis, every table ``build_table`` releases
is attacked the way a reader would: each withheld cell is solved for by
linear programming (scipy ``linprog``) from every published number of the
table (cells, row totals, column totals, grand total) with all cells
non-negative. No withheld cell may come out exactly determined; in fact
each must be able to move at least one report down (where it is positive)
and one up. Also: no released number below 11, margins that add up, and
the same tables whichever backend counted them (the integration tests).
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from hotline.exports.suppression import K, merge_columns, periods, suppress
from hotline.exports.tables import Table, build_table

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 7)]
VALUES = ("web", "sms", "voice", "fax", "post", "pigeon", "other", "unknown")


def feasible_ranges(table: Table) -> dict[tuple[int, int], tuple[float, float]]:
    """min and max of every withheld cell given everything published."""
    hidden = [(r, c) for r, row in enumerate(table.cells) for c, v in enumerate(row) if v is None]
    if not hidden:
        return {}
    index = {cell: i for i, cell in enumerate(hidden)}
    equations, rhs = [], []
    for r, row in enumerate(table.cells):
        coefficients = np.zeros(len(hidden))
        for c, value in enumerate(row):
            if value is None:
                coefficients[index[(r, c)]] = 1
        equations.append(coefficients)
        rhs.append(table.row_totals[r] - sum(v for v in row if v is not None))
    for c in range(len(table.columns)):
        coefficients = np.zeros(len(hidden))
        published = 0
        for r, row in enumerate(table.cells):
            if row[c] is None:
                coefficients[index[(r, c)]] = 1
            else:
                published += row[c]
        equations.append(coefficients)
        rhs.append(table.column_totals[c] - published)
    ranges = {}
    for cell, i in index.items():
        objective = np.zeros(len(hidden))
        objective[i] = 1
        low = linprog(objective, A_eq=np.array(equations), b_eq=np.array(rhs),
                      bounds=(0, None), method="highs")
        high = linprog(-objective, A_eq=np.array(equations), b_eq=np.array(rhs),
                       bounds=(0, None), method="highs")
        assert low.status == 0 and high.status == 0, "published numbers are inconsistent"
        ranges[cell] = (low.fun, -high.fun)
    return ranges


def assert_safe(table: Table, truth: list[list[int]]) -> None:
    if table.empty:
        assert not table.cells and table.total is None
        return
    margins = [*table.row_totals, *table.column_totals, table.total]
    assert all(n >= K for n in margins), "a margin below k"
    assert all(n >= K for n in table.published_cells()), "a released cell below k"
    assert sum(table.row_totals) == sum(table.column_totals) == table.total
    for r, row in enumerate(truth):
        for c, value in enumerate(row):
            if table.cells[r][c] is not None:
                assert table.cells[r][c] == value
    for (r, c), (low, high) in feasible_ranges(table).items():
        value = truth[r][c]
        assert low - 1e-6 <= value <= high + 1e-6
        if value >= K:
            continue  # withheld to protect another cell; not sensitive itself
        assert high - low >= 1 - 1e-6, f"cell {(r, c)} = {value} is recoverable"
        assert high >= value + 1 - 1e-6, f"cell {(r, c)} = {value} has no room above"
        if value > 0:
            assert low <= value - 1 + 1e-6, f"cell {(r, c)} = {value} has no room below"


def truth_of(counts: Counter, table: Table) -> list[list[int]]:
    """The true (merged) matrix behind a table, rebuilt independently."""
    plan = periods(Counter({m: sum(n for (mm, _v), n in counts.items() if mm == m)
                            for m in {m for m, _ in counts}}))
    period_of = {key: i for i, p in enumerate(plan) for key in p.keys}
    matrix = [[0] * len(table.columns) for _ in table.rows]
    for (month, value), n in counts.items():
        column = value if value in table.columns else "other"
        matrix[period_of[month]][table.columns.index(column)] += n
    return matrix


small_or_large = st.one_of(st.integers(0, 12), st.integers(0, 12), st.integers(0, 90))
populations = st.dictionaries(
    st.tuples(st.sampled_from(MONTHS[:14]), st.sampled_from(VALUES)), small_or_large,
    min_size=1, max_size=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(populations)
def test_no_withheld_cell_can_be_recovered(raw):
    counts = Counter({key: n for key, n in raw.items() if n})
    if not counts:
        return
    months = Counter()
    for (month, _value), n in counts.items():
        months[month] += n
    table = build_table("t", counts, periods(months), VALUES)
    if table.empty:
        assert sum(counts.values()) < K
        return
    assert_safe(table, truth_of(counts, table))


def test_a_lone_small_cell_gets_a_partner_on_a_cycle():
    matrix = [[30, 3, 40], [25, 50, 60], [40, 45, 70]]
    withheld = suppress(matrix)
    assert (0, 1) in withheld and len(withheld) == 4  # the cheapest 2x2 cycle
    rows = {r for r, _ in withheld}
    cols = {c for _, c in withheld}
    assert len(rows) == 2 and len(cols) == 2


def test_a_bridge_between_two_cycles_is_closed():
    # Two separate 2x2 blocks of small cells would leave nothing to fix, but
    # a single small cell whose row and column partners are not linked must
    # not be left as the only path between them.
    matrix = [[5, 5, 40, 40], [5, 5, 40, 40], [40, 40, 5, 40], [40, 40, 40, 5]]
    table = Table("t", ("a", "b", "c", "d"), ("w", "x", "y", "z"), (), (), (), 0)
    withheld = suppress(matrix)
    cells = tuple(tuple(None if (r, c) in withheld else v for c, v in enumerate(row))
                  for r, row in enumerate(matrix))
    table = Table("t", table.rows, table.columns, cells, tuple(map(sum, matrix)),
                  tuple(sum(row[c] for row in matrix) for c in range(4)),
                  sum(map(sum, matrix)))
    assert_safe(table, matrix)


def test_zero_cells_are_withheld_and_protected():
    counts = Counter({("2025-01", "web"): 40, ("2025-01", "sms"): 30,
                      ("2025-02", "web"): 45, ("2025-02", "sms"): 0,
                      ("2025-02", "voice"): 20, ("2025-01", "voice"): 12})
    counts = Counter({k: v for k, v in counts.items() if v})
    table = build_table("t", counts, periods(Counter({"2025-01": 82, "2025-02": 65})),
                        ("web", "sms", "voice"))
    assert table.cell("2025-02", "sms") is None
    assert_safe(table, truth_of(counts, table))


def test_small_months_merge_and_tiny_populations_publish_nothing():
    plan = periods(Counter({"2025-01": 4, "2025-02": 5, "2025-03": 3, "2025-04": 20,
                            "2025-05": 2}))
    assert [p.label for p in plan] == ["2025-01/2025-03", "2025-04/2025-05"]
    assert periods(Counter({"2025-01": 4, "2025-02": 6})) == []
    empty = build_table("t", Counter({("2025-01", "web"): 10}), [], ("web",))
    assert empty.empty


def test_rare_values_merge_into_other_until_it_is_big_enough():
    mapping = merge_columns(Counter({"web": 50, "sms": 6, "voice": 3, "fax": 30}),
                            ("web", "sms", "voice", "fax"))
    assert mapping["sms"] == mapping["voice"] == "other"
    assert mapping["web"] == "web"
    # "other" with 9 < 11 swallows the next smallest column, fax.
    assert mapping["fax"] == "other"


@pytest.mark.parametrize("seed", range(5))
def test_large_random_tables(seed):
    rng = np.random.default_rng(seed)
    counts = Counter()
    for month in MONTHS:
        for value in VALUES:
            n = int(rng.choice([0, rng.integers(1, 11), rng.integers(11, 200)],
                               p=[0.2, 0.4, 0.4]))
            if n:
                counts[(month, value)] = n
    months = Counter()
    for (month, _value), n in counts.items():
        months[month] += n
    table = build_table("t", counts, periods(months), VALUES)
    assert_safe(table, truth_of(counts, table))
