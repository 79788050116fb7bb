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
    gva: pd.DataFrame          # regions × sections, year
    base: pd.DataFrame | None  # the same for the base year (growth), or None
    region_names: Mapping[str, str]
    section_names: Mapping[str, str]


def load(study: Study, data: Inputs) -> EconomyInputs:
    from ...datasets import section_gva_table
    from ...datasets.kazakhstan_bns import BNS_REGION_NAMES, OKED_SECTIONS, REGION_NAMES

    ec = study.get("economy")
    g = section_gva_table(ec["gva"], year=ec["year"])
    b = section_gva_table(ec["gva"], year=ec["base_year"]) if ec["base_year"] else None
    data.record.add_input("gross value added by region and section", display_path(ec["gva"] or "shared:kz_bns_regional_gva_employment"))
    data.record.add_status("GVA by region and OKED section", "real", g.attrs.get("source", "BNS"),
                           f"{ec['base_year']}, {ec['year']}" if ec["base_year"] else str(ec["year"]), "all regions, 20 sections")
    return EconomyInputs(settings=ec, gva=g, base=b, region_names={**BNS_REGION_NAMES, **REGION_NAMES}, section_names=dict(OKED_SECTIONS))


def build(x: EconomyInputs, page: Page) -> None:
    sec = page.sec
    ec, g = x.settings, x.gva
    y = int(g.attrs.get("year", ec["year"]))
    src = g.attrs.get("source", "BNS")
    sec.badge = "real data"
    nat = g.loc["national"]
    tot = float(nat.sum())
    sec.intro = (f"The structure of Kazakhstan's economy and of its regions in {y} from the Bureau of National Statistics: gross "
                 "value added by OKED section, million KZT at current prices (the regional seed's Figures 1-4, for 2009).")
    df = pd.DataFrame({"section": list(nat.index), "name": [x.section_names.get(s, s) for s in nat.index],
                       "gva": nat.to_numpy() / 1000, "share": 100 * nat.to_numpy() / tot})
    if x.base is not None:
        bn = x.base.loc["national"].reindex(nat.index).fillna(0.0)
        df["growth_contribution"] = 100 * (nat.to_numpy() - bn.to_numpy()) / float(bn.sum())
    df = df.sort_values("gva", ascending=False, kind="stable").reset_index(drop=True)
    units = {"gva": "bn KZT", "share": "% of GVA", "growth_contribution": "percentage points"}
    heads = {"section": "OKED", "name": "Section", "gva": "Gross value added", "share": "Share of GVA",
             "growth_contribution": f"Contribution to nominal GVA growth {ec['base_year']}-{y}"}
    sec.add(ReportTable(key="economy_gva_structure", title=f"The structure of gross value added by activity, Kazakhstan, {y}", df=df,
                        source=src, units=units, headers=heads, decimals={"gva": 0, "share": 1, "growth_contribution": 1},
                        notes=["Shares of the sum of the 20 sections (GVA at basic prices, without net taxes on products)."]
                        + ([f"Contribution = change of the section's GVA / total GVA of {ec['base_year']}, in current prices "
                            "(nominal: prices and volumes together)."] if x.base is not None else [])))
    sec.add(ReportFigure(key="economy_gva_structure", title=f"Gross value added by activity, Kazakhstan, {y}", source=src,
                         chart=bar_chart(df.head(12).rename(columns={"share": "Share of GVA"}), category="name", value="Share of GVA",
                                         unit="% of GVA")))
    for i, r in df.head(3).iterrows():
        page.claim(f"share_{i}", "gva.share.section", r["share"], unit="% of GVA", year=y, scope=f"KAZ|{r['name']}", source=src,
                   ref="economy_gva_structure", definition="section GVA / sum of the 20 sections")
    page.say(f"In {y} the largest activities were " + ", ".join(f"{r['name'].lower()} ({{economy.share_{i}}})"
                                                           for i, r in df.head(3).iterrows()) + " of gross value added.")
    # the regions' shares (Figure 3)
    reg = g.drop(index="national")
    rs = pd.DataFrame({"region": [x.region_names.get(c, c) for c in reg.index], "gva": reg.sum(axis=1).to_numpy() / 1000})
    rs["share"] = 100 * rs["gva"] / (tot / 1000)
    rs = rs.sort_values("gva", ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key="economy_regional_shares", title=f"Shares of the regions in Kazakhstan's gross value added, {y}", df=rs,
                        source=src, units={"gva": "bn KZT", "share": "% of national GVA"},
                        headers={"region": "Region", "gva": "Gross value added", "share": "Share"}, decimals={"gva": 0, "share": 1},
                        notes=[f"Regions on the borders of {y}."]))
    sec.add(ReportFigure(key="economy_regional_shares", title=f"Shares of the regions in national gross value added, {y}", source=src,
                         chart=bar_chart(rs.rename(columns={"share": "Share of national GVA"}), category="region",
                                         value="Share of national GVA", unit="%")))
    # the region's structure (Figure 4)
    codes = [c for c in ec["region_codes"] if c in g.index]
    if codes:
        rname = ec["region"] or " + ".join(x.region_names.get(c, c) for c in codes)
        rv = g.loc[codes].sum(axis=0)
        st = pd.DataFrame({"section": list(rv.index), "name": [x.section_names.get(s, s) for s in rv.index], "gva": rv.to_numpy() / 1000,
                           "share": 100 * rv.to_numpy() / float(rv.sum()), "national_share": 100 * nat.to_numpy() / tot})
        st = st.sort_values("gva", ascending=False, kind="stable").reset_index(drop=True)
        page.claim("region_share", "gva.share.region", 100 * float(rv.sum()) / tot, unit="% of national GVA", year=y, scope=rname,
                   source=src, ref="economy_region_structure", definition="regional GVA / national GVA")
        sec.add(ReportTable(key="economy_region_structure", title=f"Gross regional product of {rname} by activity, {y}", df=st,
                            source=src, units={"gva": "bn KZT", "share": "% of regional GVA", "national_share": "% of national GVA"},
                            headers={"section": "OKED", "name": "Section", "gva": "Gross value added", "share": "Share in the region",
                                     "national_share": "Share in the nation"},
                            decimals={"gva": 0, "share": 1, "national_share": 1},
                            notes=[f"{rname}: {', '.join(x.region_names.get(c, c) for c in codes)} (the regional seed's borders)."]))
        page.say(f"{rname} produced {{economy.region_share}} of national gross value added in {y}.")


SECTION = Section(key="economy", title="The economy and its regions (official statistics)", needs="economy", load=load, build=build,
                  summary="GVA by activity, the regions' shares and the region's structure (BNS)")
