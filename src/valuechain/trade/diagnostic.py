r"""Side-by-side export indicators of a country and its peers (the comparator figures of the
World Bank Trade Competitiveness Diagnostic: Figures 5-10, 13-15).

:func:`peer_comparison` takes one flow set per country (they may come from different files
and HS revisions, e.g. Kazakhstan's BACI HS2002 files and the BRICS+ HS2012 panel) and
computes, for one year, with the family's own functions:

* exports (:func:`~valuechain.trade.trade_totals`), in billion USD;
* the number of HS6 products exported and the product HHI and top-5 share
  (:func:`~valuechain.trade.product_market_counts`, :func:`~valuechain.trade.concentration`);
* the Lall (2000) technology structure (:func:`~valuechain.trade.lall_shares`), through
  each flow set's own HS revision;
* the number of products with :math:`RCA \ge 1` (:func:`~valuechain.trade.rca`), only for
  flow sets whose HS revision matches the world totals given (RCA needs world exports of
  the same product codes).

HS6 counts and HHI compare across HS revisions only approximately (HS2002 has 5,224
subheadings, HS2012 5,205); the Lall shares compare exactly (each revision has its own
concordance). Every row says its revision.

References
----------
World Bank (2020), Kazakhstan Trade Competitiveness Diagnostic (Figures 5-10, 13-15).
Lall, S. (2000), The technological structure and performance of developing country
manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..errors import ValidationError
from ..results import ResultMixin, identity_row
from .concentration import concentration
from .indicators import TRADE_INDICATORS
from .lall import lall_shares
from .outcomes import product_market_counts, trade_totals
from .rca import rca

if TYPE_CHECKING:  # annotations only
    from ibis import BaseBackend

    from ..tables.trade.panel_cache import PanelCache
    from .groups import Groups

__all__ = ["PeerComparison", "TradeDiagnostic", "peer_comparison", "trade_diagnostic", "destination_coverage", "LALL_TIERS"]

#: The Lall tiers, in the order of the table's share columns.
LALL_TIERS = ("Primary", "Resource-based", "Low technology", "Medium technology", "High technology")

_SCALE = {"usd": 1e-9, "thousand usd": 1e-6, "million usd": 1e-3, "billion usd": 1.0}


@dataclass(frozen=True, eq=False)
class PeerComparison(ResultMixin):
    """One row per country: ``country, year, hs_revision, exports_bn_usd, n_products, hhi,
    top5_share, share_<tier>`` (percent of exports) and ``n_rca_products``.

    Made by :func:`peer_comparison`. ``check()`` verifies that each country's Lall shares
    (five tiers and ``Unclassified``) add up to 100 %.

    Parameters
    ----------
    table : DataFrame
        The comparison, one row per country.
    year : int
        The year compared.
    flags : tuple of str
        Provenance flags (``"synthetic"`` when a flow set is synthetic).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"country": ["KAZ"], "year": [2021], "share_Primary": [70.0], "share_Resource-based": [25.0],
    ...                   "share_Low technology": [0.0], "share_Medium technology": [0.0],
    ...                   "share_High technology": [0.0], "share_Unclassified": [5.0]})
    >>> res = PeerComparison(table=t, year=2021)
    >>> res.check()[["identity", "ok"]]
                         identity    ok
    0  Lall shares add up to 100%  True
    """

    table: pd.DataFrame
    year: int
    flags: tuple = ()
    title = "Peer comparison of exports"

    def _summary_lines(self) -> list[str]:
        return [f"year {self.year}; {len(self.table)} countries"]

    def _identity_rows(self) -> list[dict]:
        cols = [f"share_{t}" for t in LALL_TIERS if f"share_{t}" in self.table.columns]
        if not cols or "share_Unclassified" not in self.table.columns:
            return []
        tot = self.table[cols + ["share_Unclassified"]].sum(axis=1)
        return [identity_row("Lall shares add up to 100%", float((tot - 100).abs().max()), scale=100.0, rtol=1e-6)]


def _unit_scale(unit: str) -> float:
    u = (unit or "USD").strip().lower()
    if u not in _SCALE:
        raise ValidationError(f"unit {unit!r} of a flow set is not known; use one of USD, thousand USD, million USD")
    return _SCALE[u]


def peer_comparison(panels: Mapping[str, Any], *, year: int, world: pd.DataFrame | None = None,
                    world_revision: str | None = None, con: BaseBackend | None = None, data_dir: Any = None) -> PeerComparison:
    """Export indicators of each country of ``panels`` (country -> TradeFlows) in ``year``.

    Parameters
    ----------
    panels : mapping
        ISO3 code -> flows holding that country's exports (``unit`` and ``hs_revision`` read
        from the flows).
    year : int
        The year compared; a country without exports that year gets a row of missing values.
    world : DataFrame, optional
        World exports ``year, product, value`` of revision ``world_revision``, for RCA.
    world_revision : str, optional
        HS revision of ``world``; RCA is computed only for flow sets of that revision.
    con : ibis backend, optional
        Default the process-wide DuckDB connection.
    data_dir : path, optional
        The shared data folder, for the Lall classes (:func:`~valuechain.trade.lall.load_lall`).

    Returns
    -------
    PeerComparison
        One row per country; exports in billion USD (converted from each flow set's unit).

    Raises
    ------
    ValidationError
        For a flow set whose unit is not USD, thousand USD, million USD or billion USD.
    DataNotFoundError
        When ``data_dir`` does not hold the Lall tables.

    References
    ----------
    World Bank (2020). Kazakhstan Trade Competitiveness Diagnostic, Figures 5-10, 13-15.
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2020, 2020, 2021, 2021, 2021, 2021],
    ...                       "exporter": ["KAZ", "KAZ", "RUS", "KAZ", "KAZ", "KAZ", "RUS"],
    ...                       "importer": ["CHN", "RUS", "KAZ", "CHN", "RUS", "DEU", "KAZ"],
    ...                       "product": ["270900", "720110", "100190", "270900", "720110", "720110", "100190"],
    ...                       "value": [80.0, 20.0, 50.0, 90.0, 10.0, 20.0, 40.0]})
    >>> import tempfile
    >>> from pathlib import Path
    >>> d = Path(tempfile.mkdtemp())  # a data folder with the Lall tables, one row each
    >>> for sub, name, text in [
    ...     ("lall_classification", "lookup_hs6_lall.csv", "hs6,sitc3,lall_code\\n720110,67100,LDC03\\n"),
    ...     ("lall_classification", "sitc3_3digit_to_lall_DERIVED.csv", "sitc3_3digit,lall_code\\n333,LDC01\\n"),
    ...     ("hs_sitc_concordance", "hs0_sitc3.csv", "HS0_6d,SITC3_5d,SITC3_3d\\n270900,33300,333\\n")]:
    ...     (d / sub).mkdir(exist_ok=True)
    ...     _ = (d / sub / name).write_text(text)
    >>> pc = peer_comparison({"KAZ": flows, "RUS": flows}, year=2021, data_dir=d)
    >>> pc.table[["country", "n_products", "hhi", "share_Resource-based", "share_Unclassified"]]
      country  n_products    hhi  share_Resource-based  share_Unclassified
    0     KAZ           2  0.625                  25.0                75.0
    1     RUS           1  1.000                   0.0               100.0
    """
    rows, flags = [], set()
    yrs = (int(year), int(year))
    sets: dict[int, tuple[Any, list[str]]] = {}
    for c, fl in panels.items():  # one query per flow set and indicator, not per country
        sets.setdefault(id(fl), (fl, []))[1].append(c)
    for fl, codes in sets.values():
        rev = getattr(fl, "hs_revision", None)
        if getattr(fl, "synthetic", False):
            flags.add("synthetic")
        scale = _unit_scale(getattr(fl, "unit", "USD"))
        tot = trade_totals(fl, country=codes, years=yrs, con=con).groupby("country")["exports"].sum()
        pm = product_market_counts(fl, country=codes, years=yrs, con=con).set_index("exporter")["n_products"]
        cc = concentration(fl, by="product", country=codes, years=yrs, con=con).set_index("exporter")
        ls = lall_shares(fl, hs_revision=rev, country=codes, years=yrs, con=con, data_dir=data_dir).groupby(["exporter", "tier"])["share"].sum()
        nrca = None
        if world is not None and rev and world_revision and rev.upper() == world_revision.upper():
            nrca = rca(fl, world=world, country=codes, years=yrs, con=con).groupby("exporter")["mcp"].sum()
        for c in codes:
            row: dict[str, Any] = {"country": c, "year": int(year), "hs_revision": rev or ""}
            if c in tot.index and np.isfinite(tot[c]) and tot[c] > 0:
                row["exports_bn_usd"] = float(tot[c]) * scale
                row["n_products"] = int(pm.get(c, np.nan)) if c in pm.index else np.nan
                if c in cc.index:
                    row["hhi"] = float(cc.loc[c, "hhi"])
                    row["top5_share"] = 100 * float(cc.loc[c, "top_share"])
                for t in (*LALL_TIERS, "Unclassified"):
                    row[f"share_{t}"] = float(ls.get((c, t), 0.0))
                if nrca is not None:
                    row["n_rca_products"] = int(nrca.get(c, 0))
            rows.append(row)
    df = pd.DataFrame(rows)
    for col in ("exports_bn_usd", "n_products", "hhi", "top5_share", "n_rca_products"):
        if col not in df.columns:
            df[col] = np.nan
    return PeerComparison(table=df.reset_index(drop=True), year=int(year), flags=tuple(sorted(flags)))


def destination_coverage(bilateral: Any, flows: Any, *, country: str, years: Any = None,
                         con: BaseBackend | None = None) -> pd.DataFrame:
    r"""How much of a country's exports a bilateral extract covers, by year.

    .. math:: \text{coverage}_t = 100\,\frac{\sum_{j,p} x^{\text{extract}}_{jpt}}{\sum_p x_{pt}}

    A destination table built from an extract describes the extract; its shares are shares
    of the total only when the coverage is 100%.

    Parameters
    ----------
    bilateral : path, DataFrame, TradeFlows or ibis Table
        The bilateral extract (flows in the schema).
    flows : path, DataFrame, TradeFlows or ibis Table
        The country's complete flows (the total).
    country : str
        The exporter (ISO3).
    years : int or sequence of int, optional
        Years to keep.
    con : ibis backend, optional
        The engine connection (:func:`valuechain.tables.trade.engine.connect`); default: the
        process-wide DuckDB connection.

    Returns
    -------
    DataFrame
        ``year, bilateral_exports, total_exports, coverage`` (coverage in percent; NaN
        where the flows hold no total for the year).

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": 2000, "exporter": ["KAZ", "KAZ", "RUS", "RUS", "CHN"],
    ...                       "importer": ["RUS", "CHN", "KAZ", "CHN", "KAZ"],
    ...                       "product": ["270900", "020110", "270900", "010110", "030110"],
    ...                       "value": [5.0, 3.0, 2.0, 2.0, 4.0]})
    >>> destination_coverage(flows[flows["importer"] == "RUS"], flows, country="KAZ")
       year  bilateral_exports  total_exports  coverage
    0  2000                5.0            8.0      62.5
    """
    b = trade_totals(bilateral, country=country, years=years, con=con)[["year", "exports"]]
    t = trade_totals(flows, country=country, years=years, con=con)[["year", "exports"]]
    df = b.rename(columns={"exports": "bilateral_exports"}).merge(t.rename(columns={"exports": "total_exports"}), on="year", how="left")
    df["coverage"] = 100 * df["bilateral_exports"] / df["total_exports"]
    return df


@dataclass(frozen=True, eq=False)
class TradeDiagnostic(ResultMixin):
    """Every table of the trade-outcomes diagnostic of one country (the trade seed's Section 2).

    ``tables`` maps a name to a tidy DataFrame: ``totals`` (exports, imports, year-on-year
    growth), ``openness`` (with GDP), ``composition_sector`` / ``composition_destination``
    (value and share by group and year), ``composition_growth`` (CAGR by dimension, group and
    period), ``counts`` (products and markets), ``concentration`` (HHI, top-k shares of
    products and, with partners, markets), ``margins``, ``rca``, ``lall``,
    ``sophistication`` (EXPY, with GDP per capita) and ``coverage`` (share of exports the
    bilateral data cover). ``notes`` say what was not computed and why.

    Parameters
    ----------
    tables : mapping of str to DataFrame
        The tables, each named in :data:`~valuechain.trade.TRADE_INDICATORS` (kept in
        the registry's order).
    country : str
        ISO3 code of the country diagnosed.
    first, last : int
        The first and last year of its exports.
    notes : tuple of str
        What was not computed, and why.
    flags : tuple of str
        Provenance flags (``"synthetic"``).

    Raises
    ------
    ValueError
        When a table's name is not in the registry.

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2.

    Examples
    --------
    >>> import pandas as pd
    >>> totals = pd.DataFrame({"year": [2020, 2021], "country": "KAZ", "exports": [100.0, 120.0]})
    >>> res = TradeDiagnostic(tables={"totals": totals}, country="KAZ", first=2020, last=2021)
    >>> res.table is totals
    True
    >>> TradeDiagnostic(tables={"my_table": totals}, country="KAZ", first=2020, last=2021)
    Traceback (most recent call last):
    ...
    ValueError: tables ['my_table'] are not in valuechain.trade.indicators.TRADE_INDICATORS; register them
    """

    tables: Mapping[str, pd.DataFrame]
    country: str
    first: int
    last: int
    notes: tuple = ()
    flags: tuple = ()
    title = "Trade outcomes"

    def __post_init__(self) -> None:
        # the registry (trade/indicators.py) names the tables and fixes their order
        unknown = [name for name in self.tables if name not in TRADE_INDICATORS]
        if unknown:
            raise ValueError(f"tables {unknown} are not in valuechain.trade.indicators.TRADE_INDICATORS; register them")
        object.__setattr__(self, "tables", {name: self.tables[name] for name in TRADE_INDICATORS if name in self.tables})

    @property
    def table(self) -> pd.DataFrame:
        """The main table: ``totals`` (exports, imports and their growth by year)."""
        return self.tables["totals"]

    def _summary_lines(self) -> list[str]:
        return [f"{self.country} {self.first}-{self.last}: {', '.join(self.tables)}", *self.notes]


def trade_diagnostic(flows: Any, *, country: str, groups: Groups | None = None, periods: Sequence[tuple[int, int]] | None = None,
                     years: Any = None, bilateral: Any = None,
                     base: Any = None, end: Any = None, world: Any = None, gdp: pd.DataFrame | None = None,
                     gdp_scale: float = 1.0, gdppc: pd.DataFrame | None = None, min_value: float = 0.0, top: int = 5,
                     hhi_n: int | None = None, inclusive: bool = True, lall: bool = True, lall_classes: pd.DataFrame | None = None,
                     hs_revision: str | None = None, partners: bool = True, con: BaseBackend | None = None,
                     progress: Callable[[str], Any] | None = None,
                     cache: PanelCache | None = None, data_dir: Any = None) -> TradeDiagnostic:
    """Run the trade-outcomes diagnostic of ``country`` (one pipeline for the CLI and the report).

    Parameters
    ----------
    flows : TradeFlows or table
        Exports of the country by product (and partner, when held) and year.
    country : str
        ISO3 code of the country diagnosed.
    groups : Groups, optional
        Sectors and destination groups of the composition tables (default
        :data:`~valuechain.trade.DEFAULT_GROUPS`, the seed's).
    years : (int, int) or str, optional
        Inclusive range of years; default all.
    bilateral : TradeFlows, optional
        Bilateral flows for the destination tables, markets and margins when ``flows`` has no
        partner (e.g. a partner extract); their ``coverage`` of total exports is reported, and
        markets, market HHI and margins are computed only when it is complete (≥ 99.5%).
    periods : list of (start, end), optional
        CAGR periods (default: first-last year).
    base, end : int, (int, int) or str, optional
        Base and end periods of the margins of growth (a year, an inclusive window or
        ``"YYYY-YYYY"``); default the first and last year.
    world : table, optional
        World exports by product for RCA (default: summed over the exporters in the flows;
        with one exporter RCA is not computed).
    gdp, gdppc : DataFrame, optional
        ``year, country, gdp`` for openness; ``year, country, gdppc`` for EXPY.
    gdp_scale : float
        Factor turning GDP into the flows' unit (see :func:`~valuechain.trade.openness`).
    min_value : float
        A product or market counts when exports exceed this (default 0).
    top : int
        Number of largest products (markets) in the top share (default 5).
    hhi_n : int, optional
        :math:`N` of the normalised HHI (default: the number of items exported).
    inclusive : bool
        Mcp = 1 when RCA ≥ 1 (default) rather than RCA > 1.
    lall : bool
        Compute the Lall technology table (default True).
    lall_classes : DataFrame, optional
        ``product, lall_code``; default :func:`~valuechain.trade.load_lall` for the flows'
        revision.
    hs_revision : str, optional
        HS revision of the product codes, when the flows do not say it.
    partners : bool
        False when ``flows`` has no partner column (then destinations need ``bilateral``).
    con : ibis backend, optional
        Default the process-wide DuckDB connection.
    progress : callable, optional
        Called with the name of each step.
    cache : PanelCache, optional
        Where the panel's world totals and the country's imports are kept between runs
        (:func:`valuechain.trade.panel_cache.panel_cache`; the CLI's default). Without it
        they are aggregated from the panel on every call.
    data_dir : path, optional
        The shared data folder, for the Lall classes when ``lall_classes`` is not given
        (:func:`~valuechain.trade.lall.load_lall`); without either, the Lall table is not
        computed and a note says why.

    Returns
    -------
    TradeDiagnostic
        The tables computed, with notes on those that were not.

    Raises
    ------
    ValidationError
        When ``country`` has no exports in the flows (and from the indicator functions).

    References
    ----------
    Reis, J. G. and Farole, T. (2012). Trade Competitiveness Diagnostic Toolkit. World
    Bank, Washington DC, ch. 2 (the trade-outcomes indicators); World Bank (2020),
    Kazakhstan Trade Competitiveness Diagnostic, Section 2 (the seed study). The methods
    of each table are referenced in its function.

    Examples
    --------
    >>> import pandas as pd
    >>> flows = pd.DataFrame({"year": [2020, 2020, 2020, 2021, 2021, 2021, 2021],
    ...                       "exporter": ["KAZ", "KAZ", "RUS", "KAZ", "KAZ", "KAZ", "RUS"],
    ...                       "importer": ["CHN", "RUS", "KAZ", "CHN", "RUS", "DEU", "KAZ"],
    ...                       "product": ["270900", "720110", "100190", "270900", "720110", "720110", "100190"],
    ...                       "value": [80.0, 20.0, 50.0, 90.0, 10.0, 20.0, 40.0]})
    >>> res = trade_diagnostic(flows, country="KAZ", lall=False)
    >>> list(res.tables)
    ['totals', 'composition_sector', 'coverage', 'composition_destination', 'composition_growth', 'counts', 'concentration', 'margins', 'rca']
    >>> res.table[["year", "exports", "imports", "exports_yoy"]]
       year  exports  imports  exports_yoy
    0  2020    100.0     50.0          NaN
    1  2021    120.0     40.0         20.0
    >>> res.notes[-1]
    'EXPY not computed: it needs GDP per capita (year, country, gdppc)'
    """
    from .concentration import concentration as _concentration
    from .margins import export_margins
    from .outcomes import composition, growth_rates, openness
    from .sophistication import expy

    from ..tables.trade.country import country_view

    step = progress or (lambda name: None)
    notes: list[str] = []
    tables: dict[str, pd.DataFrame] = {}
    step("exports, imports and growth")
    panel = flows
    # one pass over the panel: the country's rows, its imports and the world totals, materialised;
    # every indicator below except EXPY (which needs every exporter) reads these small tables
    view = country_view(panel, country=country, years=years, con=con, need_world=world is None, cache=cache)
    flows = view.flows
    if view.cached:
        notes.append(f"{' and '.join(view.cached)} read from the panel cache of an earlier run on the same files "
                     "(valuechain.trade.panel_cache; --no-cache recomputes them)")
    if bilateral is None and partners and getattr(panel, "bilateral", True):
        bilateral = flows
    tot = growth_rates(flows, country=country, years=years, con=con)
    if tot.empty:
        raise ValidationError(f"country {country!r} has no exports in the flows; check the country code (ISO3) and the years")
    ys = sorted(int(y) for y in tot["year"].unique())
    first, last = ys[0], ys[-1]
    yr = (first, last)
    if periods is None and last > first:
        periods = [(first, last)]
    tables["totals"] = tot
    if gdp is not None:
        tables["openness"] = openness(flows, gdp, country=country, years=yr, gdp_scale=gdp_scale, con=con)
    step("composition by sector")
    lv, gr = composition(flows, by="sector", country=country, years=yr, groups=groups, periods=periods, con=con)
    tables["composition_sector"] = lv
    growth = [gr.assign(dimension="sector")]
    bil = bilateral
    complete = False
    step("composition by destination")
    if bil is not None:
        cov = destination_coverage(bil, flows, country=country, years=yr, con=con)
        tables["coverage"] = cov
        complete = bool(len(cov) and (cov["coverage"] >= 99.5).all())
        bys = sorted(int(y) for y in cov["year"])
        bper = periods if bil is flows else ([(bys[0], bys[-1])] if len(bys) > 1 else None)
        lvd, grd = composition(bil, by="destination", country=country, years=yr, groups=groups, periods=bper, con=con)
        tables["composition_destination"] = lvd
        growth.append(grd.assign(dimension="destination"))
        if not complete:
            notes.append("the bilateral data cover part of the exports: shares by destination are shares of the extract; "
                         "markets, market HHI, top market shares and margins of growth are not computed")
    else:
        notes.append("no partner column: composition by destination, markets, market HHI and bilateral margins not computed")
    tables["composition_growth"] = pd.concat(growth, ignore_index=True)[["exporter", "dimension", "group", "start", "end", "cagr"]]
    step("products and markets")
    counts = product_market_counts(flows, country=country, years=yr, min_value=min_value, con=con)
    if complete and bil is not flows:
        mk = product_market_counts(bil, country=country, years=yr, min_value=min_value, con=con)[["year", "exporter", "n_markets"]]
        counts = counts.drop(columns=["n_markets"]).merge(mk, on=["year", "exporter"], how="left")
    elif not complete:
        counts = counts.assign(n_markets=np.nan)
    tables["counts"] = counts
    step("concentration (HHI, top shares)")
    cc = [_concentration(flows, by="product", country=country, years=yr, top=top, n=hhi_n, con=con)]
    if complete:
        cc.append(_concentration(bil, by="market", country=country, years=yr, top=top, n=hhi_n, con=con))
    tables["concentration"] = pd.concat(cc, ignore_index=True)
    step("margins of export growth")
    from ..tables.trade.schema import parse_years

    mflows = bil if complete else flows  # partial partner data: margins by product only, on all exports
    if not complete and bil is not None:
        notes.append("margins of export growth by product only (the partner data are partial)")
    mys = sorted(int(y) for y in tables["coverage"]["year"]) if complete else ys
    b = parse_years(base) if isinstance(base, str) else (base if base is not None else (mys[0], mys[0]))
    e = parse_years(end) if isinstance(end, str) else (end if end is not None else (mys[-1], mys[-1]))
    b = (b, b) if isinstance(b, int) else b
    e = (e, e) if isinstance(e, int) else e
    if e[0] > b[1]:
        tables["margins"] = export_margins(mflows, base=b, end=e, country=country, con=con)
    else:
        notes.append("margins not computed: the data hold a single year")
    step("RCA")
    if world is None and not view.several_exporters(yr):
        notes.append("RCA not computed: the flows hold one exporter; give world exports by product (year, product, value)")
    else:
        if world is None:
            notes.append("RCA world totals summed over the exporters in the flows (give world totals for true RCA)")
        tables["rca"] = rca(flows, world=view.world if world is None else world, country=country, years=yr,
                            inclusive=inclusive, con=con)
    step("Lall technology classes")
    if lall:
        from ..errors import DataNotFoundError

        rev = hs_revision or getattr(panel, "hs_revision", None)
        try:
            tables["lall"] = lall_shares(flows, lall_classes, hs_revision=rev, country=country, years=yr, con=con,
                                         data_dir=data_dir)
        except DataNotFoundError as exc:
            notes.append(f"Lall classes not computed: {exc}")
        if "lall" in tables and lall_classes is None and rev not in ("HS2012", "HS1992"):
            notes.append(f"Lall classes for {rev or 'an unknown HS revision'} matched through the HS2012 then HS1992 tables "
                         "(lall_code UNMATCHED otherwise)")
    step("sophistication (PRODY, EXPY)")
    if gdppc is not None:
        tables["sophistication"] = expy(panel, gdppc, country=country, years=yr, con=con)  # PRODY: every exporter
    else:
        notes.append("EXPY not computed: it needs GDP per capita (year, country, gdppc)")
    flags = ("synthetic",) if getattr(panel, "synthetic", False) else ()
    return TradeDiagnostic(tables=tables, country=country, first=first, last=last, notes=tuple(notes), flags=flags)
