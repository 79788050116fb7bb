"""Readers of inter-country tables: OECD ICIO CSV, decompr's WIOD matrices, decompr/icio layout.

Readers only parse files and build an :class:`~valuechain.gvc.InterCountryTable`; all
checks are those of the table.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from ..tables.intercountry import InterCountryTable
from .zx import read_zx

__all__ = ["OECD_FD_CATEGORIES", "read_oecd_icio", "read_wiod_matrices", "read_decompr", "read_icio", "read_figaro", "read_adb_mrio",
           "ICIO_FORMATS", "OECD_SPLITS"]

ICIO_FORMATS = ("oecd", "wiod", "decompr", "zx", "figaro", "adb")
#: FIGARO final-demand codes (ESA 2010): households, NPISH, government, GFCF, inventories and valuables.
FIGARO_FD = ("P3_S13", "P3_S14", "P3_S15", "P51G", "P5M")
#: OECD ICIO processing-trade splits and the country that owns them.
OECD_SPLITS = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
#: the final-demand categories of the OECD ICIO layouts (2016-2025 editions) that :func:`read_oecd_icio` reads
OECD_FD_CATEGORIES = frozenset({"HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR", "DIRPA", "NONRES", "NPS", "P33", "GGCF"})
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


def read_oecd_icio(path: str | os.PathLike, *, merge_splits: bool = False, splits: dict[str, str] | None = None,
                   output: str = "file", **kw) -> InterCountryTable:
    """Read an OECD ICIO CSV (2021-2023 editions).

    Layout: rows and columns ``CTY_IND`` (e.g. ``KAZ_B05_06`` in 2023, ``KAZ_05T06`` in
    2021); final-demand columns ``CTY_HFCE``, ``CTY_NPISH``, ``CTY_GGFC``, ``CTY_GFCF``,
    ``CTY_INVNT``, ``CTY_DPABR``; rows ``TLS`` (``TAXSUB``), ``VA`` (``VALU``) and ``OUT``
    (``OUTPUT``); output column ``OUT`` (``TOTAL``).

    Parameters
    ----------
    path : str or path-like
        The ICIO CSV file (e.g. ``ICIO2023_2020.csv``).
    merge_splits : bool
        Default False: the processing-trade splits ``CN1``/``CN2`` (of ``CHN``) and
        ``MX1``/``MX2`` (of ``MEX``) stay separate blocks owned by their country
        (:attr:`InterCountryTable.splits`), as the OECD computes TiVA: the blocks are
        domestic to each other and nothing is aggregated. True adds their rows and columns
        into ``CHN`` and ``MEX`` (a square country x industry grid; two technologies
        aggregated into one, so results differ; the table is flagged
        ``"splits merged by addition"``).
    splits : dict block -> country, optional
        Further splits to declare (e.g. ``{"KZ1": "KAZ"}``), added to the OECD ones.
    output : {"file", "rows"}
        ``"file"`` (default) uses the ``OUT`` row/column; ``"rows"`` recomputes output as
        ``Z 1 + Y 1``.
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``check_balance``).

    Returns
    -------
    InterCountryTable
        The validated table (unit ``"million USD"``, source naming the file or the release
        recorded by ``valuechain data import``).

    Raises
    ------
    DataNotFoundError
        If ``path`` does not exist.
    ValidationError
        If the file has no ``CTY_IND`` columns, an industry column has no matching row,
        ``output`` is unknown, or the table fails validation (balance, negative flows).

    Notes
    -----
    The TLS row (taxes less subsidies on intermediate and final products) is kept in
    ``V`` beside ``VA``; value added used by the decompositions is their sum, which keeps
    every decomposition adding up to gross exports.

    References
    ----------
    .. [1] OECD (2023). *OECD Inter-Country Input-Output Tables*, 2023 release: ReadMe and
       table layout. OECD, Paris. http://oe.cd/icio

    Examples
    --------
    A small SYNTHETIC table written in the OECD ICIO layout and read back:

    >>> import tempfile
    >>> from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path] = synthetic_icio_panel(folder, 3, 2, [2020])
    ...     table = read_oecd_icio(path)
    >>> table.countries, table.industries
    (['C00', 'C01', 'C02'], ['I00', 'I01'])
    """
    df = _read_matrix(Path(path))
    rows, cols = list(df.index), list(df.columns)

    def split(label: str):
        if "_" not in label:
            return None, label
        c, i = label.split("_", 1)
        return c, i

    fd_cols = [c for c in cols if "_" in c and split(c)[1].upper() in OECD_FD_CATEGORIES]
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

    def mi(labels):
        return pd.MultiIndex.from_tuples([split(label) for label in labels], names=["country", "industry"])

    Z.index = mi(Z.index)
    Z.columns = mi(Z.columns)
    Y.index = Z.index
    Y.columns = mi(Y.columns).set_names(["country", "category"])
    V.columns = Z.columns
    if x is not None:
        x.index = Z.index
    blocks = list(dict.fromkeys(Z.index.get_level_values(0)))
    split_map = {b: c for b, c in OECD_SPLITS.items() if b in blocks}
    split_map.update({str(b): str(c) for b, c in (splits or {}).items()})
    from .._provenance import sidecar_source  # an imported release names itself (valuechain data import)

    kw.setdefault("source", sidecar_source(path) or f"OECD ICIO ({Path(path).name})")
    kw.setdefault("unit", "million USD")
    kw.setdefault("name", Path(path).stem)
    table = InterCountryTable.from_frames(Z, Y, V=V if V.shape[0] else None, x=x, splits=split_map, **kw)
    return table.merge_splits() if merge_splits else table


def read_wiod_matrices(folder: str | os.PathLike, *, output: str = "rows", **kw) -> InterCountryTable:
    """Read decompr's WIOD matrices: ``Z_intermediate.csv``, ``Y_final_demand.csv``, ``x_output.csv``.

    Labels are ``region|industry`` and ``region|fdK``.

    Parameters
    ----------
    folder : str or path-like
        The folder holding the three CSV files.
    output : {"rows", "file"}
        ``"rows"`` (default) recomputes output as ``Z 1 + Y 1``: the published output
        vector differs from the row sums by rounding (up to 19 on a total of 1.4e8, 0.2% of
        a small industry), which would break the exact accounting identities; ``"file"``
        keeps ``x_output.csv`` and checks the balance with ``rtol``.
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``name``, ``source``).

    Returns
    -------
    InterCountryTable
        The validated table (unit ``"million USD"``).

    Raises
    ------
    DataNotFoundError
        If ``folder`` or one of its files does not exist.
    ValidationError
        If ``output`` is unknown or the table fails validation.

    References
    ----------
    .. [1] Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J. (2015).
       An illustrated user guide to the World Input-Output Database: the case of global
       automotive production. *Review of International Economics* 23(3), 575-605.
    .. [2] Quast, B. and Kummritz, V. (2015). decompr: global value chain decomposition in R.
       CTEI Working Paper 2015-01 (the ``wiod`` data set of the R package).

    Examples
    --------
    A small SYNTHETIC table written in this layout and read back:

    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(2, 2, seed=1)
    >>> lab = [f"{c}|{i}" for c, i in t.Z.index]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame(t.Z.to_numpy(), lab, lab).to_csv(pathlib.Path(d, "Z_intermediate.csv"))
    ...     fd = t.Y_by_destination.set_axis(lab).rename(columns=lambda c: c + "|fd1")
    ...     fd.to_csv(pathlib.Path(d, "Y_final_demand.csv"))
    ...     table = read_wiod_matrices(d, name="wiod-demo")
    >>> table
    InterCountryTable(name='wiod-demo', G=2, N=2, categories=['fd1'], unit='million USD')
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

    Parameters
    ----------
    folder : str or path-like
        The folder holding ``inter.csv``, ``final.csv`` and ``out.csv``.
    sep : str, default "|"
        The separator between country and industry (or category) in the labels.
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``name``, ``unit``).

    Returns
    -------
    InterCountryTable
        The validated table.

    Raises
    ------
    DataNotFoundError
        If ``folder`` is not a folder or one of the three files is missing.
    ValidationError
        If the table fails validation (labels, balance, negative flows).

    References
    ----------
    .. [1] Quast, B. and Kummritz, V. (2015). decompr: global value chain decomposition in R.
       CTEI Working Paper 2015-01.

    Examples
    --------
    A small SYNTHETIC table written in this layout and read back:

    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(2, 2, seed=1)
    >>> lab = [f"{c}|{i}" for c, i in t.Z.index]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame(t.Z.to_numpy(), lab, lab).to_csv(pathlib.Path(d, "inter.csv"))
    ...     t.Y_by_destination.set_axis(lab).to_csv(pathlib.Path(d, "final.csv"))
    ...     t.x.set_axis(lab).to_csv(pathlib.Path(d, "out.csv"))
    ...     table = read_decompr(d, name="demo")
    >>> table
    InterCountryTable(name='demo', G=2, N=2, categories=['FD'], unit='')
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


