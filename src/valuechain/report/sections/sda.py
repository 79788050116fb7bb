"""Section ``sda``: why output (value added, employment) changed between two tables of the same industries, by
structural decomposition analysis (``[sda]``). Every number is read off
:func:`valuechain.leontief.structural_decomposition` (the average of all orderings, Dietzenbacher & Los 1998,
with the two polar forms beside it).

The section needs **two tables of the same industries** (``[sda] tables = [earlier, later]`` with their
``years``); a study with one table leaves ``[sda]`` out and the section is skipped. No second year is ever
made up. Without a ``deflator`` the change is in current prices (price and volume mixed), and the page says so.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import altair as alt
import pandas as pd

from ...errors import ValidationError
from .._model import ReportFigure, ReportTable
from ..figures import FULL_WIDTH
from ..inputs import Inputs, display_path
from ..study import Study
from . import Page, Section
from .common import badge_of, names_list

__all__ = ["SECTION", "SDAInputs", "load", "build", "EFFECT_NAMES"]

#: human names of the effects of :data:`valuechain.leontief.SDA_EFFECTS`
EFFECT_NAMES = {"technology": "Technology (Leontief inverse)", "final_demand": "Final demand (all three)",
                "final_demand_level": "Final demand: level", "final_demand_product_mix": "Final demand: product mix",
                "final_demand_category_mix": "Final demand: category mix (destination)",
                "extension_intensity": "Intensity (per unit of output)", "total_change": "Total change"}


@dataclass(frozen=True)
class SDAInputs:
    settings: Mapping[str, Any]
    t0: Any
    t1: Any
    years: tuple[int, int]
    deflator: pd.Series | None
    where: str


def _read(path, sd) -> Any:
    from ...tables import read_table

    kw = {} if sd["format"] == "auto" else {"format": sd["format"]}
    tab = read_table(path, rtol=sd["rtol"], **kw)
    changes = {k: sd[k] for k in ("unit", "source") if sd.get(k)}
    if sd["flags"]:
        changes["flags"] = tuple(dict.fromkeys([*tab.flags, *sd["flags"]]))
    return dataclasses.replace(tab, **changes) if changes else tab


def load(study: Study, data: Inputs) -> SDAInputs:
    """[sda]: the two tables (same industries, same order), their years and the optional deflator."""
    sd = study.get("sda")
    t0, t1 = (_read(p, sd) for p in sd["tables"])
    if list(t0.industries) != list(t1.industries):
        only = sorted(set(t0.industries) ^ set(t1.industries))[:4]
        raise ValidationError(f"[sda] tables: the two tables do not have the same industries in the same order "
                              f"({only or 'order differs'}); aggregate them to one classification first")
    if (t0.unit or "") != (t1.unit or ""):
        raise ValidationError(f"[sda] tables: units differ ({t0.unit!r} vs {t1.unit!r}); give both in one unit (set [sda] unit)")
    defl = None
    if sd.get("deflator") is not None:
        d = pd.read_csv(Path(str(sd["deflator"])), comment="#")
        cols = {str(c).strip().lower(): c for c in d.columns}
        if not {"industry", "price_index"} <= set(cols):
            raise ValidationError(f"[sda] deflator = {display_path(sd['deflator'])}: give columns industry, price_index "
                                  "(later / earlier, 1.05 = +5 %)")
        defl = pd.Series(pd.to_numeric(d[cols["price_index"]], errors="coerce").to_numpy(),
                         index=d[cols["industry"]].astype(str).str.strip())
    for p in sd["tables"]:
        data.record.add_input("table for the structural decomposition", display_path(p))
    st = study.get("study")
    where = st.get("country_name") or st.get("country") or "the economy"
    return SDAInputs(settings=sd, t0=t0, t1=t1, years=(int(sd["years"][0]), int(sd["years"][1])), deflator=defl, where=where)


def build(x: SDAInputs, page: Page) -> None:
    from ...leontief import structural_decomposition

    sd, t0, t1, (y0, y1), where = x.settings, x.t0, x.t1, x.years, x.where
    sec = page.sec
    ext = sd["extension"] or "output"
    res = structural_decomposition(t0, t1, extension=None if ext == "output" else ext, deflator=x.deflator)
    flags = list(res.flags)
    src = sd["source"] or "; ".join(dict.fromkeys(filter(None, [t0.source or t0.name, t1.source or t1.name])))
    prices = (f"constant {y0} prices (the {y1} table deflated by industry price indices)" if x.deflator is not None
              else "current prices: the change mixes price and volume (no deflator given)")
    unit = (t0.unit or "the tables' value unit") if ext in ("output", "value_added") else f"{ext} (the tables' unit of that row)"
    if x.deflator is None:
        flags.append("current prices (no deflator)")
    sec.flags += [f for f in flags if f not in sec.flags]
    sec.badge = badge_of(flags)
    page.record.add_status("Tables of the structural decomposition", "as given", src, f"{y0}, {y1}",
                           f"{t0.n} industries; {prices}")
    qty = ext.replace("_", " ")
    sec.title = f"Why {qty} changed, {y0}-{y1}: structural decomposition"
    sec.intro = (f"The change in {qty} of {where}'s {t0.n} industries between {y0} and {y1} split into technology (the "
                 "Leontief inverse) and final demand (its level, its product mix, and its mix of categories such as "
                 "households, investment and exports)" + (" and the intensity per unit of output" if ext != "output" else "")
                 + f", in {prices}. Each effect is the average over all orderings of the factors (Dietzenbacher & Los 1998), "
                 "so the result does not depend on an arbitrary order; the effects add up exactly to the change.")
    t = res.table
    tot = t.iloc[-1]
    scope = f"{where}|{y0}-{y1}"
    year = f"{y0}-{y1}"
    k = page.key
    cov = f"{t0.n} industries; {prices}"
    page.claim("total", "sda.total_change", float(tot["total_change"]), unit=unit, year=year, scope=f"{scope}|{qty}", source=src,
               ref="sda_effects", coverage=cov, definition=f"{qty} in {y1} minus {qty} in {y0}, all industries")
    for eff in ("technology", "final_demand"):
        page.claim(eff, f"sda.{eff}", float(tot[eff]), unit=unit, year=year, scope=f"{scope}|{qty}", source=src,
                   ref="sda_effects", coverage=cov,
                   definition=f"{EFFECT_NAMES[eff]} effect on {qty}: average of all orderings of the factors")
    ptot = res.polar.iloc[-1]
    a, b = float(ptot["technology_polar_first"]), float(ptot["technology_polar_last"])
    page.claim("tech_low", "sda.technology.polar_low", min(a, b), unit=unit, year=year, scope=f"{scope}|{qty}", source=src,
               ref="sda_effects", coverage=cov, definition="technology effect, the lower of the two polar decompositions")
    page.claim("tech_high", "sda.technology.polar_high", max(a, b), unit=unit, year=year, scope=f"{scope}|{qty}", source=src,
               ref="sda_effects", coverage=cov, definition="technology effect, the higher of the two polar decompositions")
    ind = t.iloc[:-1]
    up = ind.sort_values("technology", ascending=False, kind="stable")
    page.say(f"{qty[:1].upper() + qty[1:]} changed by {{{k}.total}} between {y0} and {y1}: {{{k}.final_demand}} from final "
             f"demand and {{{k}.technology}} from technology (between {{{k}.tech_low}} and {{{k}.tech_high}} in the two polar "
             f"decompositions). Technology raised {qty} most in {names_list(list(up['industry'].head(3)), 3)} and lowered "
             f"it most in {names_list(list(up['industry'].tail(3))[::-1], 3)}.")
    page.finding("structural change", f"Between {y0} and {y1}, final demand accounts for {{{k}.final_demand}} and technology for "
                 f"{{{k}.technology}} of the change in {qty} ({{{k}.total}}).",
                 comparison=f"two tables of the same industries, {y0} and {y1}, {prices}",
                 why="separates changes in how industries produce from changes in what is bought",
                 kind="finding" if x.deflator is not None else "thin")
    for n in res.notes:
        sec.notes.append(n[:1].upper() + n[1:] + ".")
    cols = ["industry", "total_change", "technology", "final_demand", "final_demand_level", "final_demand_product_mix",
            "final_demand_category_mix"] + (["extension_intensity"] if "extension_intensity" in t.columns else [])
    df = t[cols].copy()
    df["industry"] = df["industry"].replace({"total": "Total"})
    df = pd.concat([df.iloc[[-1]], df.iloc[:-1]], ignore_index=True)
    heads = {"industry": "Industry", **{c: EFFECT_NAMES[c] for c in cols[1:]}}
    sec.add(ReportTable(key="sda_effects", title=f"Change in {qty} by industry and its sources, {y0}-{y1}", df=df, source=src,
                        unit=unit, units={c: unit for c in cols[1:]}, headers=heads, decimals={c: 1 for c in cols[1:]},
                        flags=flags,
                        notes=["f = (intensity) L B d s: L the Leontief inverse, B each final-use category's product mix, "
                               "d the categories' shares of final use, s total final use. The effects add up to the total "
                               "change in every row (Miller & Blair 2009, ch. 13; Dietzenbacher & Los 1998)."]))
    fig = res.figure_table()
    fig["effect"] = fig["effect"].map(EFFECT_NAMES)
    base = alt.Chart(fig).encode(y=alt.Y("effect:N", sort=list(fig["effect"]), title=None, axis=alt.Axis(labelLimit=320)))
    chart = (base.mark_bar(color="#3b6ea5").encode(x=alt.X("value:Q", title=f"Effect ({unit})"))
             + base.mark_rule(color="#333").encode(x="polar_low:Q", x2="polar_high:Q")).properties(
        width=FULL_WIDTH - 400, height=max(120, 30 * len(fig)))
    sec.add(ReportFigure(key="sda_effects", title=f"Sources of the change in {qty}, {y0}-{y1}", chart=chart, source=src,
                         flags=flags, notes=["Bars: average of all orderings; lines: the range of the two polar decompositions."]))


SECTION = Section(key="sda", title="Structural decomposition of change", needs="sda", load=load, build=build,
                  summary="change between two tables split into technology and final-demand level, mix and destination",
                  skip_note="Not built: a structural decomposition needs two input-output tables of the same industries for two "
                            "years ([sda] tables = [earlier, later] and years = [..., ...] in the study file); this study has "
                            "one table, and no second year is made up.")
