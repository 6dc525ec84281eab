"""Ruled tables from a page's edges, by pdfplumber's own table algorithm (its "lines" strategy).

pdfplumber's TableFinder reads edges from a pdfplumber page; its steps below
that (merging edges, intersections, cells, tables) are plain functions over
edge lists, so the edges of any page source go through the same steps and
tables are found as pdfplumber finds them.
"""
from __future__ import annotations

from typing import Any

from pdfplumber.table import (
    TableSettings,
    Table,
    cells_to_tables,
    edges_to_intersections,
    intersections_to_cells,
    merge_edges,
)
from pdfplumber.utils import filter_edges

from .page import Box

Edge = dict[str, Any]
"""pdfplumber's edge: x0, x1, top, bottom, width, height, orientation ("h" or "v")."""
SETTINGS = TableSettings()
"""pdfplumber's defaults, as ``page.find_tables()`` uses them."""


def tables_of(edges: list[Edge]) -> list[list[list[Box | None]]]:
    """Each ruled table, as its rows of cell boxes (None where a merged cell spans), top to bottom."""
    if not edges:
        return []
    s = SETTINGS
    edges = filter_edges(edges, min_length=s.edge_min_length_prefilter)
    edges = merge_edges(edges, snap_x_tolerance=s.snap_x_tolerance, snap_y_tolerance=s.snap_y_tolerance,
                        join_x_tolerance=s.join_x_tolerance, join_y_tolerance=s.join_y_tolerance)
    edges = filter_edges(edges, min_length=s.edge_min_length)
    points = edges_to_intersections(edges, s.intersection_x_tolerance, s.intersection_y_tolerance)
    cells = intersections_to_cells(points)
    return [[list(row.cells) for row in Table(None, group).rows] for group in cells_to_tables(cells)]  # type: ignore[arg-type]
