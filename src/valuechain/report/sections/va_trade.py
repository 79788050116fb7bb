"""Section ``va_trade``: value added in trade over time, Kazakhstan beside its comparators (trade seed,
Figures 26-30), reconciled with the report's own ICIO 2022 measure.

Every number is read off the ADB-derived readers of :mod:`valuechain.datasets` (participation
and foreign value added by origin, 2017-2022, ADB MRIO 72 economies; indicators computed by
K. Reyes, mrio-processing) through :func:`valuechain.gvc.peer_view` (one source; comparators it
does not hold are named once), and :func:`valuechain.gvc.icio_peer_measures` on the OECD ICIO
2022 extract. This module selects, rescales to percent and labels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .._model import ReportFigure, ReportTable
from ..figures import bar_chart, line_chart
from ..inputs import Inputs, country_name, display_path
from ..study import Study
from . import Page, Section

__all__ = ["SECTION", "VATradeInputs", "load", "build"]

_ADB = "ADB-derived: ADB MRIO (72 economies), indicators by K. Reyes (mrio-processing)"


@dataclass(frozen=True)
class VATradeInputs:
    country: str
    total: Any        # PeerView of participation (total economy)
    fva: pd.DataFrame  # FVA by origin of the country and of the comparators held: year, exporter, origin, fva_origin, fva
    by_sector: pd.DataFrame  # the country's participation by ADB sector
    icio: pd.DataFrame | None  # icio_peer_measures of the country (OECD ICIO 2022), or None
    icio_source: str
    source: str
    reconciled: Any = None  # VATradeTable of valuechain.gvc.va_trade_table (datasets.kazakhstan_va_trade), or None
    dva: Any = None  # DVAInputs: domestic value added in exports by sector, growth, destination (Kazakhstan), or None


@dataclass(frozen=True)
class DVAInputs:
    """Domestic value added in exports over time (ADB-derived; trade seed Table 4, Figures 22, 23, 25)."""

    by_sector: pd.DataFrame     # datasets.kazakhstan_dva_by_sector
    contributions: pd.DataFrame  # datasets.kazakhstan_dva_contributions
    growth: pd.DataFrame        # datasets.dva_growth (the country and its comparators)
    by_destination: pd.DataFrame  # datasets.kazakhstan_dva_by_destination
    services: pd.DataFrame | None = None  # datasets.kazakhstan_services_exports


def load(study: Study, data: Inputs) -> VATradeInputs:
    from ...datasets import adb_fva_by_origin, adb_participation
    from ...gvc import default_peers, icio_peer_measures, peer_view

    va = study.get("va_trade")
    folder = va["data"]  # None: the ADB readers find the real data folder
    country = va["country"] or study.get("study").get("country")
    peers = list(va["peers"]) or (list(study.get("peers")["countries"]) if study.has("peers") else list(default_peers()))
    part = adb_participation(folder)
    view = peer_view(part[part["sector"] == 0] if "sector" in part.columns else part, country=country, peers=peers,
                     source="the ADB MRIO indicators",
                     names={c: country_name(c) for c in [country, *peers]})
    fv = pd.concat([adb_fva_by_origin(folder, exporter=c) for c in [country, *view.present]], ignore_index=True)
    sec = adb_participation(folder, level="sector")
    icio = None
    isrc = ""
    if study.has("gvc") and study.get("gvc")["format"] == "zx":
        t, _names = data.icio_zx(study.get("gvc")["table"])
        isrc = study.get("gvc").get("source") or "OECD ICIO 2025 edition, 2022"
        icio = icio_peer_measures(t, [country], year=2022, source=isrc)
    reconciled = dva = None
    if country == "KAZ":
        from ..._data import shared_data_dir
        from ...datasets import kazakhstan_va_trade

        from ...datasets.kazakhstan_gvc import (
            dva_growth,
            kazakhstan_dva_by_destination,
            kazakhstan_dva_by_sector,
            kazakhstan_dva_contributions,
            kazakhstan_services_exports,
        )

        root = shared_data_dir() if folder is None else Path(str(folder)).parent
        reconciled = kazakhstan_va_trade(root, country=country)[0]
        dva = DVAInputs(by_sector=kazakhstan_dva_by_sector(root, country=country), contributions=kazakhstan_dva_contributions(root),
                        growth=dva_growth(root, [country, *peers]), by_destination=kazakhstan_dva_by_destination(root),
                        services=kazakhstan_services_exports(root, country=country))
    data.record.add_input("ADB value-added indicators", display_path(folder or "shared:adb_mrio_gvc_indicators"))
    data.record.add_status("Value added in trade 2017-2022 (ADB-derived)", "real", _ADB, "2017-2022",
                           f"{country_name(country)} and {len(view.present)} of {len(peers)} comparators; {view.message}")
    return VATradeInputs(country=country, total=view, fva=fv, by_sector=sec[sec["iso3"] == country], icio=icio, icio_source=isrc,
                         source=part.attrs.get("source", _ADB), reconciled=reconciled, dva=dva)


def build(x: VATradeInputs, page: Page) -> None:
    sec = page.sec
    c, cn = x.country, country_name(x.country)
    sec.badge = "real data (ADB-derived)"
    sec.intro = (f"Value added in the trade of {cn} and its comparators, 2017-2022, from indicators computed on the ADB "
                 "multi-regional input-output tables (ADB-derived, cited as such): GVC participation and its forward and "
                 "backward parts (trade-based, Borin & Mancini 2019, as shares of gross exports) and foreign value added in "
                 "exports by origin. They are set beside this report's own measure from the OECD ICIO 2022 extract, which is "
                 "a different measure (below).")
    if x.total.missing:
        sec.add(x.total.message)
    t = x.total.table.copy()
    t["country"] = t["iso3"].map(country_name)
    fva_tot = x.fva.groupby(["year", "exporter"], as_index=False)["fva"].first()
    t = t.merge(fva_tot.rename(columns={"exporter": "iso3"}), on=["year", "iso3"], how="left")
    t["fva_share"] = 100 * t["fva"] / t["Exports"]
    for col in ("GVCP_trade", "GVCP_trade_f", "GVCP_trade_b"):
        t[col] = 100 * t[col]
    show = t[["country", "year", "Exports", "GVCP_trade", "GVCP_trade_f", "GVCP_trade_b", "fva_share"]].copy()
    show["Exports"] = show["Exports"] / 1000
    order = {country_name(k): i for i, k in enumerate([c, *x.total.present])}
    show = show.sort_values(["country", "year"], key=lambda s: s.map(order) if s.name == "country" else s, kind="stable")
    sec.add(ReportTable(key="va_participation", title=f"GVC participation and foreign value added in exports: {cn} and comparators, 2017-2022",
                        df=show.reset_index(drop=True), source=x.source,
                        units={"Exports": "bn USD", "GVCP_trade": "% of gross exports", "GVCP_trade_f": "% of gross exports",
                               "GVCP_trade_b": "% of gross exports", "fva_share": "% of gross exports"},
                        headers={"country": "Economy", "year": "Year", "Exports": "Gross exports", "GVCP_trade": "GVC participation",
                                 "GVCP_trade_f": "Forward (DVA in partners' exports)", "GVCP_trade_b": "Backward (foreign content)",
                                 "fva_share": "Foreign value added in exports"},
                        decimals={"Exports": 1, "GVCP_trade": 1, "GVCP_trade_f": 1, "GVCP_trade_b": 1, "fva_share": 1},
                        notes=["Trade-based participation (Borin & Mancini 2019): forward = domestic value added re-exported by "
                               "partners; backward = foreign value added and foreign double counting in gross exports. Foreign "
                               "value added in exports = FVA / gross exports (no double counting). Goods and services."]))
    long = show.melt(id_vars=["country", "year"], value_vars=["GVCP_trade", "GVCP_trade_f", "fva_share"], var_name="m", value_name="v")
    for key, m, title, seed in (("va_gvc_participation", "GVCP_trade", "GVC participation", "Figure 29"),
                                ("va_forward", "GVCP_trade_f", "Forward integration: domestic value added in partners' exports", "Figure 27"),
                                ("va_fva_share", "fva_share", "Foreign value added in gross exports", "Figure 28")):
        sec.add(ReportFigure(key=key, title=f"{title}, {cn} and comparators, 2017-2022", source=x.source,
                             chart=line_chart(long[long["m"] == m], x="year", y="v", color="country", unit="% of gross exports",
                                              y_title=title, color_title="Economy"),
                             notes=[f"The trade seed's {seed} (2005-2015, TiVA)."]))
    me = t[t["iso3"] == c].sort_values("year")
    last, first = me.iloc[-1], me.iloc[0]
    y0, y1 = int(first["year"]), int(last["year"])
    page.claim("fva_share_last", "gvc.fva_share_exports", last["fva_share"], unit="% of gross exports", year=y1, scope=c, source=x.source,
               ref="va_participation", definition="foreign value added in gross exports / gross exports (ADB MRIO)")
    page.claim("fva_share_first", "gvc.fva_share_exports", first["fva_share"], unit="% of gross exports", year=y0, scope=c,
               source=x.source, ref="va_participation", definition="foreign value added in gross exports / gross exports (ADB MRIO)")
    page.claim("forward_last", "gvc.forward_trade", last["GVCP_trade_f"], unit="% of gross exports", year=y1, scope=c, source=x.source,
               ref="va_participation", definition="domestic value added in partners' exports / gross exports (trade-based)")
    peers_last = t[(t["year"] == y1) & (t["iso3"] != c)]
    rank_f = int((peers_last["GVCP_trade_f"] > last["GVCP_trade_f"]).sum()) + 1
    rank_b = int((peers_last["fva_share"] < last["fva_share"]).sum()) + 1
    page.claim("forward_rank", "gvc.forward_trade.rank", rank_f, unit="", decimals=0, year=y1, scope=f"{c}|{len(peers_last) + 1} economies",
               source=x.source, ref="va_participation", definition="rank by forward participation, 1 = highest")
    page.claim("fva_rank", "gvc.fva_share_exports.rank", rank_b, unit="", decimals=0, year=y1, scope=f"{c}|{len(peers_last) + 1} economies",
               source=x.source, ref="va_participation", definition="rank by foreign value added share, 1 = lowest")
    page.claim("n_econ", "va.economies", len(peers_last) + 1, unit="economies", decimals=0, year=y1, scope=c, source=x.source,
               ref="va_participation", definition="economies compared (the country included)")
    seed_ref = "va_trade_reconciled" if x.reconciled is not None else "va_participation"
    for yy, vv in ((2005, 20.3), (2015, 6.5)):
        page.claim(f"seed_fva_{yy}", "seed.gvc.fva_share_exports", vv, unit="% of gross exports", year=yy, scope=c,
                   source="trade seed (World Bank), from OECD TiVA (cited)", ref=seed_ref,
                   definition="foreign value added in gross exports as the trade seed reports it (TiVA)")
    mine = t[t["iso3"] == c]
    page.claim("fva_share_min", "gvc.fva_share_exports.min", mine["fva_share"].min(), unit="% of gross exports", year=f"{y0}-{y1}", scope=c,
               source=x.source, ref="va_participation", definition="lowest yearly foreign value added share of gross exports (ADB MRIO)")
    page.claim("fva_share_max", "gvc.fva_share_exports.max", mine["fva_share"].max(), unit="% of gross exports", year=f"{y0}-{y1}", scope=c,
               source=x.source, ref="va_participation", definition="highest yearly foreign value added share of gross exports (ADB MRIO)")
    page.finding("value chains", f"{cn} joins value chains forwards: {{va_trade.forward_last}} of its gross exports is value added "
                 f"that partners re-export ({y1}, rank {{va_trade.forward_rank}} of {{va_trade.n_econ}}), while foreign value added "
                 f"is only {{va_trade.fva_share_last}} of its exports (rank {{va_trade.fva_rank}}, 1 = lowest).",
                 comparison="The trade seed found Kazakhstan 'substantially forward integrated' and FVA falling from "
                            "{va_trade.seed_fva_2005} (2005) to {va_trade.seed_fva_2015} (2015).",
                 why="Raw materials feed other countries' exports; little foreign content means few imported-input links "
                     "to build manufacturing chains on.")
    # sources of foreign value added (Figure 26)
    o = x.fva[(x.fva["exporter"] == c) & x.fva["year"].isin([y0, y1])]
    top = o[o["year"] == y1].sort_values("fva_origin", ascending=False, kind="stable").head(10)["origin"].tolist()
    ow = o[o["origin"].isin(top)].pivot_table(index=["origin", "origin_name"], columns="year", values="share_of_fva_pct").reset_index()
    ow.columns = [f"Share {col}" if isinstance(col, (int,)) or str(col).isdigit() else col for col in ow.columns]
    ow = ow.sort_values(f"Share {y1}", ascending=False, kind="stable").drop(columns=["origin"]).reset_index(drop=True)
    sec.add(ReportTable(key="va_fva_origins", title=f"Sources of foreign value added in the exports of {cn}, {y0} and {y1}", df=ow,
                        source=x.source, units={f"Share {y0}": "% of FVA", f"Share {y1}": "% of FVA"},
                        headers={"origin_name": "Origin"}, decimals={f"Share {y0}": 1, f"Share {y1}": 1},
                        notes=["The ten largest origins in the last year (the trade seed's Figure 26)."]))
    sec.add(ReportFigure(key="va_fva_origins", title=f"Sources of foreign value added in the exports of {cn}, {y1}", source=x.source,
                         chart=bar_chart(ow.rename(columns={f"Share {y1}": "Share of FVA"}), category="origin_name", value="Share of FVA",
                                         unit="% of FVA")))
    # by sector (Figure 30, backward participation by sector)
    bs = x.by_sector[x.by_sector["year"].isin([y0, y1]) & (x.by_sector["sector"] != 0)]
    if len(bs):
        names = bs.drop_duplicates("sector").set_index("sector")["name"] if "sector_name" not in bs.columns else None
        ws = bs.pivot_table(index="sector", columns="year", values="GVCP_trade_b").mul(100)
        ws.columns = [f"Backward {col}" for col in ws.columns]
        ex = bs[bs["year"] == y1].set_index("sector")["Exports"] / 1000
        ws = ws.assign(**{f"Exports {y1}": ex}).reset_index().sort_values(f"Exports {y1}", ascending=False, kind="stable")
        ws = ws[ws[f"Exports {y1}"] > 0.05].reset_index(drop=True)
        _ = names
        sec.add(ReportTable(key="va_backward_by_sector", title=f"Foreign content of the exports of {cn} by ADB sector, {y0} and {y1}",
                            df=ws, source=x.source, units={**{col: "% of gross exports" for col in ws.columns if str(col).startswith("Backward")},
                                                           f"Exports {y1}": "bn USD"},
                            headers={"sector": "ADB sector (1-35)"}, decimals={col: 1 for col in ws.columns if col != "sector"},
                            flags=["partial: backward participation includes foreign double counting"], annex=True,
                            notes=["Sectors exporting more than 50 million USD in the last year."]))
    # reconciliation (one table, what each measure is): valuechain.gvc.va_trade_table
    if x.reconciled is not None:
        w = x.reconciled.wide()
        years = [yy for yy in (2000, 2005, 2015, 2017, 2022) if yy in w.columns]
        rt = w[["measure", *years, "kind", "definition", "differs", "source"]].copy()
        rt.columns = [f"y{c}" if isinstance(c, int) else c for c in rt.columns]
        sec.add(ReportTable(key="va_trade_reconciled", title=f"Foreign content of {cn}'s trade: the measures side by side, what each is "
                            "and why they differ", df=rt, source="as in each row",
                            units={f"y{yy}": "%" for yy in years},
                            headers={"measure": "Measure", **{f"y{yy}": f"Value {yy}" for yy in years}, "kind": "Kind",
                                     "definition": "What it measures", "differs": "Why it differs", "source": "Source"},
                            decimals={f"y{yy}": 1 for yy in years},
                            notes=["valuechain.gvc.va_trade_table: ADB-derived series (2000, 2007-2022), the OECD ICIO 2022 "
                                   "measures of this report and the trade seed's TiVA figures (cited)."]))
        f22 = x.reconciled.table
        f22 = f22[(f22["measure"] == "FVA share of gross exports") & (f22["year"] == y1) & f22["source"].str.startswith("ADB")]
        if len(f22):
            page.claim("fva_share_reconciled", "gvc.fva_share_exports", float(f22["value"].iloc[0]), unit="% of gross exports",
                       year=y1, scope=c, source=str(f22["source"].iloc[0]), ref="va_trade_reconciled",
                       definition="foreign value added in gross exports / gross exports (ADB MRIO)")
    if x.icio is not None and len(x.icio):
        imp = x.icio[(x.icio["iso3"] == c) & x.icio["measure"].str.startswith("imported")]
        if len(imp):
            page.claim("icio_imported", "gvc.foreign_share_intermediates", float(imp["value"].iloc[0]), unit="% of intermediate inputs",
                       year="2022", scope=c, source=x.icio_source, ref="va_trade_reconciled" if x.reconciled is not None else "va_participation",
                       definition="imported intermediate inputs / all intermediate inputs of the country's industries "
                                  "(not foreign value added in exports)")
            page.finding("foreign inputs", f"{cn}'s industries buy {{va_trade.icio_imported}} of their intermediate inputs abroad "
                         "(OECD ICIO 2022), yet foreign value added is only {va_trade.fva_share_last} of its gross exports "
                         f"({y1}, ADB-derived): two different measures.",
                         comparison="The trade seed reports FVA falling from {va_trade.seed_fva_2005} (2005) to "
                                    "{va_trade.seed_fva_2015} (2015); the ADB series has it between {va_trade.fva_share_min} and "
                                    f"{{va_trade.fva_share_max}} in {y0}-{y1}.",
                         why="Imported inputs go to industries that export little; the oil, gas and metals that dominate "
                             "exports use mostly domestic inputs.")

    if x.dva is not None:
        _dva_blocks(x.dva, page, c, cn)


def _growth_chart(g: pd.DataFrame):
    """Grouped bars: one row per economy, one bar per period."""
    import altair as alt

    from ..figures import FULL_WIDTH

    return (alt.Chart(g).mark_bar()
            .encode(y=alt.Y("name:N", title=None, sort=list(dict.fromkeys(g["name"]))), yOffset=alt.YOffset("period:N"),
                    x=alt.X("growth:Q", title="Annualised growth of DVA in exports (% a year)"),
                    color=alt.Color("period:N", title="Period"),
                    tooltip=[alt.Tooltip("name:N"), alt.Tooltip("period:N"), alt.Tooltip("growth:Q", format=".1f")])
            .properties(width=FULL_WIDTH - 300, height=max(120, 34 * g["name"].nunique())))


def _dva_blocks(d: DVAInputs, page: Page, c: str, cn: str) -> None:
    """Domestic value added in exports by sector, its growth beside the comparators, its contributions and destinations."""
    t = d.by_sector
    years = [int(k[4:]) for k in t.columns if k.startswith("dva_")]
    src = t.attrs.get("source", "ADB-derived")
    shown = t.assign(sector=[("Manufacturing – " + n[:1].lower() + n[1:] if sub else n) for n, sub in zip(t["sector"], t["sub"])])
    shown = shown.drop(columns="sub")
    units = {**{f"dva_{y}": "million USD" for y in years}, **{f"share_{y}": "% of goods DVA" for y in years},
             **{k: "% a year" for k in t.columns if k.startswith("cagr_")}}
    heads = {"sector": "Sector", **{f"dva_{y}": f"DVA {y}" for y in years}, **{f"share_{y}": f"Share {y}" for y in years},
             **{k: f"CAGR {k[5:9]}-{k[10:]}" for k in t.columns if k.startswith("cagr_")}}
    page.add(ReportTable(key="va_dva_by_sector", title=f"Domestic value added in the goods exports of {cn} by sector, {years[0]}-{years[-1]}",
                         df=shown, source=src, units=units, headers=heads,
                         decimals={**{f"dva_{y}": 0 for y in years}, **{k: 1 for k in t.columns if k.startswith(("share_", "cagr_"))}},
                         notes=["The trade seed's Table 4 (TiVA, 2005-2015) on the ADB-derived series, which starts in 2007 "
                                "(2000, then 2007-2022): DVA in gross exports by exporting sector (Borin & Mancini 2019 accounting). "
                                "Chemicals include refined petroleum and non-metallic minerals (ISIC D19T23, as the seed)."]))
    y1 = years[1]
    tot = t[t["sector"] == "Total goods"].iloc[0]
    mine = t[t["sector"] == "Mining and quarrying"].iloc[0]
    met = t[t["sector"] == "Basic and fabricated metals"].iloc[0]
    meta = dict(scope=c, source=src, ref="va_dva_by_sector", unit="% of goods DVA")
    page.claim("dva_mining_share", "dva.share.mining", mine[f"share_{y1}"], year=y1,
               definition="mining's share of domestic value added in goods exports", **meta)
    page.claim("dva_metals_share", "dva.share.metals", met[f"share_{y1}"], year=y1,
               definition="basic and fabricated metals' share of domestic value added in goods exports", **meta)
    page.claim("dva_goods", "dva.goods", tot[f"dva_{years[-1]}"] / 1000, year=years[-1], scope=c, source=src, ref="va_dva_by_sector",
               unit="bn USD", definition="domestic value added in goods exports")
    gr = d.growth
    me = gr[(gr["iso3"] == c)]
    per = [p for p in gr["period"].unique()]
    for p in per:
        row = me[me["period"] == p]
        if len(row):
            page.claim(f"dva_growth_{p.replace('-', '_')}", "dva.growth", row["growth"].iloc[0], unit="% a year", year=p, scope=c,
                       source=gr.attrs.get("source", src), ref="va_dva_growth",
                       definition="annualised growth of domestic value added in gross exports (goods and services)")
    k = page.key
    text = (f"Mining made up {{{k}.dva_mining_share}} and metals {{{k}.dva_metals_share}} of the domestic value added in "
            f"{cn}'s goods exports in {y1} (ADB-derived), which reached {{{k}.dva_goods}} in {years[-1]}.")
    if len(per) == 2 and all(f"{k}.dva_growth_{p.replace('-', '_')}" in page.claims for p in per):
        a, b = (f"{{{k}.dva_growth_{p.replace('-', '_')}}}" for p in per)
        text += (f" Domestic value added in all its exports (goods and services) grew by {a} a year in {per[0]} and {b} a year "
                 f"in {per[1]}; the trade seed's growth for 2005-2015 (TiVA) starts from 2005, before the boom of 2007-2008 "
                 "that is this series' first year.")
    page.say(text)
    g = gr.assign(name=gr["iso3"].map(country_name))
    page.add(ReportTable(key="va_dva_growth_table", title=f"Annualised growth of domestic value added in exports: {cn} and comparators",
                         df=g[["name", "period", "dva_start", "dva_end", "growth"]], source=gr.attrs.get("source", src),
                         units={"dva_start": "million USD", "dva_end": "million USD", "growth": "% a year"},
                         headers={"name": "Economy", "period": "Period", "dva_start": "DVA, first year", "dva_end": "DVA, last year",
                                  "growth": "Annualised growth"}, decimals={"dva_start": 0, "dva_end": 0, "growth": 1},
                         notes=[f"Not in the ADB 62-economy table: {', '.join(map(country_name, gr.attrs.get('missing', []))) or 'none'}."]))
    page.add(ReportFigure(key="va_dva_growth", title=f"Annualised growth of domestic value added in exports, {cn} and comparators",
                          source=gr.attrs.get("source", src),
                          chart=_growth_chart(g),
                          notes=["The trade seed's Figure 22 (TiVA, 2005-2015) on the ADB-derived series (from 2007)."]))
    ct = d.contributions
    cy = [int(col[4:]) for col in ct.columns if col.startswith("dva_")]
    page.add(ReportTable(key="va_dva_contributions", title=f"Contribution to the growth of domestic value added in goods exports by sector, "
                         f"{cn}, {cy[0]}-{cy[-1]}", df=ct, source=ct.attrs.get("source", src),
                         units={**{f"dva_{y}": "million USD" for y in cy}, "contribution": "percentage points"},
                         headers={"sector": "Sector", **{f"dva_{y}": f"DVA {y}" for y in cy}, "contribution": "Contribution to growth"},
                         decimals={**{f"dva_{y}": 0 for y in cy}, "contribution": 1},
                         notes=["The trade seed's Figure 23 (TiVA, 2005-2015): each sector's change in DVA over goods DVA in the "
                                "first year; the contributions add up to the growth of goods DVA."]))
    dd = d.by_destination
    dy = [int(col[4:]) for col in dd.columns if col.startswith("dva_")]
    page.add(ReportTable(key="va_dva_by_destination", title=f"Domestic value added in {cn}'s exports by destination, "
                         + ", ".join(map(str, dy)), df=dd, source=dd.attrs.get("source", src),
                         units={**{f"dva_{y}": "million USD" for y in dy}, **{f"share_{y}": "% of DVA in exports" for y in dy}},
                         headers={"destination": "Destination (direct importer)", **{f"dva_{y}": f"DVA {y}" for y in dy},
                                  **{f"share_{y}": f"Share {y}" for y in dy}},
                         decimals={**{f"dva_{y}": 0 for y in dy}, **{f"share_{y}": 1 for y in dy}},
                         notes=["The trade seed's Figure 25 (TiVA, 2005 and 2015) on the ADB MRIO split by direct importer; "
                                "the EU counts its members in each year (country_groups.toml); the economies the ADB table "
                                "does not hold (Uzbekistan, Ukraine, Belarus, Azerbaijan ...) are its rest of the world."]))

    sv = d.services
    if sv is not None and len(sv):
        sy = [int(col[8:]) for col in sv.columns if col.startswith("exports_")]
        page.add(ReportTable(key="va_services_exports", title=f"Services exports of {cn} by ADB sector, " + ", ".join(map(str, sy)),
                             df=sv, source=sv.attrs.get("source", src),
                             units={**{f"exports_{y}": "million USD" for y in sy}, **{f"share_{y}": "% of services exports" for y in sy},
                                    **{col: "% a year" for col in sv.columns if col.startswith("cagr_")}},
                             headers={"sector": "Sector (ADB MRIO)", **{f"exports_{y}": f"Exports {y}" for y in sy},
                                      **{f"share_{y}": f"Share {y}" for y in sy},
                                      **{col: f"CAGR {col[5:9]}-{col[10:]}" for col in sv.columns if col.startswith("cagr_")}},
                             decimals={**{f"exports_{y}": 0 for y in sy}, **{col: 1 for col in sv.columns if col.startswith(("share_", "cagr_"))}},
                             flags=["partial: ADB MRIO sectors (ISIC-based), not the balance-of-payments categories of the seed"],
                             annex=True,
                             notes=["The trade seed's Table 3 (2000 and 2018) uses balance-of-payments categories (travel, "
                                    "transport, finance, telecom, other business services); the ADB table allocates services "
                                    "exports to industries, so travel, for one, is no row here."]))


SECTION = Section(key="va_trade", title="Value added in trade over time (ADB-derived)", needs="va_trade", load=load, build=build,
                  summary="participation, foreign value added and its origins 2017-2022 beside the comparators; the measures reconciled")
