"""Loading the study's inputs with the families' readers (or the built-in examples)."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

import pandas as pd

from ..gvc import read_icio
from ..regional import read_employment, validate_employment
from ..tables import read_table
from ..tables.trade import TradeFlows, connect, flows_table, read_flows
from ..errors import ValidationError
from ._context import BuildContext


def _is_builtin(v: Any) -> bool:
    return isinstance(v, str) and v.startswith("builtin:")


def _flag_note(flags) -> list[str]:
    return [str(f) for f in flags or ()]


def national_table(ctx: BuildContext):
    """The national IOTable of [io] (with the study's name/unit/source/flags applied)."""

    def load():
        io = ctx.study.get("io")
        src = io["table"]
        if _is_builtin(src):
            from ._builtins import load_builtin

            tab = load_builtin(src.split(":", 1)[1])
            if io["drop_zero_output"]:
                tab = tab.drop_zero_output()
        else:
            kw = {} if io["format"] == "auto" else {"format": io["format"]}
            tab = read_table(src, rtol=io["rtol"], drop_zero_output=io["drop_zero_output"], **kw)
        changes = {}
        for key in ("name", "unit", "source"):
            if io.get(key):
                changes[key] = io[key]
        flags = tuple(dict.fromkeys([*getattr(tab, "flags", ()), *io.get("flags", [])]))
        if flags != tuple(getattr(tab, "flags", ())):
            changes["flags"] = flags
        if changes:
            tab = dataclasses.replace(tab, **changes)
        if not tab.name:
            tab = dataclasses.replace(tab, name=Path(str(src)).stem)
        ctx.add_input("national IO table", f"{display_path(src)} — {tab.name} ({tab.n} industries, {tab.unit or 'unit not stated'})")
        status = "estimated" if any("estimated" in f or "RAS" in f for f in tab.flags) else "synthetic" if any("synthetic" in f for f in tab.flags) else "real"
        cov = f"{tab.n} industries" + ("; primary inputs and final uses are residuals" if any("residual" in f for f in tab.flags) else "")
        ctx.add_status("National input-output table", status, tab.source or tab.name, _year_of(tab.name), cov)
        for f in tab.flags:
            ctx.add_flag(f"National IO table: {f}")
        ctx.log.info(f"read national table {src}: {tab!r}")
        return tab

    return ctx.once("national_table", load)


def display_path(p) -> str:
    """A path as shown on the page: the study's own spelling (``shared:...``, ``builtin:...``) or the file
    name, never an absolute machine path."""
    from .._data import shared_data_dir

    s = str(p)
    d = shared_data_dir()
    if d is not None and s.startswith(str(d)):
        return "shared:" + s[len(str(d)):].lstrip("/")
    if s.startswith("/"):
        return Path(s).name
    return s


def _year_of(text: str) -> str:
    import re

    ys = re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", str(text))
    return ", ".join(dict.fromkeys(ys))


def crosscheck(ctx: BuildContext):
    """(table, source) of the region's employment cross-check, when the regional size data offers one."""
    emp = employment(ctx)[0]
    fn = getattr(emp, "attrs", {}).get("crosscheck")
    if fn is None:
        return None
    return ctx.once("crosscheck", fn)


def table_source(tab) -> str:
    """The data source of a table (its flags are shown separately, beside each table and figure)."""
    return tab.source or tab.name or "the study's input-output table"


def labels_map(ctx: BuildContext) -> dict[str, str]:
    io = ctx.study.get("io")
    p = io.get("labels")
    if not p:
        return {}

    def load():
        df = pd.read_csv(p, dtype=str)
        if df.shape[1] < 2:
            raise ValidationError(f"[io] labels {p}: needs two columns (code, label); add the label column")
        return dict(zip(df.iloc[:, 0].str.strip(), df.iloc[:, 1].str.strip()))

    return ctx.once("labels", load)


def employment(ctx: BuildContext):
    """(long employment frame, flags, source) for [regional]."""

    def load():
        reg = ctx.study.get("regional")
        src = reg["employment"]
        if _is_builtin(src):
            from ._builtins import load_builtin

            emp = load_builtin(src.split(":", 1)[1])
            flags = list(emp.attrs.get("flags", []))
            source = emp.attrs.get("source", src)
        else:
            if reg.get("region_column", "region") != "region" or reg.get("year") or reg.get("drop"):
                raw = pd.read_csv(src)
                if reg.get("year"):
                    if "year" not in raw.columns:
                        raise ValidationError(f"[regional] year = {reg['year']}: the employment file has no 'year' column; remove the key")
                    raw = raw[raw["year"] == reg["year"]]
                    if raw.empty:
                        raise ValidationError(f"[regional] year = {reg['year']} is not in the employment file; use a year it holds")
                raw = raw[~raw["industry"].isin(list(reg.get("drop", [])))]
                raw = raw.rename(columns={reg["region_column"]: "region"})[["industry", "region", "employment"]]
                emp = validate_employment(raw)
            else:
                emp = read_employment(src)
            flags, source = [], display_path(src)
        flags += [f for f in reg.get("flags", []) if f not in flags]
        source = reg.get("source") or source
        ctx.add_input("regional size", f"{display_path(src)} — region {reg['region']}")
        status = "synthetic" if any("synthetic" in f for f in flags) else "estimated" if any("estimated" in f for f in flags) else "real"
        ctx.add_status(f"Regional size, {reg['region']}", status, source, _year_of(source),
                       "by OKED section (industries of a section share its quotient)" if any("section" in f for f in flags) else "by industry")
        for f in flags:
            ctx.add_flag(f"Regional employment: {f}")
        ctx.log.info(f"read employment {src}: {len(emp)} rows")
        return emp, flags, source

    return ctx.once("employment", load)


def flows(ctx: BuildContext, section: str = "trade"):
    """(flows object, flags, source, unit) for [trade] or [survival].

    The flows are read once per set of files; the flags and source are those of the
    section (a [survival] section without its own flows uses the [trade] ones and flags).
    """
    sec = ctx.study.get(section)
    tr = ctx.study.get("trade")
    own = bool(sec.get("flows"))
    srcs = sec.get("flows") or tr.get("flows")
    data, base_flags, base_source = ctx.once(f"flows:{srcs!r}", lambda: _read_flows(ctx, srcs, section))
    extra = list(sec.get("flags", [])) if (own or section == "trade") else list(tr.get("flags", [])) + list(sec.get("flags", []))
    flags = list(dict.fromkeys([*base_flags, *extra]))
    source = sec.get("source") or ("" if own and section != "trade" else tr.get("source", "")) or base_source
    unit = tr.get("unit") or getattr(data, "unit", "") or ""
    for f in flags:
        ctx.add_flag(f"{'Trade' if section == 'trade' else 'Survival'} flows: {f}")
    return data, flags, source, unit


def _read_flows(ctx: BuildContext, srcs, section: str):
    tr = ctx.study.get("trade")
    if len(srcs) == 1 and _is_builtin(srcs[0]):
        from ._builtins import load_builtin

        df = load_builtin(str(srcs[0]).split(":", 1)[1], country=_country(ctx, section))
        flags, source = list(df.attrs.get("flags", [])), df.attrs.get("source", str(srcs[0]))
        data = df
        # register the frame with the engine once (not once per indicator)
        data = TradeFlows(table=flows_table(df, con=_con(ctx)), unit=df.attrs.get("unit", "thousand USD"), hs_revision=None,
                          bilateral=bool(df["importer"].notna().any()), synthetic=True, source=source)
    else:
        kw = {}
        if tr.get("format", "auto") != "auto":
            kw["format"] = tr["format"]
        if tr.get("hs_revision"):
            kw["hs_revision"] = tr["hs_revision"]
        con = _con(ctx)
        if con is not None:
            kw["con"] = con
        data = read_flows([str(p) for p in srcs] if len(srcs) > 1 else str(srcs[0]), **kw)
        flags = ["synthetic"] if getattr(data, "synthetic", False) else []
        source = getattr(data, "source", "") or ", ".join(map(str, srcs))
    ctx.add_input(f"{section} flows", ", ".join(display_path(p) for p in srcs))
    ctx.log.info(f"read flows {', '.join(map(str, srcs))}")
    return data, flags, source


def _con(ctx: BuildContext):
    """The engine connection of [trade] engine (None: the trade family's default DuckDB)."""
    engine = ctx.study.get("trade").get("engine", "duckdb") if ctx.study.has("trade") else "duckdb"
    if engine == "duckdb":
        return None

    def make():
        ctx.log.info(f"trade engine: {engine}")
        return connect(engine)

    return ctx.once(f"con:{engine}", make)


def con(ctx: BuildContext):
    return _con(ctx)


def _country(ctx: BuildContext, section: str) -> str:
    sec = ctx.study.get(section)
    return (sec.get("country") or ctx.study.get("trade").get("country") or ctx.study.get("study").get("country") or "")


def country(ctx: BuildContext, section: str = "trade") -> str:
    return _country(ctx, section)


def icio(ctx: BuildContext):
    """(inter-country table, flags, source, unit) for [gvc]."""

    def load():
        gv = ctx.study.get("gvc")
        src = gv["table"]
        flags = list(gv.get("flags", []))
        if _is_builtin(src):
            from ._builtins import load_builtin

            t = load_builtin(src.split(":", 1)[1])
        else:
            kw = {} if gv["format"] == "auto" else {"format": gv["format"]}
            t = read_icio(src, **kw)
        flags = list(dict.fromkeys([*getattr(t, "flags", ()), *flags]))
        source = gv.get("source") or getattr(t, "source", "") or str(src)
        unit = gv.get("unit") or getattr(t, "unit", "")
        ctx.add_input("inter-country IO table", display_path(src))
        ctx.add_status("Inter-country table", "synthetic" if any("synthetic" in f for f in flags) else "real", source, "", "")
        for f in flags:
            ctx.add_flag(f"Inter-country table: {f}")
        return t, flags, source, unit

    return ctx.once("icio", load)


_NAMES = {
    "KAZ": "Kazakhstan", "RUS": "Russia", "BRA": "Brazil", "CHN": "China", "IND": "India", "IDN": "Indonesia",
    "SAU": "Saudi Arabia", "ZAF": "South Africa", "EGY": "Egypt", "ETH": "Ethiopia", "IRN": "Iran", "ARE": "United Arab Emirates",
    "CHL": "Chile", "MEX": "Mexico", "TUR": "Türkiye", "VNM": "Viet Nam", "THA": "Thailand", "AZE": "Azerbaijan",
    "UZB": "Uzbekistan", "KGZ": "Kyrgyz Republic", "AUS": "Australia", "DEU": "Germany", "ITA": "Italy", "NLD": "Netherlands",
    "FRA": "France", "GBR": "United Kingdom", "USA": "United States", "KOR": "Korea", "JPN": "Japan", "UKR": "Ukraine",
    "BLR": "Belarus", "POL": "Poland", "ESP": "Spain", "CHE": "Switzerland", "BEL": "Belgium", "AUT": "Austria",
}


@functools.lru_cache(maxsize=1)
def _oecd_name_pairs() -> tuple:
    from .._data import shared_data_dir

    d = shared_data_dir()
    f = d / "oecd_icio2025_2022_intermediate" / "OECD_ICIO_2025_country_code_mapping.csv" if d is not None else None
    if f is None or not f.is_file():
        return ()
    m = pd.read_csv(f, dtype=str, encoding="utf-8-sig")
    return tuple(zip(m.iloc[:, 0], m.iloc[:, 1]))


def _oecd_names() -> dict[str, str]:
    return dict(_oecd_name_pairs())


def country_name(code) -> str:
    """The English name of an ISO3 code (the OECD ICIO code list when held; the code itself when unknown)."""
    c = str(code)
    return _NAMES.get(c) or _oecd_names().get(c) or c
