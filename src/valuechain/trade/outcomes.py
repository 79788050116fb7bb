"""Orientation and growth: exports, imports, growth rates, openness, composition, counts.

The indicators of the World Bank Trade Outcomes analysis (Reis & Farole 2012, ch. 2),
section "orientation and growth" and the seed's Tables 1-2, each a pure function of a
flows table (see :mod:`valuechain.trade.schema`) written once in Ibis, so it runs on
DuckDB or Spark, returning a tidy pandas frame. Values keep the flows' unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

import ibis
import ibis.expr.types as ir
import pandas as pd
from ibis import _

from ..errors import ValidationError
from ..tables.trade.engine import backend_of, code_filter, register_frame, to_pandas
from ..tables.trade.flows import select_flows
from .groups import DEFAULT_GROUPS, Groups, assign_destination, assign_sector, hs_sections

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

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


def trade_totals(flows: Any, *, country: str | Sequence[str] | None = None, years: Any = None,
                 con: BaseBackend | None = None) -> pd.DataFrame:
    """Exports and imports by country and year.

    .. math:: X_{ct} = \\sum_{j,p} x_{cjpt}, \\qquad M_{ct} = \\sum_{i,p} x_{icpt}

    Imports are mirror flows (other exporters' shipments to ``c``) and are null when the
    flows have no partner (exporter × product files).

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema ``year, exporter, importer, product, value``
        (:func:`~valuechain.tables.trade.flows_table` lists the accepted forms).
    country : str or list of str, optional
        ISO3 code(s) to report; default every country in the flows.
    years : (int, int) or str, optional
        Inclusive range of years (``(2010, 2020)`` or ``"2010-2020"``); default all.
    con : ibis backend, optional
        From :func:`~valuechain.tables.trade.connect`; default the process-wide DuckDB.

    Returns
    -------
    DataFrame
        ``year, country, exports, imports`` in the flows' unit, sorted by country and year.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2 ("orientation and growth").

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2020, 2021], "exporter": ["KAZ", "RUS", "KAZ"],
    ...                       "importer": ["CHN", "KAZ", "CHN"], "product": ["270900", "100190", "270900"],
    ...                       "value": [60.0, 50.0, 90.0]})
    >>> trade_totals(flows, country="KAZ")
       year country  exports  imports
    0  2020     KAZ     60.0     50.0
    1  2021     KAZ     90.0      NaN
    """
    return to_pandas(_totals_expr(flows, country=country, years=years, con=con), sort=["country", "year"])


def growth_rates(flows: Any, *, country: str | Sequence[str] | None = None, years: Any = None,
                 con: BaseBackend | None = None) -> pd.DataFrame:
    """Year-on-year growth (percent) of exports and imports.

    .. math:: g_{ct} = 100\\,(X_{ct} / X_{c,t-1} - 1)

    Null where the previous calendar year is absent or zero.

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema (see :func:`trade_totals`).
    country : str or list of str, optional
        ISO3 code(s) to report; default every country.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, country, exports, imports, exports_yoy, imports_yoy`` (growth in percent).

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2021, 2022], "exporter": "KAZ", "importer": "CHN",
    ...                       "product": "270900", "value": [100.0, 120.0, 90.0]})
    >>> growth_rates(flows, country="KAZ")[["year", "exports", "exports_yoy"]]
       year  exports  exports_yoy
    0  2020    100.0          NaN
    1  2021    120.0         20.0
    2  2022     90.0        -25.0
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

    Parameters
    ----------
    table : DataFrame
        Columns ``year``, ``value`` (or the column named by ``value``) and the ``by`` columns.
    periods : list of (int, int)
        The (start, end) years of each period; each must end after it starts.
    value : str
        The column that grows (default ``"value"``).
    by : sequence of str
        Grouping columns (one rate per group and period); default: the whole table summed.

    Returns
    -------
    DataFrame
        ``*by, start, end, cagr`` (percent per year).

    Raises
    ------
    ValidationError
        When a period does not end after it starts.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [2000, 2012], "value": [4350.0, 64486.0]})  # seed Table 1, oil and gas
    >>> cagr(t, periods=[(2000, 2012)]).round(1)
       start   end  cagr
    0   2000  2012  25.2
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


