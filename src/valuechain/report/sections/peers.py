"""Section ``peers``: the country beside its peers (trade seed, Figures 5-10, 13-15, 18).

Every number comes from ``valuechain.trade`` (:func:`valuechain.trade.diagnostic.peer_comparison`,
``concentration``, ``survival_analysis``); this module selects and labels. A comparator the
panel does not hold is named once on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ...survival import survival_analysis
from ...trade import concentration
from ...trade.diagnostic import LALL_TIERS, peer_comparison
from .._model import ReportFigure, ReportTable
from ..figures import line_chart, share_chart, step_chart
from ..inputs import Inputs, country_name, display_path
from ..study import Study
from . import Page, Section
from .common import badge_of, names_list

__all__ = ["SECTION", "PeersInputs", "load", "build"]


@dataclass(frozen=True)
class PeersInputs:
    settings: Mapping[str, Any]
    me: str
    peer_flows: Any
    world: Any
    mine: Any          # the country's own flows ([trade]) or None
    mine_flags: tuple[str, ...]


def load(study: Study, data: Inputs) -> PeersInputs:
    pe = study.get("peers")
    from ...errors import ValidationError
    from ...tables.trade.schema import known_iso3

    unknown = [c for c in pe["countries"] if c not in known_iso3()]
    if unknown:  # a code that is no country (a peer absent from a source is named on the page instead)
        raise ValidationError(f"[peers] countries: {', '.join(unknown)} is not an ISO 3166 alpha-3 country code; "
                              "use codes such as KAZ, UZB, CHL")
    me = data.country("trade") if study.has("trade") else study.get("study").get("country")
    if not pe.get("flows"):
        return PeersInputs(settings=pe, me=me, peer_flows=None, world=None, mine=None, mine_flags=())
    mine, mflags = None, ()
    if study.has("trade"):
        kf, fl, _s, _u = data.flows("trade")
        mine, mflags = kf, tuple(fl)
    return PeersInputs(settings=pe, me=me, peer_flows=data.peer_flows, world=data.peer_world, mine=mine, mine_flags=mflags)


def build(x: PeersInputs, page: Page) -> None:
    sec = page.sec
    pe, me = x.settings, x.me
    name = country_name
    peer_codes = [c for c in pe["countries"] if c != me]
    if x.peer_flows is None:
        sec.add("No peer panel is given ([peers] flows), so the peers are listed without indicators: "
                + names_list([name(c) for c in peer_codes], 20) + ".")
        return
    pf = x.peer_flows
    src = pe.get("source") or getattr(pf, "source", "") or "peer export panel"
    panels = {c: pf for c in peer_codes}
    mine_flags: list[str] = list(x.mine_flags)
    if x.mine is not None:
        panels = {me: x.mine, **panels}
    conc_peers = concentration(pf, by="product", country=peer_codes)
    conc_me = concentration(panels[me], by="product", country=me) if me in panels else conc_peers.iloc[0:0]
    peer_years = sorted(int(y) for y in conc_peers["year"].unique())
    my_years = sorted(int(y) for y in conc_me["year"].unique())
    common = sorted(set(peer_years) & set(my_years))
    year = int(pe["year"]) if pe.get("year") else (common[-1] if common else peer_years[-1])
    world = x.world
    from ..._data import shared_data_dir

    pc = peer_comparison(panels, year=year, world=world, world_revision=pe["hs_revision"], data_dir=shared_data_dir())
    t = pc.table.copy()
    missing = [c for c in peer_codes if t.loc[t["country"] == c, "exports_bn_usd"].isna().all()]
    t = t[t["exports_bn_usd"].notna()].copy()
    t["country"] = t["country"].map(name)
    t = t.sort_values("exports_bn_usd", ascending=False, kind="stable").reset_index(drop=True)
    sec.flags += [f for f in mine_flags if f not in sec.flags]
    sec.badge = badge_of(sec.flags + list(pc.flags))
    revs = sorted(set(t["hs_revision"]) - {""})
    npeer = page.claim("n_peers", "peers.compared", len(t) - (1 if me in panels else 0), unit="peer economies", decimals=0, year=year,
                       scope=me, source=src, ref="peers_comparison", definition="peer economies held by the product panel and compared")
    page.intro(f"{name(me)} beside {npeer.ph} in {year}, the latest year held for all of "
                 f"them. The peers' exports are the BRICS+ panel of CEPII BACI ({pe['hs_revision']}, exports to the world); "
                 f"{name(me)}'s are its own BACI files" + (f" (revisions differ: {', '.join(revs)})" if len(revs) > 1 else "") + ". "
                 "The technology structure (Lall 2000) is read through each revision's own concordance and compares exactly; "
                 "product counts and HHI at HS6 compare approximately, since HS2002 and HS2012 have nearly the same number of "
                 "subheadings but not the same ones. Products with RCA ≥ 1 are counted only where world exports of the same "
                 "revision are held.")
    if missing:
        sec.add(f"Not held by the peer panel ({pe['hs_revision']} product exports), so not compared there: "
                f"{names_list([name(c) for c in missing], 20)}.")
    cols = ["country", "hs_revision", "exports_bn_usd", "n_products", "hhi", "top5_share",
            *[f"share_{x}" for x in LALL_TIERS], "n_rca_products"]
    t["hhi"] = t["hhi"]
    units = {"exports_bn_usd": "bn USD", "n_products": "HS6 products", "hhi": "index 0-1", "top5_share": "% of exports",
             "n_rca_products": "HS6 products", **{f"share_{x}": "% of exports" for x in LALL_TIERS}}
    heads = {"country": "Country", "hs_revision": "HS revision", "exports_bn_usd": "Exports", "n_products": "Products exported",
             "hhi": "Product HHI", "top5_share": "Top-5 products", "n_rca_products": "Products with RCA ≥ 1",
             **{f"share_{x}": x for x in LALL_TIERS}}
    sec.add(ReportTable(key="peers_comparison", title=f"{name(me)} and its peers: exports, diversification and technology structure, {year}",
                        df=t[[c for c in cols if c in t.columns]], source=src, units=units, headers=heads,
                        decimals={"exports_bn_usd": 1, "hhi": 3, "top5_share": 1, "n_rca_products": 0, "n_products": 0,
                                  **{f"share_{x}": 1 for x in LALL_TIERS}},
                        flags=list(pc.flags), notes=["HHI: sum of squared product shares (0-1). Lall shares leave out unclassified products."]))
    if me in set(pc.table["country"]):
        row = t[t["country"] == name(me)].iloc[0]
        rank = int((t["hhi"] > row["hhi"]).sum()) + 1
        page.claim("hhi", "exports.hhi.product", row["hhi"], unit="index 0-1", decimals=3, year=year, scope=me, source=src,
                   ref="peers_comparison", definition="sum of squared HS6 product shares of exports")
        page.claim("hhi_rank", "exports.hhi.rank", rank, unit="", decimals=0, year=year, scope=f"{me}|{len(t)} economies",
                   source=src, ref="peers_comparison", definition="rank by product HHI, 1 = most concentrated")
        page.claim("n_economies", "peers.count", len(t), unit="economies", decimals=0, year=year, scope=me, source=src,
                   ref="peers_comparison", definition="economies compared, the country included")
        page.claim("primary", "exports.share.lall.primary", row["share_Primary"], unit="% of exports", year=year, scope=me, source=src,
                   ref="peers_comparison", definition="share of primary products (Lall 2000) in exports")
        page.claim("exports", "exports.total", row["exports_bn_usd"], unit="bn USD", year=year, scope=me, source=src,
                   ref="peers_comparison", definition="merchandise exports to the world, all products")
        page.claim("n_products", "exports.products.count", row["n_products"], unit="HS6 products", decimals=0, year=year, scope=me,
                   source=src, ref="peers_comparison", definition="HS6 products with exports")
        page.say(f"In {year}, {name(me)} exported {{peers.exports}} in {{peers.n_products}}. Its product HHI of {{peers.hhi}} ranks "
                 f"{{peers.hhi_rank}} of {{peers.n_economies}} (1 = most concentrated), and primary products make up {{peers.primary}} "
                 f"of its exports; the most diversified exporter of the group is {t.sort_values('hhi', kind='stable')['country'].iloc[0]}.")
        peers_named = names_list([c for c in t["country"] if c != name(me)], 8)
        page.finding("concentration", f"{name(me)}'s exports rank {{peers.hhi_rank}} of {{peers.n_economies}} by product "
                     f"concentration (HHI {{peers.hhi}} in {year}); primary products are {{peers.primary}} of them.",
                     comparison=f"against {peers_named}; the trade seed found the basket more concentrated than every comparator "
                                "but Azerbaijan.",
                     why="A concentrated, primary basket makes export earnings swing with a few commodity prices.",
                     kind="finding" if len(t) >= 5 else "thin")
    lall = t.melt(id_vars=["country"], value_vars=[f"share_{x}" for x in LALL_TIERS], var_name="class", value_name="share")
    lall["class"] = lall["class"].str.replace("share_", "", regex=False)
    sec.add(ReportFigure(key="peers_lall", title=f"Technology structure of exports (Lall 2000): {name(me)} and peers, {year}", source=src,
                         chart=share_chart(lall, x="country", share="share", group="class", unit="% of exports", group_order=list(LALL_TIERS),
                                           x_order=list(t.sort_values("share_Primary", ascending=False, kind="stable")["country"]),
                                           group_title="Lall class"),
                         flags=list(pc.flags), notes=["Unclassified products are left out, so bars may fall short of 100%."]))
    # concentration over time (true year axis); Kazakhstan's years are the years of its files
    conc = pd.concat([conc_peers, conc_me[conc_me["year"] >= peer_years[0]]], ignore_index=True)
    conc["country"] = conc["exporter"].map(name)
    sec.add(ReportFigure(key="peers_hhi", title=f"Product concentration of exports over time, {name(me)} and peers", source=src,
                         notes=[f"{name(me)}: the years of its files within {peer_years[0]}-{peer_years[-1]} only "
                                f"({', '.join(str(y) for y in my_years if y >= peer_years[0])})."],
                         chart=line_chart(conc, x="year", y="hhi", color="country", unit="index 0-1", y_title="Product HHI",
                                          color_title="Country"), flags=list(pc.flags)))
    # product-level survival of the peers (real yearly panel, exports to the world)
    if pe.get("survival", True):
        res = survival_analysis(pf, by="exporter", level="product", exporters=peer_codes)
        med = res.medians.copy()
        med["group"] = med["group"].map(lambda g: name(g) if g != "all" else "All peers")
        med = med.sort_values("median", ascending=False, kind="stable").reset_index(drop=True)
        sec.add(ReportTable(key="peers_survival_curves", title="Kaplan-Meier curves of the peers' product export spells", df=res.table,
                            source=src, annex=True, max_rows=40, units={"time": "years", "survival": "probability", "at_risk": "spells"},
                            headers={"group": "Exporter", "ci_lower": "95% band, lower", "ci_upper": "95% band, upper", "at_risk": "At risk"},
                            decimals={"time": 0, "survival": 3, "ci_lower": 3, "ci_upper": 3, "at_risk": 0}))
        sec.add(ReportTable(key="peers_survival", title=f"Export spells of the peers by product (to the world), {peer_years[0]}-{peer_years[-1]}",
                            df=med, source=src, units={"median": "years", "spells": "", "events": ""},
                            headers={"group": "Exporter", "median": "Median duration", "spells": "Spells", "events": "Spells ended"},
                            decimals={"median": 0, "spells": 0, "events": 0},
                            notes=["A spell is an unbroken run of years in which a product is exported; spells already active in the first "
                                   "year are left out; spells active in the last year are censored (Besedes & Prusa 2006)."]))
        allp = med[med["group"] == "All peers"]
        if len(allp):
            page.claim("spells_median", "survival.median.peers", allp["median"].iloc[0], unit="years", decimals=0,
                       scope="peers|product", source=src, ref="peers_survival", definition="median duration of the peers' product export spells")
        sec.add(ReportFigure(key="peers_survival", title=f"Survival of the peers' product export spells, {peer_years[0]}-{peer_years[-1]}",
                             source=src, chart=step_chart(res.table.assign(group=res.table["group"].map(lambda g: name(g) if g != "all" else "All peers")),
                                                          x="time", y="survival", color="group", x_title="Years since the spell started",
                                                          y_title="Share of spells still active", color_title="Exporter"),
                             notes=["Kaplan-Meier estimates; the 95% bands are in the workbook (survival curves)."]))
    if pe.get("cited_concentration"):
        c = pd.read_csv(pe["cited_concentration"])
        csrc = pe.get("cited_source") or display_path(pe["cited_concentration"])
        page.record.add_status("Published concentration series (cited)", "cited", csrc, f"{int(c['t'].min())}-{int(c['t'].max())}",
                       "computed by that report's authors; shown, not computed here")
        long = c.melt(id_vars="t", var_name="country", value_name="index").rename(columns={"t": "year"})
        sec.add(ReportTable(key="peers_cited_concentration", title="Export concentration index, cited from a published report (not computed here)",
                            df=c.rename(columns={"t": "year"}), source=csrc, unit="index 0-1", units={"year": ""}, headers={"year": "Year"},
                            decimals={col: 3 for col in c.columns if col != "t"},
                            notes=["Values as published by the report's authors (their definition and data); they are not comparable "
                                   "one for one with the product HHI above."]))
        sec.add(ReportFigure(key="peers_cited_concentration", title="Export concentration index as published (cited)", source=csrc,
                             chart=line_chart(long, x="year", y="index", color="country", unit="index 0-1", y_title="Concentration index",
                                              color_title="Country")))
    refs = [r.split("|", 1) for r in pe.get("reference", [])]
    if refs:
        sec.add(ReportTable(key="peers_reference", title="Published reference figures (cited, not computed in this report)",
                            df=pd.DataFrame([(a.strip(), (b.strip() if len(r) > 1 else "")) for r in refs for a, b in [(r[0], r[-1])]],
                                            columns=["figure", "source"]),
                            source="as cited in each row", headers={"figure": "Published figure", "source": "Source"}))


SECTION = Section(key="peers", title="Comparison with peer countries", needs="peers", load=load, build=build,
                  summary="exports, diversification, technology structure and product survival beside the peers")
