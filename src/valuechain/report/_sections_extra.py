"""Builders of the report sections of issues 12-14 for the :data:`~valuechain.report.build.SECTIONS`
registry: position in global value chains (``[gvc] format = "zx"``), where to diversify next
(``[opportunities]``) and the impact of a spending shock (``[impact]``, bands from
``[uncertainty]``).

They read the study's settings and the inputs other sections already loaded (the national
and regionalized tables, the factor-analysis clusters), call the ready section functions
(:func:`~valuechain.report.section_gvc_position.gvc_position_section`,
:func:`~valuechain.report.section_opportunities.opportunities_section`,
:func:`~valuechain.report.section_impact.impact_section`), which call the method families,
and copy what those return into the registry's section. Nothing here computes economics.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import ValidationError
from . import _inputs as inp
from . import _sections_io as sio
from . import _sections_trade as strd
from ._context import BuildContext
from ._model import ReportSection

__all__ = ["gvc", "opportunities", "impact", "cluster_members"]


def _copy(src: ReportSection, sec: ReportSection, *, keep_title: bool = False) -> None:
    if not keep_title:
        sec.title = src.title
    sec.intro = src.intro
    sec.status = src.status
    sec.notes += [n for n in src.notes if n not in sec.notes]
    sec.flags += [f for f in src.flags if f not in sec.flags]
    sec.blocks += src.blocks
    sec.badge = sio.badge_of(sec.flags)


def _named_codes(sec: ReportSection, names: dict[str, str]) -> None:
    """Country codes in the section's words and titles replaced by names (the section functions use codes)."""
    pat = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")

    def fix(text: str) -> str:
        return pat.sub(lambda m: names[m.group(1)], text)

    sec.intro = fix(sec.intro)
    sec.title = fix(sec.title)
    sec.notes = [fix(n) for n in sec.notes]
    for i, b in enumerate(sec.blocks):
        if isinstance(b, str):
            sec.blocks[i] = fix(b)
        else:
            b.title = fix(b.title)
            b.notes = [fix(n) for n in b.notes]


# ------------------------------------------------------------------ GVC position
def _icio_zx(ctx: BuildContext, path):
    """The intermediate-only inter-country table, read once (the OECD extract is shared with the national table)."""
    from ..datasets.kazakhstan_icio import ICIO_FOLDER, icio_industry_names, oecd_icio

    def load():
        p = Path(str(path))
        if p.name == ICIO_FOLDER or (p / ICIO_FOLDER).is_dir():
            return oecd_icio(p), icio_industry_names(p)
        from ..gvc import read_zx

        return read_zx(p), None

    return ctx.once(f"icio_zx:{path}", load)


def gvc(ctx: BuildContext, sec: ReportSection) -> None:
    """[gvc]: a full inter-country table gives value added in trade; ``format = "zx"`` the position section."""
    from .section_gvc_position import gvc_position_section

    gv = ctx.study.get("gvc")
    if gv["format"] != "zx":
        strd.gvc(ctx, sec)
        return
    focus = gv["country"] or ctx.study.get("study").get("country")
    peers = list(gv["comparators"]) or list(ctx.study.get("peers").get("countries", []))
    t, ind_names = _icio_zx(ctx, gv["table"])
    if focus not in list(t.countries):
        raise ValidationError(f"[gvc] country = {focus!r} is not a country of the inter-country table; use one of "
                              f"{', '.join(list(t.countries)[:20])}")
    source = gv.get("source") or "OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022: intermediate flows"
    names = {c: inp.country_name(c) for c in t.countries}
    s = gvc_position_section(t, focus, peers, source=source, country_names=names, industry_names=ind_names, key="gvc_position")
    _copy(s, sec)
    _named_codes(sec, {c: inp.country_name(c) for c in [focus, *peers]})
    for b in sec.tables:
        if b.key == "gvc_position_industries" and ind_names:
            # the section labels industries "code name"; the page shows the name
            b.df = b.df.assign(Industry=[x.split(" ", 1)[1] if " " in x and x.split(" ", 1)[0] in ind_names else x
                                         for x in b.df["Industry"]])
    sec.badge = "real data" if not any("synthetic" in f for f in sec.flags) else sec.badge
    ctx.add_input("inter-country IO table (intermediate flows)", inp.display_path(gv["table"]))
    ctx.add_status("Position in value chains (inter-country table)", "real", source, "2022",
                   f"{len(t.countries)} economies × {len(t.industries)} industries; intermediate flows and output only")
    tab = next((b for b in sec.tables if b.key == "gvc_position_peers"), None)
    if tab is not None and len(tab.df):
        row = tab.df.iloc[0]
        ctx.highlight(sec.key, f"{row['Country']}'s output is {row['Upstreamness']:.2f} production stages from final use "
                               f"and {row['Foreign share of intermediate inputs']:.1f}% of its intermediate inputs are imported "
                               "(table 'Position … and peers in global value chains').")


# ---------------------------------------------------------------- opportunities
def cluster_members(ctx: BuildContext, scope: str) -> dict[str, list[str]]:
    """Cluster name -> member industries found by the clusters section (``scope`` national or regional)."""
    return dict(ctx.cache.get(f"cluster_members:{scope}", {}))


