"""Report sections on trade flows, export survival and global value chains.

Every number comes from ``valuechain.trade`` or ``valuechain.gvc``; this module only
selects, reshapes (pivots), rescales to readable units and labels their tidy results, and
draws generic charts of them.
"""

from __future__ import annotations

import pandas as pd

from .._data import shared_data_dir
from ..errors import ValidationError
from ..gvc import (
    GVC_METHODS,
    bm_decomposition,
    decomposition,
    decomposition_chart,
    fva_sources_chart,
    kww_decomposition,
    participation_chart,
    tiva_indicators,
)
from ..trade import DEFAULT_GROUPS, Groups, expy, load_groups, rca, trade_totals
from ..complexity import economic_complexity
from ..tables.trade import read_flows
from ..survival import survival_analysis
from ..trade.diagnostic import trade_diagnostic
from . import _inputs as inp
from ._builtins import load_builtin
from ._context import BuildContext
from ._model import ReportFigure, ReportSection, ReportTable
from ._sections_io import badge_of
from .figures import bar_chart, line_chart, share_chart, step_chart

__all__ = ["trade", "survival", "gvc"]

_BN = {"usd": 1e-9, "thousand usd": 1e-6, "million usd": 1e-3}
_MARGINS = {"intensive": "Intensive margin", "new_products": "New products", "new_markets": "New markets",
            "new_products_old_markets": "New products, existing markets", "old_products_new_markets": "Existing products, new markets",
            "new_products_new_markets": "New products, new markets", "exits": "Exits", "total": "Total"}


# ------------------------------------------------------------------------- helpers
def _groups(ctx: BuildContext):
    tr = ctx.study.get("trade")
    sectors, dests = tr.get("sectors"), tr.get("destinations")
    if sectors is None and dests is None:
        return DEFAULT_GROUPS, "the trade seed's groups"
    parts = {}
    for key, val, default in (("sectors", sectors, DEFAULT_GROUPS.sectors), ("destinations", dests, DEFAULT_GROUPS.destinations)):
        if val is None:
            parts[key] = {n: list(c) for n, c in default}
        elif isinstance(val, dict):
            parts[key] = val
        else:  # a file
            parts[key] = {n: list(c) for n, c in getattr(load_groups(val), key)}
    return Groups.from_mapping(parts), "groups of the study file"


def _scale(unit: str) -> tuple[float, str]:
    """(factor, unit) showing values of ``unit`` in bn USD where it is a USD unit."""
    f = _BN.get((unit or "").strip().lower())
    return (f, "bn USD") if f else (1.0, unit or "value unit of the flows")


def _years_arg(years):
    return (min(years), max(years)) if years else None


