"""Section ``prices``: what a cost or commodity-price shock does to the prices of every industry, by the Leontief
price model (``[prices]``). Every number is read off :func:`valuechain.leontief.price_effects`.

The model (Miller & Blair 2009, sec. 2.6): with unit base prices :math:`\\Delta p' = \\Delta v' (I - A)^{-1}`;
with the prices of industries :math:`k` set outside the model (a commodity price such as energy),
:math:`\\Delta p_r' = (\\Delta p_k' A_{kr} + \\Delta v_r') (I - A_{rr})^{-1}`. The page states which of
the two a study uses, the table, its year and what the price changes cover (the table's intermediate
inputs: only the domestic block where the table's imports are a primary-input row).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import altair as alt
import numpy as np
import pandas as pd

from ...errors import ValidationError
from .._model import ReportFigure, ReportTable
from ..figures import FULL_WIDTH
from ..inputs import Inputs, display_path, table_source, year_of
from ..study import Study
from . import Page, Section
from .common import badge_of, flags_of, names_list, table_words

__all__ = ["SECTION", "PricesInputs", "load", "build"]

_MODEL_NOTE = ("Leontief price model with unit base prices (Miller & Blair 2009, sec. 2.6): each industry's price covers "
               "its intermediate inputs and primary costs per unit of output, so a cost change spreads to the buyers of "
               "its output in proportion to the technical coefficients. Quantities, the technical coefficients and the "
               "other industries' margins are held fixed (full pass-through, no substitution): an upper bound of the "
               "first-round effect, not a forecast.")


@dataclass(frozen=True)
class PricesInputs:
    settings: Mapping[str, Any]
    shock: pd.DataFrame
    table: Any
    where: str
    year: str


def _where(study: Study, table_choice: str) -> str:
    if table_choice == "regional":
        return study.get("regional")["region"]
    st = study.get("study")
    return st.get("country_name") or st.get("country") or "the nation"


def load(study: Study, data: Inputs) -> PricesInputs:
    """[prices]: the shock file (industry, cost_change) checked against the chosen table's industries."""
    from ...leontief import read_cost_shock

    pr = study.get("prices")
    table = data.regionalization.table if pr["table"] == "regional" else data.national_table
    shock = read_cost_shock(Path(str(pr["shock"])))
    cols = {str(c).strip().lower() for c in shock.columns}
    if not {"industry", "cost_change"} <= cols:
        raise ValidationError(f"[prices] shock = {display_path(pr['shock'])}: columns {list(map(str, shock.columns))}; "
                              "give columns industry, cost_change (0.10 = +10 %)")
    shock = shock.rename(columns={c: str(c).strip().lower() for c in shock.columns})
    shock["industry"] = shock["industry"].astype(str).str.strip()
    vals = pd.to_numeric(shock["cost_change"], errors="coerce")
    if not np.isfinite(vals.to_numpy(dtype=float)).all() or (vals <= -1).any():
        bad = shock["cost_change"][~np.isfinite(vals.to_numpy(dtype=float)) | (vals <= -1).to_numpy()].iloc[0]
        raise ValidationError(f"[prices] shock = {display_path(pr['shock'])}: cost_change {bad!r} is not a finite relative "
                              "change above -1; give e.g. 0.10 for +10 %")
    shock["cost_change"] = vals.astype(float)
    ind = set(table.industries)
    unknown = sorted(set(shock["industry"]) - ind)
    if unknown:
        raise ValidationError(f"[prices] shock = {display_path(pr['shock'])}: industries {unknown[:4]} are not in the table; "
                              f"use its industry names (e.g. {', '.join(list(table.industries)[:3])})")
    bad = [e for e in pr["exogenous"] if e not in ind]
    if bad:
        raise ValidationError(f"[prices] exogenous names industries not in the table: {bad[:4]}; use its industry names "
                              f"(e.g. {', '.join(list(table.industries)[:3])})")
    missing = [e for e in pr["exogenous"] if e not in set(shock["industry"])]
    if missing:
        raise ValidationError(f"[prices] exogenous industries {missing[:4]} have no line in the shock file; give their price "
                              "change as cost_change (0.10 = +10 %)")
    data.record.add_input("price shock", display_path(pr["shock"]))
    where = _where(study, pr["table"])
    return PricesInputs(settings=pr, shock=shock, table=table, where=where,
                        year=year_of(table.name) or year_of(table.source or ""))


def _pct(v: float) -> str:
    return f"{100 * float(v):.2f}%"


