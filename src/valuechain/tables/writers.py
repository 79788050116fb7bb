"""Writing an :class:`~valuechain.tables.IOTable` in the one-sheet matrix layout.

The file is what :func:`~valuechain.tables.read_table` reads: rows industries, primary
inputs, ``output``, satellite rows; columns industries, final demand, ``output``; the
table's name, unit, source, flags and roles in a first comment line (CSV) or the
workbook description (XLSX). See ``docs/leontief.md``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd

from .._files import atomic_path
from ..errors import ValidationError
from .iotable import IOTable
from .readers import META_PREFIX

__all__ = ["write_table"]


def _meta(table: IOTable) -> dict:
    roles = {k: (v if isinstance(v, str) else list(v)) for k, v in table.roles.items()}
    return {
        "name": table.name, "unit": table.unit, "source": table.source, "flags": list(table.flags),
        "roles": roles, "satellite": [] if table.satellite is None else list(table.satellite.index),
        "output_row": None, "output_column": None,
    }


def _matrix_layout(table: IOTable) -> tuple[pd.DataFrame, str]:
    ind = list(table.industries)
    taken = set(ind) | set(table.Y.columns) | set(table.V.index) | (set(table.satellite.index) if table.satellite is not None else set())
    out = next(o for o in ("output", "total output", "x", "valuechain_output") if o not in taken)
    rows = ind + list(table.V.index) + [out] + ([] if table.satellite is None else list(table.satellite.index))
    cols = ind + list(table.Y.columns) + [out]
    M = pd.DataFrame(np.nan, index=pd.Index(rows, dtype=object), columns=pd.Index(cols, dtype=object))
    M.loc[ind, ind] = table.Z.to_numpy()
    if table.Y.shape[1]:
        M.loc[ind, list(table.Y.columns)] = table.Y.to_numpy()
    if table.V.shape[0]:
        M.loc[list(table.V.index), ind] = table.V.to_numpy()
    M.loc[out, ind] = table.x.to_numpy()
    M.loc[ind, out] = table.x.to_numpy()
    if table.satellite is not None:
        M.loc[list(table.satellite.index), ind] = table.satellite.to_numpy()
    M.index.name = ""
    return M, out


def _text_cells_as_strings(ws) -> None:
    """Store every text cell as a string, never as a formula.

    openpyxl turns a value starting with ``=`` (``=HYPERLINK(...)``, ``=cmd|' /C calc'!A0``)
    into a formula; a label is data, so it is stored as text and reads back unchanged.
    """
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def write_table(table: IOTable, path: str | os.PathLike) -> Path:
    """Write ``table`` in the one-sheet matrix layout (``.csv`` or ``.xlsx``), atomically.

    Rows: industries, primary inputs, ``output``, satellite rows; columns: industries,
    final-demand categories, ``output``. Cells outside the blocks are blank. Name, unit,
    source, flags and roles go into a first comment line ``# valuechain-iotable {json}``
    (CSV) or the workbook's description property (XLSX), which :func:`read_table` reads
    back; every label is stored as text, never as a spreadsheet formula; other programs see an ordinary labelled matrix (CSV readers must skip lines
    starting with ``#``). Floats are written with full precision, so the table
    round-trips exactly.

    Parameters
    ----------
    table : IOTable
        The table to write.
    path : str or PathLike
        Target file; the suffix (``.csv`` or ``.xlsx``) chooses the format.

    Returns
    -------
    Path
        The path written.

    Raises
    ------
    ValidationError
        If the suffix is not ``.csv`` or ``.xlsx`` or the path is a folder.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from valuechain.tables import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])
    >>> p = write_table(t, pathlib.Path(tempfile.mkdtemp()) / "table.csv")
    >>> print(p.read_text().splitlines()[2])
    agri,150.0,500.0,350.0,1000.0
    """
    if not isinstance(table, IOTable):
        raise TypeError(f"write_table needs an IOTable, got {type(table).__name__}")
    path = Path(path)
    ind = set(table.industries)
    rows = list(table.V.index) + ([] if table.satellite is None else list(table.satellite.index))
    clash = sorted((set(rows) & (ind | set(table.Y.columns))) | (set(table.Y.columns) & ind))
    if clash or len(set(rows)) != len(rows):
        raise ValidationError(
            f"cannot write the matrix layout: label(s) {clash[:5] or 'of primary and satellite rows'} are used twice "
            "(an industry, final-demand column, primary or satellite row must have a label of its own); rename them"
        )
    M, out = _matrix_layout(table)
    meta = _meta(table)
    meta["output_row"] = out
    meta["output_column"] = out
    line = META_PREFIX + json.dumps(meta, separators=(",", ":"), sort_keys=True)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with atomic_path(path) as tmp:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(line + "\n")
                M.to_csv(fh, lineterminator="\n")
    elif suffix == ".xlsx":
        with atomic_path(path) as tmp:
            with pd.ExcelWriter(tmp, engine="openpyxl") as xw:
                M.to_excel(xw, sheet_name="iotable")
                _text_cells_as_strings(xw.book["iotable"])
                xw.book.properties.description = line.strip()
    else:
        raise ValidationError(f"cannot write an IO table as {suffix or 'a file without suffix'!r}; use .csv or .xlsx")
    return path
