"""Section ``regional``: the national table regionalized with location quotients (regional seed, Figure 4; Flegg's FLQ)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ...regional import DELTA_METHODS, delta_sensitivity, two_region_effects_chart, two_region_model
from .._model import ReportFigure, ReportTable
from ..figures import bar_chart, line_chart
from ..inputs import Inputs, Regionalization, table_source
from ..study import Study
from . import Page, Section
from .common import badge_of, in_billions, names_list, tidy

__all__ = ["SECTION", "RegionalInputs", "load", "build"]


@dataclass(frozen=True)
class RegionalInputs:
    settings: Mapping[str, Any]
    national: Any
    reg: Regionalization
    crosscheck: Any
    plausibility: Any = None  # PlausibilityResult of the industry-level table, or None


def load(study: Study, data: Inputs) -> RegionalInputs:
    if not study.has("io"):
        from ...errors import ValidationError

        raise ValidationError("[regional] needs an [io] section (the national table to regionalize); add it")
    return RegionalInputs(settings=study.get("regional"), national=data.national_table, reg=data.regionalization,
                          crosscheck=data.crosscheck,
                          plausibility=None if data.regional_sections is None else data.regional_sections[1])


def build(x: RegionalInputs, page: Page) -> None:
    sec = page.sec
    reg = x.settings
    tab = x.national
    r, ev, rt, flags, source = x.reg.result, x.reg.vectors, x.reg.table, list(x.reg.flags), x.reg.source
    src = f"{table_source(tab)}; regional size: {source}"
    rflags = list(rt.flags)
    sec.flags += rflags
    sec.badge = badge_of(rflags)
    size = x.reg.size.attrs.get("unit", "employment")
    if reg["method"] in DELTA_METHODS:
        dl = page.claim("delta", "setting.regional.delta", float(reg["delta"]), unit="index (FLQ δ)",
                        decimals=max(1, len(f"{float(reg['delta']):g}".split(".")[-1]) if "." in f"{float(reg['delta']):g}" else 1),
                        scope=reg["region"], source="study file ([regional] delta)", ref="regional_location_quotients",
                        definition="Flegg's δ: the weight of regional size in the FLQ")
        how = f"{reg['method'].upper()}, δ = {dl.ph}"
    else:
        how = reg["method"].upper()
    sec.intro = page.claims.render(
        f"The national table is regionalized for {reg['region']} with a location quotient "
        f"({how}): regional coefficients a^r_ij = a^n_ij·min(LQ_ij, 1), "
        f"the shortfall bought from the rest of the country. The size measure is {page.label(source)} ({page.label(size)}).")
    for f in flags:
        if "share its" in f or "section" in f:
            sec.intro += (" BNS publishes the region's size by OKED section only, so all industries of one section share "
                          "the section's location quotient.")
            break
    if r.dropped:
        nd = page.claim("n_dropped", "regional.industries.dropped", len(r.dropped), unit="industries", decimals=0, scope=reg["region"],
                        source=src, ref="regional_location_quotients", definition="industries without a size in the region")
        page.say(f"{nd.n} industr{'y has' if len(r.dropped) == 1 else 'ies have'} no size in {reg['region']} "
                 f"and are left out of the regional table: {page.label(names_list(r.dropped))}.")
    t = tidy(r)
    t = t[t["in_region"]] if "in_region" in t.columns else t
    t = t.sort_values("slq", ascending=False, kind="stable").reset_index(drop=True)
    mr, mn = t["output_multiplier_region"], t["output_multiplier_national"]
    msrc = f"{table_source(tab)}; regional size: {source}"
    page.claim("multiplier_gap", "multiplier.output.region_below_nation", 100 * (1 - (mr / mn).mean()), unit="% below national",
               decimals=0, scope=reg["region"], source=msrc, ref="regional_location_quotients",
               definition="mean over industries of 1 - regional / national output multiplier")
    for nm, v in (("mr_min", mr.min()), ("mr_max", mr.max()), ("mn_min", mn.min()), ("mn_max", mn.max())):
        page.claim(nm, f"multiplier.output.{nm}", v, unit="per unit of final demand", decimals=2, scope=reg["region"], source=msrc,
                   ref="regional_location_quotients", definition="output multiplier (column sum of the Leontief inverse), "
                   + ("regional" if nm.startswith("mr") else "national") + " table, " + ("smallest" if nm.endswith("min") else "largest"))
    page.say("Regional output multipliers are on average {regional.multiplier_gap} below the national ones "
             "(range {regional.mr_min}-{regional.mr_max} against {regional.mn_min}-{regional.mn_max}): the region buys part "
             "of its inputs from the rest of the country.")
    cross = x.crosscheck
    if cross is not None:
        cdf, csrc = cross
        page.add(ReportTable(key="regional_crosscheck", title=f"{reg['region']}: share of national employment and of national GVA, three groups",
                            df=cdf, source=csrc, units={"employed": "persons", "employment_share": "% of national", "gva_share": "% of national"},
                            decimals={"employed": 0, "employment_share": 1, "gva_share": 1},
                            headers={"group": "Activity group", "employed": "Employed", "employment_share": "Share of national employment",
                                     "gva_share": "Share of national GVA"},
                            notes=["Cross-check of the size measure: employment by region is published only in these three groups."]))
    show = t[["industry", "slq", "output_region", "intraregional_input_share", "output_multiplier_region", "output_multiplier_national"]].copy()
    div, unit = in_billions(tab)
    show["output_region"] = show["output_region"] / div
    show["intraregional_input_share"] = 100 * show["intraregional_input_share"]
    page.add(ReportTable(key="regional_location_quotients", title=f"Location quotients and the regionalized table, {reg['region']}",
                        df=show, source=src, annex=True, flags=rflags,
                        units={"slq": "ratio", "output_region": unit, "intraregional_input_share": "% of national coefficients",
                               "output_multiplier_region": "per unit of final demand", "output_multiplier_national": "per unit of final demand"},
                        headers={"industry": "Industry", "slq": "Simple location quotient", "output_region": "Regional output (estimate)",
                                 "intraregional_input_share": "Inputs bought in the region", "output_multiplier_region": "Regional output multiplier",
                                 "output_multiplier_national": "National output multiplier"},
                        decimals={"slq": 2, "output_region": 2, "intraregional_input_share": 1, "output_multiplier_region": 2,
                                  "output_multiplier_national": 2},
                        notes=["SLQ = (E^r_i/E^r)/(E^n_i/E^n) with E the size measure. Regional output is national output times the region's size share."]))
    emp_attrs = x.reg.size.attrs
    sect = emp_attrs.get("section_of")
    if sect:  # one bar per section: its industries share one quotient
        names = emp_attrs.get("section_names", {})
        bars = (t.assign(section=t["industry"].map(lambda i: names.get(sect.get(i, ""), sect.get(i, ""))))
                .groupby("section", as_index=False)["slq"].first().sort_values("slq", ascending=False, kind="stable"))
        fig_t, cat, what = bars, "section", "sections of economic activity (OKED)"
    else:
        fig_t, cat, what = t.head(20), "industry", "the 20 most specialised industries"
    top = fig_t.head(3)
    for i, (a_, b_) in enumerate(zip(top[cat], top["slq"])):
        page.claim(f"lq_{i}", "lq.simple", b_, unit="ratio", decimals=2, scope=f"{reg['region']}|{a_}", source=src,
                   definition="simple location quotient of the size measure", ref="regional_slq", year="2022")
    page.finding("regional specialisation", f"{reg['region']} is most specialised in " + ", ".join(
        f"{a_} (location quotient {{regional.lq_{i}}})" for i, a_ in enumerate(top[cat])) + ".",
        comparison=("The regional seed describes the region as metallurgical (non-ferrous metals), with agriculture and energy."
                    if "east kazakhstan" in str(reg["region"]).lower() else ""),
        why="A quotient above 1 marks activities the region holds more of than the nation: the base of its clusters.")
    page.add(ReportFigure(key="regional_slq", title=f"Location quotients of {reg['region']}: {what}",
                         source=src, flags=rflags,
                         chart=bar_chart(fig_t.rename(columns={"slq": "Location quotient"}), category=cat, value="Location quotient", unit="above 1 = specialised"),
                         notes=["A quotient above 1 means the region's share of the activity exceeds the nation's."]))
    if x.plausibility is not None:
        pl = x.plausibility
        pt = pl.table.copy()
        pt = pt[pt["status"] != "immaterial"].sort_values("implied_regional_output", ascending=False, kind="stable")
        bad = list(pl.out_of_line)
        if bad:
            said = []
            for j, row in enumerate(pl.table[pl.table["status"] == "out of line"].itertuples()):
                meta = dict(scope=f"{reg['region']}|{row.industry}", source=src, ref="regional_plausibility", year=str(row.year or ""))
                ws = page.claim(f"plaus_{j}_weight", "plausibility.within_section_weight", row.within_section_weight_pct,
                                unit="% of its section's national output", decimals=0,
                                definition="the industry's share of its OKED section's national output", **meta)
                ss = page.claim(f"plaus_{j}_section_share", "plausibility.section_share", row.section_share_pct,
                                unit="% of the section nationally", decimals=1,
                                definition="the region's share of the section in the regional data (BNS GVA)", **meta)
                lq_ = page.claim(f"plaus_{j}_lq", "plausibility.section_lq", row.section_lq, unit="ratio", decimals=2,
                                 definition="location quotient of the section", **meta)
                xo = page.claim(f"plaus_{j}_output", "plausibility.implied_output", row.implied_regional_output,
                                unit=str(row.unit or "") or "value unit of the table", decimals=0,
                                definition="regional output implied by the section's quotient", **meta)
                said.append(f"{page.label(row.industry)} is {ws.ph} of section {row.section} nationally; the region holds "
                            f"{ss.ph} of that section (quotient {lq_.ph}), yet the section's quotient gives it {xo.ph} of "
                            "output, resting on a national mix that belongs to other regions (the annex table names them).")
            page.say("Plausibility check of the industry-level regional table: " + " ".join(said)
                     + " Regional key sectors, linkages and clusters are therefore computed by section (next sections).")
        else:
            page.add("Plausibility check of the industry-level regional table: every industry's implied regional output is in "
                     "line with the regional data held.")
        page.add(ReportTable(key="regional_plausibility", title=f"Plausibility of the implied regional output by industry, {reg['region']}",
                             df=pt[["industry", "section", "implied_regional_output", "implied_share_pct", "section_lq", "status", "reason"]]
                             .reset_index(drop=True), source=src,
                             units={"implied_regional_output": "million USD", "implied_share_pct": "% of national output",
                                    "section_lq": "ratio"},
                             headers={"industry": "Industry", "section": "OKED", "implied_regional_output": "Implied regional output",
                                      "implied_share_pct": "Share of national", "section_lq": "Section quotient",
                                      "status": "Status", "reason": "Why"},
                             decimals={"implied_regional_output": 0, "implied_share_pct": 1, "section_lq": 2}, annex=True,
                             notes=["valuechain.regional.regional_plausibility: an industry is out of line when its implied "
                                    "regional output rests on a national mix that belongs to other regions."]))
    if reg["method"] in DELTA_METHODS:
        ds = delta_sensitivity(tab, ev, deltas=list(reg["deltas"]), method=reg["method"], region=reg["region"])
        wide = ds.multipliers.copy()
        wide.columns = [f"δ = {d:g}" for d in wide.columns]
        wide.insert(0, "National", ds.national.reindex(wide.index).to_numpy())
        wide = wide.rename_axis("industry").reset_index().sort_values("National", ascending=False, kind="stable")
        page.add(ReportTable(key="regional_delta_sensitivity", title=f"Regional output multipliers of {reg['region']} by δ ({reg['method'].upper()})",
                            df=wide.reset_index(drop=True), source=src, unit="per unit of final demand", annex=True,
                            headers={"industry": "Industry"}, decimals={c: 2 for c in wide.columns if c != "industry"}, flags=rflags,
                            notes=["Flegg's δ is usually 0.1-0.4 (Flegg & Tohmo 2013); a higher δ means more purchases from outside the region."]))
        top = list(wide["industry"].head(8))
        long = (ds.multipliers.loc[top].rename_axis("industry").reset_index()
                .melt(id_vars="industry", var_name="delta", value_name="multiplier"))
        page.add(ReportFigure(key="regional_delta_sensitivity", title=f"Regional output multipliers against δ, {reg['region']}",
                             chart=line_chart(long, x="delta", y="multiplier", color="industry", unit="per unit of final demand",
                                              y_title="Regional output multiplier", color_title="Industry", x_title="Flegg's δ"),
                             source=src, flags=rflags,
                             notes=["The eight industries with the largest national output multipliers; all industries are in the annex table."]))
    if reg.get("two_region", True):
        tr = two_region_model(tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
        t2 = tidy(tr)
        num = [c for c in t2.columns if pd.api.types.is_float_dtype(t2[c])]
        u2 = {c: ("%" if c.endswith("_pct") else "output per unit of final demand") for c in num}
        page.add(ReportTable(key="regional_two_region", title=f"Two-region model: {reg['region']} and the rest of the country",
                            df=t2, source=src, units=u2, annex=True, decimals={c: 2 for c in num}, flags=rflags,
                            notes=["Interregional coefficients here are the national coefficients not supplied within the region; "
                                   "they come from the same LQ estimate, not from observed interregional trade (Miller & Blair 2009, ch. 3)."]))
        page.add(ReportFigure(key="regional_two_region", title=f"Intraregional, feedback and spillover effects, {reg['region']}",
                             chart=two_region_effects_chart(tr, source=src), source=src, flags=rflags))
    else:
        page.add("The two-region model (the region and the rest of the country) is not built. It needs interregional trade "
                "coefficients; Kazakhstan records no trade between regions, so they could only be the same location-quotient "
                "estimate again, and the regional seed study concluded for this reason that a reliable interregional model "
                "cannot be built. Set [regional] two_region = true to build it anyway.")


SECTION = Section(key="regional", title="Regional structure", needs="regional", load=load, build=build,
                  summary="location quotients, the regionalized table, δ sensitivity and (optionally) the two-region model")
