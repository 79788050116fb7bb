"""Layout helpers shared by the section modules: badges, name lists, tidy frames, the key-sector blocks.

Nothing here computes economics; the key-sector blocks lay out what
:func:`valuechain.leontief.key_sectors`, ``linkages`` and ``multipliers`` return.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...leontief import key_sectors, linkages, multipliers, quadrant_chart
from .._model import ReportFigure, ReportTable
from ..figures import FULL_WIDTH, label_top
from ..inputs import table_source

__all__ = ["badge_of", "names_list", "tidy", "in_billions", "with_names", "flags_of", "keysector_blocks", "CLASS_NAMES", "copy_section",
           "table_words"]

CLASS_NAMES = {"key": "key sector", "backward": "backward-oriented", "forward": "forward-oriented", "weak": "weak"}


def flags_of(tab) -> list[str]:
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


def tidy(obj: Any, index_name: str | None = None) -> pd.DataFrame:
    """A family result as a tidy DataFrame (``.table`` of a Result, or a labelled frame)."""
    if hasattr(obj, "table") and isinstance(getattr(obj, "table"), pd.DataFrame):
        obj = obj.table
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"expected a DataFrame-like result, got {type(obj).__name__}")
    df = obj.copy()
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index().rename(columns={"index": index_name or "label"})
    df.columns = [str(c) for c in df.columns]
    return df


def in_billions(tab) -> tuple[float, str]:
    """(divisor, unit) that shows the table's values in billions when it is in millions."""
    u = tab.unit or ""
    if u.lower().startswith("million "):
        return 1000.0, "bn " + u.split(" ", 1)[1]
    return 1.0, u or "value unit of the table"


def with_names(df: pd.DataFrame, labels: dict[str, str], col: str = "sector") -> pd.DataFrame:
    """Add a ``name`` column from the study's [io] labels file (code -> long name), if any."""
    if not labels or col not in df.columns:
        return df
    df = df.copy()
    df.insert(df.columns.get_loc(col) + 1, "name", df[col].map(lambda s: labels.get(str(s), "")))
    return df


