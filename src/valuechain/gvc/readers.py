"""Readers of inter-country tables: OECD ICIO CSV, decompr's WIOD matrices, decompr/icio layout.

Readers only parse files and build an :class:`~valuechain.gvc.InterCountryTable`; all
checks are those of the table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from .icio import InterCountryTable
from .zx import read_zx

__all__ = ["read_oecd_icio", "read_wiod_matrices", "read_decompr", "read_icio", "ICIO_FORMATS", "OECD_SPLITS"]

ICIO_FORMATS = ("oecd", "wiod", "decompr", "zx")
#: OECD ICIO split countries merged into their country (processing-trade splits).
OECD_SPLITS = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
_OECD_FD = {"HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR", "DIRPA", "NONRES", "NPS", "P33", "GGCF"}
_OECD_VA_ROWS = {"VA", "VALU"}
_OECD_TLS_ROWS = {"TLS", "TAXSUB"}
_OECD_OUT = {"OUT", "OUTPUT", "TOTAL"}


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        raise DataNotFoundError(f"{what} not found: {path}; check the path")
    return path


def _read_matrix(path: Path) -> pd.DataFrame:
    df = pd.read_csv(_need(path, "file"), index_col=0)
    df.index = df.index.map(str)
    df.columns = df.columns.map(str)
    return df


def read_oecd_icio(path: str | os.PathLike, *, merge_splits: bool = True, output: str = "file", **kw) -> InterCountryTable:
    """Read an OECD ICIO CSV (2021-2023 editions).

    Layout: rows and columns ``CTY_IND`` (e.g. ``KAZ_B05_06`` in 2023, ``KAZ_05T06`` in
    2021); final-demand columns ``CTY_HFCE``, ``CTY_NPISH``, ``CTY_GGFC``, ``CTY_GFCF``,
    ``CTY_INVNT``, ``CTY_DPABR``; rows ``TLS`` (``TAXSUB``), ``VA`` (``VALU``) and ``OUT``
    (``OUTPUT``); output column ``OUT`` (``TOTAL``).

    Parameters
    ----------
    merge_splits : bool
        Merge the processing-trade splits ``CN1``/``CN2`` into ``CHN`` and ``MX1``/``MX2``
        into ``MEX`` (default True; their rows and columns are added to those of the
        country, which are zero in the published files).
    output : {"file", "rows"}
        ``"file"`` (default) uses the ``OUT`` row/column; ``"rows"`` recomputes output as
        ``Z 1 + Y 1``.
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``check_balance``).

    Notes
    -----
    The TLS row (taxes less subsidies on intermediate and final products) is kept in
    ``V`` beside ``VA``; value added used by the decompositions is their sum, which keeps
    every decomposition adding up to gross exports.
    """
    df = _read_matrix(Path(path))
    rows, cols = list(df.index), list(df.columns)

    def split(label: str):
        if "_" not in label:
            return None, label
        c, i = label.split("_", 1)
        return c, i

    fd_cols = [c for c in cols if "_" in c and split(c)[1].upper() in _OECD_FD]
    out_cols = [c for c in cols if c.upper() in _OECD_OUT]
    ind_cols = [c for c in cols if c not in fd_cols and c not in out_cols and "_" in c]
    if not ind_cols:
        raise ValidationError(f"{path}: no CTY_IND columns found; is this an OECD ICIO CSV (e.g. ICIO2023_2020.csv)?")
    industries = list(dict.fromkeys(split(c)[1] for c in ind_cols))
    ind_rows = [r for r in rows if "_" in r and split(r)[1] in industries]
    missing = sorted(set(ind_cols) - set(ind_rows))[:3]
    if missing:
        raise ValidationError(f"{path}: industry columns {missing} have no matching rows; the file is truncated or not an ICIO")
    va_rows = [r for r in rows if r.upper() in _OECD_VA_ROWS or (("_" in r) and split(r)[1].upper() in _OECD_VA_ROWS)]
    tls_rows = [r for r in rows if r.upper() in _OECD_TLS_ROWS or (("_" in r) and split(r)[1].upper() in _OECD_TLS_ROWS)]
    out_rows = [r for r in rows if r.upper() in _OECD_OUT]
    Z = df.loc[ind_rows, ind_cols].astype(float)
    Y = df.loc[ind_rows, fd_cols].astype(float)
    V = df.loc[tls_rows + va_rows, ind_cols].astype(float)
    V = V.groupby(lambda r: "TLS" if r in tls_rows else "VA").sum()
    x = None
    if output == "file":
        if out_cols:
            x = df.loc[ind_rows, out_cols[0]].astype(float)
        elif out_rows:
            x = df.loc[out_rows[0], ind_cols].astype(float)
            x.index = ind_cols
            x = x.loc[ind_rows]
    elif output != "rows":
        raise ValidationError(f"output={output!r} is unknown; use 'file' or 'rows'")

    def mi(labels, merge):
        pairs = [split(label) for label in labels]
        if merge:
            pairs = [(OECD_SPLITS.get(c, c), i) for c, i in pairs]
        return pd.MultiIndex.from_tuples(pairs, names=["country", "industry"])

    Z.index = mi(Z.index, merge_splits)
    Z.columns = mi(Z.columns, merge_splits)
    Y.index = Z.index
    Y.columns = mi(Y.columns, merge_splits).set_names(["country", "category"])
    V.columns = Z.columns
    if merge_splits:
        Z = Z.T.groupby(level=[0, 1], sort=False).sum().T.groupby(level=[0, 1], sort=False).sum()
        Y = Y.groupby(level=[0, 1], sort=False).sum()
        V = V.T.groupby(level=[0, 1], sort=False).sum().T
        if x is not None:
            x.index = mi(x.index, True)
            x = x.groupby(level=[0, 1], sort=False).sum()
    from .._provenance import sidecar_source  # an imported release names itself (valuechain data import)

    kw.setdefault("source", sidecar_source(path) or f"OECD ICIO ({Path(path).name})")
    kw.setdefault("unit", "million USD")
    kw.setdefault("name", Path(path).stem)
    return InterCountryTable.from_frames(Z, Y, V=V if V.shape[0] else None, x=x, **kw)


def read_wiod_matrices(folder: str | os.PathLike, *, output: str = "rows", **kw) -> InterCountryTable:
    """Read decompr's WIOD matrices: ``Z_intermediate.csv``, ``Y_final_demand.csv``, ``x_output.csv``.

    Labels are ``region|industry`` and ``region|fdK``.

    Parameters
    ----------
    output : {"rows", "file"}
        ``"rows"`` (default) recomputes output as ``Z 1 + Y 1``: the published output
        vector differs from the row sums by rounding (up to 19 on a total of 1.4e8, 0.2% of
        a small industry), which would break the exact accounting identities; ``"file"``
        keeps ``x_output.csv`` and checks the balance with ``rtol``.
    """
    folder = Path(folder)
    _need(folder, "WIOD folder")
    Z = _read_matrix(folder / "Z_intermediate.csv")
    Y = _read_matrix(folder / "Y_final_demand.csv")
    x = None
    if output == "file":
        x = _read_matrix(folder / "x_output.csv").iloc[:, 0]
    elif output != "rows":
        raise ValidationError(f"output={output!r} is unknown; use 'rows' or 'file'")
    kw.setdefault("source", "WIOD 2011 release, 7 regions x 35 industries (decompr data/wiod.rda)")
    kw.setdefault("unit", "million USD")
    kw.setdefault("name", folder.name)
    return InterCountryTable.from_frames(Z, Y, x=x, **kw)


def read_decompr(folder: str | os.PathLike, *, sep: str = "|", **kw) -> InterCountryTable:
    """Read the decompr/icio layout: a folder with ``inter.csv``, ``final.csv`` and ``out.csv``.

    ``inter.csv`` is GN x GN with ``country|industry`` labels, ``final.csv`` GN x G (or
    ``country|category`` columns), ``out.csv`` one column of output.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataNotFoundError(f"decompr folder not found: {folder}; give a folder with inter.csv, final.csv and out.csv")
    Z = _read_matrix(folder / "inter.csv")
    Y = _read_matrix(folder / "final.csv")
    x = _read_matrix(folder / "out.csv").iloc[:, 0]
    kw.setdefault("name", folder.name)
    from .._provenance import sidecar_source  # an imported ADB MRIO names its release (valuechain data import)

    if sidecar_source(folder):
        kw.setdefault("source", sidecar_source(folder))
    return InterCountryTable.from_frames(Z, Y, x=x, sep=sep, **kw)


