"""Orientation and growth: exports, imports, growth rates, openness, composition, counts.

The indicators of the World Bank Trade Outcomes analysis (Reis & Farole 2012, ch. 2),
section "orientation and growth" and the seed's Tables 1-2, each a pure function of a
flows table (see :mod:`valuechain.trade.schema`) written once in Ibis, so it runs on
DuckDB or Spark, returning a tidy pandas frame. Values keep the flows' unit.
"""

from __future__ import annotations

from typing import Any, Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis import _

from ..errors import ValidationError
from ..tables.trade.engine import backend_of, code_filter, register_frame, to_pandas
from ..tables.trade.flows import select_flows
from .groups import DEFAULT_GROUPS, Groups, assign_destination, assign_sector, hs_sections

__all__ = ["trade_totals", "growth_rates", "cagr", "openness", "composition", "product_market_counts"]


def _codes(country: Any) -> list[str] | None:
    if country is None:
        return None
    return [country] if isinstance(country, str) else list(country)


def _totals_expr(flows: Any, *, country: Any = None, years: Any = None, con=None) -> ir.Table:
    t = select_flows(flows, con=con, years=years)
    codes = _codes(country)
    ex = t if codes is None else t.filter(code_filter(t.exporter, codes))
    exp = ex.group_by(["year", ex.exporter.name("country")]).aggregate(exports=ex.value.sum())
    imf = t.filter(t.importer.notnull())
    if codes is not None:
        imf = imf.filter(code_filter(imf.importer, codes))
    imp = imf.group_by(["year", imf.importer.name("country")]).aggregate(imports=imf.value.sum())
    j = exp.outer_join(imp, [exp.year == imp.year, exp.country == imp.country])
    return j.select(
        year=ibis.coalesce(j.year, j.year_right),
        country=ibis.coalesce(j.country, j.country_right),
        exports=j.exports.fill_null(0.0),
        imports=j.imports,
    ).view()  # close the join chain so the result can be joined again


def trade_totals(flows: Any, *, country: str | Sequence[str] | None = None, years: Any = None, con=None) -> pd.DataFrame:
    """Exports and imports by country and year.

    .. math:: X_{ct} = \\sum_{j,p} x_{cjpt}, \\qquad M_{ct} = \\sum_{i,p} x_{icpt}

    Imports are mirror flows (other exporters' shipments to ``c``) and are null when the
    flows have no partner (exporter × product files).

    Returns
    -------
    DataFrame with columns ``year, country, exports, imports``.
    """
    return to_pandas(_totals_expr(flows, country=country, years=years, con=con), sort=["country", "year"])


def growth_rates(flows: Any, *, country: Any = None, years: Any = None, con=None) -> pd.DataFrame:
    """Year-on-year growth (percent) of exports and imports.

    .. math:: g_{ct} = 100\\,(X_{ct} / X_{c,t-1} - 1)

    Null where the previous calendar year is absent or zero.

    Returns
    -------
    DataFrame ``year, country, exports, imports, exports_yoy, imports_yoy``.
    """
    tot = _totals_expr(flows, country=country, years=years, con=con)
    w = ibis.window(group_by=tot.country, order_by=tot.year)
    j = tot.mutate(py=tot.year.lag().over(w), px=tot.exports.lag().over(w), pm=tot.imports.lag().over(w))
    consecutive = j.py == j.year - 1

    def g(cur, p):
        return ibis.ifelse(consecutive & (p > 0), (cur / p - 1.0) * 100.0, ibis.null().cast("float64"))

    out = j.select(
        year=j.year, country=j.country, exports=j.exports, imports=j.imports,
        exports_yoy=g(j.exports, j.px), imports_yoy=g(j.imports, j.pm),
    )
    return to_pandas(out, sort=["country", "year"])