def openness(flows: Any, gdp: pd.DataFrame, *, country: str | Sequence[str] | None = None, years: Any = None,
             gdp_scale: float = 1.0, con: BaseBackend | None = None) -> pd.DataFrame:
    """Trade openness, (exports + imports) / GDP in percent.

    .. math:: O_{ct} = 100\\,(X_{ct} + M_{ct}) / (s \\cdot \\mathrm{GDP}_{ct})

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Bilateral flows in the schema (imports are mirror flows).
    gdp : DataFrame
        Columns ``year, country, gdp``.
    gdp_scale : float
        Factor turning GDP into the flows' unit (default 1; e.g. ``1e-3`` for GDP in USD
        and BACI flows in thousand USD).
    country : str or list of str, optional
        ISO3 code(s); default every country with a GDP row.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, country, exports, imports, gdp, openness`` (GDP in the flows' unit, openness
        in percent; null where GDP is not positive). Needs bilateral flows (for imports).

    Raises
    ------
    ValidationError
        When ``gdp`` lacks one of the columns ``year, country, gdp``.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2 (trade openness).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2020, "exporter": ["KAZ", "RUS"], "importer": ["CHN", "KAZ"],
    ...                       "product": "270900", "value": [100.0, 50.0]})
    >>> gdp = pd.DataFrame({"year": [2020], "country": ["KAZ"], "gdp": [1000.0]})
    >>> openness(flows, gdp, country="KAZ")  # (100 + 50) / 1000
       year country  exports  imports     gdp  openness
    0  2020     KAZ    100.0     50.0  1000.0      15.0
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
    con: BaseBackend | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Exports by sector or by destination group: levels, shares and growth (seed Tables 1-2).

    .. math:: s_{cgt} = 100\\,\\frac{\\sum_{(j,p) \\in g} x_{cjpt}}{X_{ct}}

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis.Table
        Flows in the schema (partners needed for ``destination`` and ``country``).
    by : {"sector", "destination", "section", "country"}
        ``sector``: groups of HS prefixes (``groups.sectors``); ``section``: the 21 HS
        sections; ``destination``: partner groups; ``country``: each partner.
    country : str or list of str, optional
        Exporter ISO3 code(s); default every exporter.
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    groups : Groups, optional
        Default :data:`~valuechain.trade.groups.DEFAULT_GROUPS` (the seed's groups).
    periods : list of (start, end), optional
        Periods for the CAGR table (e.g. ``[(2000, 2012), (2012, 2018)]``).
    total : bool
        Add a ``Total`` group (share 100).
    con : ibis backend, optional
        Default the process-wide DuckDB connection.

    Returns
    -------
    levels : DataFrame
        ``exporter, group, year, value, share`` (share in percent of the exporter's total).
    growth : DataFrame
        ``exporter, group, start, end, cagr`` (empty without ``periods``).

    Raises
    ------
    ValidationError
        For an unknown ``by``.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2 (composition of exports by product and market).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2020, 2021, 2021], "exporter": "KAZ", "importer": "CHN",
    ...                       "product": ["270900", "720110", "270900", "720110"],
    ...                       "value": [80.0, 20.0, 100.0, 20.0]})
    >>> levels, growth = composition(flows, periods=[(2020, 2021)])
    >>> levels.round(1)
      exporter        group  year  value  share
    0      KAZ  Oil and gas  2020   80.0   80.0
    1      KAZ  Oil and gas  2021  100.0   83.3
    2      KAZ       Metals  2020   20.0   20.0
    3      KAZ       Metals  2021   20.0   16.7
    4      KAZ        Total  2020  100.0  100.0
    5      KAZ        Total  2021  120.0  100.0
    >>> growth
      exporter        group  start   end  cagr
    0      KAZ  Oil and gas   2020  2021  25.0
    1      KAZ       Metals   2020  2021   0.0
    2      KAZ        Total   2020  2021  20.0
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


def product_market_counts(flows: Any, *, country: Any = None, years: Any = None, min_value: float = 0.0,
                          con: BaseBackend | None = None) -> pd.DataFrame:
    """Number of products exported and of markets reached, by exporter and year.

    .. math:: N^{P}_{ct} = \\#\\{p : X_{cpt} > v_{min}\\}, \\qquad N^{M}_{ct} = \\#\\{j : X_{cjt} > v_{min}\\}

    A product (market) counts when the exporter's total exports of it (to it) in the year
    exceed ``min_value`` (default 0, in the flows' unit). ``n_markets`` is null for flows
    without partners. (Seed Figures 5-6.)

    Parameters
    ----------
    flows : path, DataFrame, TradeFlows or ibis Table
        Flows in the schema (``year, exporter, importer, product, value``).
    country : str or sequence of str, optional
        Exporters to keep (default: all).
    years : int or sequence of int, optional
        Years to keep (default: all).
    min_value : float, default 0.0
        A product or market counts when exports exceed it (flows' unit).
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    DataFrame ``year, exporter, n_products, n_markets``.

    References
    ----------
    .. [1] Reis, J. G. and Farole, T. (2012). *Trade Competitiveness Diagnostic Toolkit*.
       World Bank, Washington DC (trade outcomes: diversification of products and markets).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> product_market_counts(flows)
       year exporter  n_products  n_markets
    0  2000      CHN           1          1
    1  2000      KAZ           2          2
    2  2000      RUS           2          2
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
