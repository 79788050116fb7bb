"""The section comparing the run with the two seed studies, and the seed coverage table.

The seeds' findings are quoted (cited, not computed); this run's findings are the
sentences the other sections read off their results (``BuildContext.highlight``). The
coverage table lists every table and figure of both seeds and where this report
reproduces it, from the keys of the tables and figures actually produced.
"""

from __future__ import annotations

import pandas as pd

from ._context import BuildContext
from ._model import ReportSection, ReportTable
from ._sections_io import badge_of

__all__ = ["seed_comparison", "SEED_ITEMS", "SEED_FINDINGS"]

_REG = "Regional-clusters seed (East Kazakhstan IO study, 2009 data)"
_TRD = "Trade seed (World Bank, Kazakhstan Trade Competitiveness and GVC Diagnostic)"

#: (seed, item, title, report keys that reproduce it (any), why not, when none)
SEED_ITEMS: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    (_REG, "Figure 1", "Structure of GDP, 2009", ("national_structure",), "output structure of the IO table instead of GDP"),
    (_REG, "Figure 2", "Structure of GDP growth, 2000-2010", (), "no GDP series by activity is held"),
    (_REG, "Figure 3", "GDP shares of the regions, 2009", (), "BNS GVA by region is held; not drawn in this version"),
    (_REG, "Table 1 (region)", "Key indicators of the region, 2006-2011", ("regional_crosscheck",), "only the 2022 size and employment cross-check"),
    (_REG, "Figure 4", "Gross regional product by activity, 2009", ("regional_location_quotients",), ""),
    (_REG, "Figure 5, Tables 2-4 (metallurgy)", "Metallurgical cluster: output, indexes, firms", (), "no firm or product data of the cluster is held"),
    (_REG, "Figure 6", "Exports of main metals, 2010", ("trade_exports_by_sector",), ""),
    (_REG, "Table 1", "Key sectors in the East region (Rasmussen)", ("regional_key_sectors",), ""),
    (_REG, "Tables 2-3", "Strong backward / forward linkage sectors with low CV, East region",
     ("regional_backward_oriented", "regional_forward_oriented"), ""),
    (_REG, "Figure 3 (key sectors)", "The key sectors of the East region", ("regional_quadrant",), ""),
    (_REG, "Table 4 (key sectors)", "Key sectors of Kazakhstan (Rasmussen)", ("national_key_sectors",), ""),
    (_REG, "Tables 5-6", "Strong forward / backward linkage sectors with low CV, Kazakhstan",
     ("national_forward_oriented", "national_backward_oriented"), ""),
    (_REG, "Figure 7", "The key sectors of Kazakhstan", ("national_quadrant",), ""),
    (_REG, "Tables 4-6 (clusters)", "Metalworking, oil-processing and regional clusters (factor analysis)",
     ("clusters_national_factors", "clusters_regional_factors"), ""),
    (_REG, "Interregional model", "Two-region model of the East region", ("regional_two_region",),
     "not built: no interregional trade is recorded (the seed's own conclusion)"),
    (_TRD, "Figure 2", "Trade openness (% of GDP)", ("trade_openness",), "no GDP series is held for the study"),
    (_TRD, "Figures 3-4", "FDI inflows, FDI by sector", (), "no FDI data is held"),
    (_TRD, "Table 1", "Exports by sector", ("trade_exports_by_sector",), ""),
    (_TRD, "Table 2", "Exports by main destinations", ("trade_exports_by_destination",), ""),
    (_TRD, "Table 3", "Services exports by sector", (), "no services trade data is held"),
    (_TRD, "Figures 5-6", "Number of products exported, countries reached", ("trade_products_markets", "peers_comparison"), ""),
    (_TRD, "Figures 7-10", "HHI of products and markets, top-5 shares",
     ("trade_concentration", "peers_comparison", "peers_hhi", "peers_cited_concentration"), ""),
    (_TRD, "Figure 11", "Sector shares of exports by region", ("trade_sector_shares",), ""),
    (_TRD, "Figure 12", "Export growth decomposition (margins; by product where partner data are partial)", ("trade_margins",),
     "needs flows of two years"),
    (_TRD, "Figures 13-14", "Technology classification of exports (Lall), Kazakhstan and peers", ("trade_lall", "peers_lall"), ""),
    (_TRD, "Figure 15", "Economic Complexity Index of peers", ("trade_eci",), "needs the exports of all countries by product"),
    (_TRD, "Figures 16-17", "Export quality", (), "needs unit values of all exporters"),
    (_TRD, "Figure 18", "Export survival, Kazakhstan and comparators", ("peers_survival",), ""),
    (_TRD, "Figures 19-20", "Export survival by sector and destination", ("survival_sector_medians", "survival_destination_medians"), ""),
    (_TRD, "Figure 21", "Decomposition of gross exports, auto industry", (), "needs final demand by destination (TiVA)"),
    (_TRD, "Table 4, Figures 22-24", "DVA in exports by sector and its growth", ("gvc_dva_by_industry",), "needs final demand by destination"),
    (_TRD, "Figures 25-28", "DVA by destination, FVA by source (here only intermediate inputs by source), forward integration",
     ("gvc_dva_by_destination", "gvc_fva_by_source", "gvc_position_sourcing", "sourcing_partners"), "needs final demand by destination"),
    (_TRD, "Figures 29-31", "GVC participation, FVA content, DVA in foreign final demand",
     ("gvc_participation", "sourcing_cited_participation"),
     "needs final demand by destination"),
)

