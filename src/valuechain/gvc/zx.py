r"""Inter-country tables with intermediate flows and output only (``--format zx``).

Some inter-country data sets publish only the intermediate block ``Z`` and gross output
``x`` (e.g. the OECD ICIO 2025 network in ``shared/data/oecd_icio2025_2022_intermediate``):
no value added, no final demand by destination. What needs only ``Z`` and ``x`` is exact:
technical and allocation coefficients, upstreamness and downstreamness, average
propagation lengths, the sourcing of intermediate inputs by partner, foreign input shares
and each country's domestic input-output table. Value-added decompositions (TiVA, KWW,
WWZ, Borin-Mancini, the Leontief value-added origin, value added by absorption) are
refused with a clear error.

The table is an :class:`~valuechain.gvc.InterCountryTable` flagged ``"intermediate-only"``
whose final demand is a single column per country, ``FU_ROW`` = ``x - Z 1`` (final use
*and* sales to economies outside the table, destination unknown), placed at the producing
country. Zero-output nodes are kept (``ZeroOutputWarning``, coefficients 0), as the other
readers do; position measures are NaN for them.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataNotFoundError, ValidationError
from ..tables import IOTable
from ..tables.intercountry import InterCountryTable

__all__ = ["read_zx", "domestic_table", "input_sourcing", "INTERMEDIATE_ONLY", "is_intermediate_only"]

#: Flag carried by tables read with :func:`read_zx`.
INTERMEDIATE_ONLY = "intermediate-only"
_FU = "FU_ROW"


def is_intermediate_only(table: object) -> bool:
    """True for a table with intermediate flows and output only (read with ``format="zx"``).

    Parameters
    ----------
    table : object
        Any table (or system) with ``flags``; an object without them is not intermediate-only.

    Returns
    -------
    bool
        Whether ``table`` carries the ``"intermediate-only"`` flag.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> is_intermediate_only(synthetic_icio(2, 2, seed=1))
    False
    """
    return INTERMEDIATE_ONLY in tuple(getattr(table, "flags", ()) or ())


def _csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig") as fh:
        return [c.strip().strip('"') for c in fh.readline().rstrip("\n\r").split(",")]


def _parquet_columns(path: Path) -> list[str]:
    import pyarrow.parquet as pq

    return list(pq.read_schema(path).names)


def _find_files(folder: Path) -> tuple[Path, Path]:
    nodes, zs = [], []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() == ".csv":
            head = _csv_header(p)
            if "node" in head and "gross_output" in head:
                nodes.append(p)
            elif len(head) > 3:
                zs.append((p, len(head)))
        elif p.suffix.lower() == ".parquet":
            zs.append((p, len(_parquet_columns(p))))
    if len(nodes) != 1:
        raise ValidationError(
            f"{folder} holds {len(nodes)} nodes CSV files (with columns node and gross_output); --format zx needs exactly one"
        )
    with open(nodes[0], encoding="utf-8-sig") as fh:
        n_nodes = sum(1 for _ in fh) - 1
    cand = [p for p, k in zs if k in (n_nodes, n_nodes + 1)]
    if len(cand) != 1:
        raise ValidationError(
            f"{folder} holds {len(cand)} wide Z files with {n_nodes} node columns (CSV or Parquet); --format zx needs exactly one"
        )
    return cand[0], nodes[0]


def _split(node: str, sep: str) -> tuple[str, str]:
    if sep not in node:
        raise ValidationError(f"node label {node!r} is not COUNTRY{sep}INDUSTRY; add country and industry columns to the nodes CSV")
    a, b = node.split(sep, 1)
    return a, b


def _read_z(zpath: Path) -> pd.DataFrame:
    """The wide Z file as a frame labelled by its row labels (``row`` or the first column) and columns.

    A Parquet file whose value columns are all numbers (the OECD extract: 4000 x 4000) is read
    column by column into one read-only float64 array, without the intermediate frames and
    copies of ``read_parquet`` + ``set_index`` (the frame is column-major, as those give). Any
    other file is read with pandas as before.
    """
    if zpath.suffix.lower() == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        tb = pq.read_table(zpath)
        names = tb.column_names
        label_col = "row" if "row" in names else names[0]
        cols = [c for c in names if c != label_col]
        kinds = [tb.schema.field(c).type for c in cols]
        if cols and all(pa.types.is_floating(k) or pa.types.is_integer(k) for k in kinds):
            arr = np.empty((tb.num_rows, len(cols)), order="F")
            data = [col for c, col in zip(names, tb.columns) if c != label_col]  # by position: a lookup by name is slower
            for j, col in enumerate(data):
                # nulls come as NaN (refused by the table's checks)
                arr[:, j] = col.chunk(0).to_numpy(zero_copy_only=False) if col.num_chunks == 1 else col.to_numpy()
            rows = pd.Index(tb.column(label_col).to_pandas(), name=label_col)
            del tb
            arr.flags.writeable = False
            return pd.DataFrame(arr, index=rows, columns=pd.Index(cols), copy=False)
        Z = tb.to_pandas()
    else:
        Z = pd.read_csv(zpath, encoding="utf-8-sig")
    label_col = "row" if "row" in Z.columns else Z.columns[0]
    return Z.set_index(label_col)


def read_zx(folder: str | os.PathLike, *, sep: str = "_", **kw) -> InterCountryTable:
    """Read a folder with one wide ``Z`` file and one nodes CSV (``--format zx``).

    Parameters
    ----------
    folder : path
        Holds one wide Z file (CSV or Parquet; row labels in a column ``row`` or in the
        first column; one column per buying node) and one nodes CSV with columns ``node``
        and ``gross_output`` (optionally ``country`` and ``industry``; otherwise node labels
        are split at the first ``sep``, e.g. ``KAZ_B05``).
    sep : str
        Separator of country and industry in node labels (default ``"_"``).

    Returns
    -------
    InterCountryTable
        Flagged ``"intermediate-only"``; final demand is the residual ``FU_ROW`` (see the
        module docstring). Methods that need value added or final demand by destination
        raise :class:`~valuechain.errors.ValidationError` on it.

    Raises
    ------
    DataNotFoundError
        If ``folder`` is not a folder.
    ValidationError
        If the folder does not hold exactly one nodes CSV and one wide Z file, node labels
        repeat, or the Z labels differ from the nodes.

    Examples
    --------
    A small SYNTHETIC table written in this layout and read back:

    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> from valuechain.datasets import synthetic_icio
    >>> t = synthetic_icio(2, 2, seed=1)
    >>> lab = [f"{c}_{i}" for c, i in t.Z.index]
    >>> with tempfile.TemporaryDirectory() as d:
    ...     Z = pd.DataFrame(t.Z.to_numpy(), lab, lab).rename_axis("row").reset_index()
    ...     Z.to_csv(pathlib.Path(d, "Z.csv"), index=False)
    ...     nodes = pd.DataFrame({"node": lab, "gross_output": t.x.to_numpy()})
    ...     nodes.to_csv(pathlib.Path(d, "nodes.csv"), index=False)
    ...     z = read_zx(d, name="zx-demo")
    >>> z
    InterCountryTable(name='zx-demo', G=2, N=2, categories=['FU_ROW'], unit='', flags=['intermediate-only'])
    >>> is_intermediate_only(z)
    True
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DataNotFoundError(f"zx folder not found: {folder}; give a folder with a wide Z file and a nodes CSV")
    zpath, npath = _find_files(folder)
    nodes = pd.read_csv(npath, encoding="utf-8-sig")
    nodes["node"] = nodes["node"].astype(str)
    if nodes["node"].duplicated().any():
        raise ValidationError(f"duplicate node {nodes['node'][nodes['node'].duplicated()].iloc[0]!r} in {npath.name}; make node labels unique")
    Z = _read_z(zpath)
    Z.index = Z.index.map(str)
    Z.columns = Z.columns.map(str)
    names = list(nodes["node"])
    for what, labels in (("rows", Z.index), ("columns", Z.columns)):
        if set(labels) != set(names):
            miss = sorted(set(names) - set(labels))[:3]
            extra = sorted(set(labels) - set(names))[:3]
            raise ValidationError(
                f"Z {what} and the nodes CSV differ (missing in Z: {miss}; not in nodes: {extra}); use the same node labels"
            )
    if not (Z.index.equals(pd.Index(names)) and Z.columns.equals(pd.Index(names))):
        Z = Z.loc[names, names]  # a full copy, needed only when Z is not in the nodes' order
    if {"country", "industry"} <= set(nodes.columns):
        pairs = list(zip(nodes["country"].astype(str), nodes["industry"].astype(str)))
    else:
        pairs = [_split(n, sep) for n in names]
    idx = pd.MultiIndex.from_tuples(pairs, names=["country", "industry"])
    Z.index = idx
    Z.columns = idx
    x = pd.Series(pd.to_numeric(nodes["gross_output"], errors="coerce").to_numpy(float), index=idx)
    if x.isna().any():
        raise ValidationError(f"gross_output of node {names[int(np.argmax(x.isna().to_numpy()))]} is not a number; fill it in")
    fu = x.to_numpy() - Z.to_numpy(float).sum(1)
    countries = list(dict.fromkeys(idx.get_level_values(0)))
    ycols = pd.MultiIndex.from_tuples([(c, _FU) for c in countries], names=["country", "category"])
    Y = pd.DataFrame(0.0, index=idx, columns=ycols)
    own = np.array([countries.index(c) for c in idx.get_level_values(0)])
    Y.values[np.arange(len(idx)), own] = fu
    kw.setdefault("name", folder.name)
    flags = tuple(kw.pop("flags", ())) + (INTERMEDIATE_ONLY,)
    kw.setdefault("check_exports", "warn")
    # Z's array was built here and is read-only: the table takes it over without a second copy
    return InterCountryTable.from_frames(Z, Y, x=x, flags=flags, copy=False, **kw)


