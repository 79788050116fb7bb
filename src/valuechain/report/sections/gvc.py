"""Section ``gvc``: the country in global value chains (trade seed, Figures 21-31).

A full inter-country table gives value added in trade (TiVA indicators, KWW or Borin-Mancini
decompositions); an intermediate-only table (``format = "zx"``, the OECD ICIO extract) gives
the position measures (:func:`~valuechain.report.blocks.gvc_position.gvc_position_section`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from ...errors import ValidationError
import pandas as pd

from ...gvc import (
    GVC_METHODS,
    bm_decomposition,
    decomposition,
    decomposition_chart,
    fva_sources_chart,
    kww_decomposition,
    label_blocks,
    participation_chart,
    tiva_indicators,
)
from .._model import ReportFigure, ReportTable
from ..figures import bar_chart
from ..inputs import Inputs, country_name, display_path
from ..study import Study
from . import Page, Section
from .common import badge_of, copy_section

__all__ = ["SECTION", "GVCInputs", "load", "build"]


@dataclass(frozen=True)
class GVCInputs:
    settings: Mapping[str, Any]
    focus: str
    peers: tuple[str, ...]
    icio: Any  # (table, flags, source, unit) for a full table; (table, industry names) for "zx"
    position: Any = None  # Prefetch of the zx table's position measures (Inputs.position_prefetch), or None


def load(study: Study, data: Inputs) -> GVCInputs:
    gv = study.get("gvc")
    focus = gv["country"] or study.get("study").get("country")
    peers = tuple(gv["comparators"]) or tuple(study.get("peers").get("countries", []) if study.has("peers") else ())
    icio = data.icio_zx(gv["table"]) if gv["format"] == "zx" else data.icio
    position = data.position_prefetch(gv["table"]) if gv["format"] == "zx" else None
    return GVCInputs(settings=gv, focus=focus, peers=peers, icio=icio, position=position)


def build(x: GVCInputs, page: Page) -> None:
    """[gvc]: a full inter-country table gives value added in trade; ``format = "zx"`` the position section."""
    from ..blocks.gvc_position import gvc_position_section

    gv = x.settings
    if gv["format"] != "zx":
        _full(x, page)
        return
    sec = page.sec
    focus, peers = x.focus, list(x.peers)
    t, ind_names = x.icio
    if focus not in list(t.countries):
        raise ValidationError(f"[gvc] country = {focus!r} is not a country of the inter-country table; use one of "
                              f"{', '.join(list(t.countries)[:20])}")
    source = gv.get("source") or "OECD (2025), Inter-Country Input-Output Tables, 2025 edition, year 2022: intermediate flows"
    names = {c: country_name(c) for c in t.countries}
    done, pos = x.position.result() if x.position is not None else (False, None)
    s = gvc_position_section(t, focus, peers, source=source, country_names=names, industry_names=ind_names, key="gvc_position",
                             claims=page.claims, position=pos if done else None)
    copy_section(s, sec)
    for b in sec.tables:
        if b.key == "gvc_position_industries" and ind_names:
            # the section labels industries "code name"; the page shows the name
            b.df = b.df.assign(Industry=[x.split(" ", 1)[1] if " " in x and x.split(" ", 1)[0] in ind_names else x
                                         for x in b.df["Industry"]])
    sec.badge = "real data" if not any("synthetic" in f for f in sec.flags) else sec.badge
    page.record.add_input("inter-country IO table (intermediate flows)", display_path(gv["table"]))
    page.record.add_status("Position in value chains (inter-country table)", "real", source, "2022",
                   f"{len(t.countries)} economies × {len(t.industries)} industries; intermediate flows and output only")
    tab = next((b for b in sec.tables if b.key == "gvc_position_peers"), None)
    if tab is not None and len(tab.df):
        row = tab.df.iloc[0]
        page.claim("upstreamness", "gvc.upstreamness", row["Upstreamness"], unit="production stages", decimals=2, year="2022",
                   scope=focus, source=source, ref="gvc_position_peers",
                   definition="average number of production stages between the country's output and final use (Antràs et al. 2012)")
        page.claim("foreign_inputs", "gvc.foreign_share_intermediates", row["Foreign share of intermediate inputs"],
                   unit="% of intermediate inputs", year="2022", scope=focus, source=source, ref="gvc_position_peers",
                   definition="imported intermediate inputs / all intermediate inputs of the country's industries "
                              "(not foreign value added in exports)")


def _full(x: "GVCInputs", page: Page) -> None:
    """A full inter-country table: value added in trade (TiVA, KWW / Borin-Mancini)."""
    sec = page.sec
    gv = x.settings
    t, flags, source, unit = x.icio
    # processing splits (CN1/CN2, MX1/MX2) are kept: every GVC method treats a country's blocks as
    # domestic to each other and reports the country (gvc.one_block_per_country); nothing is added
    t_splits = t
    country = x.focus  # [gvc] country, else [study] country
    countries = list(getattr(t, "economies", t.countries))
    if country not in countries:
        raise ValidationError(f"[gvc] country = {country!r} is not a country of the inter-country table; use one of {', '.join(countries[:20])}")
    unknown = [c for c in gv["comparators"] if c not in countries]
    if unknown:
        raise ValidationError(f"[gvc] comparators {unknown} are not countries of the table; use some of {', '.join(countries[:20])}")
    src = source or "inter-country table of the study"
    unit = unit or "value unit of the table"
    sec.flags += list(flags)
    sec.badge = badge_of(flags)
    nc = page.claim("n_countries", "icio.countries.count", len(countries), unit="countries", decimals=0, scope=getattr(t, "name", "") or "table",
                    source=src, ref="gvc_participation", definition="countries of the inter-country table")
    ni = page.claim("n_industries", "icio.industries.count", len(t.industries), unit="industries", decimals=0,
                    scope=getattr(t, "name", "") or "table", source=src, ref="gvc_participation", definition="industries per country")
    page.intro(f"Value added in the exports of {country} (OECD TiVA definitions, Koopman et al. 2014, Borin & Mancini 2019) "
               f"from the inter-country table {page.label(getattr(t, 'name', '') or '')} ({nc.ph} × {ni.ph}).")
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
        for c_ in ("GVC_PART", "GVC_BACK", "GVC_FWD"):
            page.claim(c_.lower(), f"gvc.{c_.lower()}", me[c_].iloc[0], unit="% of gross exports", scope=country, source=src,
                       ref="gvc_participation", definition={"GVC_PART": "foreign VA in exports + domestic VA in partners' exports",
                                                            "GVC_BACK": "foreign VA in exports", "GVC_FWD": "domestic VA in partners' exports"}[c_])
        page.finding("value chains", f"GVC participation of {country}: {{gvc.gvc_part}} of gross exports "
                     "(backward {gvc.gvc_back}, forward {gvc.gvc_fwd}).", comparison="against the comparators of the table",
                     why="participation measures how far exports ride on other countries' production.")
    heads = {"exporter": "Exporter", "EXGR": "Gross exports", "EXGR_DVA": "Domestic value added in exports",
             "EXGR_FVA": "Foreign value added in exports", "DVA_FX": "Domestic VA in partners' exports",
             "EXGR_DVA_SH": "Domestic VA share", "GVC_BACK": "Backward participation", "GVC_FWD": "Forward participation",
             "GVC_PART": "GVC participation"}
    units = {c: ("% of gross exports" if c in ratio else unit) for c in cols if c != "exporter"}
    page.add(ReportTable(key="gvc_participation", title=f"Value added in exports and GVC participation: {country} and comparators",
                        df=sel, source=src, units=units, headers=heads, decimals={c: 1 for c in units},
                        notes=["GVC participation = (foreign VA in exports + domestic VA in partners' exports) / gross exports (Koopman et al. 2010)."]))
    page.add(ReportFigure(key="gvc_participation", title=f"GVC participation: {country} against comparators", source=src,
                         chart=participation_chart(tv, highlight=country, source=src)))
    dd = tv.dva_by_destination()
    dd = dd[dd["exporter"] == country].sort_values("FFD_DVA", ascending=False, kind="stable").reset_index(drop=True)
    page.add(ReportTable(key="gvc_dva_by_destination", title=f"Domestic value added of {country} absorbed by final demand abroad, by destination",
                        df=dd[["destination", "FFD_DVA"]], source=src, units={"FFD_DVA": unit}, decimals={"FFD_DVA": 1},
                        headers={"destination": "Destination", "FFD_DVA": "Domestic VA in final demand"}))
    page.add(ReportFigure(key="gvc_dva_by_destination", title=f"Where the value added of {country} is finally consumed", source=src,
                         chart=bar_chart(dd, category="destination", value="FFD_DVA", unit=unit)))
    page.add(ReportFigure(key="gvc_fva_by_source", title=f"Sources of foreign value added in the exports of {country}", source=src,
                         chart=fva_sources_chart(tv, country, source=src)))
    st = label_blocks(tiva_indicators(t, level="sector").at("sector"), t)  # a split country's rows name their block
    st = st[st["exporter"] == country]
    scols = [c for c in ["industry", "block", "EXGR", "EXGR_DVA", "EXGR_DDC", "EXGR_IDC", "EXGR_FVA", "EXGR_DVA_SH"] if c in st.columns]
    st = st[scols].sort_values("EXGR_DVA", ascending=False, kind="stable").reset_index(drop=True)
    if "EXGR_DVA_SH" in st.columns:
        st["EXGR_DVA_SH"] = 100 * st["EXGR_DVA_SH"]
    page.add(ReportTable(key="gvc_dva_by_industry", title=f"Domestic value added in the exports of {country} by industry", df=st, source=src,
                        units={c: ("% of gross exports" if c == "EXGR_DVA_SH" else unit) for c in scols if c not in ("industry", "block")},
                        headers={**heads, "industry": "Industry", "block": "Block (processing split)", "EXGR_DDC": "Direct domestic VA", "EXGR_IDC": "Indirect domestic VA"},
                        decimals={c: 1 for c in scols if c not in ("industry", "block")}, annex=True))
    # the same exports in every method's standard layout (methods from the GVC registry)
    std_rows = []
    for m in GVC_METHODS.values():
        for appr in (m.standard or {}):
            d = decomposition(t_splits, m.name, terms="standard", approach=appr or None).table
            row = d[d["exporter"] == country]
            if len(row):
                std_rows.append({"method": m.title + (f" ({appr})" if appr else ""), **row.drop(columns="exporter").iloc[0].to_dict()})
    if std_rows:
        sd = pd.DataFrame(std_rows)
        std_cols = [c for c in sd.columns if c != "method"]
        page.add(ReportTable(key="gvc_standard_terms", title=f"Gross exports of {country} in one layout, by decomposition method",
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
        page.add(ReportTable(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports: {label}", df=d, source=src,
                            unit=unit, decimals={c: 1 for c in d.columns if c != "exporter"}, headers={"exporter": "Exporter"}, annex=True,
                            notes=["The terms add up to gross exports (checked by the family's identity check)."]))
        kw = {} if method == "bm" else {"terms": tuple(c for c in ("DVA_FIN", "DVA_INT", "DVA_INTrex", "RDV_FIN", "RDV_INT", "DDC",
                                                                  "FVA_FIN", "FVA_INT", "FDC") if c in d.columns)}
        page.add(ReportFigure(key=f"gvc_{method}_decomposition", title=f"Decomposition of gross exports ({method.upper()})", source=src,
                             chart=decomposition_chart(dec, source=src, **kw)))


SECTION = Section(key="gvc", title="Participation and position in global value chains", needs="gvc", load=load, build=build,
                  summary="TiVA indicators and decompositions (full table) or upstreamness and sourcing (intermediate flows)")
