"""Report sections on input-output tables: national structure and key sectors, regional
structure, regional key sectors, clusters. Each calls the families and lays out results;
every number in a sentence is read off a family's result."""

from __future__ import annotations

import dataclasses

import pandas as pd

from ..clusters import ClusterAnalysis
from ..leontief import key_sectors, linkages, multipliers, quadrant_chart
from ..regional import DELTA_METHODS, delta_sensitivity, employment_vectors, regionalize, two_region_effects_chart, two_region_model
from . import _inputs as inp
from ._context import BuildContext, tidy
from ._model import ReportFigure, ReportSection, ReportTable
from .figures import FULL_WIDTH, bar_chart, label_top, line_chart

__all__ = ["national", "regional", "regional_keysectors", "clusters", "badge_of", "cluster_name", "names_list"]

_FLAG_EST = "estimated (location-quotient regionalization)"
_CLASS = {"key": "key sector", "backward": "backward-oriented", "forward": "forward-oriented", "weak": "weak"}


def _flags(tab) -> list[str]:
    return [str(f) for f in getattr(tab, "flags", ()) or ()]


def badge_of(flags) -> str:
    """One short badge for a section from its inputs' flags: real / estimated / partial / synthetic."""
    text = " ".join(flags).lower()
    if "synthetic" in text:
        return "synthetic illustration"
    if "estimated" in text or "residual" in text:
        return "real data, partly estimated"
    if "partial" in text:
        return "real data, partial coverage"
    return "real data"


def names_list(items, k: int = 6) -> str:
    """'a, b and c' (at most ``k`` named, then 'and N more')."""
    items = [str(i) for i in items]
    if not items:
        return "none"
    if len(items) > k:
        return ", ".join(items[:k]) + f" and {len(items) - k} more"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def cluster_name(members: pd.DataFrame, k: int = 2) -> str:
    """A cluster's name from its ``k`` highest-loading industries (``industry``, ``loading`` columns)."""
    top = members.sort_values("loading", ascending=False, kind="stable")["industry"].astype(str).head(k)
    return " / ".join(top)


def _named(df: pd.DataFrame, ctx: BuildContext, col: str = "sector") -> pd.DataFrame:
    """Add a ``name`` column from the study's [io] labels file (code -> long name), if any."""
    lab = inp.labels_map(ctx)
    if not lab or col not in df.columns:
        return df
    df = df.copy()
    df.insert(df.columns.get_loc(col) + 1, "name", df[col].map(lambda s: lab.get(str(s), "")))
    return df


def _bn(tab) -> tuple[float, str]:
    """(divisor, unit) that shows the table's values in billions when it is in millions."""
    u = tab.unit or ""
    if u.lower().startswith("million "):
        return 1000.0, "bn " + u.split(" ", 1)[1]
    return 1.0, u or "value unit of the table"


# ----------------------------------------------------------------- national / key sectors
def _structure_table(tab, key: str, title: str, source: str, *, annex: bool = True) -> ReportTable:
    div, unit = _bn(tab)
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
                       notes=["Output and final uses as given in the table, sorted by output."], flags=_flags(tab))


