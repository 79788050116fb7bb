"""Section ``trade``: trade outcomes of the country (trade seed, Tables 1-2, Figures 2, 5-15).

Every number comes from the trade family's one pipeline,
:func:`valuechain.trade.diagnostic.trade_diagnostic` (through
:attr:`valuechain.report.inputs.Inputs.trade_diagnostic`): totals, composition, destinations,
counts, concentration, margins, Lall, RCA and EXPY. This module selects, reshapes, rescales
and labels its tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ...complexity import economic_complexity
from .._model import ReportFigure, ReportTable
from ..figures import bar_chart, line_chart, share_chart
from ..inputs import Inputs, country_name, display_path, display_years
from ..study import Study
from . import Page, Section
from .common import badge_of

__all__ = ["SECTION", "TradeInputs", "load", "build", "scale"]

_BN = {"usd": 1e-9, "thousand usd": 1e-6, "million usd": 1e-3}
_MARGINS = {"intensive": "Intensive margin", "new_products": "New products", "new_markets": "New markets",
            "new_products_old_markets": "New products, existing markets", "old_products_new_markets": "Existing products, new markets",
            "new_products_new_markets": "New products, new markets", "exits": "Exits", "total": "Total"}


def scale(unit: str) -> tuple[float, str]:
    """(factor, unit) showing values of ``unit`` in bn USD where it is a USD unit."""
    f = _BN.get((unit or "").strip().lower())
    return (f, "bn USD") if f else (1.0, unit or "value unit of the flows")


_scale = scale


def _wide_composition(levels: pd.DataFrame, growth: pd.DataFrame, factor: float, unit: str, what: str):
    """Trade seed Tables 1-2 layout: value by year, share by year, CAGR by period (one row per group)."""
    ys = display_years(levels["year"].unique())
    lv = levels[levels["year"].isin(ys)]
    last = lv[lv["year"] == ys[-1]].set_index("group")["value"]
    order = sorted(dict.fromkeys(levels["group"]), key=lambda g: (g == "Total", -float(last.get(g, 0.0))))
    val = lv.pivot_table(index="group", columns="year", values="value", aggfunc="sum").reindex(order)
    sh = lv.pivot_table(index="group", columns="year", values="share", aggfunc="sum").reindex(order)
    out = pd.DataFrame({what: order})
    units, dec = {}, {}
    for y in ys:
        c = f"Exports {y}"
        out[c] = (val[y].to_numpy() if y in val.columns else float("nan")) * factor
        units[c], dec[c] = unit, 2
    for y in ys:
        c = f"Share {y}"
        out[c] = sh[y].to_numpy() if y in sh.columns else float("nan")
        units[c], dec[c] = "% of total", 1
    if growth is not None and len(growth):
        for (a, b), g in growth.groupby(["start", "end"], sort=False):
            c = f"Growth {a}-{b}"
            out[c] = out[what].map(dict(zip(g["group"], g["cagr"]))).to_numpy()  # percent (trade.cagr)
            units[c], dec[c] = "% a year", 1
    return out, units, dec


@dataclass(frozen=True)
class TradeInputs:
    settings: Mapping[str, Any]
    flows: Any
    flags: tuple[str, ...]
    source: str
    unit: str
    country: str
    diag: Any                 # TradeDiagnostic of valuechain.trade
    bilateral: Any
    group_note: str
    n_exporters: int
    gdppc_source: str
    has_peers: bool
    destinations: Any = None  # DestinationsResult of valuechain.trade.export_destinations, or None
    gold: Any = None          # (composition levels, growth, Lall shares) with gold (HS 7108) on its own row, or None
    openness: Any = None      # PeerView of trade openness (WDI 2021) of the country and its comparators, or None
    eci: Any = None           # ComplexityResult of valuechain.complexity on the panel's exporters (>= 5), or None


def load(study: Study, data: Inputs) -> TradeInputs:
    tr = study.get("trade")
    flows, flags, source, unit0 = data.flows("trade")
    country = data.country("trade")
    years = (min(tr["years"]), max(tr["years"])) if tr.get("years") else None
    tot_all = data.trade_totals(years)
    diag = data.trade_diagnostic
    g = data.gdp_per_capita
    n_exporters = int(tot_all.loc[tot_all["exports"].fillna(0) > 0, "country"].nunique())
    # the complexity family computes ECI/PCI on the panel's exporters; the build half only lays it out
    eci = economic_complexity(flows) if "rca" in diag.tables and n_exporters >= 5 else None
    return TradeInputs(settings=tr, flows=flows, flags=tuple(flags), source=source or getattr(flows, "source", "") or "trade flows of the study",
                       unit=tr.get("unit") or getattr(flows, "unit", "") or unit0, country=country, diag=diag, bilateral=data.bilateral,
                       group_note=data.groups[1], n_exporters=n_exporters,
                       gdppc_source="" if g is None else g[1], has_peers=study.has("peers"), destinations=data.destinations,
                       gold=_gold(tr, flows, country, data), openness=_openness(study, country), eci=eci)


def _gold(tr, flows, country, data):
    """Composition and Lall with semi-manufactured gold (HS 7108) on its own row (valuechain.trade.gold)."""
    if not tr.get("gold", True):
        return None
    from ...trade import composition_with_gold, lall_shares_with_gold

    periods = data.trade_diagnostic.tables["composition_growth"]
    per = sorted({(int(a), int(b)) for a, b in zip(periods["start"], periods["end"])}) or None
    lv, gr = composition_with_gold(flows, country=country, periods=per, con=data.con)
    from ..._data import shared_data_dir

    lall = lall_shares_with_gold(flows, hs_revision=tr.get("hs_revision") or None, country=country, con=data.con,
                                 data_dir=shared_data_dir())
    return lv, gr, lall


def _openness(study, country):
    if not study.get("trade").get("openness_peers"):
        return None
    from ...datasets import trade_openness
    from ...gvc import default_peers, peer_view

    peers = list(study.get("peers")["countries"]) if study.has("peers") else list(default_peers())
    return peer_view(trade_openness(), country=country, peers=peers, source="WDI trade openness 2021",
                     names={c: country_name(c) for c in [country, *peers]})


def build(x: TradeInputs, page: Page) -> None:
    sec = page.sec
    tr = x.settings
    flags, country = list(x.flags), x.country
    cname = country_name(country)
    factor, bunit = _scale(x.unit)
    src = x.source
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    diag, bil, gnote = x.diag, x.bilateral, x.group_note
    T = diag.tables
    ys = sorted(int(y) for y in T["totals"]["year"].unique())
    page.record.add_status(f"Exports of {cname} by product", "synthetic" if flags else "real", src,
                   ", ".join(map(str, ys)), "all products, exports to the world")
    t_show = pd.DataFrame({"year": T["totals"]["year"].astype(int), "exports": T["totals"]["exports"] * factor})
    sec.intro = (f"Exports of {cname} ({', '.join(map(str, ys))}): composition by sector and destination, diversification and "
                 "technology content, as in the World Bank Trade Competitiveness Diagnostic. Values in " + bunit + ".")
    sec.add(ReportTable(key="trade_exports_by_year", title=f"Exports of {cname} by year", df=t_show, source=src,
                        units={"exports": bunit}, headers={"year": "Year", "exports": "Exports"}, decimals={"exports": 2}))
    for y_, v_ in zip(t_show["year"], t_show["exports"]):
        page.claim(f"exports_{y_}", "exports.total", v_, unit=bunit, year=y_, scope=country, source=src, ref="trade_exports_by_year",
                   definition="merchandise exports to the world, all products")
    if len(ys) > 1:
        page.say(f"Exports were {{trade.exports_{ys[0]}}} in {ys[0]} and {{trade.exports_{ys[-1]}}} in {ys[-1]}.")
    if "openness" in T:
        o = T["openness"]
        sec.add(ReportTable(key="trade_openness", title=f"Trade openness of {cname}", df=o[["year", "openness"]], source=f"{src}; GDP: {display_path(tr['gdp'])}",
                            units={"openness": "% of GDP"}, headers={"year": "Year", "openness": "Openness"}, decimals={"openness": 1},
                            notes=["Openness = (exports + imports) / GDP; exports / GDP where the flows hold no imports."]))
        if o["year"].nunique() > 1:
            sec.add(ReportFigure(key="trade_openness", title=f"Trade openness of {cname}", source=src,
                                 chart=line_chart(o, x="year", y="openness", unit="% of GDP", y_title="Openness")))
    growth = T["composition_growth"]
    lv = T["composition_sector"]
    if x.gold is not None:
        lv = x.gold[0]
        growth = pd.concat([x.gold[1].assign(dimension="sector"), growth[growth["dimension"] != "sector"]], ignore_index=True)
    ly = int(lv["year"].max())
    lsec = lv[(lv["year"] == ly) & ~lv["group"].isin(["Total", "Other", "Unknown"])].sort_values("share", ascending=False, kind="stable").head(3)
    for i, (g_, v_) in enumerate(zip(lsec["group"], lsec["share"])):
        page.claim(f"sector_share_{i}", "exports.share.sector", v_, unit="% of exports", year=ly, scope=f"{country}|{g_}", source=src,
                   ref="trade_exports_by_sector", definition="share of the product group in merchandise exports", coverage="all products")
    page.finding("composition", f"In {ly}, " + ", ".join(f"{g_} made {{trade.sector_share_{i}}}" for i, g_ in enumerate(lsec["group"]))
                 + f" of {cname}'s exports.",
                 comparison="The trade seed found exports dominated by oil and gas and metals (2000-2018).",
                 why="A basket this concentrated ties export earnings to a few world prices.")
    wide, units, dec = _wide_composition(lv, growth[growth["dimension"] == "sector"], factor, bunit, "Sector")
    sec.add(ReportTable(key="trade_exports_by_sector", title=f"Exports of {cname} by sector", df=wide, source=src,
                        units=units, decimals=dec, notes=[f"Sectors: {gnote}. Growth: compound annual growth rate."]))
    if lv["year"].nunique() > 1:
        sec.add(ReportFigure(key="trade_sector_shares", title=f"Sector shares of the exports of {cname}", source=src,
                             chart=share_chart(lv[lv["group"] != "Total"], x="year", share="share", group="group", unit="% of exports",
                                               group_title="Sector")))
    bil_src = (tr.get("source") or getattr(bil, "source", "") or src) if bil is not None else src
    if x.destinations is not None:
        _destinations_by_partner(page, x.destinations, cname, country)
    _destinations(page, diag, cname, gnote, factor, bunit, bil_src, detail=x.destinations is not None)
    div = T["counts"][["year", "n_products"]].merge(
        T["concentration"].loc[T["concentration"]["dimension"] == "product", ["year", "hhi", "top_share"]], on="year", how="left")
    div["top_share"] = 100 * div["top_share"]
    sec.add(ReportTable(key="trade_concentration", title=f"Diversification of the exports of {cname} by product", df=div, source=src,
                        units={"n_products": "HS6 products", "hhi": "index 0-1", "top_share": "% of exports"},
                        headers={"year": "Year", "n_products": "Products exported", "hhi": "Product HHI", "top_share": "Top-5 products"},
                        decimals={"n_products": 0, "hhi": 3, "top_share": 1},
                        notes=["HHI = sum of squared product shares; the peer section compares it with other exporters."]))
    if "margins" in T:
        _margins(sec, T["margins"], cname, factor, bunit, src)
    if x.gold is not None:
        _lall(sec, x.gold[2], cname, src, tr.get("hs_revision"))
    elif "lall" in T:
        _lall(sec, T["lall"], cname, src, tr.get("hs_revision"))
    if x.gold is not None:
        gl = lv[(lv["year"] == ly) & lv["group"].astype(str).str.startswith("Gold")]
        if len(gl):
            page.claim("gold_share", "exports.share.sector", float(gl["share"].iloc[0]), unit="% of exports", year=ly,
                       scope=f"{country}|{gl['group'].iloc[0]}", source=src, ref="trade_exports_by_sector",
                       definition="semi-manufactured gold (HS 7108) / merchandise exports", coverage="all products")
            page.finding("gold", f"Semi-manufactured gold (HS 7108) alone made {{trade.gold_share}} of {cname}'s exports in {ly}.",
                         comparison="The trade seed does not show gold on its own row; in a Lall breakdown it falls under "
                                    "'unclassified'.",
                         why="Gold is a reserve asset sold by the central bank as much as a product of the mines: its exports "
                             "move with policy and prices, not with competitiveness.")
    if x.openness is not None:
        _openness_table(page, x.openness, cname, country)
    _rca_expy_eci(x, page, cname, src)


def country_of(diag) -> str:
    return str(getattr(diag, "country", ""))


def _openness_table(page, view, cname: str, country: str) -> None:
    """Trade seed Figure 2: trade openness of the country and its comparators (one source, missing ones named)."""
    t = view.table.copy()
    src = str(t["source"].iloc[0]) if "source" in t.columns and len(t) else "WDI"
    t = t.sort_values("value", ascending=False, kind="stable")
    df = pd.DataFrame({"country": t["iso3"].map(country_name), "year": t["year"].astype(int), "openness": t["value"]})
    page.add(ReportTable(key="trade_openness_peers", title=f"Trade openness of {cname} and its comparators, {int(df['year'].max())}",
                         df=df.reset_index(drop=True), source=src, units={"openness": "% of GDP"},
                         headers={"country": "Economy", "year": "Year", "openness": "Exports + imports"}, decimals={"openness": 1},
                         notes=["(Exports + imports of goods and services) / GDP (the trade seed's Figure 2)."]
                         + ([view.message] if view.missing else [])))
    me = df[df["country"] == cname]
    if len(me):
        page.claim("openness", "trade.openness", float(me["openness"].iloc[0]), unit="% of GDP", year=int(me["year"].iloc[0]),
                   scope=country, source=src, ref="trade_openness_peers", definition="(exports + imports) / GDP")
    page.add(ReportFigure(key="trade_openness_peers", title=f"Trade openness of {cname} and its comparators", source=src,
                          chart=bar_chart(df.rename(columns={"openness": "Openness"}), category="country", value="Openness",
                                          unit="% of GDP")))


def _destinations_by_partner(page, r, cname: str, country: str) -> None:
    """Trade seed Table 2 and Figures 6, 8, 10 from exports by partner (coverage beside every share)."""
    sec = page.sec
    t = r.table.copy()
    src = str(t["source"].iloc[0]) if len(t) else ""
    ys = sorted(int(y) for y in t["year"].unique())
    show = t[["year", "group_name", "value", "share_of_held_pct", "share_of_total_pct", "coverage_pct", "total_source"]].copy()
    show["value"] = show["value"] / 1000
    sec.add(ReportTable(key="trade_destinations_by_group", title=f"Exports of {cname} by main destination, {', '.join(map(str, ys))}",
                        df=show.reset_index(drop=True), source=src,
                        units={"value": "bn USD", "share_of_held_pct": "% of the partners held", "share_of_total_pct": "% of total exports",
                               "coverage_pct": "% of total exports"},
                        headers={"year": "Year", "group_name": "Destination (membership of the year)", "value": "Exports",
                                 "share_of_held_pct": "Share of the partners held", "share_of_total_pct": "Share of total exports",
                                 "coverage_pct": "Partners held cover", "total_source": "Total exports from"},
                        decimals={"value": 2, "share_of_held_pct": 1, "share_of_total_pct": 1, "coverage_pct": 1},
                        notes=[f"Country groups with membership by year (groups file {r.groups_version}); a share of total exports is "
                               "shown only where the partners held cover at least 85% of the total (the trade seed's Table 2)."]
                        + sorted({f"{int(y_)}: {n_}" for y_, n_ in zip(t["year"], t["note"]) if isinstance(n_, str) and n_})))
    p = r.partners.copy()
    last = max(y for y in ys if p[p["year"] == y]["share_of_total_pct"].notna().any()) if p["share_of_total_pct"].notna().any() else ys[-1]
    top = p[p["year"] == last].sort_values("value", ascending=False, kind="stable").head(10)
    top = top[["partner_name", "group", "value", "share_of_total_pct", "coverage_pct"]].assign(value=lambda d: d["value"] / 1000)
    sec.add(ReportTable(key="trade_destinations_partners", title=f"The ten largest destinations of {cname}'s exports, {last}",
                        df=top.reset_index(drop=True), source=src,
                        units={"value": "bn USD", "share_of_total_pct": "% of total exports", "coverage_pct": "% of total exports"},
                        headers={"partner_name": "Partner", "group": "Group", "value": "Exports", "share_of_total_pct": "Share of total exports",
                                 "coverage_pct": "Partners held cover"},
                        decimals={"value": 2, "share_of_total_pct": 1, "coverage_pct": 1}))
    cov = float(top["coverage_pct"].iloc[0]) if len(top) else float("nan")
    page.claim("dest_coverage", "destinations.coverage", cov, unit="% of total exports", year=last, scope=country, source=src,
               ref="trade_destinations_partners", definition="exports to the partners of the file / total exports")
    for i, (nm, v, sh) in enumerate(zip(top["partner_name"].head(3), top["value"].head(3), top["share_of_total_pct"].head(3))):
        page.claim(f"dest_{i}_value", "exports.partner.value", v, unit="bn USD", decimals=2, year=last, scope=f"{country}|{nm}",
                   source=src, ref="trade_destinations_partners", definition="exports to the partner (customs, BACI)")
        page.claim(f"dest_{i}_share", "exports.partner.share", sh, unit="% of total exports", year=last, scope=f"{country}|{nm}",
                   source=src, ref="trade_destinations_partners", definition="exports to the partner / total exports",
                   coverage=f"partners held cover {cov:.1f}% of exports")
    page.finding("destinations", f"In {last}, " + ", ".join(f"{nm} took {{trade.dest_{i}_share}} ({{trade.dest_{i}_value}})"
                                                     for i, nm in enumerate(top["partner_name"].head(3)))
                 + f" of {cname}'s exports (partners held cover {{trade.dest_coverage}}).",
                 comparison="The trade seed had the EU, China and the EAEU as the main destinations in 2018.",
                 why="Demand and transit risks in a few markets reach the whole export economy.")
    mk = r.markets[["year", "markets", "partners_in_file", "hhi", "hhi_upper", "top5_share_pct", "top5", "coverage_pct"]].copy()
    sec.add(ReportTable(key="trade_markets", title=f"Markets reached by {cname} and market concentration", df=mk, source=src,
                        units={"markets": "countries", "partners_in_file": "countries", "hhi": "index 0-1", "hhi_upper": "index 0-1",
                               "top5_share_pct": "% of total exports", "coverage_pct": "% of total exports"},
                        headers={"year": "Year", "markets": "Markets with exports", "partners_in_file": "Partners in the file",
                                 "hhi": "Market HHI (lower bound)", "hhi_upper": "Market HHI (upper bound)",
                                 "top5_share_pct": "Top-5 markets", "top5": "Top-5 markets (ISO3)", "coverage_pct": "Partners held cover"},
                        decimals={"markets": 0, "partners_in_file": 0, "hhi": 3, "hhi_upper": 3, "top5_share_pct": 1, "coverage_pct": 1},
                        flags=["partial: markets counted among the 61-71 partners of the file"],
                        notes=["Markets are counted among the partners the file holds, so they are a lower bound; HHI and the top-5 "
                               "share need total exports and are shown only where the partners cover at least 85% of them."]))


def _destinations(page, diag, cname, gnote, factor, bunit, bil_src, detail: bool = False) -> None:
    sec = page.sec
    T = diag.tables
    if "composition_destination" not in T:
        sec.add("Exports by destination are not shown: the flows have no partner; give bilateral flows in [trade] partners.")
        return
    cov = T["coverage"]
    last = cov.iloc[-1]
    y = int(last["year"])
    full = bool(last["coverage"] >= 99.5)
    page.record.add_status(f"Exports of {cname} by destination", "real" if full else "real, partial", bil_src, str(y),
                   f"{last['coverage']:.1f}% of total exports ({last['bilateral_exports'] * factor:,.1f} of "
                   f"{last['total_exports'] * factor:,.1f} {bunit})")
    lvd = T["composition_destination"]
    growth = T["composition_growth"]
    wide, units, dec = _wide_composition(lvd, growth[growth["dimension"] == "destination"], factor, bunit, "Destination")
    for c in [c for c in wide.columns if c.startswith("Share ")]:
        units[c] = "% of the extract" if not full else "% of total"
    if detail and not full:
        ct = pd.DataFrame({"year": [y], "extract": [last["bilateral_exports"] * factor], "total": [last["total_exports"] * factor],
                           "coverage": [float(last["coverage"])]})
        sec.add(ReportTable(key="trade_extract_coverage", title=f"Coverage of the product × partner extract, {y}", df=ct, source=bil_src,
                            units={"extract": bunit, "total": bunit, "coverage": "% of exports"},
                            headers={"year": "Year", "extract": "Exports in the extract", "total": "Total exports",
                                     "coverage": "Coverage"}, decimals={"extract": 1, "total": 1, "coverage": 1}))
    page.claim("extract_coverage", "destinations.extract.coverage", float(last["coverage"]), unit="% of exports", year=y,
               scope=country_of(diag), source=bil_src,
               ref="trade_extract_coverage" if detail and not full else "trade_exports_by_destination",
               definition="exports in the product × partner extract / total exports")
    cov_sent = page.claims.render(
        f"The product × partner extract covers {{trade.extract_coverage}} of {cname}'s exports in {y}: "
        + ("shares are shares of total exports." if full else
           ("it is product detail for its partners only; destinations by partner, markets and market concentration are "
            "in the tables above, from the partner file." if detail else
            "shares are shares of the extract, not of total exports, and indicators that need every partner "
            "(number of markets, market HHI, top-5 market share) need a partner file ([trade] partner_exports); the margins "
            "of growth are by product.")))
    if detail and not full:
        sec.add(cov_sent)  # the extract is product detail only: no destination table is drawn from it
        return
    sec.add(ReportTable(key="trade_exports_by_destination",
                        title=(f"Exports of {cname} to the partners of the product × partner extract (detail, not a destination "
                               f"structure; covering {last['coverage']:.1f}% of exports)" if detail and not full else
                               f"Exports of {cname} by main destination" + ("" if full else f" (extract covering {last['coverage']:.1f}% of exports)")),
                        df=wide, source=bil_src, units=units, decimals=dec, flags=[] if full else ["partial: destination extract"],
                        notes=([] if full else ["Shares are of the bilateral data (coverage in the text and the data-status table)."])
                        + [f"Destination groups: {gnote}."]))
    sec.add(cov_sent)
    lastd = lvd[(lvd["year"] == lvd["year"].max()) & (lvd["group"] != "Total")].sort_values("share", ascending=False, kind="stable")
    sec.add(ReportFigure(key="trade_destinations", title=f"Exports of {cname} by destination, {y}" + ("" if full else " (extract)"),
                         source=bil_src, chart=bar_chart(lastd, category="group", value="share",
                                                         unit="% of the extract" if not full else "% of exports")))
    if full:
        mc = T["concentration"][T["concentration"]["dimension"] == "market"]
        mk = T["counts"][["year", "n_markets"]].merge(mc[["year", "hhi", "top_share"]], on="year", how="left")
        mk["top_share"] = 100 * mk["top_share"]
        sec.add(ReportTable(key="trade_markets", title=f"Markets reached by {cname}", df=mk, source=bil_src,
                            units={"n_markets": "countries", "hhi": "index 0-1", "top_share": "% of exports"},
                            headers={"year": "Year", "n_markets": "Markets", "hhi": "Market HHI", "top_share": "Top-5 markets"},
                            decimals={"n_markets": 0, "hhi": 3, "top_share": 1}))


def _margins(sec, m, cname, factor, bunit, src) -> None:
    span = f", {m['base'].iloc[0]}-{m['end'].iloc[0]}" if {"base", "end"} <= set(m.columns) and len(m) else ""
    df = m[m["exporter"] == m["exporter"].iloc[0]] if "exporter" in m.columns else m
    df = df[[c for c in ["component", "value", "share"] if c in df.columns]].copy()
    df["value"] = df["value"] * factor
    df["component"] = df["component"].map(lambda c: _MARGINS.get(c, str(c).replace("_", " ").capitalize()))
    sec.add(ReportTable(key="trade_margins", title=f"Decomposition of the export growth of {cname}{span}", df=df, source=src,
                        units={"value": bunit, "share": "% of the total change"}, decimals={"value": 2, "share": 1},
                        headers={"component": "Component", "value": "Change", "share": "Share of the change"},
                        notes=["Intensive margin: the same products (to the same markets, where partners are held); extensive "
                               "margins: new products or markets; exits reduce growth. The components add up to the total."]))
    comp = df[df["component"] != "Total"]
    sec.add(ReportFigure(key="trade_margins", title=f"Export growth decomposition, {cname}{span}", source=src,
                         chart=bar_chart(comp, category="component", value="share", unit="% of the total change", sort=None)))


def _lall(sec, df, cname, src, hs) -> None:
    ys = display_years(df["year"].unique())
    wide = df[df["year"].isin(ys)].pivot_table(index=["tier", "label"], columns="year", values="share", aggfunc="sum", sort=False)
    wide.columns = [f"Share {y}" for y in wide.columns]
    wide = wide.reset_index()
    lsrc = f"{src}; Lall (2000) technology classes, UNCTAD variant" + (f", {hs} concordance" if hs else "")
    sec.add(ReportTable(key="trade_lall", title=f"Exports of {cname} by technology class (Lall 2000)", df=wide, source=lsrc,
                        units={c: "% of exports" for c in wide.columns if c.startswith("Share")}, headers={"tier": "Tier", "label": "Class"},
                        decimals={c: 1 for c in wide.columns if c.startswith("Share")}))
    tiers = df.groupby(["year", "tier"], as_index=False)["share"].sum()
    sec.add(ReportFigure(key="trade_lall", title=f"Technology classes of the exports of {cname} (Lall 2000)", source=lsrc,
                         chart=share_chart(tiers, x="year", share="share", group="tier", unit="% of exports", group_title="Lall tier",
                                           group_order=["Primary", "Resource-based", "Low technology", "Medium technology",
                                                        "High technology", "Gold", "Unclassified"])))


def _rca_expy_eci(x: TradeInputs, page: Page, cname: str, src: str) -> None:
    """RCA and EXPY from the trade diagnostic's tables; the ECI only where the flows hold a multi-exporter panel."""
    sec = page.sec
    T = x.diag.tables
    tr = x.settings
    if "rca" not in T:
        where = ("the peer comparison and the product space below compute them on the HS2012 panel with world totals"
                 if x.has_peers else "give world exports by product (or a multi-exporter panel) to compute them")
        if x.n_exporters == 1:
            held = f"the flows hold the exports of {cname} alone"
        else:
            n = page.claim("n_exporters", "trade.exporters.count", x.n_exporters, unit="exporters", decimals=0, scope=x.country, source=src,
                           ref="trade_exports_by_year", definition="exporters with positive exports in the flows read")
            held = f"the flows hold {n.ph}"
        page.say(f"Revealed comparative advantage and the complexity index need world exports by product in the revision of "
                 f"{cname}'s files ({tr.get('hs_revision') or 'as read'}); {held}, so {where}.")
        return
    r = T["rca"]
    r = r[(r["exporter"] == x.country) & (r["year"] == r["year"].max())]
    r = r.sort_values("rca", ascending=False, kind="stable").head(int(tr.get("top", 10)))
    sec.add(ReportTable(key="trade_top_rca", title=f"Products with the highest revealed comparative advantage, {cname}",
                        df=r[["year", "product", "rca"]].reset_index(drop=True), source=src, units={"rca": "Balassa index"},
                        headers={"year": "Year", "product": "Product (HS6)", "rca": "RCA"}, decimals={"rca": 2},
                        notes=["RCA = share of the product in the country's exports / its share in world exports (Balassa 1965); "
                               "from the trade diagnostic."]))
    if x.eci is not None:
        c = x.eci.countries.copy()
        last = c[c["year"] == c["year"].max()].sort_values("eci", ascending=False, kind="stable")
        last = last.assign(country=last["country"].map(country_name))
        sec.add(ReportTable(key="trade_eci", title=f"Economic Complexity Index, {int(c['year'].max())}: {cname} and the other exporters of the panel",
                            df=last[[k for k in ("country", "eci", "diversity") if k in last.columns]].reset_index(drop=True), source=src,
                            units={"eci": "z-score", "diversity": "products with RCA ≥ 1"}, headers={"country": "Country", "eci": "ECI", "diversity": "Diversity"},
                            decimals={"eci": 2}, notes=["ECI by the eigenvector method (Hidalgo & Hausmann 2009)."]))
    if "sophistication" not in T:
        sec.add("EXPY (the income content of exports) needs GDP per capita by country, which the study does not give.")
        return
    e = T["sophistication"]
    e = e[e["exporter"] == x.country] if "exporter" in e.columns else e
    sec.add(ReportTable(key="trade_expy", title=f"EXPY: income content of the exports of {cname}", df=e[["year", "expy", "coverage"]],
                        source=f"{src}; GDP per capita: {x.gdppc_source}", units={"expy": "USD per capita (PPP)", "coverage": "share of exports with a PRODY"},
                        headers={"year": "Year", "expy": "EXPY", "coverage": "Coverage"}, decimals={"expy": 0, "coverage": 3},
                        notes=["EXPY = export-share-weighted PRODY (Hausmann, Hwang & Rodrik 2007, eq. 2); from the trade diagnostic."]))


SECTION = Section(key="trade", title="Trade outcomes", needs="trade", load=load, build=build,
                  summary="exports by year, sector and destination, diversification, margins, Lall, RCA, EXPY")
