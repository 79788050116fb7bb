r"""One country's slice of a large panel: one aggregation over the panel, one filtered pass.

The one-country diagnostic (:func:`valuechain.trade.diagnostic.trade_diagnostic`) needs
from the whole panel only three small things besides the country's own rows:

* world exports by year and product, :math:`X_{wpt} = \sum_c x_{cpt}` (RCA's denominator);
* the country's imports by year and product,
  :math:`M_{cpt} = \sum_{i \ne c} x_{icpt}` (mirror flows);
* whether some other exporter has a positive flow (RCA from panel totals needs two).

:func:`country_view` computes the first two in ONE aggregation over the panel (grouped by
year and product, the imports as a filtered sum of the same scan; at BACI size this scan
is the diagnostic's one expensive step), or, when the world totals are given, the imports
alone in a filtered pass. With a :class:`~valuechain.trade.panel_cache.PanelCache` both
are read from the cache when an earlier run on the same files stored them, and stored
otherwise. It then materialises (Ibis ``.cache()``: a DuckDB temporary table, a cached
Spark frame) a small flows table holding the country's own rows (a filter on ``exporter``
that Parquet statistics prune) plus one row per year and product for its imports from the
others (``exporter`` null). Every indicator filtered on the country (exports, imports,
growth, composition, counts, concentration, margins, Lall, RCA with the world totals
given) gives on this table exactly what it gives on the panel, and reads a few thousand
rows instead of the panel. The Ibis code is engine-agnostic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from .checks import check_rows, check_unique, code_problem, problem_count, value_problem
from .keys import duplicate_excess, key_bits
from .engine import backend_of, register_frame, to_pandas
from .flows import flows_table, select_flows
from .panel_cache import PanelCache, imports_name

__all__ = ["CountryView", "country_view"]

_KEYS = ("year", "exporter", "importer", "product")


@dataclass(frozen=True, eq=False)
class CountryView:
    """The country's slice of a panel (the result of :func:`country_view`).

    Parameters
    ----------
    flows : ibis.expr.types.Table
        The country's rows plus its aggregated imports from the others (``exporter`` null),
        materialised.
    world : ibis.expr.types.Table or None
        World exports ``year, product, value`` summed over every exporter of the panel
        (materialised; None when the caller gives its own world totals).
    panel : ibis.expr.types.Table
        The panel itself (not materialised).
    country : str
        ISO3 code of the country.
    cached : tuple of str, default ()
        The aggregates read from the panel cache (``"world"``, ``"imports"``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": 2020, "exporter": ["KAZ", "KAZ", "UZB", "RUS"], "importer": ["CHN", "RUS", "KAZ", "KAZ"],
    ...                    "product": ["010110", "020110", "010110", "010110"], "value": [5.0, 3.0, 2.0, 4.0]})
    >>> v = country_view(df, country="KAZ")
    >>> v.country, v.cached, v.several_exporters()
    ('KAZ', (), True)
    """

    flows: ir.Table
    world: ir.Table | None
    panel: ir.Table
    country: str
    cached: tuple = ()

    def __repr__(self) -> str:
        """A short summary (the engine tables are attributes)."""
        return (f"CountryView(country={self.country!r}, world={'given' if self.world is not None else 'from the panel'}"
                + (f", cached={list(self.cached)}" if self.cached else "") + ")")

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


def _frame(df: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"year": df["year"].astype("int64"), "product": df["product"].astype(str),
                         "value": df["value"].astype("float64")})


def country_view(flows: Any, *, country: str, years: str | tuple[int, int] | None = None,
                 con: ibis.BaseBackend | None = None, need_world: bool = True,
                 cache: PanelCache | None = None) -> CountryView:
    r"""Materialise ``country``'s slice of ``flows`` with at most one full pass over the panel.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        The panel (any form accepted by :func:`~valuechain.trade.flows.flows_table`).
    country : str
        ISO3 code of the exporter.
    years : pair or "YYYY-YYYY", optional
        Restrict every table to these years.
    con : ibis backend, optional
        From :func:`valuechain.trade.engine.connect`. Default: a process-wide DuckDB connection.
    need_world : bool, default True
        False when the caller has world totals of its own: then only the imports are
        aggregated (a filtered pass) and ``world`` is None.
    cache : PanelCache, optional
        Read the world totals and the imports from it when stored, store them otherwise
        (see :mod:`valuechain.trade.panel_cache`; the key must describe ``flows`` and
        ``years``).

    Returns
    -------
    CountryView
        Small materialised tables (see :class:`CountryView`).

    Raises
    ------
    TypeError
        If ``flows`` is none of the accepted forms.
    ValidationError
        If a row that feeds the world totals or the imports breaks a rule of
        :data:`~valuechain.tables.trade.checks.ROW_RULES` or a key repeats, or ``years``
        cannot be read.

    Notes
    -----
    .. math:: X_{wpt} = \sum_c x_{cpt}, \qquad M_{cpt} = \sum_{i \ne c} x_{icpt}

    Examples
    --------
    KAZ imports product 010110 from UZB (2) and RUS (4):

    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": 2020, "exporter": ["KAZ", "KAZ", "UZB", "RUS"], "importer": ["CHN", "RUS", "KAZ", "KAZ"],
    ...                    "product": ["010110", "020110", "010110", "010110"], "value": [5.0, 3.0, 2.0, 4.0]})
    >>> v = country_view(df, country="KAZ")
    >>> to_pandas(v.flows)[["exporter", "importer", "product", "value"]].values.tolist()
    [['KAZ', 'CHN', '010110', 5.0], ['KAZ', 'RUS', '020110', 3.0], [None, 'KAZ', '010110', 6.0]]
    >>> to_pandas(v.world).values.tolist()
    [[2020, '010110', 11.0], [2020, '020110', 3.0]]
    """
    t = select_flows(flows_table(flows, con=con), years=years)
    be = backend_of(t, con)
    # imports from the others: self-trade stays among the own rows
    from_others = (t.importer == country) & (t.exporter.isnull() | (t.exporter != country))
    iname = imports_name(country) if cache is not None else None
    imp_df = cache.get(iname) if iname is not None else None
    world_df = cache.get("world") if (cache is not None and need_world) else None
    cached = tuple(n for n, d in (("world", world_df), ("imports", imp_df)) if d is not None)
    imp = register_frame(_frame(imp_df), con=be) if imp_df is not None else None
    world: ir.Table | None = None
    if world_df is not None:
        world = register_frame(_frame(world_df), con=be)
    elif need_world:
        # the one full aggregation: world totals and the country's imports from the same scan, with the
        # rules of valuechain.tables.trade.checks tested in it (every row feeds the world totals): values
        # row by row, years and codes on the (year, exporter, product) groups, repeated keys by the
        # importer bits of keys.key_bits; then rolled up to (year, product) in the same query
        tj, kaggs, nchunk = key_bits(t, "importer")
        v = tj.value
        others = (tj.importer == country) & (tj.exporter.isnull() | (tj.exporter != country))
        a = tj.group_by(["year", "exporter", "product"]).aggregate(
            value=v.sum(), imports=v.sum(where=others), badv=ibis.ifelse(value_problem(v), 1, 0).sum(), **kaggs)
        bad = a.badv + duplicate_excess(a, nchunk) + ibis.ifelse(code_problem(a), a.kb_n, 0)
        g = a.group_by(["year", "product"]).aggregate(value=a.value.sum(), imports=a.imports.sum(), bad=bad.sum()).cache()
        if int(to_pandas(g.aggregate(n=g.bad.sum()), sort=False)["n"].iloc[0] or 0):
            # a rule broken, or two codes outside keys.KEY_CODES in one group: the exact checks name the row
            what = "panel (rows of every exporter feed the world totals)"
            check_rows(t, what=what)
            check_unique(t, list(_KEYS), what=what)
        world = g.select("year", "product", "value")
        if cache is not None:
            wd = to_pandas(g, sort=["year", "product"])
            cache.put("world", _frame(wd))
            if iname is not None and imp is None:
                cache.put(iname, _frame(wd[wd["imports"].notna()].assign(value=lambda d: d["imports"])))
        if imp is None:
            imp = g.filter(g.imports.notnull()).select("year", "product", value=g.imports)
    if imp is None:  # no aggregation gave the imports: a filtered pass (its rows and keys checked in the same pass)
        b = t.filter(from_others)
        bj, kaggs, nchunk = key_bits(b, "exporter")  # the importer is the country: a key repeats iff an exporter does
        imp = bj.group_by(["year", "product"]).aggregate(value=bj.value.sum(), bad=problem_count(bj), **kaggs)
        imp = imp.select("year", "product", "value", bad=imp.bad + duplicate_excess(imp, nchunk)).cache()
        if int(to_pandas(imp.aggregate(n=imp.bad.sum()), sort=False)["n"].iloc[0] or 0):
            check_rows(b, what=f"panel (rows of {country}'s imports)")
            check_unique(b, list(_KEYS), what=f"panel (rows of {country}'s imports)")
        imp = imp.select("year", "product", "value")
        if iname is not None:
            idf = to_pandas(imp, sort=["year", "product"])
            cache.put(iname, _frame(idf))
            imp = register_frame(_frame(idf), con=be)
    imp = imp.select(
        year=imp.year.cast("int64"),
        exporter=ibis.null().cast("string"),
        importer=ibis.literal(country, type="string"),
        product=imp["product"].cast("string"),
        value=imp.value.cast("float64"),
        quantity=ibis.null().cast("float64"),
    )
    own = t.filter(t.exporter == country)  # pruned by the Parquet statistics of exporter
    own = own.select(*imp.columns).cast(imp.schema())
    small = own.union(imp, distinct=False).cache()
    return CountryView(flows=small, world=world, panel=t, country=country, cached=cached)
