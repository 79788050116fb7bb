"""Report sections on trade flows, export survival and global value chains.

Every number comes from ``valuechain.trade`` or ``valuechain.gvc``; this module only
selects, reshapes (pivots) and labels their tidy results and draws generic charts of them.
"""

from __future__ import annotations

import pandas as pd

from . import _inputs as inp
from ._model import ReportFigure, ReportSection, ReportTable
from ._sections_io import _call
from .build import BuildContext, Unavailable, need, tidy
from .figures import bar_chart, line_chart, share_chart


# ------------------------------------------------------------------------- helpers
def _groups(ctx: BuildContext):
    tr = ctx.study.get("trade")
    Groups = need("trade", "Groups")
    sectors, dests = tr.get("sectors"), tr.get("destinations")
    if sectors is None and dests is None:
        return need("trade", "DEFAULT_GROUPS"), "the seed study's groups (valuechain.trade.DEFAULT_GROUPS)"
    base = need("trade", "DEFAULT_GROUPS")
    parts = {}
    for key, val, default in (("sectors", sectors, base.sectors), ("destinations", dests, base.destinations)):
        if val is None:
            parts[key] = {n: list(c) for n, c in default}
        elif isinstance(val, dict):
            parts[key] = val
        else:  # a file
            g = need("trade", "load_groups")(val)
            parts[key] = {n: list(c) for n, c in getattr(g, key)}
    return Groups.from_mapping(parts), "groups of the study file"


def _chart(name: str, fallback, *args, **kw):
    """The trade family's chart ``name`` (``valuechain.trade.plots``) or, without it, the generic one."""
    try:
        return need("trade", name)(*args, **kw)
    except Unavailable:
        return fallback()


def _years_arg(years):
    return (min(years), max(years)) if years else None


