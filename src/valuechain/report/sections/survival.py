"""Section ``survival``: export spells of the country by sector and destination (trade seed, Figures 19-20)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...survival import survival_analysis
from .._model import ReportFigure, ReportTable
from ..figures import step_chart
from ..inputs import Inputs, country_name
from ..study import Study
from . import Page, Section
from .common import badge_of

__all__ = ["SECTION", "SurvivalInputs", "load", "build"]


@dataclass(frozen=True)
class SurvivalInputs:
    settings: Mapping[str, Any]
    flows: Any
    flags: tuple[str, ...]
    source: str
    country: str
    groups: Any


def load(study: Study, data: Inputs) -> SurvivalInputs:
    flows, flags, source, _unit = data.flows("survival")
    return SurvivalInputs(settings=study.get("survival"), flows=flows, flags=tuple(flags),
                          source=source or getattr(flows, "source", "") or "trade flows of the study",
                          country=data.country("survival"), groups=data.groups[0] if study.has("trade") else None)


def build(x: SurvivalInputs, page: Page) -> None:
    sec = page.sec
    sv, flows, flags, country, src = x.settings, x.flows, list(x.flags), x.country, x.source
    cname = country_name(country)
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    synthetic = any("synthetic" in f.lower() for f in flags)
    page.record.add_status("Bilateral export panel (survival)", "synthetic" if synthetic else "real", src, "", "yearly exporter × importer × product")
    gap = "any gap ends a spell"
    if sv["merge_gaps"]:
        g = page.claim("merge_gaps", "setting.survival.merge_gaps", int(sv["merge_gaps"]), unit="years", decimals=0, scope=country,
                       source="study file ([survival] merge_gaps)", ref=f"survival_{sv['by'][0]}_medians",
                       definition="gaps merged into one spell")
        gap = f"gaps of up to {g.ph} merged"
    page.intro(f"Export spells of {cname}: unbroken runs of years in which a product is exported to a destination "
                 f"({gap}; "
                 f"spells already active in the first year {'kept' if sv['keep_left_censored'] else 'left out'}; spells active in the "
                 "last year censored); Kaplan-Meier curves (95% bands in the annex) and log-rank tests (Besedes & Prusa 2006).")
    if synthetic:
        sec.intro += (" No yearly bilateral panel of Kazakhstan's exports is held, so this section runs on a seeded synthetic "
                      "panel: it shows the method and its outputs, and none of its numbers describes Kazakhstan.")
    groups = x.groups
    for by in sv["by"]:
        res = survival_analysis(flows, by=by, level="destination", max_gap=sv["merge_gaps"],
                                left_censoring="keep" if sv["keep_left_censored"] else "drop", exporters=[country], groups=groups)
        med = res.medians.copy()
        med["group"] = med["group"].replace({"all": "All"})
        sec.add(ReportTable(key=f"survival_{by}_medians", title=f"Export spells of {cname} by {by}: number and median duration",
                            df=med, source=src, units={"median": "years", "spells": "", "events": ""},
                            headers={"group": by.capitalize(), "median": "Median duration", "spells": "Spells", "events": "Spells ended"},
                            decimals={"median": 0, "spells": 0, "events": 0}, flags=list(flags)))
        lr = res.logrank.copy()
        allg = lr[lr["comparison"] == "all groups"]
        ptxt = f" (log-rank p = {allg['p_value'].iloc[0]:.3g})" if len(allg) else ""
        sec.add(ReportFigure(key=f"survival_{by}", title=f"Export survival of {cname} by {by}{ptxt}", source=src, flags=list(flags),
                             chart=step_chart(res.table, x="time", y="survival", color="group", x_title="Years since the spell started",
                                              y_title="Share of spells still active", color_title=by.capitalize())))
        sec.add(ReportTable(key=f"survival_{by}_logrank", title=f"Log-rank tests of equal survival across {by} groups, {cname}",
                            df=lr, source=src, units={"test_statistic": "chi-squared", "df": ""},
                            headers={"comparison": "Comparison", "test_statistic": "Test statistic", "p_value": "p-value", "df": "Degrees of freedom"},
                            decimals={"test_statistic": 2, "p_value": 4, "df": 0}, flags=list(flags), annex=True))
        sec.add(ReportTable(key=f"survival_{by}_curves", title=f"Kaplan-Meier curves by {by}, {cname}", df=res.table, source=src,
                            units={"time": "years", "survival": "probability", "ci_lower": "probability", "ci_upper": "probability", "at_risk": "spells"},
                            headers={"ci_lower": "95% band, lower", "ci_upper": "95% band, upper", "at_risk": "At risk"},
                            decimals={"time": 0, "survival": 3, "ci_lower": 3, "ci_upper": 3, "at_risk": 0}, flags=list(flags),
                            max_rows=30, annex=True))
        if not synthetic and by == sv["by"][0]:
            allm = med[med["group"] == "All"]
            if len(allm):
                page.claim("median", "survival.median", allm["median"].iloc[0], unit="years", decimals=0, scope=country, source=src,
                           ref=f"survival_{by}_medians", definition="median duration of export spells (Kaplan-Meier)")


SECTION = Section(key="survival", title="Export survival", needs="survival", load=load, build=build,
                  summary="Kaplan-Meier survival of export spells by sector and destination, log-rank tests")
