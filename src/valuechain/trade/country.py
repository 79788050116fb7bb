r"""One country's slice of a large panel, read in one pass over the panel.

The one-country diagnostic (:func:`valuechain.trade.diagnostic.trade_diagnostic`) needs
from the whole panel only three small things besides the country's own rows:

* world exports by year and product, :math:`X_{wpt} = \sum_c x_{cpt}` (RCA's denominator);
* the country's imports, :math:`M_{ct} = \sum_{i,p} x_{icpt}` (mirror flows);
* whether some other exporter has a positive flow (RCA from panel totals needs two).

:func:`country_view` computes them in ONE aggregation over the panel (by year and product)
and materialises (Ibis ``.cache()``: a DuckDB temporary table, a cached Spark frame) a small
flows table holding the country's own rows (a filter on ``exporter`` that Parquet
statistics prune) plus one row per year and product for its imports from the others
(``exporter`` null). Every indicator filtered on the country (exports, imports, growth,
composition, counts, concentration, margins, Lall, RCA with the world totals given)
gives on this table exactly what it gives on the panel, and reads a few thousand rows
instead of the panel. The Ibis code is engine-agnostic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir

from .engine import to_pandas
from .flows import flows_table, select_flows

__all__ = ["CountryView", "country_view"]


@dataclass(frozen=True, eq=False)
class CountryView:
    """The country's slice of a panel (see :func:`country_view`).

    ``flows``: the country's rows plus its aggregated imports (``exporter`` null);
    ``world``: world exports ``year, product, value`` summed over every exporter of the panel;
    ``sellers``: ``year, lo, hi``, the first and last exporter code with a positive flow in
    each year (two exporters or more when ``lo != hi``).
    """

    flows: ir.Table
    world: ir.Table
    sellers: ir.Table
    country: str

    def several_exporters(self, years: tuple[int, int] | None = None) -> bool:
        """True when two exporters or more have a positive flow within ``years``."""
        s = self.sellers
        if years is not None:
            s = s.filter((s.year >= years[0]) & (s.year <= years[1]))
        df = to_pandas(s.aggregate(lo=s.lo.min(), hi=s.hi.max()))
        lo, hi = df["lo"].iloc[0], df["hi"].iloc[0]
        return bool(isinstance(lo, str) and isinstance(hi, str) and lo != hi)


def country_view(flows: Any, *, country: str, years: Any = None, con=None) -> CountryView:
    """Materialise ``country``'s slice of ``flows`` with one full pass over the panel.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        The panel (any form accepted by :func:`~valuechain.trade.flows.flows_table`).
    country : str
        ISO3 code of the exporter.
    years : pair or "YYYY-YYYY", optional
        Restrict every table to these years.

    Returns
    -------
    CountryView
        Small materialised tables (see :class:`CountryView`).
    """
    t = select_flows(flows_table(flows, con=con), years=years)
    other = t.exporter.isnull() | (t.exporter != country)
    bought = t.importer.notnull() & (t.importer == country) & other  # self-trade stays among the own rows
    positive = t.value > 0
    agg = t.group_by(["year", "product"]).aggregate(
        value=t.value.sum(),
        imports=t.value.sum(where=bought),
        lo=t.exporter.min(where=positive),
        hi=t.exporter.max(where=positive),
    ).cache()  # the one full scan
    own = t.filter(t.exporter == country)
    imp = agg.filter(agg.imports.notnull())
    imp = imp.select(
        year=imp.year,
        exporter=ibis.null().cast("string"),
        importer=ibis.literal(country, type="string"),
        product=imp.product,
        value=imp.imports,
        quantity=ibis.null().cast("float64"),
    )
    own = own.select(*imp.columns).cast(imp.schema())
    small = own.union(imp, distinct=False).cache()
    sellers = agg.group_by("year").aggregate(lo=agg.lo.min(), hi=agg.hi.max()).cache()
    return CountryView(flows=small, world=agg.select("year", "product", "value"), sellers=sellers, country=country)