def keysector_blocks(ctx: BuildContext, sec: ReportSection, tab, *, scope: str, where: str) -> None:
    """Multipliers, linkages, key-sector quadrants and oriented sectors (regional seed, Tables 1-6)."""
    io = ctx.study.get("io")
    src = inp.table_source(tab)
    exclude = [e for e in io.get("exclude", []) if e in set(tab.industries)]
    flags = _flags(tab)
    # multipliers
    m = tidy(multipliers(tab, type=io["multipliers"]), "sector")
    if "value_added" in m.columns and any("residual" in f for f in flags):
        m = m.drop(columns=["value_added"])  # value added is a residual in this table: not shown
    m = m.sort_values("output", ascending=False, kind="stable").reset_index(drop=True) if "output" in m.columns else m
    munits = {c: "per unit of final demand" for c in m.columns if c != "sector"}
    sec.add(ReportTable(key=f"{scope}_multipliers", title=f"Type {io['multipliers']} output multipliers, {where}",
                        df=_named(m, ctx), source=src, units=munits, annex=True, flags=flags,
                        headers={"sector": "Industry", "output": "Output multiplier", "value_added": "Value-added multiplier",
                                 "employment": "Employment multiplier", "income": "Income multiplier"},
                        decimals={c: 2 for c in m.columns if c != "sector"},
                        notes=["Output multiplier: column sum of the Leontief inverse (Miller & Blair 2009, eq. 6.4)."]))
    # linkages with CVs and the four-way classification
    ks = key_sectors(tab, backward=io["backward"], forward=io["forward"])
    df = ks.table.copy()
    bw, fw = ks.backward_column, ks.forward_column
    cvs = []
    if "rasmussen" in (io["backward"], io["forward"]):
        lk = tidy(linkages(tab, "rasmussen"), "sector")
        for side in ("backward", "forward"):
            c = f"rasmussen_{side}_cv"
            if io[side] == "rasmussen" and c in lk.columns:
                df[c] = df["sector"].map(dict(zip(lk["sector"], lk[c])))
                cvs.append(c)
    heads = {"sector": "Industry", bw: f"Backward linkage, {io['backward'].replace('_', ' ').capitalize()}",
             fw: f"Forward linkage, {io['forward'].replace('_', ' ').capitalize()}",
             "rasmussen_backward_cv": "CV of backward linkage", "rasmussen_forward_cv": "CV of forward linkage",
             "class": "Class"}
    dec = {c: 2 for c in (bw, fw, *cvs)}
    units = {bw: "index, mean = 1" if io["backward"] == "rasmussen" else "", fw: "index, mean = 1" if io["forward"] == "rasmussen" else ""}
    cols = [c for c in ["sector", bw, fw, *cvs, "class"] if c in df.columns]
    full = df[cols].assign(**{"class": df["class"].map(_CLASS).fillna(df["class"])})
    full = full.sort_values(bw, ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key=f"{scope}_linkages", title=f"Backward and forward linkages of every industry, {where}",
                        df=_named(full, ctx), source=src, units=units, decimals=dec, flags=flags, headers={**heads, "name": "Name"}, annex=True,
                        notes=[f"Backward: {io['backward']}; forward: {io['forward']}. Class (measures divided by their mean): "
                               "key (both above 1), backward-oriented, forward-oriented, weak (Miller & Blair 2009, sec. 12.2.4)."]))
    key = df[df["class"] == "key"].sort_values(bw, ascending=False, kind="stable")
    names = list(key["sector"].astype(str))
    ctx.highlight(sec.key, f"{len(names)} key sectors in {where} (backward and forward linkages above average): "
                  f"{names_list(names)} (Table '{where}: key sectors').")
    sec.add(f"{len(names)} of {tab.n} industries of {where} are key sectors, with both linkages above the average: "
            f"{names_list(names, 10)}. The strongest backward linkage is that of {full['sector'].iloc[0]} "
            f"({full[bw].iloc[0]:.2f} times the average).")
    sec.add(ReportTable(key=f"{scope}_key_sectors", title=f"{where[:1].upper() + where[1:]}: key sectors by {io['backward'].capitalize()}'s method",
                        df=key[[c for c in ["sector", bw, fw] if c in key.columns]].reset_index(drop=True),
                        source=src, units=units, decimals=dec, flags=flags, headers=heads,
                        notes=["Industries with backward and forward linkages above the average (the regional seed's Tables 1 and 4)."]))
    qd = ks.table[["sector", "backward_norm", "forward_norm"]]
    chart = label_top(quadrant_chart(ks, title=f"Key sectors of {where}", label=False, width=FULL_WIDTH - 240, height=420),
                      qd, x="backward_norm", y="forward_norm", text="sector", n=8,
                      width=FULL_WIDTH - 240, height=420)
    sec.add(ReportFigure(key=f"{scope}_quadrant", title=f"Key sectors of {where}: backward against forward linkages",
                         chart=chart, source=src, flags=flags,
                         notes=["Upper right: key sectors; upper left: forward-oriented; lower right: backward-oriented; "
                                "lower left: weak. Up to eight industries with the largest combined linkages are labelled (none where labels would overlap)."]))
    # oriented sectors with a relatively low CV, local-serving sectors excluded (seed Tables 2-3, 5-6)
    cv = None if io["cv"] == "none" else io["cv"]
    if cv is not None and "rasmussen" not in (io["backward"], io["forward"]):
        cv = None
    ko = key_sectors(tab, backward=io["backward"], forward=io["forward"], cv_filter=cv, exclude=exclude)
    dfo = ko.table
    rule = ("no CV filter" if cv is None else
            ("CV at or below the median CV" if cv == "median" else f"CV at or below {float(cv):g}"))
    excl = f" {len(exclude)} local-serving industries left out (listed in the study file)." if exclude else ""
    for side, val in (("backward", bw), ("forward", fw)):
        cvc = f"rasmussen_{side}_cv"
        t = dfo.loc[dfo["class"] == side, [c for c in ["sector", val, cvc] if c in dfo.columns]]
        t = t.sort_values(val, ascending=False, kind="stable").reset_index(drop=True)
        sec.add(ReportTable(key=f"{scope}_{side}_oriented",
                            title=f"{side.capitalize()}-oriented industries of {where} (strong {side} linkage, relatively low CV)",
                            df=t, source=src, units=units, decimals={**dec, cvc: 2}, flags=flags, headers=heads,
                            notes=[f"Class '{side}' with {rule}." + (excl if side == "backward" else " Local-serving industries as in the table above.")
                                   + " (Regional seed, Tables 2-3 and 5-6.)"]))


