"""Loading the study's inputs with the families' readers (or the built-in examples)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ValidationError
from .build import BuildContext, Unavailable, need


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
            from .demo import load_builtin

            tab = load_builtin(src.split(":", 1)[1])
            if io["drop_zero_output"]:
                tab = tab.drop_zero_output()
        else:
            read_table = need("tables", "read_table")
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
        ctx.add_input("national IO table", f"{src} — {tab.name} ({tab.n} industries, {tab.unit or 'unit not stated'})")
        for f in tab.flags:
            ctx.add_flag(f"National IO table: {f}")
        ctx.log.info(f"read national table {src}: {tab!r}")
        return tab

    return ctx.once("national_table", load)


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
            from .demo import load_builtin

            emp = load_builtin(src.split(":", 1)[1])
            flags = list(emp.attrs.get("flags", []))
            source = emp.attrs.get("source", src)
        else:
            read_employment = need("regional", "read_employment")
            emp = read_employment(src)
            flags, source = [], str(src)
        flags += [f for f in reg.get("flags", []) if f not in flags]
        source = reg.get("source") or source
        ctx.add_input("regional employment", f"{src} — region {reg['region']}")
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
        from .demo import load_builtin

        df = load_builtin(str(srcs[0]).split(":", 1)[1], country=_country(ctx, section))
        flags, source = list(df.attrs.get("flags", [])), df.attrs.get("source", str(srcs[0]))
        data = df
        try:  # register the frame with the engine once (not once per indicator)
            TradeFlows, flows_table = need("trade", "TradeFlows"), need("trade", "flows_table")
            data = TradeFlows(table=flows_table(df, con=_con(ctx)), unit=df.attrs.get("unit", "thousand USD"), hs_revision=None,
                              bilateral=bool(df["importer"].notna().any()), synthetic=True, source=source)
        except Unavailable:
            pass
    else:
        read_flows = need("trade", "read_flows")
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
    ctx.add_input(f"{section} flows", ", ".join(map(str, srcs)))
    ctx.log.info(f"read flows {', '.join(map(str, srcs))}")
    return data, flags, source


def _con(ctx: BuildContext):
    """The engine connection of [trade] engine (None: the trade family's default DuckDB)."""
    engine = ctx.study.get("trade").get("engine", "duckdb") if ctx.study.has("trade") else "duckdb"
    if engine == "duckdb":
        return None

    def make():
        ctx.log.info(f"trade engine: {engine}")
        return need("trade", "connect")(engine)

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
            from .demo import load_builtin

            t = load_builtin(src.split(":", 1)[1])
        else:
            read_icio = need("gvc", "read_icio")
            kw = {} if gv["format"] == "auto" else {"format": gv["format"]}
            t = read_icio(src, **kw)
        flags = list(dict.fromkeys([*getattr(t, "flags", ()), *flags]))
        source = gv.get("source") or getattr(t, "source", "") or str(src)
        unit = gv.get("unit") or getattr(t, "unit", "")
        ctx.add_input("inter-country IO table", str(src))
        for f in flags:
            ctx.add_flag(f"Inter-country table: {f}")
        return t, flags, source, unit

    return ctx.once("icio", load)