def input_sourcing(table: InterCountryTable, country: str, *, by_industry: bool = False) -> pd.DataFrame:
    r"""Intermediate inputs bought by ``country`` from each partner (exact from ``Z``).

    .. math:: M_{t \to s} = \sum_{i, j} Z_{ti, sj}, \qquad share_t = M_{t \to s} / \sum_{t' \ne s} M_{t' \to s}

    Parameters
    ----------
    table : InterCountryTable
        A full table or one read with ``format="zx"`` (only ``Z`` is used).
    country : str
        The buying country's code (e.g. ``"KAZ"``).
    by_industry : bool
        Default False: one row per partner. True: one row per partner and buying industry
        of ``country`` (shares then within each buying industry).

    Returns
    -------
    DataFrame
        Columns ``partner``, (``industry`` of the buyer when ``by_industry``),
        ``intermediate_inputs`` (in the table's unit), ``share_of_foreign_inputs`` and
        ``share_of_all_inputs`` (fractions); the country itself appears as partner (domestic
        inputs) with ``share_of_foreign_inputs`` NaN. Sorted by inputs, largest first.

    Raises
    ------
    ValidationError
        If ``country`` is not a country of the table.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> input_sourcing(synthetic_icio(3, 2, seed=1), "C01").round(3)
      partner  intermediate_inputs  share_of_foreign_inputs  share_of_all_inputs
    0     C01              174.617                      NaN                0.735
    1     C02               35.994                    0.572                0.152
    2     C00               26.940                    0.428                0.113
    """
    countries, industries = list(table.countries), list(table.industries)
    if country not in countries:
        raise ValidationError(f"country {country!r} is not in the table; use one of its codes (e.g. {countries[0]})")
    G, N = len(countries), len(industries)
    s = countries.index(country)
    Z4 = table.Z.to_numpy(float).reshape(G, N, G, N)
    M = Z4[:, :, s, :].sum(1)  # [partner t, buying industry j]
    if by_industry:
        df = pd.DataFrame({"partner": np.repeat(countries, N), "industry": np.tile(industries, G), "intermediate_inputs": M.ravel()})
        key = ["industry"]
    else:
        df = pd.DataFrame({"partner": countries, "intermediate_inputs": M.sum(1)})
        key = []
    foreign = df["partner"] != country
    if key:
        tot_f = df.groupby(key)["intermediate_inputs"].transform(lambda v: v[df.loc[v.index, "partner"] != country].sum())
        tot_a = df.groupby(key)["intermediate_inputs"].transform("sum")
    else:
        tot_f = pd.Series(df.loc[foreign, "intermediate_inputs"].sum(), index=df.index)
        tot_a = pd.Series(df["intermediate_inputs"].sum(), index=df.index)
    with np.errstate(divide="ignore", invalid="ignore"):
        df["share_of_foreign_inputs"] = np.where(foreign & (tot_f > 0), df["intermediate_inputs"] / tot_f.where(tot_f > 0, 1.0), np.nan)
        df["share_of_all_inputs"] = np.where(tot_a > 0, df["intermediate_inputs"] / tot_a.where(tot_a > 0, 1.0), np.nan)
    return df.sort_values(key + ["intermediate_inputs"], ascending=[True] * len(key) + [False]).reset_index(drop=True)