def build(x: PricesInputs, page: Page) -> None:
    from ...leontief import price_effects

    pr, table, where, year = x.settings, x.table, x.where, x.year
    sec = page.sec
    exo = list(pr["exogenous"])
    res = price_effects(table, x.shock, component=pr["component"], exogenous=exo or None)
    src = table_source(table)
    flags = flags_of(table)
    label = pr["title"] or "a cost shock"
    sec.title = f"Prices: {label}" if pr["title"] else "Price effects of a cost shock"
    sec.badge = "illustration" if pr["illustration"] else badge_of(flags)
    yr = f", {year}" if year else ""
    t = res.table.copy()
    lines = x.shock.groupby("industry", sort=False)["cost_change"].sum()
    if exo:
        how = (f"the price{'s' if len(exo) > 1 else ''} of {names_list(exo, 8)} {'are' if len(exo) > 1 else 'is'} set outside the model (an exogenous price change, Miller & Blair "
               "2009, sec. 2.6.3) and every other price follows through the intermediate inputs bought from them")
    else:
        how = f"the cost of {res.component} per unit of output changes in the industries named and prices follow (cost push)"
    page.intro(f"What happens to the price of every industry's output in {where} when {how}. "
               + table_words(table, year, page=page, ref="prices_effects"))
    shock_df = pd.DataFrame({"industry": lines.index, "change": 100 * lines.to_numpy(),
                             "what": ["price, set outside the model" if i in exo else f"cost per unit of output ({res.component})"
                                      for i in lines.index]})
    notes = [pr["note"]] if pr["note"] else []
    if pr["illustration"]:
        notes.append("An illustration of the method, not a forecast: the shock is chosen by the study, not observed.")
        page.record.add_flag(f"Prices: the shock ({label}) is an illustration, not a forecast")
    page.record.add_status("Price shock", "illustration" if pr["illustration"] else "as given", display_path(pr["shock"]),
                           year, f"{len(lines)} shocked industries on the table of {where}")
    sec.add(ReportTable(key="prices_shock", title=f"The shock: {label}", df=shock_df, source=display_path(pr["shock"]),
                        units={"change": "%"}, decimals={"change": 1},
                        headers={"industry": "Industry", "change": "Change relative to the base", "what": "What changes"}, notes=notes, flags=flags))
    endo = t[~t["exogenous"]].sort_values("price_change", ascending=False, kind="stable").reset_index(drop=True)
    if endo.empty:
        raise ValidationError("[prices] every industry's price is exogenous; leave at least one industry to the model")
    cov = f"{table.n} industries; price effects through the table's intermediate inputs"
    imported = bool(table.role("imports")) and any(r in table.V.index for r in table.role("imports"))
    if imported:
        cov += " (domestic inputs only: imported inputs are a primary-input row, their prices unchanged)"
    top = endo.iloc[0]
    scope = f"{where}|{label}"
    page.claim("largest", "prices.change.largest", 100 * float(top["price_change"]), unit="% (price change)", decimals=2,
               year=year, scope=f"{scope}|{top['industry']}", source=src, ref="prices_effects", coverage=cov,
               definition="largest relative change of an industry's output price among the industries whose price the model "
                          "determines (direct + indirect)")
    page.claim("largest_direct", "prices.change.direct", 100 * float(top["direct"]), unit="% (price change)", decimals=2,
               year=year, scope=f"{scope}|{top['industry']}", source=src, ref="prices_effects", coverage=cov,
               definition=("direct effect: the exogenous price changes times the industry's input coefficients of those "
                           "industries (Δp_k' A_kr)" if exo else "direct effect: the industry's own cost change per unit of output"))
    k = page.key
    n_above = int((endo["price_change"] >= 0.01).sum())
    n_endo = page.claim("n_endogenous", "prices.industries.endogenous", len(endo), unit="industries", decimals=0, year=year, scope=scope,
                        source=src, ref="prices_effects", definition="industries whose price the model determines")
    n_one = page.claim("n_above_one_pct", "prices.industries.above_one_pct", n_above, unit="industries", decimals=0, year=year,
                       scope=scope, source=src, ref="prices_effects", definition="industries whose price rises by one percent or more")
    nexts = []
    for j, r in enumerate(endo.iloc[1:4].itertuples()):
        c = page.claim(f"next_{j}", "prices.change", 100 * float(r.price_change), unit="% (price change)", decimals=2, year=year,
                       scope=f"{scope}|{r.industry}", source=src, ref="prices_effects", coverage=cov,
                       definition="relative change of the industry's output price (direct + indirect)")
        nexts.append(f"{r.industry} ({c.ph})")
    text = (f"The largest effect among the {n_endo.n} industries whose price the model determines is on "
            f"{top['industry']}: {{{k}.largest}}, of which {{{k}.largest_direct}} directly. "
            f"{ {0: 'None', 1: 'One'}.get(n_above, n_one.n)} of them see{'s' if n_above in (0, 1) else ''} their price rise by one percent "
            f"or more; the next largest are {names_list(nexts, 3)}.")
    shocks = set(round(float(v), 12) for v in lines[lines.index.isin(exo)]) if exo else set()
    if len(shocks) == 1 and next(iter(shocks)) != 0:
        s0 = next(iter(shocks))
        page.claim("input_share", "prices.exogenous_input_share", 100 * float(top["direct"]) / s0, unit="% of output value",
                   decimals=1, year=year, scope=f"{where}|{top['industry']}|{'+'.join(exo)}", source=src, ref="prices_effects",
                   coverage=cov, definition="the industry's purchases from the industries whose price is set outside the model, "
                                            "per unit of its output (column sum of A over those rows)")
        text += (f" The direct effect is the shock times what an industry buys from the shocked industries per unit of its "
                 f"output: {top['industry']} buys {{{k}.input_share}} of its output value from "
                 f"{'them' if len(exo) > 1 else exo[0]}.")
    if res.consumer_price_change is not None:
        page.claim("consumer", "prices.consumer", 100 * float(res.consumer_price_change), unit="% (consumer price level)",
                   decimals=2, year=year, scope=scope, source=src, ref="prices_effects", coverage=cov,
                   definition="household-consumption-weighted mean of the price changes (base-year weights of the table's "
                              f"household column '{table.role('households')[0]}'; a Laspeyres index of domestic output prices)")
        text += f" Weighted by households' consumption in the table, consumer prices rise by {{{k}.consumer}}."
    else:
        page.not_computed("prices.consumer", scope=scope, why="the table has no household-consumption column")
        text += " The table has no household-consumption column, so no consumer-price effect is computed."
    page.say(text)
    page.finding("prices", f"In the price model, {label} raises the price of {top['industry']} in {where} by {{{k}.largest}}.",
                 comparison="an illustration of the method, not a forecast" if pr["illustration"] else "as given",
                 why="shows which industries' costs depend most on the shocked inputs",
                 kind="illustration" if pr["illustration"] else "finding")
    heads = {"industry": "Industry", "price_change": "Price change", "direct": "Direct effect", "indirect": "Indirect effect"}
    units = {c: "% of the base price" for c in ("price_change", "direct", "indirect")}
    pct = endo[["industry", "price_change", "direct", "indirect"]].copy()
    pct[["price_change", "direct", "indirect"]] *= 100
    n_top = min(pr["top"], len(pct))
    tnotes = [_MODEL_NOTE, "Direct: " + ("the exogenous price changes times the industry's purchases from those industries per "
                                         "unit of output (Δp_k' A_kr); " if exo else "the industry's own cost change; ")
              + "indirect: the rest, through the whole supply chain. The industries whose price is set outside the model "
                "are in the shock table above."]
    if imported:
        tnotes.append("Only domestic intermediate inputs carry the shock: imported inputs are a primary-input row of this "
                      "table and their prices are held fixed.")
    sec.add(ReportTable(key="prices_effects", title=f"The {n_top} largest price changes, {where}{yr}", df=pct.head(n_top),
                        source=src, units=units, headers=heads, decimals={c: 2 for c in units}, notes=tnotes, flags=flags))
    fig = pct.head(n_top).melt(id_vars="industry", value_vars=["direct", "indirect"], var_name="part", value_name="value")
    chart = alt.Chart(fig).mark_bar().encode(
        x=alt.X("value:Q", title="Price change (% of the base price)", stack="zero", axis=alt.Axis(tickCount=6)),
        y=alt.Y("industry:N", sort=list(pct["industry"].head(n_top)), title=None, axis=alt.Axis(labelLimit=300)),
        color=alt.Color("part:N", title="Effect", sort=["direct", "indirect"]),
        tooltip=[alt.Tooltip("industry:N"), alt.Tooltip("part:N"), alt.Tooltip("value:Q", format=".2f")],
    ).properties(width=FULL_WIDTH - 340, height=max(120, 22 * n_top))
    sec.add(ReportFigure(key="prices_effects", title=f"Price changes of the {n_top} most affected industries, {where}{yr} "
                         "(direct and indirect)", chart=chart, source=src, flags=flags,
                         notes=["Percent of the base price; the industries whose price is set outside the model are not drawn."]))
    full = t[["industry", "price_change", "direct", "indirect", "exogenous"]].copy()
    full[["price_change", "direct", "indirect"]] *= 100
    full["exogenous"] = full["exogenous"].map({True: "set outside the model", False: "model"})
    sec.add(ReportTable(key="prices_all", title=f"Price changes of every industry, {where}{yr}", df=full, source=src,
                        units=units, headers={**heads, "exogenous": "Price"}, decimals={c: 2 for c in units}, annex=True,
                        flags=flags))


SECTION = Section(key="prices", title="Price effects of a cost shock", needs="prices", load=load, build=build,
                  summary="Leontief price model: direct and indirect price changes of a cost or commodity-price shock")