def _display_years(years) -> list[int]:
    ys = sorted(set(int(y) for y in years))
    return ys if len(ys) <= 3 else [ys[0], ys[len(ys) // 2], ys[-1]]


def _periods(years) -> list[tuple[int, int]] | None:
    ys = _display_years(years)
    if len(ys) < 2:
        return None
    return [(a, b) for a, b in zip(ys[:-1], ys[1:])] + ([(ys[0], ys[-1])] if len(ys) > 2 else [])


def _wide_composition(levels: pd.DataFrame, growth: pd.DataFrame, factor: float, unit: str, what: str):
    """Trade seed Tables 1-2 layout: value by year, share by year, CAGR by period (one row per group)."""
    ys = _display_years(levels["year"].unique())
    lv = levels[levels["year"].isin(ys)]
    last = lv[lv["year"] == ys[-1]].set_index("group")["value"]
    order = sorted(dict.fromkeys(levels["group"]), key=lambda g: (g == "Total", -float(last.get(g, 0.0))))
    val = lv.pivot_table(index="group", columns="year", values="value", aggfunc="sum").reindex(order)
    sh = lv.pivot_table(index="group", columns="year", values="share", aggfunc="sum").reindex(order)
    out = pd.DataFrame({what: order})
    units, dec = {}, {}
    for y in ys:
        c = f"Exports {y}"
        out[c] = (val[y].to_numpy() if y in val.columns else float("nan")) * factor
        units[c], dec[c] = unit, 2
    for y in ys:
        c = f"Share {y}"
        out[c] = sh[y].to_numpy() if y in sh.columns else float("nan")
        units[c], dec[c] = "% of total", 1
    if growth is not None and len(growth):
        for (a, b), g in growth.groupby(["start", "end"], sort=False):
            c = f"Growth {a}-{b}"
            out[c] = out[what].map(dict(zip(g["group"], g["cagr"]))).to_numpy()  # percent (trade.cagr)
            units[c], dec[c] = "% a year", 1
    return out, units, dec


def _src(source: str) -> str:
    return source or "trade flows of the study"


# --------------------------------------------------------------------------- trade
def _diagnostic(ctx: BuildContext, flows, country, years, groups, ys):
    """The trade family's one pipeline (:func:`valuechain.trade.diagnostic.trade_diagnostic`), run once."""
    tr = ctx.study.get("trade")

    def run():
        bil = None
        if tr.get("partners"):
            ps = tr["partners"]
            kw = {"con": inp.con(ctx)} if inp.con(ctx) is not None else {}
            bil = read_flows([str(p) for p in ps] if len(ps) > 1 else str(ps[0]), **kw)
            ctx.add_input("bilateral trade flows", ", ".join(inp.display_path(p) for p in ps))
        gdp = pd.read_csv(tr["gdp"]) if tr.get("gdp") is not None else None
        classes = None if isinstance(tr.get("lall"), bool) else pd.read_csv(tr["lall"], dtype=str)
        diag = trade_diagnostic(flows, country=country, groups=groups, periods=_periods(ys), years=years, bilateral=bil,
                                gdp=gdp, gdp_scale=tr["gdp_scale"], lall=tr.get("lall") is not False, lall_classes=classes,
                                hs_revision=tr.get("hs_revision") or None, con=inp.con(ctx), data_dir=shared_data_dir())
        return diag, bil

    return ctx.once("trade_diagnostic", run)


def trade(ctx: BuildContext, sec: ReportSection) -> None:
    tr = ctx.study.get("trade")
    flows, flags, source, unit0 = inp.flows(ctx, "trade")
    country = inp.country(ctx, "trade")
    cname = inp.country_name(country)
    years = _years_arg(tr.get("years"))
    unit = tr.get("unit") or getattr(flows, "unit", "") or unit0
    factor, bunit = _scale(unit)
    src = _src(source or getattr(flows, "source", ""))
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    tot_all = trade_totals(flows, years=years)
    tot = tot_all[tot_all["country"] == country]
    if tot.empty:
        raise ValidationError(f"[trade] country = {country!r} has no exports in the flows; check the country code (ISO3) and the years")
    ys = sorted(int(y) for y in tot["year"].unique())
    groups, gnote = _groups(ctx)
    diag, bil = _diagnostic(ctx, flows, country, years, groups, ys)
    T = diag.tables
    ctx.add_status(f"Exports of {cname} by product", "synthetic" if flags else "real", src,
                   ", ".join(map(str, ys)), "all products, exports to the world")
    t_show = pd.DataFrame({"year": T["totals"]["year"].astype(int), "exports": T["totals"]["exports"] * factor})
    sec.intro = (f"Exports of {cname} ({', '.join(map(str, ys))}): composition by sector and destination, diversification and "
                 "technology content, as in the World Bank Trade Competitiveness Diagnostic. Values in " + bunit + ".")
    sec.add(ReportTable(key="trade_exports_by_year", title=f"Exports of {cname} by year", df=t_show, source=src,
                        units={"exports": bunit}, headers={"year": "Year", "exports": "Exports"}, decimals={"exports": 2}))
    if len(ys) > 1:
        sec.add(f"Exports were {t_show['exports'].iloc[0]:,.1f} {bunit} in {ys[0]} and {t_show['exports'].iloc[-1]:,.1f} {bunit} in {ys[-1]}.")
    if "openness" in T:
        o = T["openness"]
        sec.add(ReportTable(key="trade_openness", title=f"Trade openness of {cname}", df=o[["year", "openness"]], source=f"{src}; GDP: {inp.display_path(tr['gdp'])}",
                            units={"openness": "% of GDP"}, headers={"year": "Year", "openness": "Openness"}, decimals={"openness": 1},
                            notes=["Openness = (exports + imports) / GDP; exports / GDP where the flows hold no imports."]))
        if o["year"].nunique() > 1:
            sec.add(ReportFigure(key="trade_openness", title=f"Trade openness of {cname}", source=src,
                                 chart=line_chart(o, x="year", y="openness", unit="% of GDP", y_title="Openness")))
    growth = T["composition_growth"]
    lv = T["composition_sector"]
    ly = int(lv["year"].max())
    lsec = lv[(lv["year"] == ly) & (lv["group"] != "Total")].sort_values("share", ascending=False, kind="stable").head(3)
    ctx.highlight(sec.key, f"Exports of {cname} in {ly}: " + ", ".join(f"{g} {v:.1f}%" for g, v in zip(lsec["group"], lsec["share"]))
                  + " of the total (table 'Exports by sector').")
    wide, units, dec = _wide_composition(lv, growth[growth["dimension"] == "sector"], factor, bunit, "Sector")
    sec.add(ReportTable(key="trade_exports_by_sector", title=f"Exports of {cname} by sector", df=wide, source=src,
                        units=units, decimals=dec, notes=[f"Sectors: {gnote}. Growth: compound annual growth rate."]))
    if lv["year"].nunique() > 1:
        sec.add(ReportFigure(key="trade_sector_shares", title=f"Sector shares of the exports of {cname}", source=src,
                             chart=share_chart(lv[lv["group"] != "Total"], x="year", share="share", group="group", unit="% of exports",
                                               group_title="Sector")))
    bil_src = _src(tr.get("source") or getattr(bil, "source", "")) if bil is not None else src
    _destinations(ctx, sec, diag, cname, gnote, factor, bunit, bil_src)
    div = T["counts"][["year", "n_products"]].merge(
        T["concentration"].loc[T["concentration"]["dimension"] == "product", ["year", "hhi", "top_share"]], on="year", how="left")
    div["top_share"] = 100 * div["top_share"]
    sec.add(ReportTable(key="trade_concentration", title=f"Diversification of the exports of {cname} by product", df=div, source=src,
                        units={"n_products": "HS6 products", "hhi": "index 0-1", "top_share": "% of exports"},
                        headers={"year": "Year", "n_products": "Products exported", "hhi": "Product HHI", "top_share": "Top-5 products"},
                        decimals={"n_products": 0, "hhi": 3, "top_share": 1},
                        notes=["HHI = sum of squared product shares; the peer section compares it with other exporters."]))
    if "margins" in T:
        _margins(sec, T["margins"], cname, factor, bunit, src)
    if "lall" in T:
        _lall(ctx, sec, T["lall"], cname, src)
    _rca_expy_eci(ctx, sec, flows, country, cname, years, src, tot_all)


def _destinations(ctx, sec, diag, cname, gnote, factor, bunit, bil_src) -> None:
    T = diag.tables
    if "composition_destination" not in T:
        sec.add("Exports by destination are not shown: the flows have no partner; give bilateral flows in [trade] partners.")
        return
    cov = T["coverage"]
    last = cov.iloc[-1]
    y = int(last["year"])
    full = bool(last["coverage"] >= 99.5)
    ctx.add_status(f"Exports of {cname} by destination", "real" if full else "real, partial", bil_src, str(y),
                   f"{last['coverage']:.1f}% of total exports ({last['bilateral_exports'] * factor:,.1f} of "
                   f"{last['total_exports'] * factor:,.1f} {bunit})")
    lvd = T["composition_destination"]
    growth = T["composition_growth"]
    wide, units, dec = _wide_composition(lvd, growth[growth["dimension"] == "destination"], factor, bunit, "Destination")
    for c in [c for c in wide.columns if c.startswith("Share ")]:
        units[c] = "% of the extract" if not full else "% of total"
    cov_sent = (f"The bilateral data cover {last['coverage']:.1f}% of {cname}'s exports in {y} "
                f"({last['bilateral_exports'] * factor:,.1f} of {last['total_exports'] * factor:,.1f} {bunit}): "
                + ("shares are shares of total exports." if full else
                   "shares are shares of the extract, not of total exports, and indicators that need every partner "
                   "(number of markets, market HHI, top-5 market share) are not computed; the margins of growth are by product."))
    sec.add(ReportTable(key="trade_exports_by_destination",
                        title=f"Exports of {cname} by main destination" + ("" if full else f" (extract covering {last['coverage']:.1f}% of exports)"),
                        df=wide, source=bil_src, units=units, decimals=dec, flags=[] if full else ["partial: destination extract"],
                        notes=([] if full else ["Shares are of the bilateral data (coverage in the text and the data-status table)."])
                        + [f"Destination groups: {gnote}."]))
    sec.add(cov_sent)
    lastd = lvd[(lvd["year"] == lvd["year"].max()) & (lvd["group"] != "Total")].sort_values("share", ascending=False, kind="stable")
    ctx.highlight(sec.key, f"Of the exports whose destination is held ({last['coverage']:.1f}% of the total in {y}), "
                  + ", ".join(f"{g} takes {v:.1f}%" for g, v in zip(lastd["group"].head(3), lastd["share"].head(3)))
                  + " (table 'Exports by main destination').")
    sec.add(ReportFigure(key="trade_destinations", title=f"Exports of {cname} by destination, {y}" + ("" if full else " (extract)"),
                         source=bil_src, chart=bar_chart(lastd, category="group", value="share",
                                                         unit="% of the extract" if not full else "% of exports")))
    if full:
        mc = T["concentration"][T["concentration"]["dimension"] == "market"]
        mk = T["counts"][["year", "n_markets"]].merge(mc[["year", "hhi", "top_share"]], on="year", how="left")
        mk["top_share"] = 100 * mk["top_share"]
        sec.add(ReportTable(key="trade_markets", title=f"Markets reached by {cname}", df=mk, source=bil_src,
                            units={"n_markets": "countries", "hhi": "index 0-1", "top_share": "% of exports"},
                            headers={"year": "Year", "n_markets": "Markets", "hhi": "Market HHI", "top_share": "Top-5 markets"},
                            decimals={"n_markets": 0, "hhi": 3, "top_share": 1}))


def _margins(sec, m, cname, factor, bunit, src) -> None:
    span = f", {m['base'].iloc[0]}-{m['end'].iloc[0]}" if {"base", "end"} <= set(m.columns) and len(m) else ""
    df = m[m["exporter"] == m["exporter"].iloc[0]] if "exporter" in m.columns else m
    df = df[[c for c in ["component", "value", "share"] if c in df.columns]].copy()
    df["value"] = df["value"] * factor
    df["component"] = df["component"].map(lambda c: _MARGINS.get(c, str(c).replace("_", " ").capitalize()))
    sec.add(ReportTable(key="trade_margins", title=f"Decomposition of the export growth of {cname}{span}", df=df, source=src,
                        units={"value": bunit, "share": "% of the total change"}, decimals={"value": 2, "share": 1},
                        headers={"component": "Component", "value": "Change", "share": "Share of the change"},
                        notes=["Intensive margin: the same products (to the same markets, where partners are held); extensive "
                               "margins: new products or markets; exits reduce growth. The components add up to the total."]))
    comp = df[df["component"] != "Total"]
    sec.add(ReportFigure(key="trade_margins", title=f"Export growth decomposition, {cname}{span}", source=src,
                         chart=bar_chart(comp, category="component", value="share", unit="% of the total change", sort=None)))


def _lall(ctx, sec, df, cname, src) -> None:
    hs = ctx.study.get("trade").get("hs_revision")
    ys = _display_years(df["year"].unique())
    wide = df[df["year"].isin(ys)].pivot_table(index=["tier", "label"], columns="year", values="share", aggfunc="sum", sort=False)
    wide.columns = [f"Share {y}" for y in wide.columns]
    wide = wide.reset_index()
    lsrc = f"{src}; Lall (2000) technology classes, UNCTAD variant" + (f", {hs} concordance" if hs else "")
    sec.add(ReportTable(key="trade_lall", title=f"Exports of {cname} by technology class (Lall 2000)", df=wide, source=lsrc,
                        units={c: "% of exports" for c in wide.columns if c.startswith("Share")}, headers={"tier": "Tier", "label": "Class"},
                        decimals={c: 1 for c in wide.columns if c.startswith("Share")}))
    tiers = df.groupby(["year", "tier"], as_index=False)["share"].sum()
    sec.add(ReportFigure(key="trade_lall", title=f"Technology classes of the exports of {cname} (Lall 2000)", source=lsrc,
                         chart=share_chart(tiers, x="year", share="share", group="tier", unit="% of exports", group_title="Lall tier",
                                           group_order=["Primary", "Resource-based", "Low technology", "Medium technology",
                                                        "High technology", "Unclassified"])))


def _rca_expy_eci(ctx, sec, flows, country, cname, years, src, tot) -> None:
    tr = ctx.study.get("trade")
    n_exp = tot.loc[tot["exports"].fillna(0) > 0, "country"].nunique()
    if n_exp < 5:
        what = ("the peer section counts products with RCA ≥ 1 for the peers on their own panel" if ctx.study.has("peers")
                else "give a multi-exporter panel")
        sec.add(f"Revealed comparative advantage, EXPY and the ECI need world exports by product in the same HS revision as "
                f"{cname}'s files; the flows hold {n_exp} exporter, so they are not computed here ({what}).")
        return
    r = rca(flows, country=country, years=years)
    r = r[(r["exporter"] == country) & (r["year"] == r["year"].max())]
    r = r.sort_values("rca", ascending=False, kind="stable").head(int(tr.get("top", 10)))
    sec.add(ReportTable(key="trade_top_rca", title=f"Products with the highest revealed comparative advantage, {cname}",
                        df=r[["year", "product", "rca"]].reset_index(drop=True), source=src, units={"rca": "Balassa index"},
                        headers={"year": "Year", "product": "Product (HS6)", "rca": "RCA"}, decimals={"rca": 2},
                        notes=["RCA = share of the product in the country's exports / its share in world exports (Balassa 1965)."]))
    res = economic_complexity(flows)
    c = res.countries.copy()
    last = c[c["year"] == c["year"].max()].sort_values("eci", ascending=False, kind="stable")
    last = last.assign(country=last["country"].map(inp.country_name))
    sec.add(ReportTable(key="trade_eci", title=f"Economic Complexity Index, {int(c['year'].max())}: {cname} and the other exporters of the panel",
                        df=last[[x for x in ("country", "eci", "diversity") if x in last.columns]].reset_index(drop=True), source=src,
                        units={"eci": "z-score", "diversity": "products with RCA ≥ 1"}, headers={"country": "Country", "eci": "ECI", "diversity": "Diversity"},
                        decimals={"eci": 2}, notes=["ECI by the eigenvector method (Hidalgo & Hausmann 2009)."]))
    gdp = tr.get("gdp_per_capita")
    if gdp is None:
        sec.add("EXPY (the income content of exports) needs GDP per capita by country, which the study does not give.")
        return
    if isinstance(gdp, str) and gdp.startswith("builtin:"):
        g = load_builtin(gdp.split(":", 1)[1], flows=flows)
        gsrc = g.attrs.get("source", gdp)
        ctx.add_status("GDP per capita", "synthetic", gsrc, "", "exporters of the panel")
    else:
        g = pd.read_csv(gdp)
        gsrc = inp.display_path(gdp)
    e = expy(flows, g, country=country, years=years)
    sec.add(ReportTable(key="trade_expy", title=f"EXPY: income content of the exports of {cname}", df=e[["year", "expy", "coverage"]],
                        source=f"{src}; GDP per capita: {gsrc}", units={"expy": "USD per capita (PPP)", "coverage": "share of exports with a PRODY"},
                        headers={"year": "Year", "expy": "EXPY", "coverage": "Coverage"}, decimals={"expy": 0, "coverage": 3},
                        notes=["EXPY = export-share-weighted PRODY (Hausmann, Hwang & Rodrik 2007, eq. 2)."]))


# ------------------------------------------------------------------------ survival
def survival(ctx: BuildContext, sec: ReportSection) -> None:
    sv = ctx.study.get("survival")
    flows, flags, source, _unit = inp.flows(ctx, "survival")
    country = inp.country(ctx, "survival")
    cname = inp.country_name(country)
    src = _src(source or getattr(flows, "source", ""))
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    synthetic = any("synthetic" in f.lower() for f in flags)
    ctx.add_status("Bilateral export panel (survival)", "synthetic" if synthetic else "real", src, "", "yearly exporter × importer × product")
    sec.intro = (f"Export spells of {cname}: unbroken runs of years in which a product is exported to a destination "
                 f"({'gaps of up to ' + str(sv['merge_gaps']) + ' year(s) merged' if sv['merge_gaps'] else 'any gap ends a spell'}; "
                 f"spells already active in the first year {'kept' if sv['keep_left_censored'] else 'left out'}; spells active in the "
                 "last year censored); Kaplan-Meier curves (95% bands in the annex) and log-rank tests (Besedes & Prusa 2006).")
    if synthetic:
        sec.intro += (" No yearly bilateral panel of Kazakhstan's exports is held, so this section runs on a seeded synthetic "
                      "panel: it shows the method and its outputs, and none of its numbers describes Kazakhstan.")
    groups = _groups(ctx)[0] if ctx.study.has("trade") else None
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
                ctx.highlight(sec.key, f"Export spells of {cname}: median duration {allm['median'].iloc[0]:g} years over "
                                       f"{int(allm['spells'].iloc[0])} spells.")


# ----------------------------------------------------------------------------- GVC
def gvc(ctx: BuildContext, sec: ReportSection) -> None:
    gv = ctx.study.get("gvc")
    t, flags, source, unit = inp.icio(ctx)
    t_splits = t  # processing splits kept: the standard terms below use it
    if getattr(t, "splits", ()):
        # the TiVA and detailed tables take one block per country: add the splits (flagged)
        t = t.merge_splits()
        flags = list(dict.fromkeys([*flags, "splits merged by addition (TiVA and detailed tables)"]))
    country = gv["country"]
    countries = list(t.countries)
    if country not in countries:
        raise ValidationError(f"[gvc] country = {country!r} is not a country of the inter-country table; use one of {', '.join(countries[:20])}")
    unknown = [c for c in gv["comparators"] if c not in countries]
    if unknown:
        raise ValidationError(f"[gvc] comparators {unknown} are not countries of the table; use some of {', '.join(countries[:20])}")
    src = _src(source)
    unit = unit or "value unit of the table"
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    sec.intro = (f"Value added in the exports of {country} (OECD TiVA definitions, Koopman et al. 2014, Borin & Mancini 2019) "
                 f"from the inter-country table {getattr(t, 'name', '') or ''} ({len(countries)} countries × {len(t.industries)} industries).")
    tv = tiva_indicators(t, level="country")
    ct = tv.at("country")
    show = [country, *[c for c in gv["comparators"] if c != country]]
    cols = [c for c in ["exporter", "EXGR", "EXGR_DVA", "EXGR_FVA", "DVA_FX", "EXGR_DVA_SH", "GVC_BACK", "GVC_FWD", "GVC_PART"] if c in ct.columns]
    sel = ct[ct["exporter"].isin(show if gv["comparators"] else countries)][cols].copy()
    sel["_o"] = sel["exporter"].map({c: i for i, c in enumerate(show)}).fillna(len(show))
    sel = sel.sort_values(["_o", "exporter"], kind="stable").drop(columns="_o").reset_index(drop=True)
    ratio = [c for c in ("EXGR_DVA_SH", "GVC_BACK", "GVC_FWD", "GVC_PART") if c in sel.columns]
    for c in ratio:
        sel[c] = 100 * sel[c]
    me = sel[sel["exporter"] == country]
    if len(me) and {"GVC_PART", "GVC_BACK", "GVC_FWD"} <= set(me.columns):
        ctx.highlight(sec.key, f"GVC participation of {country}: {me['GVC_PART'].iloc[0]:.1f}% of gross exports "
                               f"(backward {me['GVC_BACK'].iloc[0]:.1f}%, forward {me['GVC_FWD'].iloc[0]:.1f}%).")
    heads = {"exporter": "Exporter", "EXGR": "Gross exports", "EXGR_DVA": "Domestic value added in exports",
             "EXGR_FVA": "Foreign value added in exports", "DVA_FX": "Domestic VA in partners' exports",
             "EXGR_DVA_SH": "Domestic VA share", "GVC_BACK": "Backward participation", "GVC_FWD": "Forward participation",
             "GVC_PART": "GVC participation"}
    units = {c: ("% of gross exports" if c in ratio else unit) for c in cols if c != "exporter"}
    sec.add(ReportTable(key="gvc_participation", title=f"Value added in exports and GVC participation: {country} and comparators",
                        df=sel, source=src, units=units, headers=heads, decimals={c: 1 for c in units},
                        notes=["GVC participation = (foreign VA in exports + domestic VA in partners' exports) / gross exports (Koopman et al. 2010)."]))
    sec.add(ReportFigure(key="gvc_participation", title=f"GVC participation: {country} against comparators", source=src,
                         chart=participation_chart(tv, highlight=country, source=src)))
    dd = tv.dva_by_destination()
    dd = dd[dd["exporter"] == country].sort_values("FFD_DVA", ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key="gvc_dva_by_destination", title=f"Domestic value added of {country} absorbed by final demand abroad, by destination",
                        df=dd[["destination", "FFD_DVA"]], source=src, units={"FFD_DVA": unit}, decimals={"FFD_DVA": 1},
                        headers={"destination": "Destination", "FFD_DVA": "Domestic VA in final demand"}))
    sec.add(ReportFigure(key="gvc_dva_by_destination", title=f"Where the value added of {country} is finally consumed", source=src,
                         chart=bar_chart(dd, category="destination", value="FFD_DVA", unit=unit)))
    sec.add(ReportFigure(key="gvc_fva_by_source", title=f"Sources of foreign value added in the exports of {country}", source=src,
                         chart=fva_sources_chart(tv, country, source=src)))
    st = tiva_indicators(t, level="sector").at("sector")
    st = st[st["exporter"] == country]
    scols = [c for c in ["industry", "EXGR", "EXGR_DVA", "EXGR_DDC", "EXGR_IDC", "EXGR_FVA", "EXGR_DVA_SH"] if c in st.columns]
    st = st[scols].sort_values("EXGR_DVA", ascending=False, kind="stable").reset_index(drop=True)
    if "EXGR_DVA_SH" in st.columns:
        st["EXGR_DVA_SH"] = 100 * st["EXGR_DVA_SH"]
    sec.add(ReportTable(key="gvc_dva_by_industry", title=f"Domestic value added in the exports of {country} by industry", df=st, source=src,
                        units={c: ("% of gross exports" if c == "EXGR_DVA_SH" else unit) for c in scols if c != "industry"},
                        headers={**heads, "industry": "Industry", "EXGR_DDC": "Direct domestic VA", "EXGR_IDC": "Indirect domestic VA"},
                        decimals={c: 1 for c in scols if c != "industry"}, annex=True))
    # the same exports in every method's standard layout (methods from the GVC registry)
    std_rows = []
    for m in GVC_METHODS.values():
        for appr, key in (m.standard or {}).items():
            d = decomposition(t_splits, m.name, terms="standard", approach=appr or None).table
            row = d[d["exporter"] == country]
            if len(row):
                std_rows.append({"method": m.title + (f" ({appr})" if appr else ""), **row.drop(columns="exporter").iloc[0].to_dict()})
    if std_rows:
        sd = pd.DataFrame(std_rows)
        std_cols = [c for c in sd.columns if c != "method"]
        sec.add(ReportTable(key="gvc_standard_terms", title=f"Gross exports of {country} in one layout, by decomposition method",
                            df=sd, source=src, units={c: unit for c in std_cols}, decimals={c: 1 for c in std_cols},
                            headers={"method": "Method"}, annex=True,
                            notes=["EXGR gross exports = DC domestic content + FC foreign content; DC = DVA + DDC (domestic double "
                                   "counting); DVA = VAX (absorbed abroad) + REF (returns home); FC = FVA + FDC; blank where a "
                                   "method does not define the term (exvatools' standard layout, Feás 2023). Processing splits are "
                                   "kept inside their country."]))
    method = gv["method"]
    if method in ("bm", "kww"):
        dec = (bm_decomposition if method == "bm" else kww_decomposition)(t, level="country")
        d = dec.at("country")
        d = d[d["exporter"].isin(show)].reset_index(drop=True)
        label = "Borin & Mancini (2019), exporter perspective, source-based" if method == "bm" else "Koopman, Wang & Wei (2014)"
        sec.add(ReportTable(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports: {label}", df=d, source=src,
                            unit=unit, decimals={c: 1 for c in d.columns if c != "exporter"}, headers={"exporter": "Exporter"}, annex=True,
                            notes=["The terms add up to gross exports (checked by the family's identity check)."]))
        kw = {} if method == "bm" else {"terms": tuple(c for c in ("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC",
                                                                  "FVA_FIN", "FVA_INT", "FDC") if c in d.columns)}
        sec.add(ReportFigure(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports ({method.upper()})", source=src,
                             chart=decomposition_chart(dec, source=src, **kw)))