def read_icio(path: str | os.PathLike, *, format: str | None = None, **kw) -> InterCountryTable:
    """Read an inter-country table in ``format`` ("oecd", "wiod" or "decompr").

    Without ``format``: a folder with ``inter.csv`` is decompr, a folder with
    ``Z_intermediate.csv`` is WIOD, a CSV file is OECD ICIO. ``"zx"`` (a wide Z file and a
    nodes CSV, intermediate flows and output only) is never guessed: see :func:`read_zx`.
    """
    p = Path(path)
    if format is None:
        if p.is_dir() and (p / "inter.csv").exists():
            format = "decompr"
        elif p.is_dir() and (p / "Z_intermediate.csv").exists():
            format = "wiod"
        elif p.is_file():
            format = "oecd"
        else:
            raise DataNotFoundError(f"{p} is neither an OECD ICIO CSV file nor a folder with inter.csv or Z_intermediate.csv; check the path")
    if format not in ICIO_FORMATS:
        raise ValidationError(f"format {format!r} is unknown; use one of {', '.join(ICIO_FORMATS)}")
    if format == "oecd":
        if p.is_dir():
            raise ValidationError(f"{p} is a folder; --format oecd needs the ICIO CSV file")
        return read_oecd_icio(_need(p, "OECD ICIO file"), **kw)
    if format == "wiod":
        return read_wiod_matrices(p, **kw)
    if format == "zx":
        return read_zx(p, **kw)
    return read_decompr(p, **kw)