def cagr(table: pd.DataFrame, *, periods: Sequence[tuple[int, int]], value: str = "value", by: Sequence[str] = ()) -> pd.DataFrame:
    """Compound annual growth rate (percent) of ``value`` over each period.

    .. math:: \\mathrm{CAGR}_{a,b} = 100\\left[(V_b / V_a)^{1/(b-a)} - 1\\right]

    ``table`` is an aggregated (small) frame with ``year``, ``value`` and the ``by``
    columns, e.g. from :func:`composition`. Null when ``V_a`` is zero or missing; the seed's
    Table 1 growth columns (e.g. Oil and gas 4,350 → 64,486 over 2000-12: 25.2 %) are this
    formula.

    Returns
    -------
    DataFrame ``*by, start, end, cagr``.
    """
    by = list(by)
    rows = []
    for a, b in periods:
        if b <= a:
            raise ValidationError(f"period {a}-{b} must end after it starts")
        s = table[table.year == a].set_index(by)[value] if by else table.loc[table.year == a, value].sum()
        e = table[table.year == b].set_index(by)[value] if by else table.loc[table.year == b, value].sum()
        if by:
            both = pd.concat([s.rename("va"), e.rename("vb")], axis=1)
            both = both.reset_index()
        else:
            both = pd.DataFrame({"va": [s if (table.year == a).any() else float("nan")], "vb": [e if (table.year == b).any() else float("nan")]})
        ratio = both["vb"] / both["va"].where(both["va"] > 0)
        both["cagr"] = (ratio ** (1.0 / (b - a)) - 1.0) * 100.0
        both["start"], both["end"] = a, b
        rows.append(both[by + ["start", "end", "cagr"]])
    return pd.concat(rows, ignore_index=True)


def openness(flows: Any, gdp: pd.DataFrame, *, country: Any = None, years: Any = None, gdp_scale: float = 1.0, con=None) -> pd.DataFrame:
    """Trade openness, (exports + imports) / GDP in percent.

    .. math:: O_{ct} = 100\\,(X_{ct} + M_{ct}) / (s \\cdot \\mathrm{GDP}_{ct})

    Parameters
    ----------
    gdp : DataFrame
        Columns ``year, country, gdp``.
    gdp_scale : float
        Factor turning GDP into the flows' unit (default 1; e.g. ``1e-3`` for GDP in USD
        and BACI flows in thousand USD).

    Returns
    -------
    DataFrame ``year, country, exports, imports, gdp, openness`` (GDP in the flows' unit).
    Needs bilateral flows (for imports).
    """
    need = {"year", "country", "gdp"} - set(gdp.columns)
    if need:
        raise ValidationError(f"the GDP table lacks column(s) {', '.join(sorted(need))}; it needs year, country, gdp")
    tot = _totals_expr(flows, country=country, years=years, con=con)
    g = register_frame(
        pd.DataFrame({"year": gdp["year"].astype("int64"), "country": gdp["country"].astype(str),
                      "gdp": gdp["gdp"].astype(float) * gdp_scale}),
        con=backend_of(tot),
    )
    j = tot.inner_join(g, ["year", "country"])
    out = j.select(
        "year", "country", "exports", "imports", "gdp",
        openness=ibis.ifelse(j.gdp > 0, (j.exports + j.imports.fill_null(0.0)) / j.gdp * 100.0, ibis.null().cast("float64")),
    )
    return to_pandas(out, sort=["country", "year"])