def read_figaro(path: str | os.PathLike, **kw) -> InterCountryTable:
    """Read a FIGARO inter-country table (Eurostat), matrix format CSV.

    Layout (``matrix_eu-ic-io_ind-by-ind_25ed_2023.csv``): a first column ``rowLabels``;
    rows and columns ``CC_IND`` (country code as published, ISO 3166 alpha-2 and ``FIGW1``
    for the rest of the world; NACE industry, e.g. ``AT_C10T12``); final-demand columns
    ``CC_P3_S13``, ``CC_P3_S14``, ``CC_P3_S15``, ``CC_P51G``, ``CC_P5M``; primary-input rows
    that are not industries (``W2_D21X31`` taxes less subsidies on products, ``W2_OP_RES``,
    ``W2_OP_NRES``, ``W2_D1``, ``W2_D29X39``, ``W2_B2A3G``), kept in ``V``. Output is the row
    total ``Z 1 + Y 1`` (FIGARO publishes no output column); value added is the sum of the
    primary-input rows (equal to ``x - 1'Z`` in a balanced table).

    Parameters
    ----------
    path : str or path-like
        The FIGARO matrix CSV file.
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``name``, ``source``).

    Returns
    -------
    InterCountryTable
        The validated table (unit ``"million EUR"``).

    Raises
    ------
    DataNotFoundError
        If ``path`` does not exist.
    ValidationError
        If ``path`` is a folder, has no ``CC_IND`` or final-demand columns, an industry
        column has no matching row, or the table fails validation.

    References
    ----------
    .. [1] Remond-Tiedrez, I. and Rueda-Cantuche, J. M. (eds.) (2019). *EU inter-country
       supply, use and input-output tables: Full International and Global Accounts for
       Research in input-Output analysis (FIGARO)*. Eurostat Statistical Working Papers.

    Examples
    --------
    A small SYNTHETIC table written in the FIGARO layout and read back:

    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(2, 2, seed=1)
    >>> lab = [f"{c}_{i}" for c, i in t.Z.index]
    >>> fd = t.Y_by_destination.set_axis(lab).rename(columns=lambda c: c + "_P3_S14")
    >>> grid = pd.concat([pd.DataFrame(t.Z.to_numpy(), lab, lab), fd], axis=1)
    >>> grid.loc["W2_B2A3G", lab] = t.va.to_numpy()
    >>> with tempfile.TemporaryDirectory() as d:
    ...     grid.fillna(0.0).rename_axis("rowLabels").to_csv(pathlib.Path(d, "figaro.csv"))
    ...     table = read_figaro(pathlib.Path(d, "figaro.csv"))
    >>> table
    InterCountryTable(name='figaro', G=2, N=2, categories=['P3_S14'], unit='million EUR')
    """
    p = _need(Path(path), "FIGARO file")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; --format figaro needs the FIGARO matrix CSV file")
    df = _read_matrix(p)
    cols = list(df.columns)
    fd_cols = [c for c in cols if "_" in c and c.split("_", 1)[1] in FIGARO_FD]
    ind_cols = [c for c in cols if c not in fd_cols and "_" in c]
    if not ind_cols or not fd_cols:
        raise ValidationError(f"{p}: no CC_IND and CC_P3_S14 columns found; is this a FIGARO matrix CSV (matrix_eu-ic-io_...)?")
    missing = sorted(set(ind_cols) - set(df.index))[:3]
    if missing:
        raise ValidationError(f"{p}: industry columns {missing} have no matching rows; the file is truncated or not a FIGARO table")
    va_rows = [r for r in df.index if r not in set(ind_cols)]

    def mi(labels, names):
        return pd.MultiIndex.from_tuples([tuple(str(v).split("_", 1)) for v in labels], names=names)

    Z = df.loc[ind_cols, ind_cols].astype(float)
    Y = df.loc[ind_cols, fd_cols].astype(float)
    V = df.loc[va_rows, ind_cols].astype(float)
    Z.index = Z.columns = mi(ind_cols, ["country", "industry"])
    Y.index = Z.index
    Y.columns = mi(fd_cols, ["country", "category"])
    V.columns = Z.index
    kw.setdefault("source", f"Eurostat FIGARO ({p.name})")
    kw.setdefault("unit", "million EUR")
    kw.setdefault("name", p.stem)
    return InterCountryTable.from_frames(Z, Y, V=V if V.shape[0] else None, **kw)