def opportunities(ctx: BuildContext, sec: ReportSection) -> None:
    """[opportunities]: product space, ranked opportunities, bridge to industries and to the clusters."""
    from .._data import shared_data_dir
    from ..complexity.bridge import ICIO50
    from .section_opportunities import load_opportunity_inputs, opportunities_section

    op = ctx.study.get("opportunities")
    data = op["data"] or shared_data_dir()
    if data is None:
        raise ValidationError("[opportunities] needs the real data folder (../shared/data); set VALUECHAIN_DATA or data = \"...\"")
    country = op["country"] or ctx.study.get("study").get("country")
    inputs = ctx.once(f"opportunity_inputs:{country}:{op['year']}",
                      lambda: load_opportunity_inputs(data, year=op["year"], country=country))
    clusters = None
    if op["clusters"] != "none":
        members = cluster_members(ctx, op["clusters"])
        code_of = _icio_codes()
        codes = set(ICIO50)
        clusters = {}
        for name, inds in members.items():
            cc = [code_of.get(i, i) for i in inds]
            cc = [c for c in cc if c in codes]
            if cc:
                clusters[name] = cc
        if not clusters:
            sec.notes.append("The clusters' industries are not ICIO industries, so no bridge table by cluster is shown.")
            clusters = None
    s = opportunities_section(inputs, weight=op["weight"], top=op["top"], clusters=clusters, to="icio50", network=op["network"])
    _copy(s, sec)
    _named_codes(sec, {country: inp.country_name(country)})
    _tidy_bridge(sec, _icio_names())
    for b in sec.tables:
        if "share" in b.df.columns:
            b.headers = {**b.headers, "share": f"Share of {inp.country_name(country)}'s exports"}
    if clusters:
        where = ctx.study.get("regional").get("region") if op["clusters"] == "regional" else "the nation"
        for b in sec.tables:
            if b.key == "opportunities_clusters":
                b.title = f"{inp.country_name(country)}'s exports and opportunities by factor-analysis cluster of {where}, {op['year']}"
                b.notes.append("Clusters from the section 'Industrial clusters'; each cluster's industries are mapped to "
                               "HS products through the ICIO industry bridge.")
    ctx.add_status("Product space and opportunities", "real, partial" if "partial" in sec.flags else "real", inputs.source, str(op["year"]),
                   "12 exporters (Kazakhstan and the BRICS+ panel), BACI world totals; partial")
    ctx.add_flag("Opportunities: partial (12-exporter product space)")
    top = next((b for b in sec.tables if b.key == "opportunities_top"), None)
    if top is not None and len(top.df):
        ctx.highlight(sec.key, f"The highest-scoring product to diversify into is {top.df['product'].iloc[0]} "
                               "(table 'top products to diversify into').")


def _icio_names() -> dict[str, str]:
    return {v: k for k, v in _icio_codes().items()}


def _tidy_bridge(sec: ReportSection, names: dict[str, str]) -> None:
    """The bridge tables for readers: million USD, shares in %, industry names first, codes last (CSV the same)."""
    for b in sec.tables:
        b.headers = {**_BRIDGE_HEADERS, **dict(b.headers)}
        if b.key not in ("opportunities_bridge", "opportunities_clusters"):
            continue
        df = b.df.copy()
        units, dec = dict(b.units), dict(b.decimals)
        if "exports" in df.columns:
            df["exports"] = df["exports"] / 1e6
            units["exports"], dec["exports"] = "million USD", 0
        if "world_share" in df.columns:
            df["world_share"] = 100 * df["world_share"]
            units["world_share"], dec["world_share"] = "%", 2
        for c, d in (("share", 1), ("rca", 2), ("pci_weighted", 2)):
            if c in df.columns:
                dec[c] = d
        df = df.drop(columns=[c for c in ("pci_mean", "n_products") if c in df.columns])
        if "industries" in df.columns:
            df["industries"] = df["industries"].map(
                lambda v: "; ".join(names.get(x.strip(), x.strip()) for x in str(v).split(",")) if isinstance(v, str) and v else v)
        if b.key == "opportunities_bridge" and "name" in df.columns:
            df["name"] = [names.get(c, n) if isinstance(c, str) else n for c, n in zip(df["industry"], df["name"])]
            df = df[["name", *[c for c in df.columns if c not in ("name", "industry")], "industry"]]
            b.headers = {**b.headers, "industry": "ICIO code", "name": "Industry"}
            b.annex = True
        b.df, b.units, b.decimals = df, units, dec


def _icio_codes() -> dict[str, str]:
    from .._data import shared_data_dir
    from ..datasets.kazakhstan_icio import icio_industry_names

    d = shared_data_dir()
    try:
        return {v: k for k, v in icio_industry_names(d).items()} if d is not None else {}
    except ValidationError:
        return {}


