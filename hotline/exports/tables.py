"""Published statistics tables, built from counts, and their CSV and JSON.

A ``Table`` is what may be released: periods x values, with margins, where
a withheld cell is None. It is built only through ``build_table``, which
applies ``suppression`` (K = 11, merging into "other", complementary
suppression), so nothing unsafe can be serialised by accident.

CSV and JSON are produced as generators of text chunks, one table (or one
line) at a time, so the web views can stream them and the CLI can write
them as they come.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from hotline.exports.suppression import OTHER, K, Period, merge_columns, suppress

TOTAL = "total"


@dataclass(frozen=True)
class Table:
    name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int, ...]
    column_totals: tuple[int, ...]
    total: int | None

    @property
    def empty(self) -> bool:
        return self.total is None

    def cell(self, row: str, column: str) -> int | None:
        return self.cells[self.rows.index(row)][self.columns.index(column)]

    def published_cells(self) -> Iterator[int]:
        for row in self.cells:
            yield from (value for value in row if value is not None)


def build_table(name: str, counts: Mapping[tuple[str, str], int], periods: Sequence[Period],
                order: Sequence[str], k: int = K) -> Table:
    """``counts`` maps (time key, value) to a count; ``periods`` come from the
    time totals of the whole population (shared by every table)."""
    if not periods:
        return Table(name, (), (), (), (), (), None)
    period_of = {key: index for index, period in enumerate(periods) for key in period.keys}
    value_totals: Counter[str] = Counter()
    for (_key, value), n in counts.items():
        value_totals[value] += n
    rank = {value: index for index, value in enumerate(order)}
    for forced in range(len(value_totals) + 1):
        mapping = merge_columns(value_totals, order, k, forced)
        columns = sorted(set(mapping.values()),
                         key=lambda v: (v == OTHER, rank.get(v, len(rank)), v))
        column_index = {value: index for index, value in enumerate(columns)}
        matrix = [[0] * len(columns) for _ in periods]
        for (key, value), n in counts.items():
            matrix[period_of[key]][column_index[mapping[value]]] += n
        withheld = suppress(matrix, k)
        if withheld is not None:
            break
    # A single column always succeeds (its cells are the row totals, >= k).
    assert withheld is not None
    cells = tuple(tuple(None if (r, c) in withheld else value for c, value in enumerate(row))
                  for r, row in enumerate(matrix))
    return Table(name, tuple(p.label for p in periods), tuple(columns), cells,
                 tuple(sum(row) for row in matrix),
                 tuple(sum(row[c] for row in matrix) for c in range(len(columns))),
                 sum(sum(row) for row in matrix))


CSV_HEADER = ("table", "period", "value", "count", "suppressed")


def _csv_line(values: Sequence[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(values)
    return buffer.getvalue()


def _long_rows(table: Table) -> Iterator[tuple[str, str, str, int | None]]:
    for r, period in enumerate(table.rows):
        for c, column in enumerate(table.columns):
            yield table.name, period, column, table.cells[r][c]
        yield table.name, period, TOTAL, table.row_totals[r]
    for c, column in enumerate(table.columns):
        yield table.name, TOTAL, column, table.column_totals[c]
    yield table.name, TOTAL, TOTAL, table.total


def csv_chunks(tables: Iterable[Table]) -> Iterator[str]:
    """Long format: one line per published or withheld number; a withheld
    number has an empty count and ``suppressed`` = 1."""
    yield _csv_line(CSV_HEADER)
    for table in tables:
        for name, period, value, count in _long_rows(table):
            yield _csv_line((name, period, value, "" if count is None else count,
                             1 if count is None else 0))


def json_chunks(tables: Iterable[Table], meta: Mapping[str, object]) -> Iterator[str]:
    """One JSON object: ``meta``, then ``tables`` written one at a time."""
    head = json.dumps(dict(meta), ensure_ascii=False, sort_keys=True)
    yield head[:-1] + (', ' if len(head) > 2 else '') + '"tables": ['
    for index, table in enumerate(tables):
        yield ("," if index else "") + json.dumps({
            "name": table.name, "periods": list(table.rows), "values": list(table.columns),
            "cells": [list(row) for row in table.cells], "period_totals": list(table.row_totals),
            "value_totals": list(table.column_totals), "total": table.total,
        }, ensure_ascii=False)
    yield "]}\n"
