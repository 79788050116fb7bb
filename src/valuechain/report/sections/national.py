"""Section ``national``: the national input-output structure and key sectors (regional seed, Tables 4-6, Figure 7)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .._model import ReportTable
from ..inputs import Inputs, table_source
from ..study import Study
from . import Page, Section
from .common import badge_of, flags_of, in_billions, keysector_blocks, names_list

__all__ = ["SECTION", "NationalInputs", "load", "build"]


@dataclass(frozen=True)
class NationalInputs:
    table: Any
    io: Mapping[str, Any]
    labels: Mapping[str, str]
    country: str
    seed_country: bool = False  # the study is of Kazakhstan, the country of the regional seed


def load(study: Study, data: Inputs) -> NationalInputs:
    st = study.get("study")
    return NationalInputs(table=data.national_table, io=study.get("io"), labels=data.labels,
                          country=st.get("country_name") or st.get("country") or "the nation",
                          seed_country=str(st.get("country") or "").upper() in ("KAZ", "KZ"))


def structure_table(tab, key: str, title: str, source: str, *, annex: bool = True) -> ReportTable:
    div, unit = in_billions(tab)
    df = pd.DataFrame({"industry": tab.industries, "output": tab.x.to_numpy() / div})
    df["output_share"] = 100 * df["output"] / df["output"].sum()
    for c in tab.Y.columns:
        df[str(c)] = tab.Y[c].to_numpy() / div
    df = df.sort_values("output", ascending=False, kind="stable").reset_index(drop=True)
    units = {c: unit for c in df.columns if c not in ("industry", "output_share")}
    units["output_share"] = "% of total"
    return ReportTable(key=key, title=title, df=df, source=source, units=units, annex=annex,
                       headers={"industry": "Industry", "output": "Gross output", "output_share": "Share of output"},
                       decimals={c: 1 for c in df.columns if c != "industry"},
                       notes=["Output and final uses as given in the table, sorted by output."], flags=flags_of(tab))


def build(x: NationalInputs, page: Page) -> None:
    tab = x.table
    div, unit = in_billions(tab)
    top = tab.x.sort_values(ascending=False).head(3)
    src = table_source(tab)
    year = "".join(c for c in str(tab.name) if c.isdigit())[-4:]
    page.claim("output", "output.total", tab.x.sum() / div, unit=unit, year=year, scope=x.country, source=src,
               definition="gross output, all industries", ref="national_structure")
    page.claim("top3_share", "output.share.top3", 100 * top.sum() / tab.x.sum(), unit="% of output", year=year, scope=x.country,
               source=src, definition="share of the three largest industries in gross output", ref="national_structure")
    page.claim("industries", "industries.count", tab.n, unit="industries", decimals=0, year=year, scope=x.country, source=src,
               definition="industries of the national table", ref="national_structure")
    page.sec.intro = page.claims.render(
        f"{page.label(tab.name)}: {{national.industries}}, gross output {{national.output}}. The largest industries by output are "
        f"{names_list(list(top.index))} ({{national.top3_share}} of output together).")
    if any("residual" in f for f in flags_of(tab)):
        page.sec.intro += (" The table holds the exact inter-industry flows and output; primary inputs and final uses are "
                           "residuals, so value-added and income multipliers are not shown.")
    page.sec.flags += flags_of(tab)
    page.sec.badge = badge_of(flags_of(tab))
    names = keysector_blocks(page, tab, x.io, x.labels, scope="national", where="the nation")
    page.finding("key sectors", f"{{national.national_n_key}} key sectors in the nation: {names_list(names, 20)}.",
                 comparison=("The regional seed (2009 table) found three: coke and refined petroleum, chemicals and "
                             "non-metallic minerals." if x.seed_country else ""),
                 why="Key sectors spread a unit of demand furthest through domestic purchases and sales; they are where "
                     "support moves the most output.")
    page.add(structure_table(tab, "national_structure", f"Output and final uses by industry, {tab.name}", src))


SECTION = Section(key="national", title="National input-output structure and key sectors", needs="io", load=load, build=build,
                  summary="multipliers, linkages, key sectors and oriented sectors of the national table")