_BRIDGE_HEADERS = {
    "industry": "Industry (ICIO code)", "name": "Industry", "n_products": "Products", "rca": "RCA of the industry",
    "world_share": "Weight in world exports", "n_rca": "Products with RCA ≥ 1", "pci_mean": "Mean PCI",
    "pci_weighted": "Export-weighted PCI", "n_opportunities": "Opportunities", "best_opportunity": "Best opportunity",
    "cluster": "Cluster", "industries": "Industries", "pci": "PCI", "cog": "COG", "world exports": "World exports",
    "score": "Score", "density": "Density", "sector": "HS section", "rank": "Rank", "product": "Product",
}


# ------------------------------------------------------------------------ impact
def impact(ctx: BuildContext, sec: ReportSection) -> None:
    """[impact] (+ [uncertainty]): effects of the study's shock on the national or regionalized table."""
    from ..leontief import Uncertainty, read_shock
    from .section_impact import EXAMPLE_SHOCK_FLAG, impact_section

    im = ctx.study.get("impact")
    shock = read_shock(Path(str(im["shock"])))
    sampler = None
    un = ctx.study.get("uncertainty") if ctx.study.has("uncertainty") else None
    u = None
    if un is not None:
        u = Uncertainty(draws=un["draws"], seed=un["seed"], coef_cv=un["coef_cv"],
                        delta_range=tuple(un["delta_range"]) if un["delta_range"] else None)
    if im["region"]:
        reg = ctx.study.get("regional")
        r, ev, table, _flags, _source = sio.regionalization(ctx)
        where = reg["region"]
        if u is not None and u.delta_range is not None:
            from ..regional import regional_sampler

            _point, sampler, u = regional_sampler(inp.national_table(ctx), ev, method=reg["method"], delta=reg["delta"],
                                                  region=reg["region"], uncertainty=u)
    else:
        table = inp.national_table(ctx)
        where = ctx.study.get("study").get("country_name") or ctx.study.get("study").get("country") or "the nation"
    unknown = sorted(set(shock["industry"]) - set(table.industries))
    if unknown:
        raise ValidationError(f"[impact] shock = {inp.display_path(im['shock'])}: industries {unknown[:4]} are not in the "
                              f"table of {where}; use its industry names (e.g. {', '.join(list(table.industries)[:3])})")
    exclude = [i for i in ctx.study.get("io").get("exclude", []) if i in set(table.industries)]
    title = f"Impact of {im['title']}" if im["title"] else f"Impact of a spending shock in {where}"
    s = impact_section(table, shock, type=im["type"], uncertainty=u, sampler=sampler, exclude=exclude,
                       illustration=im["illustration"], source=inp.table_source(table), title=title, top=im["top"])
    _copy(s, sec)
    _tidy_impact(sec, residual=any("residual" in f for f in table.flags), where=where)
    ctx.add_input("impact shock", inp.display_path(im["shock"]))
    ctx.add_status("Impact shock", "illustration" if im["illustration"] else "as given",
                   inp.display_path(im["shock"]) + (" (invented to show the method; not a real project)" if im["illustration"] else ""),
                   "", f"{len(shock)} shock lines on the table of {where}")
    if im["illustration"]:
        ctx.add_flag(f"Impact: {EXAMPLE_SHOCK_FLAG}")
        sec.badge = "illustration"
    para = next((b for b in sec.blocks if isinstance(b, str)), "")
    first = para.split(": each unit")[0] if para else ""
    band = next((m.group(1) for b in sec.blocks if isinstance(b, str)
                 for m in [re.search(r"(the total output effect lies between .+?) \(the", b)] if m), "")
    if first:
        ctx.highlight(sec.key, f"{first}{'; allowing for uncertainty, ' + band if band else ''} "
                               f"(section '{sec.title}'{', an illustration' if im['illustration'] else ''}).")


def _tidy_impact(sec: ReportSection, *, residual: bool, where: str) -> None:
    """Value added hidden where the table's primary inputs are a residual; one decimal for money; long tables capped."""
    if residual:
        sec.blocks = [". ".join(x for x in b.split(". ") if not x.startswith("Value added rises by")) if isinstance(b, str) else b
                      for b in sec.blocks]
        sec.notes.append("Value-added effects are not shown: the table's primary inputs are a residual (value added, net "
                         "taxes and inputs from outside the inter-country table), not published value added.")
    for b in sec.tables:
        if b.key in ("impact_effects", "impact_by_year", "impact_regions"):
            if residual:
                b.df = b.df[[c for c in b.df.columns if not str(c).lower().startswith("value added")]]
            num = [c for c in b.df.columns if str(b.df[c].dtype).startswith("float") and c not in b.decimals]
            b.decimals = {**dict(b.decimals), **{c: 1 for c in num}}
        if b.key in ("impact_multiplier_bands", "impact_keysector_probabilities"):
            b.annex = True  # one row per industry; the section's paragraph sums them up
            b.headers = {**dict(b.headers), "class (point estimate)": "Class at the point estimate"}
        if b.key == "impact_effects" and "Industry" in b.df.columns:
            tot = b.df["Industry"] == "total"
            b.df = pd.concat([b.df[tot].assign(Industry="Total"), b.df[~tot]], ignore_index=True)
            b.max_rows = 21
