"""Server-rendered SVG charts of the published tables (matplotlib, Agg).

Charts draw only what a ``Table`` publishes: a withheld cell is never drawn
at its true height. In stacked charts the withheld cells of a period are
drawn together as one hatched "withheld" segment, whose height is the
period total minus its published cells (both public), so it tells nothing
new. Text is converted to glyph outlines (``svg.fonttype = path``) with
matplotlib's own fonts (DejaVu Sans, and Noto for Arabic where Debian's
fonts-noto-core is installed), shaped by matplotlib's text layout, so the
image needs no font, script or request from the browser. Each bar carries
an id ``v-<table>-<row>-<column>-<value>`` so tests can read the numbers
back out of the image.

Only the object-oriented API is used (no pyplot state), so rendering is
safe in a threaded server.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from matplotlib import font_manager
from matplotlib.figure import Figure

from hotline.exports.tables import Table

_FAMILIES = [name for name in ("DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic")
             if any(font.name == name for font in font_manager.fontManager.ttflist)]
matplotlib.rcParams.update({
    "svg.fonttype": "path",
    "svg.hashsalt": "hotline",  # stable ids: the same numbers give the same file
    "font.family": _FAMILIES or ["DejaVu Sans"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
})
PALETTE = ("#1d70b8", "#f47738", "#00703c", "#912b88", "#d4351c", "#5694ca", "#85994b",
           "#6f72af", "#b58840", "#28a197", "#f499be", "#626a6e")
WITHHELD_COLOUR = "#b1b4b6"
Label = Callable[[str], str]


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _figure(title: str, width: float = 7.5, height: float = 3.6) -> Figure:
    figure = Figure(figsize=(width, height), layout="constrained")
    figure.suptitle(title, fontsize=11)
    return figure


def _nothing(figure: Figure, message: str) -> bytes:
    axes = figure.add_subplot()
    axes.set_axis_off()
    axes.text(0.5, 0.5, message, ha="center", va="center", transform=axes.transAxes)
    return _svg(figure)


def stacked_chart(table: Table, title: str, label: Label, withheld_label: str,
                  empty_message: str, ylabel: str) -> bytes:
    """Periods along x; each bar stacks the published cells of one period,
    then one hatched segment for what is withheld in it."""
    figure = _figure(title)
    if table.empty:
        return _nothing(figure, empty_message)
    axes = figure.add_subplot()
    positions = list(range(len(table.rows)))
    bottoms = [0] * len(table.rows)
    for c, column in enumerate(table.columns):
        heights = [row[c] or 0 for row in table.cells]
        bars = axes.bar(positions, heights, bottom=bottoms, label=label(column),
                        color=PALETTE[c % len(PALETTE)], width=0.8)
        for r, bar in enumerate(bars):
            value = table.cells[r][c]
            bar.set_gid(f"v-{table.name}-{r}-{c}-{'w' if value is None else value}")
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    rest = [total - done for total, done in zip(table.row_totals, bottoms, strict=True)]
    if any(rest):
        bars = axes.bar(positions, rest, bottom=bottoms, label=withheld_label, width=0.8,
                        color="white", edgecolor=WITHHELD_COLOUR, hatch="///")
        for r, bar in enumerate(bars):
            bar.set_gid(f"w-{table.name}-{r}-{rest[r]}")
    axes.set_xticks(positions, list(table.rows), rotation=45 if len(positions) > 6 else 0,
                    ha="right" if len(positions) > 6 else "center")
    axes.set_ylabel(ylabel)
    axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _svg(figure)


def totals_chart(table: Table, title: str, label: Label, empty_message: str, xlabel: str,
                 rtl: bool = False) -> bytes:
    """Horizontal bars of the value totals (all periods together); in a
    right-to-left language the bars grow from the right."""
    figure = _figure(title, height=max(2.4, 0.8 + 0.32 * len(table.columns)))
    if table.empty:
        return _nothing(figure, empty_message)
    axes = figure.add_subplot()
    positions = list(range(len(table.columns)))[::-1]
    bars = axes.barh(positions, list(table.column_totals), color=PALETTE[0], height=0.7)
    for c, bar in enumerate(bars):
        bar.set_gid(f"v-{table.name}-total-{c}-{table.column_totals[c]}")
    axes.set_yticks(positions, [label(column) for column in table.columns])
    axes.set_xlabel(xlabel)
    # The number just past the end of each bar (to its left when mirrored).
    for position, total in zip(positions, table.column_totals, strict=True):
        axes.annotate(str(total), xy=(total, position), xytext=(-3 if rtl else 3, 0),
                      textcoords="offset points", ha="right" if rtl else "left",
                      va="center")
    if rtl:
        axes.invert_xaxis()
        axes.yaxis.tick_right()
        axes.spines["left"].set_visible(False)
        axes.spines["right"].set_visible(True)
    return _svg(figure)
