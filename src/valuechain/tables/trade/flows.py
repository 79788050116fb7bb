"""Flows in any accepted form as one Ibis table, and the usual selections of them.

The layer above the engine (:mod:`valuechain.trade.engine`), the schema
(:mod:`valuechain.trade.schema`) and the readers (:mod:`valuechain.trade.readers`):
every indicator module gets its flows table from here.
"""

from __future__ import annotations

import os
from typing import Any

import ibis.expr.types as ir
import pandas as pd

from .engine import register_frame, to_pandas
from .readers import read_flows
from .schema import conform_frame, parse_years

__all__ = ["flows_table", "select_flows", "is_synthetic", "flows_frame"]


def flows_table(flows: Any, *, con=None) -> ir.Table:
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


def select_flows(flows: Any, *, con=None, years: Any = None, country: Any = None, role: str = "exporter") -> ir.Table:
    """The flows as an Ibis table, restricted to ``years`` (inclusive pair or "YYYY-YYYY") and
    ``country`` (an ISO3 code or a list of codes, matched against ``role``: exporter or importer)."""
    t = flows_table(flows, con=con)
    yrs = parse_years(years)
    if yrs is not None:
        t = t.filter((t.year >= yrs[0]) & (t.year <= yrs[1]))
    if country is not None:
        codes = [country] if isinstance(country, str) else list(country)
        # equality (not IN) for one code lets the engine skip row groups by their statistics
        t = t.filter(t[role] == codes[0]) if len(codes) == 1 else t.filter(t[role].isin(codes))
    return t


def flows_frame(flows: Any, *, con=None) -> pd.DataFrame:
    """The flows as a sorted pandas frame (small data only): :func:`flows_table` then
    :func:`~valuechain.trade.engine.to_pandas`."""
    return to_pandas(flows_table(flows, con=con))


def is_synthetic(flows: Any) -> bool:
    """True for synthetic inputs: a frame with ``attrs["synthetic"]`` (or ``"synthetic"`` in
    ``attrs["flags"]``), or a :class:`~valuechain.trade.readers.TradeFlows` made from a
    synthetic panel."""
    if isinstance(flows, pd.DataFrame):
        fl = flows.attrs.get("flags", ())
        fl = (fl,) if isinstance(fl, str) else tuple(fl or ())
        return bool(flows.attrs.get("synthetic")) or any("synthetic" in str(f) for f in fl)
    return bool(getattr(flows, "synthetic", False))
