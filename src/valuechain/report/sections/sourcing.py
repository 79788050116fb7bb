"""Section ``sourcing``: where the country's industries buy their intermediate inputs, from an inter-country
table holding intermediate flows (the OECD ICIO extract). Every number is read off
:func:`valuechain.datasets.kazakhstan_icio.icio_intermediate_sourcing` (a reshaping of
:func:`valuechain.gvc.input_sourcing`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from ...datasets.kazakhstan_icio import icio_intermediate_sourcing
from .._model import ReportFigure, ReportTable
from ..figures import bar_chart, line_chart
from ..inputs import Inputs, country_name, display_path
from ..study import Study
from . import Page, Section

__all__ = ["SECTION", "SourcingInputs", "load", "build"]

_SRC = "OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022: intermediate flows"


@dataclass(frozen=True)
class SourcingInputs:
    settings: Mapping[str, Any]
    country: str
    by_partner: pd.DataFrame
    by_industry: pd.DataFrame
    in_gvc: bool


def load(study: Study, data: Inputs) -> SourcingInputs:
    so = study.get("sourcing")
    country = so["country"] or study.get("study").get("country")
    by_partner, by_ind = icio_intermediate_sourcing(so["table"], country=country)
    data.record.add_input("inter-country intermediate flows", display_path(so["table"]))
    return SourcingInputs(settings=so, country=country, by_partner=by_partner, by_industry=by_ind,
                          in_gvc=study.has("gvc") and study.get("gvc").get("format") == "zx")


def build(x: SourcingInputs, page: Page) -> None:
    sec = page.sec
    so, country, by_partner, by_ind = x.settings, x.country, x.by_partner, x.by_industry
    cname = country_name(country)
    page.record.add_status("Intermediate inputs by partner", "real", _SRC, "2022", "80 economies; the rest of the world is not in the extract")
    sec.badge = "real data"
    total = by_partner["intermediates"].sum()
    home = float(by_partner.loc[by_partner["partner"] == country, "intermediates"].sum())
    abroad = by_partner[by_partner["partner"] != country].sort_values("intermediates", ascending=False, kind="stable").copy()
    abroad["share"] = 100 * abroad["intermediates"] / (total - home)
    abroad["intermediates"] = abroad["intermediates"] / 1000
    abroad["partner"] = abroad["partner"].map(country_name)
    top = abroad.head(10).reset_index(drop=True)
    in_gvc = x.in_gvc
    page.claim("foreign_share", "gvc.foreign_share_intermediates", 100 * (total - home) / total, unit="% of intermediate inputs",
               year="2022", scope=country, source=_SRC, ref="sourcing_partners",
               definition="imported intermediate inputs / all intermediate inputs of the country's industries "
                          "(not foreign value added in exports)")
    page.claim("total", "intermediates.total", total / 1000, unit="bn USD", year="2022", scope=country, source=_SRC,
               ref="sourcing_partners", definition="intermediate inputs bought by the country's industries from the 80 economies")
    for i, (p_, s_) in enumerate(zip(top["partner"].head(3), top["share"].head(3))):
        page.claim(f"supplier_{i}", "intermediates.supplier.share", s_, unit="% of imported intermediates", year="2022",
                   scope=f"{country}|{p_}", source=_SRC, ref="sourcing_partners", definition="the supplier's share of imported intermediates")
    page.claim("n_economies", "icio.economies.count", by_partner["partner"].nunique(), unit="economies", decimals=0, year="2022",
               scope=country, source=_SRC, ref="sourcing_partners", definition="economies of the inter-country table supplying inputs")
    sec.intro = page.claims.render(
        f"{cname}'s industries bought {{sourcing.total}} of intermediate inputs in 2022 from the {{sourcing.n_economies|n}} economies of the OECD "
        "inter-country table, {sourcing.foreign_share} of them from abroad. The largest foreign suppliers are "
        + ", ".join(f"{p_} ({{sourcing.supplier_{i}}})" for i, p_ in enumerate(top["partner"].head(3)))
        + " of imported intermediates. The extract holds no final demand by destination, so value added in trade "
        "(TiVA, Borin-Mancini) cannot be computed exactly from it; only what needs intermediate flows is shown.")
    if in_gvc:
        sec.add("The table of the largest foreign suppliers is in the section on global value chains above.")
    else:
        sec.add(ReportTable(key="sourcing_partners", title=f"The ten largest foreign suppliers of intermediate inputs to {cname}, 2022",
                            df=top, source=_SRC, units={"intermediates": "bn USD", "share": "% of imported intermediates"},
                            headers={"partner": "Supplier", "intermediates": "Intermediate inputs", "share": "Share"},
                            decimals={"intermediates": 2, "share": 1}))
    sec.add(ReportFigure(key="sourcing_partners", title=f"Foreign suppliers of intermediate inputs to {cname}, 2022", source=_SRC,
                         chart=bar_chart(top.rename(columns={"share": "Share of imported intermediates"}), category="partner",
                                         value="Share of imported intermediates", unit="%")))
    ind = by_ind.dropna(subset=["foreign_share"]).sort_values("foreign_share", ascending=False, kind="stable").reset_index(drop=True)
    ind["domestic"] = ind["domestic"] / 1000
    ind["imported"] = ind["imported"] / 1000
    heads = {"industry": "Industry", "domestic": "Domestic inputs", "imported": "Imported inputs", "foreign_share": "Foreign share"}
    units = {"domestic": "bn USD", "imported": "bn USD", "foreign_share": "% of intermediate inputs"}
    page.claim("ind_min", "intermediates.foreign_share.industry", ind["foreign_share"].min(), unit="% of intermediate inputs",
               year="2022", scope=f"{country}|{ind['industry'].iloc[-1]}", source=_SRC, ref="sourcing_industries",
               definition="imported / all intermediate inputs of the industry")
    page.claim("ind_max", "intermediates.foreign_share.industry", ind["foreign_share"].max(), unit="% of intermediate inputs",
               year="2022", scope=f"{country}|{ind['industry'].iloc[0]}", source=_SRC, ref="sourcing_industries",
               definition="imported / all intermediate inputs of the industry")
    page.say(f"The foreign share of intermediate inputs ranges from {{sourcing.ind_min}} ({ind['industry'].iloc[-1]}) to "
             f"{{sourcing.ind_max}} ({ind['industry'].iloc[0]}).")
    if so.get("cited_participation"):
        c = pd.read_csv(so["cited_participation"]).rename(columns={"t": "year"})
        csrc = so.get("cited_source") or display_path(so["cited_participation"])
        page.record.add_status("Published GVC participation series (cited)", "cited", csrc, f"{int(c['year'].min())}-{int(c['year'].max())}",
                       "computed by that report's authors from the ADB MRIO; shown, not computed here")
        names = {"gvcp_trade_f": "Forward (trade-based)", "gvcp_trade_b": "Backward (trade-based)", "gvcp_prod": "Production-based"}
        for col in names:
            if col in c.columns:
                c[col] = 100 * c[col]
        sec.add(f"Over time, the GVC participation of {cname} as published by the ADB report's authors (cited, not computed "
                "here) is shown below; the ICIO extract of this report holds a single year.")
        long = c.melt(id_vars="year", value_vars=[k for k in names if k in c.columns], var_name="measure", value_name="share")
        long["measure"] = long["measure"].map(names)
        sec.add(ReportFigure(key="sourcing_cited_participation", title=f"GVC participation of {cname} as published (cited)", source=csrc,
                             chart=line_chart(long, x="year", y="share", color="measure", unit="% of gross exports or output",
                                              y_title="Participation", color_title="Measure")))
        sec.add(ReportTable(key="sourcing_cited_participation", title=f"GVC participation of {cname}, cited from a published report (not computed here)",
                            df=c, source=csrc, units={k: "%" for k in names}, headers={"year": "Year", **names},
                            decimals={k: 1 for k in names}, annex=True))
    sec.add(ReportTable(key="sourcing_industries", title=f"Foreign share of the intermediate inputs of {cname}'s industries, 2022",
                        df=ind, source=_SRC, units=units, headers=heads, decimals={"domestic": 2, "imported": 2, "foreign_share": 1},
                        annex=True))


SECTION = Section(key="sourcing", title="Intermediate inputs from abroad", needs="sourcing", load=load, build=build,
                  summary="intermediate inputs by supplying economy and the foreign share by industry")