#: (topic, section key of this run's finding, what the seed found: quoted or paraphrased, with its source)
SEED_FINDINGS: tuple[tuple[str, str, str], ...] = (
    ("Key sectors of the nation", "national",
     "Regional seed (2009 table, Table 4): key sectors by Rasmussen's method include metallurgy, chemicals and "
     "electricity, gas and water."),
    ("Specialisation of East Kazakhstan", "regional",
     "Regional seed: East Kazakhstan is a metallurgical region (non-ferrous metals), with agriculture and energy."),
    ("Clusters", "clusters",
     "Regional seed: 14 factors at national level, 8 at regional level; the largest is 'metalworking', "
     "then 'oil processing'."),
    ("Composition of exports", "trade",
     "Trade seed: exports dominated by oil and gas and metals, to the EU and China."),
    ("Peers", "peers",
     "Trade seed: Kazakhstan's exports are among the most concentrated of its comparators (Azerbaijan, Chile, "
     "Indonesia, Mexico, Russia)."),
    ("Diversification", "opportunities",
     "Trade seed: the number of products exported rose after 2000 but stays below most comparators; oil, gas, copper "
     "and zinc carry a heavy weight."),
    ("Position in value chains", "gvc",
     "Trade seed: 'Kazakhstan is substantially forward integrated into other countries' exports because of its raw "
     "materials'; its GVC participation is the lowest among comparators."),
    ("Regional multipliers", "impact",
     "Regional seed: location quotients tend to generate regional multipliers that are too large (Miller & Blair 2009)."),
    ("Export survival", "peers:spells",
     "Trade seed: export relationships of Kazakhstan are short-lived, shorter than those of comparators."),
)


def seed_comparison(ctx: BuildContext, sec: ReportSection) -> None:
    if not ctx.study.get("study").get("compare_seeds", True):
        sec.status = "skipped"
        sec.notes.append("Skipped: [study] compare_seeds = false.")
        return
    done = {t.key: s for s in getattr(ctx, "sections", []) for t in (*s.tables, *s.figures)}
    badge = {s.key: (s.badge or s.status) for s in getattr(ctx, "sections", [])}
    sec.badge = "cited findings and this run"
    sec.intro = ("What the two seed studies found, beside what this run finds on the data it holds. The seed findings are "
                 "quoted from the studies (they are not computed here); this run's findings are read off the results above.")
    hl: dict[str, list[str]] = {}
    for k, text in ctx.highlights:
        hl.setdefault(k, []).append(text)
    def found(key: str) -> str:
        sec_key, _, word = key.partition(":")
        got = [h for h in hl.get(sec_key, []) if (word in h if word else "spells" not in h)]
        return " ".join(got) or "not computed in this run"

    rows = [(topic, seed, found(key)) for topic, key, seed in SEED_FINDINGS]
    sec.add(ReportTable(key="seeds_findings", title="The seed studies' findings and this run's", df=pd.DataFrame(rows, columns=["topic", "seed", "run"]),
                        source="the two seed studies (cited); this report", headers={"topic": "Topic", "seed": "The seed studies found",
                                                                                      "run": "This run finds"}))
    cov = []
    for seed, item, title, keys, why in SEED_ITEMS:
        got = [k for k in keys if k in done]
        if got:
            s = done[got[0]]
            blocks = [b for b in (*s.tables, *s.figures) if b.key in got]
            where = f"{s.title}: " + "; ".join(dict.fromkeys(b.title for b in blocks))
            own = [f for b in blocks for f in b.flags]
            status = badge_of(own) if any("partial" in f for f in own) else badge.get(s.key, "")
            if all("cited" in k for k in got):
                status = "cited from a published report, not computed here"
        else:
            where, status = "not reproduced", why or "not in this version"
        cov.append((seed.split(" (")[0], item, title, where, status))
    sec.add(ReportTable(key="seeds_coverage", title="Coverage of the seed studies' tables and figures", annex=False, max_rows=80,
                        df=pd.DataFrame(cov, columns=["seed", "item", "title", "where", "status"]), source="this report",
                        headers={"seed": "Seed study", "item": "Table or figure", "title": "Content", "where": "Reproduced in",
                                 "status": "Data or reason"}))
