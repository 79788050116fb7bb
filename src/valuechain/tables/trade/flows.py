"""Flows in any accepted form as one Ibis table, and the usual selections of them.

The layer above the engine (:mod:`valuechain.trade.engine`), the schema
(:mod:`valuechain.trade.schema`) and the readers (:mod:`valuechain.trade.readers`):
every indicator module gets its flows table from here.
"""

from __future__ import annotations

import os
from typing import Any, Iterable

import ibis
import ibis.expr.types as ir
import pandas as pd

from .engine import register_frame, to_pandas
from .readers import read_flows
from .schema import conform_frame, parse_years

__all__ = ["flows_table", "select_flows", "is_synthetic", "flows_frame"]


def flows_table(flows: Any, *, con: ibis.BaseBackend | None = None) -> ir.Table:
    """Return ``flows`` as an Ibis table bound to ``con`` (DuckDB by default).

    Parameters
    ----------
    flows : path, pandas.DataFrame, TradeFlows or ibis.Table
        A path to a CSV file, a Parquet file or a folder of Parquet files (schema, BACI,
        Comtrade or known aliases, read by :func:`valuechain.trade.readers.read_flows` with
        ``format="auto"``; use it directly for options); a pandas frame
        with the schema columns; a :class:`~valuechain.trade.readers.TradeFlows`; or an
        Ibis table (returned as is).
    con : ibis backend, optional
        From :func:`valuechain.trade.engine.connect`. Default: a process-wide DuckDB connection.

    Returns
    -------
    ibis.expr.types.Table
        The flows in the schema (``year, exporter, importer, product, value, quantity``);
        a frame is conformed first (:func:`~valuechain.trade.schema.conform_frame`).

    Raises
    ------
    TypeError
        If ``flows`` is none of the accepted forms.
    DataNotFoundError, ValidationError
        From the reader or :func:`~valuechain.trade.schema.conform_frame` (a missing file,
        a missing column, a bad row).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2021, 2021], "exporter": ["KAZ", "KAZ", "UZB"], "importer": ["CHN", "CHN", "RUS"],
    ...                    "product": ["010110", "010110", "020110"], "value": [5.0, 7.0, 2.0]})
    >>> flows_table(df).columns
    ('year', 'exporter', 'importer', 'product', 'value', 'quantity')
    """
    if isinstance(flows, ir.Table):
        return flows
    table = getattr(flows, "table", None)
    if isinstance(table, ir.Table):
        return table
    if isinstance(flows, pd.DataFrame):
        return register_frame(conform_frame(flows), con=con)
    if isinstance(flows, (str, os.PathLike)):
        return read_flows(flows, format="auto", con=con).table
    raise TypeError(f"flows must be a path, a pandas DataFrame, TradeFlows or an ibis Table, not {type(flows).__name__}")


def select_flows(flows: Any, *, con: ibis.BaseBackend | None = None, years: str | tuple[int, int] | None = None,
                 country: str | Iterable[str] | None = None, role: str = "exporter") -> ir.Table:
    """The flows as an Ibis table, restricted to ``years`` and ``country``.

    Parameters
    ----------
    flows : path, pandas.DataFrame, TradeFlows or ibis.Table
        Any form :func:`flows_table` accepts.
    con : ibis backend, optional
        From :func:`valuechain.trade.engine.connect`. Default: a process-wide DuckDB connection.
    years : str or (int, int), optional
        An inclusive pair or ``"YYYY-YYYY"`` (or one year, ``"YYYY"``); default: all years.
    country : str or iterable of str, optional
        An ISO3 code or a list of codes, matched against ``role``; default: all.
    role : {"exporter", "importer"}, default "exporter"
        The column ``country`` is matched against.

    Returns
    -------
    ibis.expr.types.Table
        The selected flows (lazy).

    Raises
    ------
    ValidationError
        If ``years`` cannot be read (:func:`~valuechain.trade.schema.parse_years`).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2021, 2021], "exporter": ["KAZ", "KAZ", "UZB"], "importer": ["CHN", "CHN", "RUS"],
    ...                    "product": ["010110", "010110", "020110"], "value": [5.0, 7.0, 2.0]})
    >>> t = select_flows(df, years="2021-2021", country="KAZ")
    >>> flows_frame(t)[["year", "exporter", "value"]].values.tolist()
    [[2021, 'KAZ', 7.0]]
    >>> flows_frame(select_flows(df, country="RUS", role="importer"))["exporter"].tolist()
    ['UZB']
    """
    t = flows_table(flows, con=con)
    yrs = parse_years(years)
    if yrs is not None:
        t = t.filter((t.year >= yrs[0]) & (t.year <= yrs[1]))
    if country is not None:
        codes = [country] if isinstance(country, str) else list(country)
        # equality (not IN) for one code lets the engine skip row groups by their statistics
        t = t.filter(t[role] == codes[0]) if len(codes) == 1 else t.filter(t[role].isin(codes))
    return t


def flows_frame(flows: Any, *, con: ibis.BaseBackend | None = None) -> pd.DataFrame:
    """The flows as a sorted pandas frame (small data only).

    :func:`flows_table` then :func:`~valuechain.trade.engine.to_pandas`.

    Parameters
    ----------
    flows : path, pandas.DataFrame, TradeFlows or ibis.Table
        Any form :func:`flows_table` accepts.
    con : ibis backend, optional
        From :func:`valuechain.trade.engine.connect`. Default: a process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        The schema columns, rows sorted by every non-float column.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2021, 2021], "exporter": ["KAZ", "KAZ", "UZB"], "importer": ["CHN", "CHN", "RUS"],
    ...                    "product": ["010110", "010110", "020110"], "value": [5.0, 7.0, 2.0]})
    >>> flows_frame(df[::-1])[["year", "exporter", "value"]].values.tolist()
    [[2020, 'KAZ', 5.0], [2021, 'KAZ', 7.0], [2021, 'UZB', 2.0]]
    """
    return to_pandas(flows_table(flows, con=con))


def is_synthetic(flows: Any) -> bool:
    """True for synthetic inputs (so that results made from them carry the flag).

    Parameters
    ----------
    flows : Any
        A pandas frame, a :class:`~valuechain.trade.readers.TradeFlows` or anything else.

    Returns
    -------
    bool
        True for a frame with ``attrs["synthetic"]`` (or ``"synthetic"`` in
        ``attrs["flags"]``), or an object whose ``synthetic`` attribute is true (a
        :class:`~valuechain.trade.readers.TradeFlows` made from a synthetic panel).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2021, 2021], "exporter": ["KAZ", "KAZ", "UZB"], "importer": ["CHN", "CHN", "RUS"],
    ...                    "product": ["010110", "010110", "020110"], "value": [5.0, 7.0, 2.0]})
    >>> is_synthetic(df)
    False
    >>> df.attrs["flags"] = ("synthetic panel (seed 0)",)
    >>> is_synthetic(df)
    True
    """
    if isinstance(flows, pd.DataFrame):
        fl = flows.attrs.get("flags", ())
        fl = (fl,) if isinstance(fl, str) else tuple(fl or ())
        return bool(flows.attrs.get("synthetic")) or any("synthetic" in str(f) for f in fl)
    return bool(getattr(flows, "synthetic", False))