def read_adb_mrio(path: str | os.PathLike, *, sheet: int | str = 0, **kw) -> InterCountryTable:
    """Read an ADB MRIO table (Asian Development Bank), the published Excel layout (or the same grid as CSV).

    Layout (``ADB-MRIO-2022_July 2025.xlsx``): title rows, then two header rows over the
    data columns: the country code (``PRC``, ``KAZ``, ``RoW``) and the column code (``c1`` ...
    ``c35`` industries, ``F1`` ... ``F5`` final demand: households, NPISH, government, GFCF,
    inventories; ``ToT`` total output). Label columns on the left hold each row's country
    and code (``c1`` ... ``c35``; ``r60`` total intermediate, ``r61`` ... value-added and
    adjustment rows, ``r69`` total input). Output is the ``ToT`` column; value added is the
    residual ``x - 1'Z`` (it sums ADB's taxes less subsidies, cif/fob adjustments, direct
    purchases and value-added rows, which are not read).

    Parameters
    ----------
    path : str or path-like
        The ADB MRIO workbook (``.xlsx``) or the same grid saved as ``.csv``.
    sheet : int or str, default 0
        The workbook's sheet (ignored for a CSV file).
    **kw
        Passed to :meth:`InterCountryTable.from_frames` (e.g. ``rtol``, ``name``, ``source``).

    Returns
    -------
    InterCountryTable
        The validated table (unit ``"million USD"``).

    Raises
    ------
    DataNotFoundError
        If ``path`` does not exist.
    ValidationError
        If ``path`` is a folder, no ``c1`` ... sector codes or row labels are found, the
        layout is incomplete, a data cell is not numeric, rows and columns differ, or the
        table fails validation.

    References
    ----------
    .. [1] Asian Development Bank (2025). *ADB Multiregional Input-Output Tables*, July 2025
       release. ADB, Manila (the Multi-Regional Input-Output database).

    Examples
    --------
    A small SYNTHETIC table written in the ADB grid (as CSV) and read back:

    >>> import tempfile, pathlib
    >>> import numpy as np, pandas as pd
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(2, 2, seed=1)
    >>> cty, code = ["KAZ", "KAZ", "PRC", "PRC"], ["c1", "c2", "c1", "c2"]
    >>> head = [["ADB MRIO"] + [""] * 9, ["", ""] + cty + ["KAZ", "PRC", "ToT"],
    ...         ["", ""] + code + ["F1", "F1", "ToT"]]
    >>> body = np.column_stack([cty, code, t.Z.to_numpy(), t.Y_by_destination.to_numpy(), t.x.to_numpy()])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     pd.DataFrame(head + body.tolist()).to_csv(pathlib.Path(d, "adb.csv"), header=False, index=False)
    ...     table = read_adb_mrio(pathlib.Path(d, "adb.csv"))
    >>> table
    InterCountryTable(name='adb', G=2, N=2, categories=['F1'], unit='million USD')
    """
    import re

    p = _need(Path(path), "ADB MRIO file")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; --format adb needs the ADB MRIO Excel (or CSV) file")
    raw = (pd.read_csv(p, header=None, dtype=object) if p.suffix.lower() == ".csv"
           else pd.read_excel(p, sheet_name=sheet, header=None, dtype=object))
    cell = raw.map(lambda v: "" if pd.isna(v) else str(v).strip())
    ind_code = re.compile(r"^c\d+$", re.I)
    hits = [(i, j) for i in range(min(len(cell), 40)) for j in range(cell.shape[1]) if ind_code.match(cell.iat[i, j])]
    if not hits:
        raise ValidationError(f"{p}: no 'c1' ... 'c35' sector codes found; is this an ADB MRIO table?")
    h = hits[0][0]  # header row of codes; the row above holds the country codes
    code_col = next((j for j in range(cell.shape[1]) if any(ind_code.match(cell.iat[i, j]) for i in range(h + 1, len(cell)))), None)
    if code_col is None or h == 0:
        raise ValidationError(f"{p}: no row labels with sector codes found; is this an ADB MRIO table?")
    codes, ctry = cell.iloc[h], cell.iloc[h - 1]
    data_cols = [j for j in range(code_col + 1, cell.shape[1]) if ind_code.match(codes.iat[j])]
    fd_cols = [j for j in range(code_col + 1, cell.shape[1]) if re.match(r"^F\d+$", codes.iat[j], re.I)]
    out_col = next((j for j in range(cell.shape[1]) if "tot" == codes.iat[j].lower() or "tot" == ctry.iat[j].lower()), None)
    rows = [i for i in range(h + 1, len(cell)) if ind_code.match(cell.iat[i, code_col])]
    if not data_cols or not fd_cols or not rows:
        raise ValidationError(f"{p}: incomplete ADB MRIO layout (industry columns {len(data_cols)}, final demand {len(fd_cols)}, "
                              f"industry rows {len(rows)})")

    def num(i_list, j_list):
        try:
            return raw.iloc[i_list, j_list].apply(pd.to_numeric, errors="raise").fillna(0.0).to_numpy(float)
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"{p}: a non-numeric cell in the data ({exc}); every cell must be a number") from None

    idx = pd.MultiIndex.from_arrays([[cell.iat[i, code_col - 1] for i in rows], [cell.iat[i, code_col] for i in rows]],
                                    names=["country", "industry"])
    cidx = pd.MultiIndex.from_arrays([[ctry.iat[j] for j in data_cols], [codes.iat[j] for j in data_cols]],
                                     names=["country", "industry"])
    if set(idx) != set(cidx):
        raise ValidationError(f"{p}: industry rows and columns differ; the file is truncated or not an ADB MRIO table")
    Z = pd.DataFrame(num(rows, data_cols), index=idx, columns=cidx).loc[idx, idx]
    Y = pd.DataFrame(num(rows, fd_cols), index=idx,
                     columns=pd.MultiIndex.from_arrays([[ctry.iat[j] for j in fd_cols], [codes.iat[j] for j in fd_cols]],
                                                       names=["country", "category"]))
    x = pd.Series(num(rows, [out_col])[:, 0], index=idx) if out_col is not None else None
    kw.setdefault("source", f"ADB MRIO ({p.name})")
    kw.setdefault("unit", "million USD")
    kw.setdefault("name", p.stem)
    return InterCountryTable.from_frames(Z, Y, x=x, **kw)


