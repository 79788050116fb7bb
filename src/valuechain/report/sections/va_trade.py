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
    reconciled = None
    if country == "KAZ":
        from ..._data import shared_data_dir
        from ...datasets import kazakhstan_va_trade

        reconciled = kazakhstan_va_trade(shared_data_dir() if folder is None else Path(str(folder)).parent, country=country)[0]
    data.record.add_input("ADB value-added indicators", display_path(folder or "shared:adb_mrio_gvc_indicators"))
    data.record.add_status("Value added in trade 2017-2022 (ADB-derived)", "real", _ADB, "2017-2022",
                           f"{country_name(country)} and {len(view.present)} of {len(peers)} comparators; {view.message}")
    return VATradeInputs(country=country, total=view, fva=fv, by_sector=sec[sec["iso3"] == country], icio=icio, icio_source=isrc,
                         source=part.attrs.get("source", _ADB), reconciled=reconciled)


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


SECTION = Section(key="va_trade", title="Value added in trade over time (ADB-derived)", needs="va_trade", load=load, build=build,
                  summary="participation, foreign value added and its origins 2017-2022 beside the comparators; the measures reconciled")