def national(ctx: BuildContext, sec: ReportSection) -> None:
    tab = inp.national_table(ctx)
    div, unit = _bn(tab)
    top = tab.x.sort_values(ascending=False).head(3)
    sec.intro = (f"{tab.name}: {tab.n} industries, gross output {tab.x.sum() / div:,.1f} {unit}. "
                 f"The largest industries by output are {names_list(list(top.index))} "
                 f"({100 * top.sum() / tab.x.sum():.1f}% of output together).")
    if any("residual" in f for f in _flags(tab)):
        sec.intro += (" The table holds the exact inter-industry flows and output; primary inputs and final uses are "
                      "residuals, so value-added and income multipliers are not shown.")
    sec.flags += _flags(tab)
    sec.badge = badge_of(_flags(tab))
    keysector_blocks(ctx, sec, tab, scope="national", where="the nation")
    sec.add(_structure_table(tab, "national_structure", f"Output and final uses by industry, {tab.name}", inp.table_source(tab)))


# ------------------------------------------------------------------------- regional
def _regionalization(ctx: BuildContext):
    def run():
        reg = ctx.study.get("regional")
        tab = inp.national_table(ctx)
        emp, flags, source = inp.employment(ctx)
        measure = str(emp.attrs.get("measure", "employment")) if hasattr(emp, "attrs") else "employment"
        ev = employment_vectors(emp, reg["region"], industries=list(tab.industries), unmatched="raise", measure=measure)
        r = regionalize(tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
        rt = r.io_table
        new_flags = tuple(dict.fromkeys([*rt.flags, *[f"regional size: {f}" for f in flags], _FLAG_EST]))
        rt = dataclasses.replace(rt, flags=new_flags, name=rt.name or f"{reg['region']} ({reg['method'].upper()})",
                                 source=f"{inp.table_source(tab)}; regional size: {source}")
        ctx.log.info(f"regionalized for {reg['region']}: {rt.n} of {tab.n} industries kept, dropped {list(r.dropped)}")
        return r, ev, rt, flags, source

    return ctx.once("regionalization", run)


#: Public name of the regionalization shared by the regional, cluster and impact sections.
regionalization = _regionalization


def regional(ctx: BuildContext, sec: ReportSection) -> None:
    reg = ctx.study.get("regional")
    tab = inp.national_table(ctx)
    r, ev, rt, flags, source = _regionalization(ctx)
    src = f"{inp.table_source(tab)}; regional size: {source}"
    rflags = list(rt.flags)
    sec.flags += rflags
    sec.badge = badge_of(rflags)
    size = inp.employment(ctx)[0].attrs.get("unit", "employment")
    sec.intro = (f"The national table is regionalized for {reg['region']} with Flegg's location quotient "
                 f"({reg['method'].upper()}, δ = {reg['delta']:g}): regional coefficients a^r_ij = a^n_ij·min(LQ_ij, 1), "
                 f"the shortfall bought from the rest of the country. The size measure is {source} ({size}).")
    for f in flags:
        if "share its" in f or "section" in f:
            sec.intro += (" BNS publishes the region's size by OKED section only, so all industries of one section share "
                          "the section's location quotient.")
            break
    if r.dropped:
        sec.add(f"{len(r.dropped)} industr{'y has' if len(r.dropped) == 1 else 'ies have'} no size in {reg['region']} "
                f"and are left out of the regional table: {names_list(r.dropped)}.")
    t = tidy(r)
    t = t[t["in_region"]] if "in_region" in t.columns else t
    t = t.sort_values("slq", ascending=False, kind="stable").reset_index(drop=True)
    mr, mn = t["output_multiplier_region"], t["output_multiplier_national"]
    sec.add(f"Regional output multipliers are on average {100 * (1 - (mr / mn).mean()):.0f}% below the national ones "
            f"(range {mr.min():.2f}-{mr.max():.2f} against {mn.min():.2f}-{mn.max():.2f}): the region buys part of its inputs "
            "from the rest of the country.")
    cross = inp.crosscheck(ctx)
    if cross is not None:
        cdf, csrc = cross
        sec.add(ReportTable(key="regional_crosscheck", title=f"{reg['region']}: share of national employment and of national GVA, three groups",
                            df=cdf, source=csrc, units={"employed": "persons", "employment_share": "% of national", "gva_share": "% of national"},
                            decimals={"employed": 0, "employment_share": 1, "gva_share": 1},
                            headers={"group": "Activity group", "employed": "Employed", "employment_share": "Share of national employment",
                                     "gva_share": "Share of national GVA"},
                            notes=["Cross-check of the size measure: employment by region is published only in these three groups."]))
    show = t[["industry", "slq", "output_region", "intraregional_input_share", "output_multiplier_region", "output_multiplier_national"]].copy()
    div, unit = _bn(tab)
    show["output_region"] = show["output_region"] / div
    show["intraregional_input_share"] = 100 * show["intraregional_input_share"]
    sec.add(ReportTable(key="regional_location_quotients", title=f"Location quotients and the regionalized table, {reg['region']}",
                        df=show, source=src, annex=True, flags=rflags,
                        units={"slq": "ratio", "output_region": unit, "intraregional_input_share": "% of national coefficients",
                               "output_multiplier_region": "per unit of final demand", "output_multiplier_national": "per unit of final demand"},
                        headers={"industry": "Industry", "slq": "Simple location quotient", "output_region": "Regional output (estimate)",
                                 "intraregional_input_share": "Inputs bought in the region", "output_multiplier_region": "Regional output multiplier",
                                 "output_multiplier_national": "National output multiplier"},
                        decimals={"slq": 2, "output_region": 2, "intraregional_input_share": 1, "output_multiplier_region": 2,
                                  "output_multiplier_national": 2},
                        notes=["SLQ = (E^r_i/E^r)/(E^n_i/E^n) with E the size measure. Regional output is national output times the region's size share."]))
    emp_attrs = inp.employment(ctx)[0].attrs
    sect = emp_attrs.get("section_of")
    if sect:  # one bar per section: its industries share one quotient
        names = emp_attrs.get("section_names", {})
        bars = (t.assign(section=t["industry"].map(lambda i: names.get(sect.get(i, ""), sect.get(i, ""))))
                .groupby("section", as_index=False)["slq"].first().sort_values("slq", ascending=False, kind="stable"))
        fig_t, cat, what = bars, "section", "sections of economic activity (OKED)"
    else:
        fig_t, cat, what = t.head(20), "industry", "the 20 most specialised industries"
    top = fig_t.head(3)
    ctx.highlight(sec.key, f"{reg['region']} is most specialised in " + ", ".join(
        f"{a} (location quotient {b:.2f})" for a, b in zip(top[cat], top["slq"])) + " (figure 'Location quotients').")
    sec.add(ReportFigure(key="regional_slq", title=f"Location quotients of {reg['region']}: {what}",
                         source=src, flags=rflags,
                         chart=bar_chart(fig_t.rename(columns={"slq": "Location quotient"}), category=cat, value="Location quotient", unit="above 1 = specialised"),
                         notes=["A quotient above 1 means the region's share of the activity exceeds the nation's."]))
    if reg["method"] in DELTA_METHODS:
        ds = delta_sensitivity(tab, ev, deltas=list(reg["deltas"]), method=reg["method"], region=reg["region"])
        wide = ds.multipliers.copy()
        wide.columns = [f"δ = {d:g}" for d in wide.columns]
        wide.insert(0, "National", ds.national.reindex(wide.index).to_numpy())
        wide = wide.rename_axis("industry").reset_index().sort_values("National", ascending=False, kind="stable")
        sec.add(ReportTable(key="regional_delta_sensitivity", title=f"Regional output multipliers of {reg['region']} by δ ({reg['method'].upper()})",
                            df=wide.reset_index(drop=True), source=src, unit="per unit of final demand", annex=True,
                            headers={"industry": "Industry"}, decimals={c: 2 for c in wide.columns if c != "industry"}, flags=rflags,
                            notes=["Flegg's δ is usually 0.1-0.4 (Flegg & Tohmo 2013); a higher δ means more purchases from outside the region."]))
        top = list(wide["industry"].head(8))
        long = (ds.multipliers.loc[top].rename_axis("industry").reset_index()
                .melt(id_vars="industry", var_name="delta", value_name="multiplier"))
        sec.add(ReportFigure(key="regional_delta_sensitivity", title=f"Regional output multipliers against δ, {reg['region']}",
                             chart=line_chart(long, x="delta", y="multiplier", color="industry", unit="per unit of final demand",
                                              y_title="Regional output multiplier", color_title="Industry", x_title="Flegg's δ"),
                             source=src, flags=rflags,
                             notes=["The eight industries with the largest national output multipliers; all industries are in the annex table."]))
    if reg.get("two_region", True):
        tr = two_region_model(tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
        t2 = tidy(tr)
        num = [c for c in t2.columns if pd.api.types.is_float_dtype(t2[c])]
        u2 = {c: ("%" if c.endswith("_pct") else "output per unit of final demand") for c in num}
        sec.add(ReportTable(key="regional_two_region", title=f"Two-region model: {reg['region']} and the rest of the country",
                            df=t2, source=src, units=u2, annex=True, decimals={c: 2 for c in num}, flags=rflags,
                            notes=["Interregional coefficients here are the national coefficients not supplied within the region; "
                                   "they come from the same LQ estimate, not from observed interregional trade (Miller & Blair 2009, ch. 3)."]))
        sec.add(ReportFigure(key="regional_two_region", title=f"Intraregional, feedback and spillover effects, {reg['region']}",
                             chart=two_region_effects_chart(tr, source=src), source=src, flags=rflags))
    else:
        sec.add("The two-region model (the region and the rest of the country) is not built. It needs interregional trade "
                "coefficients; Kazakhstan records no trade between regions, so they could only be the same location-quotient "
                "estimate again, and the regional seed study concluded for this reason that a reliable interregional model "
                "cannot be built. Set [regional] two_region = true to build it anyway.")


def regional_keysectors(ctx: BuildContext, sec: ReportSection) -> None:
    reg = ctx.study.get("regional")
    _r, _ev, rt, _flags_, _source = _regionalization(ctx)
    sec.flags += list(rt.flags)
    sec.badge = badge_of(rt.flags)
    sec.intro = (f"The key-sector analysis of the regional seed study on the regionalized table of {reg['region']} "
                 f"({rt.n} industries).")
    keysector_blocks(ctx, sec, rt, scope="regional", where=reg["region"])


# --------------------------------------------------------------------------- clusters
def clusters(ctx: BuildContext, sec: ReportSection) -> None:
    cl = ctx.study.get("clusters")
    which = {"both": ["national", "regional"], "national": ["national"], "regional": ["regional"]}[cl["table"]]
    if "regional" in which and not ctx.study.has("regional"):
        which.remove("regional")
    sec.intro = ("Feser, Sweeney & Renski (2005): the linkage matrix L (for each pair of industries, the largest correlation "
                 "of their purchase and sales patterns) is factor-analysed with principal components, Kaiser's rule "
                 f"(eigenvalue ≥ 1) and varimax rotation; industries with rotated loadings above {cl['threshold']:g} form a "
                 "cluster, named here after its two highest-loading industries.")
    for scope in which:
        if scope == "national":
            tab = inp.national_table(ctx)
            where = "the nation"
        else:
            tab = _regionalization(ctx)[2]
            where = ctx.study.get("regional")["region"]
        src = inp.table_source(tab)
        flags = _flags(tab)
        sec.flags += [f for f in flags if f not in sec.flags]
        sec.badge = badge_of(sec.flags)
        ca = ClusterAnalysis(threshold=cl["threshold"], exclude=list(cl["exclude"]), exclude_from="membership",
                             drop_constant=True).fit(tab)
        fac = ca.factors.copy()
        t = ca.table
        kmax = cl["max_factors"] or len(fac)
        named = {}
        for f in fac["factor"]:
            mem = t[(t["factor"] == f) & t["member"]]
            named[f] = cluster_name(mem) if len(mem) else "(no member above the threshold)"
        fac.insert(1, "name", fac["factor"].map(named))
        for c in ("variance_share", "cumulative_share", "rotated_variance_share"):
            fac[c] = 100 * fac[c]
        show = fac[["factor", "name", "eigenvalue", "variance_share", "cumulative_share", "n_members"]]
        sec.add(ReportTable(key=f"clusters_{scope}_factors", title=f"Clusters of {where}: retained factors of the linkage matrix", df=show,
                            source=src, units={"eigenvalue": "", "variance_share": "%", "cumulative_share": "%",
                                               "n_members": "industries"},
                            headers={"factor": "Factor", "name": "Cluster (two highest-loading industries)", "eigenvalue": "Eigenvalue",
                                     "variance_share": "Share of the trace", "cumulative_share": "Cumulative", "n_members": "Members"},
                            decimals={"eigenvalue": 2, "variance_share": 1, "cumulative_share": 1}, flags=flags))
        over = fac["cumulative_share"].iloc[-1] > 100
        sec.add(f"{where[:1].upper() + where[1:]}: {len(fac)} factors have an eigenvalue of at least 1 and together account for "
                f"{fac['cumulative_share'].iloc[-1]:.0f}% of the trace of L" + (" (more than 100% because other eigenvalues are negative)" if over else "")
                + f". The largest, '{named[fac['factor'].iloc[0]]}' "
                f"(eigenvalue {fac['eigenvalue'].iloc[0]:.2f}, {fac['variance_share'].iloc[0]:.0f}% of the trace), has "
                f"{int(fac['n_members'].iloc[0])} members.")
        if scope == "national":
            ctx.highlight(sec.key, f"{int((fac['n_members'] > 0).sum())} clusters in the nation; the largest is '{named[fac['factor'].iloc[0]]}' "
                                   f"with {int(fac['n_members'].iloc[0])} industries (table 'Clusters of the nation').")
        ev_all = pd.Series(getattr(ca, "eigenvalues_", []), dtype=float)
        lo = pd.Series(t["loading"], dtype=float)
        n_neg, n_big = int((ev_all < -1e-9).sum()), int((lo.abs() > 1 + 1e-9).sum())
        if n_neg or n_big:
            parts = ([f"{n_neg} of its {len(ev_all)} eigenvalues are negative (smallest {ev_all.min():.2f})"] if n_neg else []) + \
                    ([f"{n_big} rotated loadings exceed 1 in absolute value"] if n_big else [])
            sec.add(f"{where[:1].upper() + where[1:]}: L is a matrix of maximum correlations, not the correlation matrix of observed "
                    f"variables, so it need not be positive semi-definite: {' and '.join(parts)}. Eigenvalue shares are therefore "
                    "shares of the trace, not of a variance, and loadings are weights rather than correlations; membership "
                    "(a loading above the threshold) is read as usual (Feser, Sweeney & Renski 2005).")
        sec.add(ReportFigure(key=f"clusters_{scope}_scree", title=f"Scree plot of the linkage matrix, {where}",
                             chart=ca.scree_chart(title=f"Scree plot, {where}", source=src), source=src, flags=flags,
                             notes=["Components above the dashed line (eigenvalue 1) are retained."]))
        rows = []
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if len(mem):
                rows.append((int(f), named[f], "; ".join(f"{i} ({v:.2f})" for i, v in zip(mem["industry"], mem["loading"]))))
        # cluster name -> member industries, read by the opportunities section's bridge by cluster; an industry
        # that is a member of several clusters goes to the one where its loading is highest
        mem_all = t[t["member"] & t["factor"].isin(list(fac["factor"])[:kmax])]
        best = mem_all.loc[mem_all.groupby("industry")["loading"].idxmax()]
        ctx.cache[f"cluster_members:{scope}"] = {named[f]: list(g["industry"]) for f, g in best.groupby("factor", sort=True)}
        if rows:
            sec.add(ReportTable(key=f"clusters_{scope}_members", title=f"The {len(rows)} largest clusters of {where} and their members",
                                df=pd.DataFrame(rows, columns=["factor", "name", "members"]), source=src, flags=flags,
                                headers={"factor": "Factor", "name": "Cluster", "members": "Members (rotated loading)"},
                                notes=["Industries with a loading above the threshold, highest first (the regional seed's Tables 4-6)."]))
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if mem.empty:
                continue
            ev = float(fac.loc[fac["factor"] == f, "eigenvalue"].iloc[0])
            sec.add(ReportTable(key=f"clusters_{scope}_factor_{int(f)}",
                                title=f"Cluster '{named[f]}', {where} (factor {int(f)}, eigenvalue {ev:.2f})",
                                df=mem[["industry", "loading"]].reset_index(drop=True), source=src,
                                units={"loading": "rotated factor loading"}, headers={"industry": "Industry", "loading": "Loading"},
                                decimals={"loading": 2}, flags=flags, max_rows=40, annex=True))