def read_icio(path: str | os.PathLike, *, format: str | None = None, **kw) -> InterCountryTable:
    """Read an inter-country table in ``format`` ("oecd", "wiod", "decompr", "zx", "figaro" or "adb").

    Without ``format``: a folder with ``inter.csv`` is decompr, a folder with
    ``Z_intermediate.csv`` is WIOD, a CSV file is OECD ICIO. ``"zx"`` (a wide Z file and a
    nodes CSV, intermediate flows and output only), ``"figaro"`` and ``"adb"`` are never guessed.

    Parameters
    ----------
    path : str or path-like
        The file (OECD ICIO CSV, FIGARO matrix CSV, ADB MRIO workbook) or folder (WIOD
        matrices, decompr layout, zx files) to read.
    format : {"oecd", "wiod", "decompr", "zx", "figaro", "adb"}, optional
        The layout; default: guessed from ``path`` as above.
    **kw
        Passed to the format's reader (:func:`read_oecd_icio`, :func:`read_wiod_matrices`,
        :func:`read_decompr`, :func:`~valuechain.gvc.zx.read_zx`, :func:`read_figaro`,
        :func:`read_adb_mrio`) and on to :meth:`InterCountryTable.from_frames` (e.g.
        ``merge_splits``, ``rtol``, ``check_balance``, ``name``, ``source``).

    Returns
    -------
    InterCountryTable
        The validated table; its ``source`` names the file (or the release recorded by
        ``valuechain data import``).

    Raises
    ------
    DataNotFoundError
        If ``path`` does not exist, or (without ``format``) is neither a file nor a folder
        of a known layout.
    ValidationError
        If ``format`` is unknown, a folder is given where the format needs a file, or the
        file's content is not in the layout (the readers and the table's validation say
        what is wrong).

    Examples
    --------
    A small SYNTHETIC table written in the OECD ICIO layout and read back (a CSV file is
    guessed to be OECD ICIO):

    >>> import tempfile
    >>> from valuechain.datasets.synthetic_intercountry import synthetic_icio_panel
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     [path] = synthetic_icio_panel(folder, 3, 2, [2020])
    ...     table = read_icio(path)
    >>> table
    InterCountryTable(name='ICIOSYN_2020', G=3, N=2, categories=['HFCE'], unit='million USD')
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
    if format == "figaro":
        return read_figaro(p, **kw)
    if format == "adb":
        return read_adb_mrio(p, **kw)
    if format == "zx":
        return read_zx(p, **kw)
    return read_decompr(p, **kw)