def keysector_blocks(page, tab, io, labels, *, scope: str, where: str) -> list[str]:
    """Multipliers, linkages, key-sector quadrants and oriented sectors (regional seed, Tables 1-6).

    Returns the key sectors (industries with both linkages above the average).
    """
    src = table_source(tab)
    exclude = [e for e in io.get("exclude", []) if e in set(tab.industries)]
    flags = flags_of(tab)
    m = tidy(multipliers(tab, type=io["multipliers"]), "sector")
    if "value_added" in m.columns and any("residual" in f for f in flags):
        m = m.drop(columns=["value_added"])  # value added is a residual in this table: not shown
    m = m.sort_values("output", ascending=False, kind="stable").reset_index(drop=True) if "output" in m.columns else m
    munits = {c: "per unit of final demand" for c in m.columns if c != "sector"}
    page.add(ReportTable(key=f"{scope}_multipliers", title=f"Type {io['multipliers']} output multipliers, {where}",
                         df=with_names(m, labels), source=src, units=munits, annex=True, flags=flags,
                         headers={"sector": "Industry", "output": "Output multiplier", "value_added": "Value-added multiplier",
                                  "employment": "Employment multiplier", "income": "Income multiplier"},
                         decimals={c: 2 for c in m.columns if c != "sector"},
                         notes=["Output multiplier: column sum of the Leontief inverse (Miller & Blair 2009, eq. 6.4)."]))
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
             "rasmussen_backward_cv": "CV of backward linkage", "rasmussen_forward_cv": "CV of forward linkage", "class": "Class"}
    dec = {c: 2 for c in (bw, fw, *cvs)}
    units = {bw: "index, mean = 1" if io["backward"] == "rasmussen" else "", fw: "index, mean = 1" if io["forward"] == "rasmussen" else ""}
    cols = [c for c in ["sector", bw, fw, *cvs, "class"] if c in df.columns]
    full = df[cols].assign(**{"class": df["class"].map(CLASS_NAMES).fillna(df["class"])})
    full = full.sort_values(bw, ascending=False, kind="stable").reset_index(drop=True)
    page.add(ReportTable(key=f"{scope}_linkages", title=f"Backward and forward linkages of every industry, {where}",
                         df=with_names(full, labels), source=src, units=units, decimals=dec, flags=flags, headers={**heads, "name": "Name"},
                         annex=True,
                         notes=[f"Backward: {io['backward']}; forward: {io['forward']}. Class (measures divided by their mean): "
                                "key (both above 1), backward-oriented, forward-oriented, weak (Miller & Blair 2009, sec. 12.2.4)."]))
    key = df[df["class"] == "key"].sort_values(bw, ascending=False, kind="stable")
    names = [labels.get(str(n), str(n)) for n in key["sector"]]
    ref = f"{scope}_key_sectors"
    page.claim(f"{scope}_n_key", "key_sectors.count", len(names), unit="", scope=where, decimals=0, source=src,
               definition="industries with backward and forward linkages above the average (Rasmussen)", ref=ref,
               coverage=f"{tab.n} industries")
    page.claim(f"{scope}_n_industries", "industries.count", tab.n, unit="industries", scope=where, decimals=0, source=src,
               definition="industries of the table", ref=f"{scope}_linkages")
    page.claim(f"{scope}_top_backward", "linkage.backward.max", float(full[bw].iloc[0]), unit="index, mean = 1", decimals=2,
               scope=f"{where}|{full['sector'].iloc[0]}", source=src, definition="largest backward linkage", ref=f"{scope}_linkages")
    k = page.key
    page.say(f"{{{k}.{scope}_n_key}} of {{{k}.{scope}_n_industries}} of {where} are key sectors, with both linkages above the "
             f"average: {names_list(names, 10)}. The strongest backward linkage is that of {full['sector'].iloc[0]} "
             f"({{{k}.{scope}_top_backward}} times the average).")
    page.add(ReportTable(key=ref, title=f"{where[:1].upper() + where[1:]}: key sectors by {io['backward'].capitalize()}'s method",
                         df=with_names(key[[c for c in ["sector", bw, fw] if c in key.columns]].reset_index(drop=True), labels),
                         source=src, units=units, decimals=dec, flags=flags, headers={**heads, "name": "Name"},
                         notes=["Industries with backward and forward linkages above the average (the regional seed's Tables 1 and 4)."]))
    qd = ks.table[["sector", "backward_norm", "forward_norm"]]
    chart = label_top(quadrant_chart(ks, title=f"Key sectors of {where}", label=False, width=FULL_WIDTH - 240, height=420),
                      qd, x="backward_norm", y="forward_norm", text="sector", n=8, width=FULL_WIDTH - 240, height=420)
    page.add(ReportFigure(key=f"{scope}_quadrant", title=f"Key sectors of {where}: backward against forward linkages",
                          chart=chart, source=src, flags=flags,
                          notes=["Upper right: key sectors; upper left: forward-oriented; lower right: backward-oriented; "
                                 "lower left: weak. Up to eight industries with the largest combined linkages are labelled "
                                 "(none where labels would overlap)."]))
    cv = None if io["cv"] == "none" else io["cv"]
    if cv is not None and "rasmussen" not in (io["backward"], io["forward"]):
        cv = None
    ko = key_sectors(tab, backward=io["backward"], forward=io["forward"], cv_filter=cv, exclude=exclude)
    dfo = ko.table
    rule = ("no CV filter" if cv is None else ("CV at or below the median CV" if cv == "median" else f"CV at or below {float(cv):g}"))
    excl = f" {len(exclude)} local-serving industries left out (listed in the study file)." if exclude else ""
    for side, val in (("backward", bw), ("forward", fw)):
        cvc = f"rasmussen_{side}_cv"
        t = dfo.loc[dfo["class"] == side, [c for c in ["sector", val, cvc] if c in dfo.columns]]
        t = t.sort_values(val, ascending=False, kind="stable").reset_index(drop=True)
        page.add(ReportTable(key=f"{scope}_{side}_oriented",
                             title=f"{side.capitalize()}-oriented industries of {where} (strong {side} linkage, relatively low CV)",
                             df=with_names(t, labels), source=src, units=units, decimals={**dec, cvc: 2}, flags=flags,
                             headers={**heads, "name": "Name"},
                             notes=[f"Class '{side}' with {rule}." + (excl if side == "backward" else " Local-serving industries as in the table above.")
                                    + " (Regional seed, Tables 2-3 and 5-6.)"]))
    return names


def copy_section(src, sec) -> None:
    """Copy a section built by a ready section function (``section_*.py``) into the registry's section."""
    sec.title = src.title
    sec.intro = src.intro
    sec.status = src.status
    sec.notes += [n for n in src.notes if n not in sec.notes]
    sec.flags += [f for f in src.flags if f not in sec.flags]
    sec.blocks += src.blocks
    sec.badge = badge_of(sec.flags)


def table_words(tab, year: str = "", page=None, ref: str = "") -> str:
    """'Table: NAME, YEAR, N industries.' (year and count only where the name does not already say them).

    With ``page``, the name is a label and the count a claim (``<section>.table_industries``,
    pointing to ``ref``), so the sentence states no number outside a claim.
    """
    name = tab.name or table_source(tab)
    out = f"Table: {page.label(name) if page is not None else name}"
    if not year:
        out += " (its year is not stated by its source)"
    elif year not in name:
        out += f", {year}"
    if f"{tab.n} industries" in name:
        pass
    elif page is not None:
        c = page.claim("table_industries", "industries.count", tab.n, unit="industries", decimals=0, year=year, scope=name,
                       source=table_source(tab), ref=ref, definition="industries of the table the section works on")
        out += f", {c.ph}"
    elif f"{tab.n} industries" not in name:
        out += f", {tab.n} industries"
    return out + "."
