r"""One country's slice of a large panel: one aggregation over the panel, one filtered pass.

The one-country diagnostic (:func:`valuechain.trade.diagnostic.trade_diagnostic`) needs
from the whole panel only three small things besides the country's own rows:

* world exports by year and product, :math:`X_{wpt} = \sum_c x_{cpt}` (RCA's denominator);
* the country's imports, :math:`M_{ct} = \sum_{i,p} x_{icpt}` (mirror flows);
* whether some other exporter has a positive flow (RCA from panel totals needs two).

:func:`country_view` gives the world totals as ONE aggregation over the panel (by year and
product, run when RCA needs it), computes the imports in a filtered pass (the engine
evaluates the ``importer`` filter while scanning and reads the other columns only for the
matching rows), and materialises (Ibis ``.cache()``: a DuckDB temporary table, a cached Spark frame) a small
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
    ``world``: world exports ``year, product, value`` summed over every exporter of the panel
    (materialised when first used);
    ``panel``: the panel itself (not materialised).
    """

    flows: ir.Table
    world_expr: ir.Table
    panel: ir.Table
    country: str

    @property
    def world(self) -> ir.Table:
        """World totals ``year, product, value``, materialised on first use (one aggregation
        over the panel; an engine would otherwise repeat it for each use in a query, e.g. RCA's
        join and its window over the world total)."""
        return self.world_expr.cache()  # Ibis keeps one cached table per expression

    def several_exporters(self, years: tuple[int, int] | None = None) -> bool:
        """True when the country and at least one other exporter have a positive flow within ``years``.

        The other exporter is found by a probe that stops at the first matching row (at once
        in a panel of many exporters; a one-exporter file is the country's size).
        """
        t, f = self.panel, self.flows
        f = f.filter(f.exporter == self.country)
        if years is not None:
            t = t.filter((t.year >= years[0]) & (t.year <= years[1]))
            f = f.filter((f.year >= years[0]) & (f.year <= years[1]))
        if int(to_pandas(f.filter(f.value > 0).count())) == 0:
            return False
        others = t.filter(t.exporter.isnull() | (t.exporter != self.country)).filter(t.value > 0)
        return int(to_pandas(others.limit(1).count())) > 0


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
    # world totals: the one full aggregation (reads year, product, value), run when first used
    world = t.group_by(["year", "product"]).aggregate(value=t.value.sum())
    # imports from the others: a filter on importer the engine evaluates while scanning (cheap);
    # self-trade stays among the own rows
    b = t.filter(t.importer == country).filter(t.exporter.isnull() | (t.exporter != country))
    imp = b.group_by(["year", "product"]).aggregate(value=b.value.sum())
    imp = imp.select(
        year=imp.year,
        exporter=ibis.null().cast("string"),
        importer=ibis.literal(country, type="string"),
        product=imp.product,
        value=imp.value,
        quantity=ibis.null().cast("float64"),
    )
    own = t.filter(t.exporter == country)  # pruned by the Parquet statistics of exporter
    own = own.select(*imp.columns).cast(imp.schema())
    small = own.union(imp, distinct=False).cache()
    return CountryView(flows=small, world_expr=world, panel=t, country=country)
