"""Report sections on input-output tables: national structure, key sectors, regional
structure, regional key sectors, clusters. Each calls the families and lays out results."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd

from . import _inputs as inp
from ._model import ReportFigure, ReportSection, ReportTable, slug
from .build import BuildContext, Unavailable, need, tidy
from .figures import bar_chart

_FLAG_EST = "estimated (location-quotient regionalization)"


def _call(fn, *args, **kwargs):
    """Call ``fn`` with only the keyword arguments it accepts."""
    try:
        params = inspect.signature(fn).parameters
    except (TypeError, ValueError):  # pragma: no cover
        return fn(*args, **kwargs)
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        return fn(*args, **kwargs)
    return fn(*args, **{k: v for k, v in kwargs.items() if k in params})


def _flags(tab) -> list[str]:
    return [str(f) for f in getattr(tab, "flags", ()) or ()]


def _relabel(df: pd.DataFrame, ctx: BuildContext, cols=("sector", "industry")) -> pd.DataFrame:
    lab = inp.labels_map(ctx)
    if not lab:
        return df
    df = df.copy()
    for c in cols:
        if c in df.columns:
            df.insert(df.columns.get_loc(c) + 1, "name", df[c].map(lambda s: lab.get(str(s), "")))
            break
    return df


# ----------------------------------------------------------------- national / key sectors
def _structure_table(tab, key: str, title: str, source: str) -> ReportTable:
    df = pd.DataFrame({"industry": tab.industries, "output": tab.x.to_numpy(), "final_demand": tab.y.to_numpy()})
    units = {}
    ex = [c for c in tab.role("exports") if c in tab.Y.columns]
    if ex:
        df["exports"] = tab.Y[ex].sum(axis=1).to_numpy()
    if tab.satellite is not None:
        emp = tab.role("employment")
        for r in (emp or list(tab.satellite.index[:1])):
            if r in tab.satellite.index:
                df[str(r)] = tab.satellite.loc[r].to_numpy()
                units[str(r)] = "" if "(" in str(r) else "persons (as in the table)"
    return ReportTable(key=key, title=title, df=df, source=source, unit=tab.unit, units=units,
                       notes=["Output, final demand and exports as given in the table (no computation)."],
                       flags=_flags(tab))


def _col(df: pd.DataFrame, *cands) -> str | None:
    for c in cands:
        if c in df.columns:
            return c
    return None


def _keysectors(tab, io, **kw):
    key_sectors = need("leontief", "key_sectors")
    return key_sectors(tab, backward=io["backward"], forward=io["forward"], **kw)


def keysector_blocks(ctx: BuildContext, sec: ReportSection, tab, *, scope: str, where: str) -> None:
    """Multipliers, Rasmussen table, quadrant figure and oriented tables (seed Tables 1-6)."""
    io = ctx.study.get("io")
    src = inp.table_source(tab)
    exclude = [e for e in io.get("exclude", []) if e in set(tab.industries)]
    missing = [e for e in io.get("exclude", []) if e not in set(tab.industries)]
    flags = _flags(tab)
    # multipliers
    try:
        multipliers = need("leontief", "multipliers")
        m = tidy(multipliers(tab, type=io["multipliers"]), "sector")
        units = {c: "per unit of final demand" for c in m.columns if c not in ("sector",)}
        if "output" in m.columns:
            units["output"] = f"{tab.unit or 'currency'} of output per {tab.unit or 'currency'} of final demand"
        if "employment" in m.columns:
            units["employment"] = "employment per unit of final demand (employment unit / currency unit)"
        sec.add(ReportTable(key=f"{scope}_multipliers", title=f"Type {io['multipliers']} multipliers, {where}",
                            df=_relabel(m, ctx), source=src, units=units,
                            decimals={c: 4 for c in m.columns if c != "sector" and pd.api.types.is_float_dtype(m[c])},
                            notes=["Output multiplier: column sum of the Leontief inverse (Miller & Blair 2009, eq. 6.4); "
                                   "value-added, income and employment multipliers weight it by the direct coefficients."],
                            flags=flags))
    except Unavailable as exc:
        sec.notes.append(f"Multipliers: not available in this version (needs {exc}).")
    # Rasmussen linkages with CVs and the four-way classification (no filter)
    ks = _keysectors(tab, io)
    df = ks.table.copy()
    bw, fw = ks.backward_column, ks.forward_column
    cvs = []
    if "rasmussen" in (io["backward"], io["forward"]):
        try:
            lk = tidy(need("leontief", "linkages")(tab, "rasmussen"), "sector")
            for side in ("backward", "forward"):
                c = f"rasmussen_{side}_cv"
                if io[side] == "rasmussen" and c in lk.columns:
                    df[c] = df["sector"].map(dict(zip(lk["sector"], lk[c])))
                    cvs.append(c)
        except Unavailable:
            pass
    df = _relabel(df, ctx)
    dec = {c: 2 for c in (bw, fw, *cvs)}
    units = {bw: "index, mean = 1" if io["backward"] == "rasmussen" else "", fw: "index, mean = 1" if io["forward"] == "rasmussen" else ""}
    units.update({c: "coefficient of variation" for c in cvs})
    cols = [c for c in ["sector", "name", bw, fw, *cvs, "class"] if c in df.columns]
    sec.add(ReportTable(key=f"{scope}_linkages", title=f"Backward and forward linkages of every sector, {where}",
                        df=df[cols], source=src, units=units, decimals=dec, flags=flags,
                        notes=[f"Backward: {io['backward']}; forward: {io['forward']}. Class (measures divided by their mean): "
                               "key (both above 1), backward-oriented, forward-oriented, weak (Miller & Blair 2009, sec. 12.2.4)."]))
    key = df[df["class"] == "key"]
    names = list(key["sector"].astype(str))
    ctx.highlight(sec.key, f"Key sectors of {where} ({io['backward'].replace('_', '-').capitalize()} linkages): "
                  + (", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "") if names else "none") + ".")
    sec.add(ReportTable(key=f"{scope}_key_sectors", title=f"Key sectors of {where} by {io['backward'].capitalize()}'s method",
                        df=key[[c for c in ["sector", "name", bw, fw] if c in key.columns]].reset_index(drop=True),
                        source=src, units=units, decimals=dec, flags=flags,
                        notes=["Sectors with backward and forward linkages above the average (the seed study's Tables 1 and 4)."]))
    # quadrant chart
    try:
        quadrant_chart = need("leontief", "quadrant_chart")
        chart = _call(quadrant_chart, ks, title=f"Key sectors of {where}", source=src)
        sec.add(ReportFigure(key=f"{scope}_quadrant", title=f"Key sectors of {where}: backward against forward linkages",
                             chart=chart, source=src, flags=flags,
                             notes=["Upper right: key sectors; upper left: forward-oriented (FLOS); "
                                    "lower right: backward-oriented (BLOS); lower left: weak (WOS)."]))
    except Unavailable as exc:
        sec.notes.append(f"Quadrant figure: not available in this version (needs {exc}).")
    # oriented sectors with a relatively low CV, local-serving sectors excluded (seed Tables 2-3, 5-6)
    cv = None if io["cv"] == "none" else io["cv"]
    if cv is not None and "rasmussen" not in (io["backward"], io["forward"]):
        cv = None
    ko = _keysectors(tab, io, cv_filter=cv, exclude=exclude)
    dfo = _relabel(ko.table, ctx)
    rule = ("no CV filter" if cv is None else
            ("CV at or below the median CV" if cv == "median" else f"CV at or below {float(cv):g}"))
    excl = f" Local-serving sectors left out: {', '.join(exclude)}." if exclude else ""
    if missing:
        excl += f" (Not in this table, so not excluded: {', '.join(missing)}.)"
    for side, val in (("backward", bw), ("forward", fw)):
        cvc = f"rasmussen_{side}_cv"
        t = dfo.loc[dfo["class"] == side, [c for c in ["sector", "name", val, cvc] if c in dfo.columns]]
        t = t.sort_values(val, ascending=False, kind="stable").reset_index(drop=True)
        sec.add(ReportTable(key=f"{scope}_{side}_oriented",
                            title=f"{side.capitalize()}-linkage-oriented sectors of {where} (strong {side} linkage, relatively low CV)",
                            df=t, source=src, units={**units, cvc: "coefficient of variation"}, decimals={**dec, cvc: 2}, flags=flags,
                            notes=[f"Class '{side}' of the classification with {rule}.{excl} (seed Tables 2-3 and 5-6)."]))


def national(ctx: BuildContext, sec: ReportSection) -> None:
    tab = inp.national_table(ctx)
    sec.intro = (f"{tab.name}: {tab.n} industries, values in {tab.unit or 'the unit of the table'}. "
                 "Multipliers, Rasmussen-Hirschman linkages with Hazari's coefficients of variation, and the key-sector quadrants.")
    sec.flags += _flags(tab)
    sec.add(_structure_table(tab, "national_structure", f"Output, final demand and exports by industry, {tab.name}", inp.table_source(tab)))
    keysector_blocks(ctx, sec, tab, scope="national", where="the nation")


# ------------------------------------------------------------------------- regional
def _regionalization(ctx: BuildContext):
    def run():
        reg = ctx.study.get("regional")
        tab = inp.national_table(ctx)
        emp, flags, source = inp.employment(ctx)
        employment_vectors = need("regional", "employment_vectors")
        regionalize = need("regional", "regionalize")
        ev = _call(employment_vectors, emp, reg["region"], industries=list(tab.industries), unmatched="raise")
        r = _call(regionalize, tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
        rt = r.io_table
        new_flags = tuple(dict.fromkeys([*rt.flags, *[f"regional employment: {f}" for f in flags], _FLAG_EST]))
        import dataclasses

        rt = dataclasses.replace(rt, flags=new_flags,
                                 name=rt.name or f"{reg['region']} ({reg['method'].upper()})",
                                 source=f"{inp.table_source(tab)}; regional employment: {source}")
        ctx.log.info(f"regionalized for {reg['region']}: {rt.n} of {tab.n} industries kept, dropped {list(r.dropped)}")
        return r, ev, rt, flags, source

    return ctx.once("regionalization", run)


def regional(ctx: BuildContext, sec: ReportSection) -> None:
    reg = ctx.study.get("regional")
    tab = inp.national_table(ctx)
    r, ev, rt, flags, source = _regionalization(ctx)
    src = f"{inp.table_source(tab)}; regional employment: {source}"
    rflags = list(rt.flags)  # national table flags + regionalization + employment flags
    sec.flags += rflags
    sec.intro = (f"The national table is regionalized for {reg['region']} with the {reg['method'].upper()} location quotient "
                 f"(δ = {reg['delta']:g}) from employment by industry: regional coefficients a^r_ij = a^n_ij·min(LQ_ij, 1); "
                 "the shortfall is bought from the rest of the country.")
    if r.dropped:
        sec.notes.append(f"{len(r.dropped)} industr{'y' if len(r.dropped) == 1 else 'ies'} with no employment in "
                         f"{reg['region']} left out of the regional table: {', '.join(map(str, r.dropped))}.")
    t = tidy(r)
    top = t.sort_values("slq", ascending=False, kind="stable").head(3) if "slq" in t.columns else t.iloc[0:0]
    if len(top):
        ctx.highlight(sec.key, f"{reg['region']} specialises most in " + ", ".join(
            f"{a} (SLQ {b:.2f})" for a, b in zip(top["industry"], top["slq"])) + ".")
    units = {c: (ev.measure if hasattr(ev, "measure") else "employment") + " (unit of the employment file)"
             for c in t.columns if c.startswith("employment")}
    units.update({c: tab.unit for c in t.columns if c.startswith("output_") and "multiplier" not in c})
    units.update({"slq": "ratio", "intraregional_input_share": "share of national input coefficients",
                  "output_multiplier_region": "per unit of final demand", "output_multiplier_national": "per unit of final demand"})
    sec.add(ReportTable(key="regional_location_quotients", title=f"Location quotients and the regionalized table, {reg['region']}",
                        df=_relabel(t, ctx), source=src, units=units,
                        decimals={"slq": 3, "intraregional_input_share": 3, "output_multiplier_region": 4, "output_multiplier_national": 4},
                        flags=rflags,
                        notes=["SLQ = (E^r_i/E^r)/(E^n_i/E^n). Regional output is national output times the region's employment share."]))
    if "slq" in t.columns:
        top = t.sort_values("slq", ascending=False, kind="stable").head(20)
        sec.add(ReportFigure(key="regional_slq", title=f"Simple location quotients of {reg['region']} (employment)", source=src, flags=rflags,
                             chart=bar_chart(top, category="industry", value="slq", unit="ratio; above 1 = specialised"),
                             notes=["The 20 industries with the highest SLQ; an SLQ above 1 means the region's share of the industry exceeds the nation's."]))
    # summary of the regional table
    sec.add(_structure_table(rt, "regional_structure", f"The regionalized table of {reg['region']}: output and final demand by industry", src))
    # delta sensitivity
    if reg["method"] in ("flq", "aflq"):
        try:
            delta_sensitivity = need("regional", "delta_sensitivity")
            ds = _call(delta_sensitivity, tab, ev, deltas=list(reg["deltas"]), method=reg["method"], region=reg["region"])
            wide = ds.multipliers.copy()
            wide.columns = [f"delta={d:g}" for d in wide.columns]
            wide.insert(0, "national", ds.national.reindex(wide.index).to_numpy())
            wide = wide.rename_axis("industry").reset_index()
            sec.add(ReportTable(key="regional_delta_sensitivity", title=f"Regional output multipliers of {reg['region']} by δ ({reg['method'].upper()})",
                                df=_relabel(wide, ctx), source=src, unit="per unit of final demand",
                                decimals={c: 4 for c in wide.columns if c != "industry"}, flags=rflags,
                                notes=["Flegg's δ is usually 0.1-0.4 (Flegg & Tohmo 2013); higher δ means more purchases from outside the region."]))
            if hasattr(ds, "chart"):
                sec.add(ReportFigure(key="regional_delta_sensitivity", title=f"Regional output multipliers against δ, {reg['region']}",
                                     chart=ds.chart(), source=src, flags=rflags))
        except Unavailable as exc:
            sec.notes.append(f"δ sensitivity: not available in this version (needs {exc}).")
    # two-region model
    if reg.get("two_region", True):
        try:
            two_region_model = need("regional", "two_region_model")
            tr = two_region_model(tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
            t2 = tidy(tr)
            num = [c for c in t2.columns if pd.api.types.is_float_dtype(t2[c])]
            u2 = {c: ("%" if c.endswith("_pct") else tab.unit if c in ("output", "final_demand", "x", "f") else "output per unit of final demand")
                  for c in num}
            sec.add(ReportTable(key="regional_two_region", title=f"Two-region model: {reg['region']} and the rest of the country",
                                df=_relabel(t2, ctx), source=src, units=u2,
                                decimals={c: (1 if u2[c] == "%" else 0 if u2[c] == tab.unit else 4) for c in num}, flags=rflags,
                                notes=["Output effects of one unit of final demand for each industry: inside its own region (intraregional), "
                                       "in the other region (spillover) and back through the other region (feedback); "
                                       "interregional coefficients are the national coefficients not supplied within the region "
                                       "(Miller & Blair 2009, ch. 3; Round 1978)."]))
            try:
                chart_fn = need("regional", "two_region_effects_chart")
                sec.add(ReportFigure(key="regional_two_region", title=f"Intraregional, feedback and spillover effects, {reg['region']}",
                                     chart=_call(chart_fn, tr, source=src), source=src, flags=rflags))
            except Unavailable:
                pass
        except Unavailable as exc:
            sec.notes.append(f"Two-region model: not available in this version (needs {exc}).")


def regional_keysectors(ctx: BuildContext, sec: ReportSection) -> None:
    reg = ctx.study.get("regional")
    if not ctx.study.has("io"):
        raise Unavailable("an [io] table")
    _r, _ev, rt, flags, _source = _regionalization(ctx)
    sec.flags += list(rt.flags)
    sec.intro = (f"The key-sector analysis of the seed study on the regionalized table of {reg['region']} "
                 f"({rt.n} industries). Local-serving sectors named in [io] exclude are left out of the oriented tables.")
    keysector_blocks(ctx, sec, rt, scope="regional", where=reg["region"])


# --------------------------------------------------------------------------- clusters
def clusters(ctx: BuildContext, sec: ReportSection) -> None:
    cl = ctx.study.get("clusters")
    ClusterAnalysis = need("clusters", "ClusterAnalysis")
    which = {"both": ["national", "regional"], "national": ["national"], "regional": ["regional"]}[cl["table"]]
    if "regional" in which and not ctx.study.has("regional"):
        which.remove("regional")
    sec.intro = ("Feser, Sweeney & Renski (2005): the linkage matrix of purchase and sales patterns is factor-analysed "
                 f"(principal components, Kaiser's rule, varimax); industries with rotated loadings above {cl['threshold']:g} form a cluster.")
    for scope in which:
        if scope == "national":
            tab = inp.national_table(ctx)
            where = "the nation"
        else:
            _r, _ev, tab, _f, _s = _regionalization(ctx)
            where = ctx.study.get("regional")["region"]
        src = inp.table_source(tab)
        flags = _flags(tab)
        for f in flags:
            if f not in sec.flags:
                sec.flags.append(f)
        ca = _call(ClusterAnalysis, threshold=cl["threshold"], exclude=list(cl["exclude"]), exclude_from="membership",
                   drop_constant=True).fit(tab)
        if getattr(ca, "dropped_", None):
            sec.notes.append(f"{where}: industries with constant purchase or sales patterns left out: {', '.join(map(str, ca.dropped_))}.")
        fac = ca.factors.copy()
        kmax = cl["max_factors"] or len(fac)
        sec.add(ReportTable(key=f"clusters_{scope}_factors", title=f"Factors of the linkage matrix, {where}", df=fac,
                            source=src, units={"eigenvalue": "eigenvalue of L", "variance_share": "share of total variance",
                                               "cumulative_share": "share of total variance", "rotated_variance_share": "share of total variance",
                                               "n_members": "industries"},
                            decimals={"eigenvalue": 3, "variance_share": 3, "cumulative_share": 3, "rotated_variance_share": 3},
                            flags=flags, notes=["Eigenvalue of L before rotation (Kaiser's rule); variance share = eigenvalue / number of industries."]))
        sec.add(ReportFigure(key=f"clusters_{scope}_scree", title=f"Scree plot of the linkage matrix, {where}",
                             chart=ca.scree_chart(title=f"Scree plot, {where}", source=src), source=src, flags=flags,
                             notes=["Components above the dashed line (eigenvalue 1) are retained."]))
        if len(fac):
            first = str(fac["members"].iloc[0]).split("; ")
            ctx.highlight(sec.key, f"{len(fac)} cluster(s) in {where}; the largest (eigenvalue {float(fac['eigenvalue'].iloc[0]):.2f}) "
                                   f"groups {', '.join(first[:6])}{' …' if len(first) > 6 else ''}.")
        t = ca.table
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if mem.empty:
                continue
            ev = float(fac.loc[fac["factor"] == f, "eigenvalue"].iloc[0])
            sec.add(ReportTable(key=f"clusters_{scope}_factor_{int(f)}", title=f"Cluster {int(f)} of {where}: industries with loading above {cl['threshold']:g} (eigenvalue {ev:.2f})",
                                df=_relabel(mem[["industry", "loading"]].reset_index(drop=True), ctx), source=src,
                                units={"loading": "rotated factor loading"}, decimals={"loading": 4}, flags=flags, max_rows=40,
                                notes=["As the seed study's cluster tables (e.g. 'Metalworking'); name the cluster from its members."]))