def composition(
    flows: Any,
    *,
    by: str = "sector",
    country: Any = None,
    years: Any = None,
    groups: Groups | None = None,
    periods: Sequence[tuple[int, int]] | None = None,
    total: bool = True,
    con=None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exports by sector or by destination group: levels, shares and growth (seed Tables 1-2).

    .. math:: s_{cgt} = 100\\,\\frac{\\sum_{(j,p) \\in g} x_{cjpt}}{X_{ct}}

    Parameters
    ----------
    by : {"sector", "destination", "section", "country"}
        ``sector``: groups of HS prefixes (``groups.sectors``); ``section``: the 21 HS
        sections; ``destination``: partner groups; ``country``: each partner.
    groups : Groups, optional
        Default :data:`~valuechain.trade.groups.DEFAULT_GROUPS` (the seed's groups).
    periods : list of (start, end), optional
        Periods for the CAGR table (e.g. ``[(2000, 2012), (2012, 2018)]``).
    total : bool
        Add a ``Total`` group (share 100).

    Returns
    -------
    (levels, growth) : DataFrames ``exporter, group, year, value, share`` and
    ``exporter, group, start, end, cagr``.
    """
    groups = groups or DEFAULT_GROUPS
    t = select_flows(flows, con=con, years=years, country=country)
    if by in ("destination", "country"):
        t = t.filter(t.importer.notnull())
    if by == "sector":
        t, order = assign_sector(t, groups), groups.sector_order
    elif by == "section":
        sec = hs_sections()
        t, order = assign_sector(t, sec), sec.sector_order
    elif by == "destination":
        t, order = assign_destination(t, groups), groups.destination_order
    elif by == "country":
        t, order = t.mutate(group=t.importer), None
    else:
        raise ValidationError(f"by must be sector, section, destination or country, not {by!r}")
    agg = t.group_by(["exporter", "group", "year"]).aggregate(value=t.value.sum())
    w = ibis.window(group_by=[agg.exporter, agg.year])
    agg = agg.mutate(share=agg.value / agg.value.sum().over(w) * 100.0)
    lv = to_pandas(agg, sort=["exporter", "group", "year"])
    if total and len(lv):
        tot = lv.groupby(["exporter", "year"], as_index=False)["value"].sum().assign(group="Total", share=100.0)
        lv = pd.concat([lv, tot[lv.columns]], ignore_index=True)
    if order is not None:
        rank = {g: i for i, g in enumerate(order + ["Total"])}
        lv = lv.assign(_o=lv.group.map(rank)).sort_values(["exporter", "_o", "year"], kind="mergesort").drop(columns="_o")
    lv = lv.reset_index(drop=True)
    if periods:
        gr = cagr(lv, periods=periods, by=["exporter", "group"])
        gr = gr.merge(lv[["exporter", "group"]].drop_duplicates().reset_index(), on=["exporter", "group"]).sort_values(
            ["index", "start"], kind="mergesort").drop(columns="index").reset_index(drop=True)
    else:
        gr = pd.DataFrame(columns=["exporter", "group", "start", "end", "cagr"])
    return lv, gr


def product_market_counts(flows: Any, *, country: Any = None, years: Any = None, min_value: float = 0.0, con=None) -> pd.DataFrame:
    """Number of products exported and of markets reached, by exporter and year.

    .. math:: N^{P}_{ct} = \\#\\{p : X_{cpt} > v_{min}\\}, \\qquad N^{M}_{ct} = \\#\\{j : X_{cjt} > v_{min}\\}

    A product (market) counts when the exporter's total exports of it (to it) in the year
    exceed ``min_value`` (default 0, in the flows' unit). ``n_markets`` is null for flows
    without partners. (Seed Figures 5-6.)

    Returns
    -------
    DataFrame ``year, exporter, n_products, n_markets``.
    """
    t = select_flows(flows, con=con, years=years, country=country)
    p = t.group_by(["year", "exporter", "product"]).aggregate(v=t.value.sum())
    p = p.filter(p.v > min_value).group_by(["year", "exporter"]).aggregate(n_products=_.count())
    m = t.filter(t.importer.notnull())
    m = m.group_by(["year", "exporter", "importer"]).aggregate(v=m.value.sum())
    m = m.filter(m.v > min_value).group_by(["year", "exporter"]).aggregate(n_markets=_.count())
    j = p.left_join(m, ["year", "exporter"])
    out = j.select("year", "exporter", "n_products", n_markets=j.n_markets)
    return to_pandas(out, sort=["exporter", "year"])
