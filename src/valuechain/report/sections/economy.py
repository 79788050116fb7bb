"""Section ``economy``: the structure of the economy and of its regions from official statistics (regional seed,
Figures 1-4): gross value added by OKED section, the regions' shares of national GVA, the region's structure.

Every number is read off :func:`valuechain.datasets.section_gva_table` (BNS gross value added by
region and OKED section, million KZT, current prices); this module selects, rescales and states
shares of the table's own totals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .._model import ReportFigure, ReportTable
from ..figures import bar_chart
from ..inputs import Inputs, display_path
from ..study import Study
from . import Page, Section

__all__ = ["SECTION", "EconomyInputs", "load", "build"]


@dataclass(frozen=True)
class EconomyInputs:
    settings: Mapping[str, Any]
    structure: Any        # AccountsTable: national GVA by section (valuechain.regional.activity_structure)
    groups: Any           # AccountsTable: the seed's four groups (agriculture, industry, construction, services)
    growth: Any | None    # AccountsTable: nominal growth by group (activity_growth), or None
    shares: Any           # AccountsTable: the regions' shares (regional_shares)
    region: pd.DataFrame  # the region's GVA by section (sum of its BNS codes), or empty
    section_names: Mapping[str, str]
    source: str


def load(study: Study, data: Inputs) -> EconomyInputs:
    from ..._data import shared_data_dir
    from ...datasets import bns_gva_long
    from ...datasets.kazakhstan_bns import OKED_SECTIONS
    from ...regional import activity_growth, activity_structure, regional_shares
    from ...regional.accounts import SEED_ACTIVITY_GROUPS

    ec = study.get("economy")
    g = bns_gva_long(ec["gva"] or shared_data_dir())
    y = ec["year"]
    st = activity_structure(g, year=y, names=OKED_SECTIONS)
    gr = activity_structure(g, year=y, groups=SEED_ACTIVITY_GROUPS)
    growth = activity_growth(g, start=ec["base_year"], end=y, groups=SEED_ACTIVITY_GROUPS) if ec["base_year"] else None
    parts = [activity_structure(g, year=y, region=c, names=OKED_SECTIONS).table for c in ec["region_codes"]]
    reg = pd.concat(parts).groupby(["activity", "name"], as_index=False, sort=False)["value"].sum() if parts else pd.DataFrame()
    src = str(st.table["source"].iloc[0]) if len(st.table) else "BNS"
    data.record.add_input("gross value added by region and section", display_path(ec["gva"] or "shared:kz_bns_regional_gva_employment"))
    data.record.add_status("GVA by region and OKED section", "real", src,
                           f"{ec['base_year']}, {y}" if ec["base_year"] else str(y), "all regions, 20 sections")
    return EconomyInputs(settings=ec, structure=st, groups=gr, growth=growth, shares=regional_shares(g, year=y), region=reg,
                         section_names=dict(OKED_SECTIONS), source=src)


def build(x: EconomyInputs, page: Page) -> None:
    sec = page.sec
    ec = x.settings
    y = int(ec["year"])
    src = x.source
    sec.badge = "real data"
    sec.intro = (f"The structure of Kazakhstan's economy and of its regions in {y} from the Bureau of National Statistics: gross "
                 "value added by OKED section, million KZT at current prices (the regional seed's Figures 1-4, for 2009).")
    t = x.structure.table
    df = t[["activity", "name", "value", "share_of_gva_pct", "share_of_gdp_pct"]].copy()
    df["value"] = df["value"] / 1000
    df = df.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
    units = {"value": "bn KZT", "share_of_gva_pct": "% of GVA", "share_of_gdp_pct": "% of GDP"}
    heads = {"activity": "OKED", "name": "Section", "value": "Gross value added", "share_of_gva_pct": "Share of GVA",
             "share_of_gdp_pct": "Share of GDP"}
    sec.add(ReportTable(key="economy_gva_structure", title=f"The structure of GDP by activity, Kazakhstan, {y}", df=df,
                        source=src, units=units, headers=heads, decimals={"value": 0, "share_of_gva_pct": 1, "share_of_gdp_pct": 1},
                        flags=list(x.structure.flags), notes=["valuechain.regional.activity_structure on BNS GVA by section."]))
    sec.add(ReportFigure(key="economy_gva_structure", title=f"Gross value added by activity, Kazakhstan, {y}", source=src,
                         chart=bar_chart(df.head(12).rename(columns={"share_of_gva_pct": "Share of GVA"}), category="name",
                                         value="Share of GVA", unit="% of GVA")))
    grp = x.groups.table[["activity", "share_of_gva_pct"]].copy()
    for i, r in grp.reset_index(drop=True).iterrows():
        page.claim(f"group_{i}", "gva.share.group", r["share_of_gva_pct"], unit="% of GVA", year=y, scope=f"KAZ|{r['activity']}",
                   source=src, ref="economy_gva_groups", definition="the seed's activity group / sum of the sections")
    if x.growth is not None:
        gw = x.growth.table[["activity", "growth_pct_per_year"]].rename(columns={"growth_pct_per_year": "growth"})
        grp = grp.merge(gw, on="activity", how="left")
    sec.add(ReportTable(key="economy_gva_groups", title=f"GDP by the seed's four activity groups, {y}"
                        + (f", and their nominal growth {ec['base_year']}-{y}" if x.growth is not None else ""),
                        df=grp, source=src, units={"share_of_gva_pct": "% of GVA", "growth": "% a year, current prices"},
                        headers={"activity": "Activity group", "share_of_gva_pct": "Share of GVA", "growth": "Nominal growth"},
                        decimals={"share_of_gva_pct": 1, "growth": 1},
                        flags=list(x.growth.flags) if x.growth is not None else [],
                        notes=["Industry = sections B-E, services = G-T (the regional seed's Figure 1 groups)."]))
    page.say(f"In {y} industry made {{economy.group_1}} of gross value added, services {{economy.group_3}}, construction "
             "{economy.group_2} and agriculture {economy.group_0}.") if len(grp) == 4 else None
    # the regions' shares (Figure 3)
    rs = x.shares.table[["rank", "region_name", "value", "share_pct"]].copy()
    rs["value"] = rs["value"] / 1000
    sec.add(ReportTable(key="economy_regional_shares", title=f"Shares of the regions in Kazakhstan's GDP, {y}", df=rs, source=src,
                        units={"value": "bn KZT", "share_pct": "% of national"},
                        headers={"rank": "Rank", "region_name": "Region", "value": "Gross regional product", "share_pct": "Share"},
                        decimals={"value": 0, "share_pct": 1}, notes=[f"Regions on the borders of {y} (valuechain.regional.regional_shares)."]))
    sec.add(ReportFigure(key="economy_regional_shares", title=f"Shares of the regions in national GDP, {y}", source=src,
                         chart=bar_chart(rs.rename(columns={"share_pct": "Share of national GDP"}), category="region_name",
                                         value="Share of national GDP", unit="%")))
    # the region's structure (Figure 4)
    if len(x.region):
        rname = ec["region"] or " + ".join(ec["region_codes"])
        st = x.region.copy()
        tot = float(st["value"].sum())
        st["share"] = 100 * st["value"] / tot
        st["national_share"] = st["activity"].map(dict(zip(t["activity"], t["share_of_gva_pct"])))
        st["value"] = st["value"] / 1000
        st = st.sort_values("value", ascending=False, kind="stable").reset_index(drop=True)
        sec.add(ReportTable(key="economy_region_structure", title=f"Gross regional product of {rname} by activity, {y}", df=st,
                            source=src, units={"value": "bn KZT", "share": "% of regional GVA", "national_share": "% of national GVA"},
                            headers={"activity": "OKED", "name": "Section", "value": "Gross value added", "share": "Share in the region",
                                     "national_share": "Share in the nation"},
                            decimals={"value": 0, "share": 1, "national_share": 1},
                            notes=[f"{rname}: BNS regions {', '.join(ec['region_codes'])} (the regional seed's borders)."]))
        nat_total = float(t["value"].sum())
        page.claim("region_share", "gva.share.region", 100 * tot / nat_total, unit="% of national GVA", year=y, scope=rname,
                   source=src, ref="economy_region_structure", definition="regional GVA / national GVA (sum of sections)")
        page.say(f"{rname} produced {{economy.region_share}} of national gross value added in {y}.")


SECTION = Section(key="economy", title="The economy and its regions (official statistics)", needs="economy", load=load, build=build,
                  summary="GDP by activity and by the seed's four groups, nominal growth, the regions' shares, the region's structure (BNS)")