def _display_years(years: list[int]) -> list[int]:
    ys = sorted(set(int(y) for y in years))
    if len(ys) <= 3:
        return ys
    return [ys[0], ys[len(ys) // 2], ys[-1]]


def _periods(years: list[int]) -> list[tuple[int, int]]:
    ys = _display_years(years)
    return [(a, b) for a, b in zip(ys[:-1], ys[1:])] + ([(ys[0], ys[-1])] if len(ys) > 2 else [])


def _wide_composition(levels: pd.DataFrame, growth: pd.DataFrame, unit: str, what: str) -> tuple[pd.DataFrame, dict, dict]:
    """Seed Tables 1-2 layout: value by year, share by year, CAGR by period (one row per group)."""
    ys = _display_years(levels["year"].unique())
    lv = levels[levels["year"].isin(ys)]
    order = list(dict.fromkeys(levels["group"]))
    val = lv.pivot_table(index="group", columns="year", values="value", aggfunc="sum").reindex(order)
    sh = lv.pivot_table(index="group", columns="year", values="share", aggfunc="sum").reindex(order)
    out = pd.DataFrame({what: order})
    units, dec = {}, {}
    for y in ys:
        c = f"exports {y}"
        out[c] = val[y].to_numpy() if y in val.columns else float("nan")
        units[c], dec[c] = unit, 0
    for y in ys:
        c = f"share {y}"
        out[c] = sh[y].to_numpy() if y in sh.columns else float("nan")
        units[c], dec[c] = "% of total", 1
    if growth is not None and len(growth):
        for (a, b), g in growth.groupby(["start", "end"], sort=False):
            c = f"growth {a}-{b}"
            out[c] = out[what].map(dict(zip(g["group"], g["cagr"]))).to_numpy()  # percent (trade.cagr)
            units[c], dec[c] = "% a year (CAGR)", 1
    return out, units, dec


def _flows_source(source: str, flags) -> str:
    return source + (f" ({'; '.join(flags)})" if flags else "")


# --------------------------------------------------------------------------- trade
def trade(ctx: BuildContext, sec: ReportSection) -> None:
    tr = ctx.study.get("trade")
    flows, flags, source, unit0 = inp.flows(ctx, "trade")
    country = inp.country(ctx, "trade")
    years = _years_arg(tr.get("years"))
    unit = tr.get("unit") or getattr(flows, "unit", "") or unit0 or "value unit of the flows"
    src = _flows_source(source or getattr(flows, "source", "") or "trade flows of the study", flags)
    sec.flags += list(flags)
    sec.intro = (f"Exports of {country}: orientation and growth, composition by sector and destination, diversification "
                 "(products, markets, concentration) and sophistication, as in the World Bank Trade Competitiveness Diagnostic. "
                 f"Values in {unit}.")
    trade_totals = need("trade", "trade_totals")
    tot = trade_totals(flows, country=country, years=years)
    if tot.empty:
        from ..errors import ValidationError

        raise ValidationError(f"[trade] country = {country!r} has no exports in the flows; check the country code (ISO3) and the years")
    tot = tot[["year", "country", "exports"] + (["imports"] if tot["imports"].notna().any() else [])]
    sec.add(ReportTable(key="trade_exports_by_year", title=f"Exports of {country} by year", df=tot, source=src, unit=unit,
                        units={"year": ""}, decimals={"year": 0}, flags=list(flags)))
    if tot["year"].nunique() > 1:
        sec.add(ReportFigure(key="trade_exports_by_year", title=f"Exports of {country}", source=src, flags=list(flags),
                             chart=line_chart(tot, x="year", y="exports", unit=unit)))
    _openness(ctx, sec, flows, country, years, unit, src, flags)
    groups, gnote = _groups(ctx)
    composition = need("trade", "composition")
    all_years = sorted(tot["year"].unique())
    periods = _periods(all_years) if len(all_years) > 1 else None
    lv, gr = composition(flows, by="sector", country=country, years=years, groups=groups, periods=periods)
    ly = int(lv["year"].max())
    lsec = lv[(lv["year"] == ly) & (lv["group"] != "Total")].sort_values("share", ascending=False, kind="stable").head(3)
    ctx.highlight(sec.key, f"Exports of {country} in {ly}: " + ", ".join(f"{g} {v:.1f}%" for g, v in zip(lsec["group"], lsec["share"]))
                  + " of the total (largest sectors).")
    wide, units, dec = _wide_composition(lv, gr, unit, "sector")
    sec.add(ReportTable(key="trade_exports_by_sector", title=f"Exports of {country} by sector", df=wide, source=src,
                        units=units, decimals=dec, flags=list(flags), notes=[f"Sectors: {gnote}. Growth: compound annual growth rate."]))
    if lv["year"].nunique() > 1:
        sec.add(ReportFigure(key="trade_sector_shares", title=f"Sector shares of the exports of {country}", source=src, flags=list(flags),
                             chart=_chart("composition_chart", lambda: share_chart(lv[lv["group"] != "Total"], x="year", share="share",
                                                                                  group="group", unit="% of exports"), lv)))
    # destinations: bilateral flows (the study's [trade] partners, else the flows themselves)
    bil, bil_src, bil_flags = flows, src, list(flags)
    if tr.get("partners"):
        read_flows = need("trade", "read_flows")
        ps = tr["partners"]
        kw = {"con": inp.con(ctx)} if inp.con(ctx) is not None else {}
        bil = read_flows([str(p) for p in ps] if len(ps) > 1 else str(ps[0]), **kw)
        bil_src = _flows_source(tr.get("source") or getattr(bil, "source", "") or ", ".join(map(str, ps)), flags)
        ctx.add_input("bilateral trade flows", ", ".join(map(str, ps)))
    is_bilateral = bool(getattr(bil, "bilateral", True)) if not isinstance(bil, pd.DataFrame) else bil["importer"].notna().any()
    if is_bilateral:
        bil_years = _years_of(bil, country, years)
        lvd, grd = composition(bil, by="destination", country=country, years=years, groups=groups,
                               periods=_periods(bil_years) if len(bil_years) > 1 else None)
        wide, units, dec = _wide_composition(lvd, grd, unit, "destination")
        sec.add(ReportTable(key="trade_exports_by_destination", title=f"Exports of {country} by main destination", df=wide, source=bil_src,
                            units=units, decimals=dec, flags=bil_flags, notes=[f"Destination groups: {gnote}."]))
        last = lvd[(lvd["year"] == lvd["year"].max()) & (lvd["group"] != "Total")]
        topd = last.sort_values("share", ascending=False, kind="stable").head(3)
        ctx.highlight(sec.key, f"Main destinations in {int(lvd['year'].max())}: "
                      + ", ".join(f"{g} {v:.1f}%" for g, v in zip(topd["group"], topd["share"])) + " of exports.")
        sec.add(ReportFigure(key="trade_destinations", title=f"Exports of {country} by destination, {int(lvd['year'].max())}",
                             source=bil_src, flags=bil_flags, chart=bar_chart(last, category="group", value="share", unit="% of exports")))
    else:
        sec.notes.append("Exports by destination: the flows have no partner column; give bilateral flows in [trade] partners.")
    # products and markets
    pmc = need("trade", "product_market_counts")(flows, country=country, years=years)
    if is_bilateral and bil is not flows:
        mk = need("trade", "product_market_counts")(bil, country=country, years=years)[["year", "exporter", "n_markets"]]
        pmc = pmc.drop(columns=["n_markets"]).merge(mk, on=["year", "exporter"], how="left")
    if pmc["year"].nunique() > 1:
        long = pmc.melt(id_vars=["year"], value_vars=[c for c in ("n_products", "n_markets") if c in pmc.columns and pmc[c].notna().any()],
                        var_name="count of", value_name="number")
        sec.add(ReportFigure(key="trade_products_markets", title=f"Products exported and markets reached by {country}", source=src,
                             flags=list(flags), chart=line_chart(long, x="year", y="number", color="count of", unit="HS6 products or countries")))
    sec.add(ReportTable(key="trade_products_markets", title=f"Number of products exported and markets reached by {country}",
                        df=pmc, source=src, units={"n_products": "HS6 products", "n_markets": "countries"},
                        decimals={"year": 0, "n_products": 0, "n_markets": 0}, flags=list(flags)))
    # concentration (HHI, top-5)
    try:
        concentration = need("trade", "concentration")
        parts = [concentration(flows, by="product", country=country, years=years)]
        if is_bilateral:
            parts.append(concentration(bil, by="market", country=country, years=years))
        conc = pd.concat(parts, ignore_index=True)
        sec.add(ReportTable(key="trade_concentration", title=f"Export concentration of {country}: HHI and top-5 share", df=conc,
                            source=src, units={"hhi": "index (0-1)", "hhi_normalized": "index (0-1)", "top_share": "share (0-1)",
                                               "n_items": "products or markets", "n": "N of the normalisation"},
                            decimals={"year": 0, "n_items": 0, "n": 0, "hhi": 3, "hhi_normalized": 3, "top_share": 3}, flags=list(flags),
                            notes=["HHI = sum of squared shares; normalised (HHI - 1/N)/(1 - 1/N) with N the number of items exported."]))
        if conc["year"].nunique() > 1:
            sec.add(ReportFigure(key="trade_hhi", title=f"HHI of products and markets, {country}", source=src, flags=list(flags),
                                 chart=_chart("concentration_chart", lambda: line_chart(conc, x="year", y="hhi", color="dimension", unit="index 0-1"),
                                              conc, measure="hhi")))
            sec.add(ReportFigure(key="trade_top5", title=f"Share of the top 5 products and markets, {country}", source=src, flags=list(flags),
                                 chart=_chart("concentration_chart", lambda: line_chart(conc, x="year", y="top_share", color="dimension", unit="share 0-1"),
                                              conc, measure="top_share")))
    except Unavailable as exc:
        sec.notes.append(f"Concentration (HHI, top-5 shares): not available in this version (needs {exc}).")
    _margins(ctx, sec, bil if is_bilateral else flows, country, years, unit, bil_src if is_bilateral else src, flags)
    _lall(ctx, sec, flows, country, years, src, flags)
    _rca_expy_eci(ctx, sec, flows, country, years, src, flags)


def _openness(ctx, sec, flows, country, years, unit, src, flags) -> None:
    tr = ctx.study.get("trade")
    if tr.get("gdp") is None:
        sec.notes.append("Trade openness: needs a GDP series; add [trade] gdp = \"gdp.csv\" (columns year, country, gdp).")
        return
    try:
        openness = need("trade", "openness")
    except Unavailable as exc:
        sec.notes.append(f"Trade openness: not available in this version (needs {exc}).")
        return
    g = pd.read_csv(tr["gdp"])
    o = openness(flows, g, country=country, years=years, gdp_scale=tr["gdp_scale"])
    gsrc = f"{src}; GDP: {tr['gdp']}"
    notes = ["Openness = (exports + imports) / GDP. Imports are mirror flows (other exporters' shipments to the country)."]
    if o["imports"].isna().all():
        notes.append("The flows hold no imports of this country (no partner data), so openness here is exports / GDP only.")
    sec.add(ReportTable(key="trade_openness", title=f"Trade openness of {country}", df=o, source=gsrc,
                        units={"exports": unit, "imports": unit, "gdp": f"{unit} (GDP × gdp_scale)", "openness": "% of GDP"},
                        decimals={"year": 0, "exports": 0, "imports": 0, "gdp": 0, "openness": 1}, flags=list(flags), notes=notes))
    if o["year"].nunique() > 1:
        sec.add(ReportFigure(key="trade_openness", title=f"Trade openness of {country}", source=gsrc, flags=list(flags),
                             chart=line_chart(o, x="year", y="openness", unit="% of GDP")))


def _years_of(flows, country, years) -> list[int]:
    t = need("trade", "trade_totals")(flows, country=country, years=years)
    return sorted(t["year"].unique())


def _margins(ctx, sec, flows, country, years, unit, src, flags) -> None:
    try:
        fn = need("trade", "export_margins")
    except Unavailable as exc:
        sec.notes.append(f"Margins of export growth: not available in this version (needs {exc}).")
        return
    ys = _years_of(flows, country, years)
    if len(ys) < 2:
        sec.notes.append("Margins of export growth: need bilateral flows of at least two years.")
        return
    df = fn(flows, base=int(ys[0]), end=int(ys[-1]), country=country)
    full = df
    df = df[[c for c in ["component", "value", "share", "x0", "x1"] if c in df.columns]]
    sec.add(ReportTable(key="trade_margins", title=f"Decomposition of the export growth of {country}, {ys[0]}-{ys[-1]}", df=df, source=src,
                        units={"value": unit, "x0": unit, "x1": unit, "share": "% of the total change"},
                        decimals={"value": 0, "x0": 0, "x1": 0, "share": 1}, flags=list(flags),
                        notes=[f"x0, x1: exports in {ys[0]} and {ys[-1]}. Intensive margin: same products to the same markets; "
                               "extensive margins: new products and/or new markets; exits reduce growth. The components add up to the total."]))
    comp = df[df["component"] != "total"]
    sec.add(ReportFigure(key="trade_margins", title=f"Export growth decomposition, {country}, {ys[0]}-{ys[-1]}", source=src, flags=list(flags),
                         chart=_chart("margins_chart", lambda: bar_chart(comp, category="component", value="share", unit="% of the total change", sort=None),
                                      full)))


def _lall(ctx, sec, flows, country, years, src, flags) -> None:
    tr = ctx.study.get("trade")
    if tr.get("lall") is False:
        return
    try:
        fn = need("trade", "lall_shares")
    except Unavailable as exc:
        sec.notes.append(f"Lall technology classes: not available in this version (needs {exc}).")
        return
    classes = None
    if not isinstance(tr.get("lall"), bool):
        classes = pd.read_csv(tr["lall"], dtype=str)
    hs = tr.get("hs_revision") or getattr(flows, "hs_revision", None)
    df = fn(flows, classes, hs_revision=hs, country=country, years=years)
    ys = _display_years(df["year"].unique())
    wide = df[df["year"].isin(ys)].pivot_table(index=["tier", "label"], columns="year", values="share", aggfunc="sum", sort=False)
    wide.columns = [f"share {y}" for y in wide.columns]
    wide = wide.reset_index()
    lsrc = f"{src}; Lall (2000) technology classes, UNCTAD SITC Rev.3 variant" + (f" ({hs} concordance)" if hs else "")
    sec.add(ReportTable(key="trade_lall", title=f"Exports of {country} by technology class (Lall 2000)", df=wide, source=lsrc,
                        units={c: "% of exports" for c in wide.columns if c.startswith("share")},
                        decimals={c: 1 for c in wide.columns if c.startswith("share")}, flags=list(flags),
                        notes=["Products without a Lall class in the concordance are shown as unmatched."]))
    sec.add(ReportFigure(key="trade_lall", title=f"Technology classes of the exports of {country} (Lall 2000)", source=lsrc,
                         flags=list(flags), chart=_chart("lall_chart", lambda: share_chart(df.assign(label=df["label"].fillna(df["lall_code"])),
                                                                                           x="year", share="share", group="label", unit="% of exports"),
                                                         df)))


def _rca_expy_eci(ctx, sec, flows, country, years, src, flags) -> None:
    tr = ctx.study.get("trade")
    # RCA: needs world exports by product (a multi-exporter panel or given world totals)
    n_exp = None
    try:
        tot = need("trade", "trade_totals")(flows, years=years)
        n_exp = tot.loc[tot["exports"].fillna(0) > 0, "country"].nunique()  # exporters (importers appear with imports only)
    except Unavailable:
        pass
    if n_exp is not None and n_exp < 5:
        sec.notes.append(f"Top RCA products, EXPY and ECI: the flows hold {n_exp} exporter(s); these indicators need a panel of many "
                         "exporters (world exports by product), e.g. BACI for all countries.")
        return
    try:
        rca = need("trade", "rca")
        r = rca(flows, country=country, years=years)
        if "exporter" in r.columns:
            r = r[r["exporter"] == country]
        if "year" in r.columns and len(r):
            r = r[r["year"] == r["year"].max()]
        col = next((c for c in ("rca", "RCA") if c in r.columns), None)
        if col:
            r = r.sort_values(col, ascending=False, kind="stable").head(int(tr.get("top", 10)))
            sec.add(ReportTable(key="trade_top_rca", title=f"Products with the highest revealed comparative advantage, {country}",
                                df=r.reset_index(drop=True), source=src, units={col: "Balassa index (1 = world average)"}, flags=list(flags),
                                decimals={col: 2}, notes=["RCA = share of the product in the country's exports / its share in world exports (Balassa 1965)."]))
    except Unavailable as exc:
        sec.notes.append(f"RCA: not available in this version (needs {exc}).")
    try:
        ec = need("trade", "economic_complexity")
        res = ec(flows, year=None) if years is None else ec(flows)
        c = res.countries.copy()
        if years is not None and "year" in c.columns:
            c = c[(c["year"] >= years[0]) & (c["year"] <= years[1])]
        last = c[c["year"] == c["year"].max()].sort_values("eci", ascending=False, kind="stable")
        sec.add(ReportTable(key="trade_eci", title=f"Economic Complexity Index, {int(c['year'].max())}: {country} and the other exporters of the panel",
                            df=last.reset_index(drop=True), source=src, units={"eci": "z-score across countries", "diversity": "products with RCA >= 1"},
                            decimals={"eci": 3, "year": 0}, flags=list(flags),
                            notes=["ECI by the eigenvector method (Hidalgo & Hausmann 2009), standardised across the countries of the panel."]))
        mine = c[c["country"] == country] if "country" in c.columns else c.iloc[0:0]
        if mine["year"].nunique() > 1:
            sec.add(ReportFigure(key="trade_eci", title=f"Economic Complexity Index of {country}", source=src, flags=list(flags),
                                 chart=line_chart(mine, x="year", y="eci", unit="z-score")))
    except Unavailable as exc:
        sec.notes.append(f"ECI: not available in this version (needs {exc}).")
    gdp = tr.get("gdp_per_capita")
    if gdp is None:
        sec.notes.append("EXPY (income content of exports): needs GDP per capita by country; add [trade] gdp_per_capita = \"gdppc.csv\".")
        return
    try:
        expy = need("trade", "expy")
        if isinstance(gdp, str) and gdp.startswith("builtin:"):
            from .demo import load_builtin

            g = load_builtin(gdp.split(":", 1)[1], flows=flows)
            gsrc = g.attrs.get("source", gdp)
            for f in g.attrs.get("flags", []):
                ctx.add_flag(f"GDP per capita: {f}")
        else:
            g = pd.read_csv(gdp)
            gsrc = str(gdp)
        e = expy(flows, g, country=country, years=years)
        sec.add(ReportTable(key="trade_expy", title=f"EXPY: income content of the exports of {country}", df=e, source=f"{src}; GDP per capita: {gsrc}",
                            units={"expy": "USD per capita (PPP) of the GDP series", "coverage": "share of exports with a PRODY"},
                            decimals={"expy": 0, "coverage": 3, "year": 0}, flags=list(flags),
                            notes=["EXPY = export-share-weighted PRODY (Hausmann, Hwang & Rodrik 2007, eq. 2)."]))
        if e["year"].nunique() > 1:
            sec.add(ReportFigure(key="trade_expy", title=f"EXPY of {country}", source=f"{src}; GDP per capita: {gsrc}", flags=list(flags),
                                 chart=line_chart(e, x="year", y="expy", unit="USD per capita, PPP")))
    except Unavailable as exc:
        sec.notes.append(f"EXPY: not available in this version (needs {exc}).")


# ------------------------------------------------------------------------ survival
def survival(ctx: BuildContext, sec: ReportSection) -> None:
    sv = ctx.study.get("survival")
    flows, flags, source, unit = inp.flows(ctx, "survival")
    country = inp.country(ctx, "survival")
    src = _flows_source(source or getattr(flows, "source", "") or "trade flows of the study", flags)
    survival_analysis = need("trade", "survival_analysis")
    sec.flags += list(flags)
    sec.intro = (f"Export spells of {country}: unbroken runs of years in which a product is exported to a destination "
                 f"({'gaps of up to ' + str(sv['merge_gaps']) + ' year(s) merged' if sv['merge_gaps'] else 'any gap ends a spell'}; "
                 f"spells already active in the first year {'kept' if sv['keep_left_censored'] else 'left out'}; spells active in the last year are censored). "
                 "Kaplan-Meier survival curves with 95% bands and log-rank tests (Besedes & Prusa 2006).")
    groups = None
    if ctx.study.has("trade"):
        try:
            groups, _ = _groups(ctx)
        except Unavailable:
            groups = None
    chart_fn = None
    try:
        chart_fn = need("trade", "kaplan_meier_chart")
    except Unavailable:
        pass
    for by in sv["by"]:
        res = _call(survival_analysis, flows, by=by, level="destination", max_gap=sv["merge_gaps"],
                    left_censoring="keep" if sv["keep_left_censored"] else "drop", exporters=[country], groups=groups)
        med = res.medians.copy()
        sec.add(ReportTable(key=f"survival_{by}_medians", title=f"Export spells of {country} by {by}: number and median duration",
                            df=med, source=src, units={"median": "years", "spells": "spells", "events": "spells ended"},
                            decimals={"median": 0, "spells": 0, "events": 0}, flags=list(flags)))
        lr = res.logrank.copy()
        sec.add(ReportTable(key=f"survival_{by}_logrank", title=f"Log-rank tests of equal survival across {by} groups, {country}",
                            df=lr, source=src, units={"test_statistic": "chi-squared", "p_value": "probability", "df": "degrees of freedom"},
                            decimals={"test_statistic": 2, "p_value": 4, "df": 0}, flags=list(flags),
                            notes=["A small p-value rejects equal survival of the groups."]))
        allm = med[med["group"] == "all"]
        if len(allm) and by == sv["by"][0]:
            ctx.highlight(sec.key, f"Export spells of {country}: median duration {allm['median'].iloc[0]:g} year(s) over "
                                   f"{int(allm['spells'].iloc[0])} spells" + (" (synthetic panel)." if flags else "."))
        allg = lr[lr["comparison"] == "all groups"]
        ptxt = f" (log-rank p = {allg['p_value'].iloc[0]:.3g})" if len(allg) else ""
        if chart_fn is not None:
            sec.add(ReportFigure(key=f"survival_{by}", title=f"Export survival of {country} by {by}{ptxt}", source=src, flags=list(flags),
                                 chart=chart_fn(res, title=f"Export survival by {by}")))
        km = res.table
        sec.add(ReportTable(key=f"survival_{by}_curves", title=f"Kaplan-Meier curves by {by}, {country}", df=km, source=src,
                            units={"time": "years", "survival": "probability", "ci_lower": "probability", "ci_upper": "probability", "at_risk": "spells"},
                            decimals={"time": 0, "survival": 3, "ci_lower": 3, "ci_upper": 3, "at_risk": 0}, flags=list(flags), max_rows=30))


# ----------------------------------------------------------------------------- GVC
def gvc(ctx: BuildContext, sec: ReportSection) -> None:
    gv = ctx.study.get("gvc")
    t, flags, source, unit = inp.icio(ctx)
    country = gv["country"]
    countries = list(t.countries)
    if country not in countries:
        from ..errors import ValidationError

        raise ValidationError(f"[gvc] country = {country!r} is not a country of the inter-country table; use one of {', '.join(countries[:20])}")
    unknown = [c for c in gv["comparators"] if c not in countries]
    if unknown:
        from ..errors import ValidationError

        raise ValidationError(f"[gvc] comparators {unknown} are not countries of the table; use some of {', '.join(countries[:20])}")
    src = _flows_source(source, flags)
    unit = unit or "value unit of the table"
    sec.flags += list(flags)
    sec.intro = (f"Value added in the exports of {country} (OECD TiVA definitions, Koopman et al. 2014, Borin & Mancini 2019) "
                 f"from the inter-country table {getattr(t, 'name', '') or ''} ({len(countries)} countries × {len(t.industries)} industries).")
    tiva_indicators = need("gvc", "tiva_indicators")
    tv = tiva_indicators(t, level="country")
    ct = tv.at("country")
    show = [country, *[c for c in gv["comparators"] if c != country]] or countries
    cols = [c for c in ["exporter", "EXGR", "EXGR_DVA", "EXGR_FVA", "DVA_FX", "EXGR_DVA_SH", "GVC_BACK", "GVC_FWD", "GVC_PART", "VAX_RATIO"] if c in ct.columns]
    sel = ct[ct["exporter"].isin(show if gv["comparators"] else countries)][cols].copy()
    sel["_o"] = sel["exporter"].map({c: i for i, c in enumerate(show)}).fillna(len(show))
    sel = sel.sort_values(["_o", "exporter"], kind="stable").drop(columns="_o").reset_index(drop=True)
    ratio = {"EXGR_DVA_SH", "GVC_BACK", "GVC_FWD", "GVC_PART", "VAX_RATIO"}
    me = sel[sel["exporter"] == country]
    if len(me) and {"GVC_PART", "GVC_BACK", "GVC_FWD"} <= set(me.columns):
        ctx.highlight(sec.key, f"GVC participation of {country}: {100 * me['GVC_PART'].iloc[0]:.1f}% of gross exports "
                               f"(backward {100 * me['GVC_BACK'].iloc[0]:.1f}%, forward {100 * me['GVC_FWD'].iloc[0]:.1f}%).")
    units = {c: ("share of gross exports" if c in ratio else unit) for c in cols if c != "exporter"}
    sec.add(ReportTable(key="gvc_participation", title=f"Domestic and foreign value added in exports and GVC participation: {country} and comparators",
                        df=sel, source=src, units=units, decimals={c: (3 if c in ratio else 1) for c in units}, flags=list(flags),
                        notes=["EXGR gross exports; EXGR_DVA / EXGR_FVA domestic / foreign value added in them; DVA_FX domestic value added in "
                               "other countries' exports (forward participation); GVC_PART = (EXGR_FVA + DVA_FX) / EXGR (Koopman et al. 2010)."]))
    try:
        pc = need("gvc", "participation_chart")
        sec.add(ReportFigure(key="gvc_participation", title=f"GVC participation: {country} against comparators", source=src, flags=list(flags),
                             chart=_call(pc, tv, highlight=country, source=src)))
    except Unavailable as exc:
        sec.notes.append(f"Participation figure: not available in this version (needs {exc}).")
    # DVA by destination and FVA by source
    dd = tv.dva_by_destination()
    dd = dd[dd["exporter"] == country].sort_values("FFD_DVA", ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key="gvc_dva_by_destination", title=f"Domestic value added of {country} absorbed by final demand abroad, by destination",
                        df=dd, source=src, units={"FFD_DVA": unit}, decimals={"FFD_DVA": 1}, flags=list(flags)))
    sec.add(ReportFigure(key="gvc_dva_by_destination", title=f"Where the value added of {country} is finally consumed", source=src, flags=list(flags),
                         chart=bar_chart(dd, category="destination", value="FFD_DVA", unit=unit)))
    fs = tv.fva_by_source(by_industry=False)
    fs = fs[fs["exporter"] == country].sort_values("EXGR_FVA", ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key="gvc_fva_by_source", title=f"Foreign value added in the exports of {country}, by source country",
                        df=fs, source=src, units={"EXGR_FVA": unit}, decimals={"EXGR_FVA": 1}, flags=list(flags)))
    try:
        fc = need("gvc", "fva_sources_chart")
        sec.add(ReportFigure(key="gvc_fva_by_source", title=f"Sources of foreign value added in the exports of {country}", source=src,
                             flags=list(flags), chart=_call(fc, tv, country, source=src)))
    except Unavailable:
        sec.add(ReportFigure(key="gvc_fva_by_source", title=f"Sources of foreign value added in the exports of {country}", source=src,
                             flags=list(flags), chart=bar_chart(fs, category="source_country", value="EXGR_FVA", unit=unit)))
    # by industry (seed Table 4)
    st = tiva_indicators(t, level="sector").at("sector")
    st = st[st["exporter"] == country]
    scols = [c for c in ["industry", "EXGR", "EXGR_DVA", "EXGR_DDC", "EXGR_IDC", "EXGR_FVA", "EXGR_DVA_SH"] if c in st.columns]
    st = st[scols].sort_values("EXGR_DVA", ascending=False, kind="stable").reset_index(drop=True)
    sec.add(ReportTable(key="gvc_dva_by_industry", title=f"Domestic value added in the exports of {country} by industry", df=st, source=src,
                        units={c: ("share of gross exports" if c == "EXGR_DVA_SH" else unit) for c in scols if c != "industry"},
                        decimals={c: (3 if c == "EXGR_DVA_SH" else 1) for c in scols if c != "industry"}, flags=list(flags),
                        notes=["EXGR_DDC: value added of the exporting industry itself (direct); EXGR_IDC: of other domestic industries (indirect)."]))
    # decomposition (BM / KWW)
    method = gv["method"]
    if method in ("bm", "kww"):
        fn = need("gvc", "bm_decomposition" if method == "bm" else "kww_decomposition")
        dec = fn(t, level="country")
        d = dec.at("country")
        d = d[d["exporter"].isin(show)].reset_index(drop=True)
        label = "Borin & Mancini (2019), exporter perspective, source-based" if method == "bm" else "Koopman, Wang & Wei (2014)"
        sec.add(ReportTable(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports: {label}", df=d, source=src,
                            unit=unit, decimals={c: 1 for c in d.columns if c != "exporter"}, flags=list(flags),
                            notes=["The terms add up to gross exports (checked by the family's identity check)."]))
        try:
            chart = need("gvc", "decomposition_chart")
            kw = {} if method == "bm" else {"terms": tuple(c for c in ("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC",
                                                                      "FVA_FIN", "FVA_INT", "FDC") if c in d.columns)}
            sec.add(ReportFigure(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports ({method.upper()})", source=src,
                                 flags=list(flags), chart=_call(chart, dec, source=src, **kw)))
        except Unavailable:
            pass
