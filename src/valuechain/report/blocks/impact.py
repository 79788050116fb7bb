"""The report's impact section: effects of a spending shock, with bands when asked.

:func:`impact_section` lays out results of the method families (it computes no
economics itself): :func:`valuechain.leontief.impact` or
:func:`valuechain.regional.two_region_impact` for the effects,
:func:`valuechain.leontief.impact_uncertainty` and
:func:`valuechain.leontief.multipliers_and_key_sectors_uncertainty` for the bands.
Every number in the narrative is read off those results.

:func:`example_shock` reads the documented East Kazakhstan example (an invented smelter's
local spending over five years, ``data/east_kazakhstan_smelter_shock.csv``), which is
flagged as an illustration wherever it is used.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Mapping, Sequence

import pandas as pd

from .._model import ReportFigure, ReportSection, ReportTable
from ..claims import ClaimBook

if TYPE_CHECKING:
    from ...leontief import Uncertainty
    from ...regional import TwoRegionModel
    from ...tables import IOTable

__all__ = ["impact_section", "example_shock", "EXAMPLE_SHOCK_FILE", "EXAMPLE_SHOCK_FLAG", "ILLUSTRATION_FLAG"]

EXAMPLE_SHOCK_FILE = "east_kazakhstan_smelter_shock.csv"
EXAMPLE_SHOCK_FLAG = "illustration: the smelter shock is invented to show the method (not a real project)"
#: the flag of any shock marked ``illustration`` (the example's own file carries :data:`EXAMPLE_SHOCK_FLAG`)
ILLUSTRATION_FLAG = "illustration: the shock is invented to show the method (not a real project)"

_PARTS = {"direct": "direct", "indirect": "indirect (supply chain)", "induced": "induced (household spending)",
          "total": "total"}
_INDICATORS = {"output": "Output", "value_added": "Value added", "income": "Income (compensation)",
               "employment": "Employment"}


def example_shock() -> pd.DataFrame:
    """The documented East Kazakhstan example shock (million USD, five years; an illustration).

    An invented smelter project (construction and machinery spending, then metals output),
    shipped as ``valuechain/data/east_kazakhstan_smelter_shock.csv``; flagged
    :data:`EXAMPLE_SHOCK_FLAG` in its ``attrs`` so that every use says it is not a real project.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``industry``, ``final_demand`` (million USD), as read by
        :func:`valuechain.leontief.read_shock`; ``attrs["flags"]`` names it an illustration.

    Examples
    --------
    >>> shock = example_shock()
    >>> list(shock.columns), sorted(shock["year"].unique().tolist())[:2], shock.attrs["flags"] == [EXAMPLE_SHOCK_FLAG]
    (['year', 'industry', 'final_demand'], [2026, 2027], True)
    """
    from ...leontief import read_shock

    df = read_shock(Path(str(resources.files("valuechain") / "data" / EXAMPLE_SHOCK_FILE)))
    df.attrs["flags"] = [EXAMPLE_SHOCK_FLAG]
    return df


def _dec(v: float) -> int:
    """Decimals shown for an effect: none from 100, one from 1, three below."""
    v = abs(float(v))
    return 0 if v >= 100 else (1 if v >= 1 else 3)


def _fmt(v: float) -> str:
    v = float(v)
    if abs(v) >= 100:
        return f"{v:,.0f}"
    if abs(v) >= 1:
        return f"{v:,.1f}"
    return f"{v:.3g}"


def _names(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _effects_table(res, unit: str, emp_unit: str, source: str, flags: list[str]) -> ReportTable:
    t = res.table
    grand = t
    if "year" in t.columns:
        grand = t[t["year"].astype(str) == "total"]
    grand = grand.drop(columns=[c for c in ("year", "note") if c in grand.columns])
    cols, units, ren = [], {}, {}
    for ind in res.indicators:
        for p in res.parts:
            c = f"{ind}_{p}"
            h = f"{_INDICATORS.get(ind, ind)}: {_PARTS[p]}"
            ren[c] = h
            cols.append(c)
            units[h] = emp_unit if ind == "employment" else unit
    keys = [k for k in ("region", "industry") if k in grand.columns]
    df = grand[keys + cols].rename(columns=ren).rename(columns={"industry": "Industry", "region": "Region"})
    body = df[df["Industry"] != "total"].sort_values(ren["output_total"], ascending=False, kind="mergesort")
    tot = df[df["Industry"] == "total"]
    df = pd.concat([body, tot], ignore_index=True)
    notes = ["Direct: the shock itself (and its value added, income and jobs); indirect: purchases along the supply "
             "chain, (I - A)^-1 shock - shock (Type I); induced: spending of the extra household income (Type II, "
             "model closed with households). Miller & Blair (2009), ch. 2 and 6."]
    if "year" in t.columns:
        notes.append("Sum over all years of the shock.")
    return ReportTable(key="impact_effects", title="Effects of the shock by industry", df=df, source=source,
                       unit=unit, units=units, notes=notes, flags=list(flags))


def _years_table(res, unit: str, source: str, flags: list[str]) -> ReportTable | None:
    t = res.table
    if "year" not in t.columns:
        return None
    tot = t[(t["industry"] == "total") & (t["year"].astype(str) != "total")]
    if "region" in tot.columns:
        tot = tot.groupby("year", sort=False).sum(numeric_only=True).reset_index()
    cols = ["year"] + [f"{i}_total" for i in res.indicators]
    df = tot[cols].rename(columns={f"{i}_total": f"{_INDICATORS.get(i, i)}: total" for i in res.indicators})
    return ReportTable(key="impact_by_year", title="Total effects by year", df=df.reset_index(drop=True), source=source,
                       unit=unit, flags=list(flags))


def _largest_figure(res, unit: str, source: str, flags: list[str], top: int) -> ReportFigure | None:
    from ..figures import bar_chart

    t = res.table
    g = t[t["year"].astype(str) == "total"] if "year" in t.columns else t
    g = g[g["industry"] != "total"].copy()
    if "region" in g.columns:
        g["industry"] = g["industry"] + " (" + g["region"] + ")"
    g = g.nlargest(top, "output_total")
    if g.empty:
        return None
    long = g.melt(id_vars=["industry"], value_vars=[f"output_{p}" for p in res.parts[:-1]], var_name="effect",
                  value_name="output")
    long["effect"] = long["effect"].str.replace("output_", "", regex=False)
    chart = bar_chart(long, category="industry", value="output", unit=unit, color="effect")
    return ReportFigure(key="impact_largest", title=f"The {len(g)} largest output effects by industry", chart=chart,
                        source=source, flags=list(flags))


def _regional_table(res, unit: str, source: str, flags: list[str]) -> ReportTable | None:
    e = res.regional_effects
    if e is None:
        return None
    df = e.rename(columns={"intraregional": f"intraregional (output in {res.region}, single-region model)",
                           "feedback": f"feedback (to {res.region} via {res.rest})",
                           "spillover": f"spillover (output in {res.rest})", "total": "total output",
                           "feedback_share_pct": "feedback share", "spillover_share_pct": "spillover share"})
    units = {"feedback share": "%", "spillover share": "%"}
    return ReportTable(key="impact_regions", title=f"How much of the effect stays in {res.region}", df=df, source=source,
                       unit=unit, units=units, flags=list(flags),
                       notes=["Two-region model (region and rest of the country) estimated by location quotients; "
                              "Miller & Blair (2009), sec. 3.3 (interregional feedback and spillover)."])


def impact_section(
    table: IOTable,
    shock: pd.DataFrame | pd.Series | Mapping[str, float],
    *,
    type: str = "I",
    model: TwoRegionModel | None = None,
    employment: pd.Series | None = None,
    uncertainty: Uncertainty | None = None,
    sampler: Callable | None = None,
    exclude: Sequence[str] = (),
    illustration: bool = False,
    flags: Sequence[str] = (),
    source: str = "",
    title: str = "Impact of a spending shock",
    top: int = 12,
    claims: ClaimBook | None = None,
    value_added: bool = True,
) -> "ReportSection":
    """A report section with the direct / indirect / induced effects of ``shock``.

    Parameters
    ----------
    table : IOTable
        The (regional or national) table; with ``model`` its national table is used.
    shock : DataFrame, Series or mapping
        As for :func:`valuechain.leontief.impact` (``industry``, ``final_demand``,
        optional ``year``).
    type : {"I", "II"}
        Type II adds induced effects (needs the compensation row and household column).
    model : TwoRegionModel, optional
        Two-region impact (region and rest of the country) instead of ``table``'s.
    employment : Series, optional
        National employment (jobs of a two-region impact when the table has none).
    uncertainty : Uncertainty, optional
        Adds Monte Carlo bands on the total effects, the multipliers, and key-sector
        class probabilities (Type I, single-region only).
    sampler : callable, optional
        Draws of the table's coefficients (e.g. from
        :func:`valuechain.regional.regional_sampler`; default: coefficient error only).
    exclude : sequence of str
        Local-serving industries left out of the key-sector classification.
    illustration : bool
        Flag the shock as an illustration (the example shock).
    flags : sequence of str
        More provenance flags (e.g. of the employment data).
    source : str
        Data source shown under every table and figure (default the table's source).
    title : str
        Section title.
    top : int
        Industries shown in the figure of the largest effects.

    claims : ClaimBook, optional
        The build's claim book: every number of the narrative is registered there as a
        claim ``impact.*`` (default: a book of its own).
    value_added : bool
        State the value-added effect (False where the table's value added is a residual).

    Returns
    -------
    ReportSection
        Tables (effects by industry, by year, regional split, multiplier bands,
        key-sector probabilities), a figure of the largest effects and a narrative.

    References
    ----------
    .. [1] Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
       Extensions*, 2nd ed. Cambridge University Press, ch. 2 (impact analysis; closing the
       model with respect to households for Type II) and ch. 6 (multipliers).

    Examples
    --------
    >>> from valuechain.report import load_builtin
    >>> sec = impact_section(load_builtin("germany-1995"), {"Construction": 100.0})
    >>> sec.key, [b.key for b in sec.tables]
    ('impact', ['impact_effects'])
    >>> eff = sec.tables[0].df
    >>> eff.set_index("Industry")[["Output: direct", "Output: total"]].round(1).head(2)
                   Output: direct  Output: total
    Industry
    Construction            100.0          102.9
    Manufacturing             0.0           39.6
    """
    from ...leontief import (
        impact,
        impact_uncertainty,
        multipliers_and_key_sectors_uncertainty,
    )

    if model is not None:
        from ...regional import two_region_impact

        res = two_region_impact(model, shock, employment=employment, flags=tuple(flags))
        unit = model.national.unit
        base = model.national
    else:
        res = impact(table, shock, type=type)
        unit = table.unit
        base = table
    shock_flags = list(getattr(shock, "attrs", {}).get("flags", [])) if hasattr(shock, "attrs") else []
    all_flags = list(dict.fromkeys(list(res.flags) + list(flags) + shock_flags + ([ILLUSTRATION_FLAG] if illustration else [])))
    src = source or getattr(base, "source", "") or getattr(base, "name", "")
    emp_unit = "jobs (the table's employment unit)"
    sec = ReportSection(key="impact", title=title, flags=all_flags)
    sec.intro = ("A change in final demand (the shock) raises the output of the industries it buys from directly, of their "
                 "suppliers (indirect effect) and, in the Type II model, of the industries where the extra household "
                 "income is spent (induced effect).")
    if illustration:
        sec.notes.append("The shock is an illustration invented to show the method; its numbers describe no real project.")

    book = claims if claims is not None else ClaimBook()
    scope = getattr(res, "region", None) or getattr(base, "name", "") or "the table"

    def cl(id, indicator, value, unit_, definition, ref="impact_effects", decimals=None):
        return book.add(f"impact.{id}", indicator, float(value), unit=unit_, decimals=_dec(value) if decimals is None else decimals,
                        scope=scope, source=src, definition=definition, ref=ref, section="impact")

    agg = res.aggregate()
    years = sorted(set(res.shock["year"].dropna().astype(int))) if res.shock["year"].notna().any() else []
    u_ = unit or "value unit of the table"
    shock_c = cl("shock_total", "impact.shock.total", res.shock["final_demand"].sum(), u_, "the final-demand shock, summed over its years")
    if len(years) > 1:
        ny = cl("shock_years", "impact.shock.years", len(years), "years", "years of the shock", decimals=0)
        span = f" over {ny.ph} ({years[0]}-{years[-1]})"
    else:
        span = ""
    parts = [f"{cl('output_direct', 'impact.output.direct', agg['output_direct'], u_, 'direct output effect (the shock itself)').n} direct",
             f"{cl('output_indirect', 'impact.output.indirect', agg['output_indirect'], u_, 'indirect output effect ((I - A)^-1 y - y)').n} indirect"]
    if "output_induced" in agg:
        parts.append(f"{cl('output_induced', 'impact.output.induced', agg['output_induced'], u_, 'induced output effect (Type II)').n} induced")
    tot = cl("output_total", "impact.output.total", agg["output_total"], u_, "total output effect of the shock (L·Δy)")
    mult = cl("output_multiplier", "impact.output.multiplier", agg["output_multiplier"], "ratio (output per unit of shock)",
              "total output effect over the shock", decimals=2)
    text = [f"A shock of {shock_c.ph}{span} raises output by {tot.ph} in total ({', '.join(parts)}): each unit spent yields "
            f"{mult.ph} units of output (Type {res.type})."]
    if "value_added_total" in agg and value_added:
        va = cl("value_added_total", "impact.value_added.total", agg["value_added_total"], u_, "total value-added effect")
        inc = (cl("income_total", "impact.income.total", agg["income_total"], u_, "total effect on compensation of employees")
               if "income_total" in agg else None)
        text.append(f"Value added rises by {va.ph}" + (f" and compensation of employees by {inc.ph}" if inc is not None else "") + ".")
    if "employment_total" in agg:
        et = cl("employment_total", "impact.employment.total", agg["employment_total"], "jobs (the table's employment unit)",
                "total employment effect")
        ed = cl("employment_direct", "impact.employment.direct", agg["employment_direct"], "jobs (the table's employment unit)",
                "direct employment effect")
        text.append(f"Employment rises by {et.n} (in the table's employment unit), "
                    f"of which {ed.n} in the industries the shock buys from directly.")
    g = res.table[res.table["year"].astype(str) == "total"] if "year" in res.table.columns else res.table
    g = g[g["industry"] != "total"]
    top_ind = g.nlargest(3, "output_indirect")
    if len(top_ind):
        lab = list(top_ind["industry"] + (" (" + top_ind["region"] + ")" if "region" in top_ind else ""))
        text.append(f"The largest supply-chain (indirect) effects fall on {_names([book.label(x) for x in lab])}.")
    if res.regional_effects is not None:
        e = res.regional_effects.iloc[-1]
        rr = "impact_regions"
        inside = cl("share_in_region", "impact.output.share_in_region", 100 - e["spillover_share_pct"], "% of the total output effect",
                    "share of the output effect arising in the region", rr, 1)
        intra = cl("intraregional", "impact.output.intraregional", e["intraregional"], u_, "output in the region, single-region model", rr)
        fb = cl("feedback", "impact.output.feedback", e["feedback"], u_, "interregional feedback to the region", rr)
        sp_s = cl("spillover_share", "impact.output.spillover_share", e["spillover_share_pct"], "% of the total output effect",
                  "share of the output effect spilling over to the rest of the country", rr, 1)
        sp = cl("spillover", "impact.output.spillover", e["spillover"], u_, "output spilling over to the rest of the country", rr)
        text.append(f"Of the total output effect, {inside.ph} arises in {res.region} "
                    f"({intra.n} intraregional and {fb.n} interregional feedback) and "
                    f"{sp_s.ph} ({sp.n}) spills over to {res.rest}.")
    sec.add(book.render(" ".join(text)))
    sec.add(_effects_table(res, unit, emp_unit, src, all_flags))
    sec.add(_years_table(res, unit, src, all_flags))
    sec.add(_regional_table(res, unit, src, all_flags))
    sec.add(_largest_figure(res, unit, src, all_flags, top))

    if uncertainty is not None:
        if model is not None or res.type != "I":
            sec.notes.append("Monte Carlo bands are computed for Type I single-region impacts only; none are shown here.")
        else:
            _uncertainty_blocks(sec, table, shock, uncertainty, sampler, exclude, unit, src, all_flags,
                                impact_uncertainty, multipliers_and_key_sectors_uncertainty, book=book, scope=scope)
    return sec


def _settings_text(u, book: ClaimBook, scope: str, src: str) -> str:
    """The Monte Carlo settings as a phrase over claims (what :meth:`Uncertainty.describe` says)."""
    def st(id, value, unit, definition, decimals):
        return book.add(f"impact.mc_{id}", f"setting.impact.mc.{id}", float(value), unit=unit, decimals=decimals, scope=scope,
                        source="study file ([uncertainty])", definition=definition, ref="impact_multiplier_bands", section="impact")

    def dec(v):
        return max(0, min(3, len(f"{float(v):g}".split(".")[1]) if "." in f"{float(v):g}" else 0))

    parts = [f"{st('draws', u.draws, 'draws', 'Monte Carlo draws', 0).n} draws (seed {book.label(u.seed)})"]
    if u.coef_cv:
        parts.append(f"coefficient error {st('coef_cv', u.coef_cv, 'ratio (coefficient of variation)', 'error of each coefficient', dec(u.coef_cv)).ph} ({u.coef_dist})")
    if u.delta_range is not None:
        lo, hi = u.delta_range
        clo = st("delta_lo", lo, "index (FLQ δ)", "lower end of the range of δ drawn", dec(lo))
        if hi > lo:
            chi = st("delta_hi", hi, "index (FLQ δ)", "upper end of the range of δ drawn", dec(hi))
            parts.append(f"δ {u.delta_dist} in [{clo.ph}, {chi.ph}]")
        else:
            parts.append(f"δ = {clo.ph}")
    if u.measure_cv:
        parts.append(f"size-measure error {st('measure_cv', u.measure_cv, 'ratio (coefficient of variation)', 'error of the size measure', dec(u.measure_cv)).ph}")
    return ", ".join(parts)


def _uncertainty_blocks(sec, table, shock, u, sampler, exclude, unit, src, flags, impact_uncertainty, mk_uncertainty, *,
                        book: ClaimBook, scope: str):
    iu = impact_uncertainty(table, shock, u, sampler=sampler)
    m, k = mk_uncertainty(table, u, exclude=exclude, sampler=sampler)
    order = sorted(range(len(u.quantiles)), key=lambda i: u.quantiles[i])
    lo, hi = u.suffixes[order[0]], u.suffixes[order[-1]]
    t = iu.table
    tot = t[(t["industry"] == "total") & ((t["year"].astype(str) == "total") if "year" in t.columns else True)]
    row = tot.iloc[-1]
    p_lo, p_hi = int(lo[2:]), int(hi[2:])
    u_ = unit or "value unit of the table"

    def cl(id, indicator, value, unit_, definition, ref="impact_multiplier_bands", decimals=None):
        return book.add(f"impact.{id}", indicator, float(value), unit=unit_, decimals=_dec(value) if decimals is None else decimals,
                        scope=scope, source=src, definition=definition, ref=ref, section="impact")

    olo = cl("output_total_lo", "impact.output.total.lower", row["output_total" + lo], u_, f"{p_lo}th percentile of the total output effect over the draws")
    ohi = cl("output_total_hi", "impact.output.total.upper", row["output_total" + hi], u_, f"{p_hi}th percentile of the total output effect over the draws")
    point = book["impact.output_total"] if "impact.output_total" in book else cl("output_total", "impact.output.total", row["output_total"], u_,
                                                                                      "total output effect of the shock (L·Δy)", "impact_effects")
    sentence = (f"Allowing for uncertainty ({_settings_text(u, book, scope, src)}), the total output effect lies between "
                f"{olo.n} and {ohi.ph} "
                f"(the {p_lo}th and {p_hi}th percentiles of the draws; point estimate {point.n})")
    if "employment_total" in t.columns:
        elo = cl("employment_total_lo", "impact.employment.total.lower", row["employment_total" + lo], "jobs (the table's employment unit)",
                 f"{p_lo}th percentile of the total employment effect over the draws")
        ehi = cl("employment_total_hi", "impact.employment.total.upper", row["employment_total" + hi], "jobs (the table's employment unit)",
                 f"{p_hi}th percentile of the total employment effect over the draws")
        sentence += f", and employment between {elo.n} and {ehi.n}"
    sentence += "."
    kt = k.table
    probs = kt[[f"prob_{c}" for c in ("key", "backward", "forward", "weak")]]
    sure = kt.loc[kt["prob_key"] >= 0.9, "sector"].tolist()
    unsure = kt.loc[probs.max(axis=1) < 0.9, "sector"].tolist()
    kp = "impact_keysector_probabilities"
    c_sure = cl("n_key_sure", "impact.key_sectors.sure", len(sure), "industries", "industries that are key sectors in at least 90% of the draws", kp, 0)
    c_uns = cl("n_class_unsure", "impact.key_sectors.unsure", len(unsure), "industries",
               "industries whose class changes in more than 10% of the draws", kp, 0)
    sentence += (f" {c_sure.n} industr{'y is a key sector' if len(sure) == 1 else 'ies are key sectors'} in at least nine draws in ten"
                 + (f" ({_names([book.label(x) for x in sure[:6]])})" if sure else "")
                 + f"; the class of {c_uns.n} industr{'y' if len(unsure) == 1 else 'ies'} changes in more than one draw in ten"
                 + (f" ({_names([book.label(x) for x in unsure[:6]])})" if unsure else "") + ".")
    if iu.rejected or m.rejected:
        rj = cl("mc_rejected", "impact.mc.rejected", iu.rejected + m.rejected, "draws", "non-productive draws rejected and redrawn", decimals=0)
        sentence += f" {rj.n} non-productive draws were rejected and redrawn."
    sec.add(book.render(sentence))
    mt = m.table
    keep = ["sector"] + [c for c in mt.columns if c.startswith(("output", "employment")) and c != "note"]
    ren = {"sector": "Industry"}
    for c in keep[1:]:
        suf = next((sf for sf in u.suffixes if c.endswith(sf)), "")
        base = c[: len(c) - len(suf)] if suf else c
        ren[c] = _INDICATORS.get(base, base) + " multiplier" + (f" ({int(suf[2:])}th percentile)" if suf else "")
    units = {ren[c]: ("jobs per unit of final demand" if c.startswith("employment") else f"{unit} per {unit}" if unit else "")
             for c in keep[1:]}
    sec.add(ReportTable(key="impact_multiplier_bands", title="Type I multipliers with Monte Carlo bands",
                        df=mt[keep].rename(columns=ren), source=src, units=units, flags=list(flags),
                        notes=[f"Monte Carlo: {u.describe()}; {m.rejected} non-productive draws rejected. "
                               "Percentiles of the draws; the point estimate is the published-table value."]))
    ks = kt[["sector", "class", "prob_key", "prob_backward", "prob_forward", "prob_weak"]].rename(
        columns={"sector": "Industry", "class": "class (point estimate)", "prob_key": "P(key)",
                 "prob_backward": "P(backward-oriented)", "prob_forward": "P(forward-oriented)", "prob_weak": "P(weak)"})
    sec.add(ReportTable(key="impact_keysector_probabilities", title="Key-sector classes: probability over the draws",
                        df=ks, source=src, decimals={c: 2 for c in ks.columns[2:]}, flags=list(flags),
                        notes=["Rasmussen backward and forward indices (normalised to mean 1) classified in every draw; "
                               "Miller & Blair (2009), sec. 12.2."]))