def domestic_table(table: InterCountryTable, country: str) -> IOTable:
    r"""The domestic input-output table of ``country`` as an :class:`~valuechain.tables.IOTable`.

    ``Z`` is the domestic block :math:`Z_{ss}`; final demand has one column ``other_uses``
    = :math:`x_s - Z_{ss} 1` (domestic final demand plus all exports); primary inputs are
    ``imported_intermediates`` (:math:`\sum_{t \ne s} 1' Z_{ts}`, from the table's other
    economies) and ``value_added_residual`` (:math:`x_s - 1'Z_{ss}` - imported intermediates:
    value added, net taxes and, for ``zx`` tables, inputs from outside the table). The
    table is balanced by construction and carries the source table's flags.

    .. math:: Z^{dom} = Z_{ss}, \qquad y^{dom} = x_s - Z_{ss} 1, \qquad
              m_s = \textstyle\sum_{t \ne s} 1' Z_{ts}, \qquad va^{dom} = x_s - 1' Z_{ss} - m_s

    Parameters
    ----------
    table : InterCountryTable
        A full table or one read with ``format="zx"`` (only ``Z`` and ``x`` are used).
    country : str
        The country's code (e.g. ``"KAZ"``).

    Returns
    -------
    IOTable
        N x N, industries as in ``table``, named ``"<country> domestic table from <name>"``,
        with the source table's unit, source and flags; roles ``imports`` =
        ``imported_intermediates`` and ``value_added`` = ``value_added_residual``.

    Raises
    ------
    ValidationError
        If ``country`` is not a country of the table (or the domestic table fails the
        national table's validation, e.g. a non-productive domestic block).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> t = domestic_table(synthetic_icio(3, 2, seed=1), "C01")
    >>> t.Z.shape
    (2, 2)
    >>> t.V.index.tolist()
    ['imported_intermediates', 'value_added_residual']
    """
    countries, industries = list(table.countries), list(table.industries)
    if country not in countries:
        raise ValidationError(f"country {country!r} is not in the table; use one of its codes (e.g. {countries[0]})")
    G, N = len(countries), len(industries)
    s = countries.index(country)
    Z4 = table.Z.to_numpy(float).reshape(G, N, G, N)
    Zss = Z4[s, :, s, :]
    x = table.x.to_numpy(float).reshape(G, N)[s]
    imp = Z4[:, :, s, :].sum((0, 1)) - Zss.sum(0)
    va = x - Zss.sum(0) - imp
    ind = pd.Index(industries, name="industry")
    Zdf = pd.DataFrame(Zss, index=ind, columns=ind)
    Ydf = pd.DataFrame({"other_uses": x - Zss.sum(1)}, index=ind)
    Vdf = pd.DataFrame([imp, va], index=["imported_intermediates", "value_added_residual"], columns=ind)
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        return IOTable.from_frames(
            Zdf, Ydf, Vdf, pd.Series(x, index=ind), roles={"imports": "imported_intermediates", "value_added": ["value_added_residual"],
                                               "negative_ok": ["other_uses", "value_added_residual"]},
            name=f"{country} domestic table from {table.name}".strip(), unit=table.unit, source=table.source,
            flags=tuple(table.flags), check_balance="warn",
        )
