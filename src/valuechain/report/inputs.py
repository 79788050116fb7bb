"""The study's inputs, each read or computed once by the families, shared by the sections.

:class:`Inputs` is the one place a section's load half gets data from: the national table,
the regional size data and the regionalization, the factor-analysis clusters, the trade
flows and the trade diagnostic, the peer panel, the inter-country tables. Each is a typed
method, computed on first use (by the family that owns the method) and kept for the build;
loading an input records it in the build's :class:`~valuechain.report.sections.Record`
(inputs, provenance flags, data-status rows). No section reads another's output.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import ValidationError
from ..gvc import read_icio
from ..regional import employment_vectors, read_employment, regionalize, validate_employment
from ..tables import IOTable, read_table
from ..tables.trade import TradeFlows, connect, flows_table, read_flows
from ..trade import DEFAULT_GROUPS, Groups, load_groups
from ._context import Prefetch
from ._model import Record
from .study import Study

#: Flows files up to this size (bytes on disk) are materialised once in the engine when read.
_CACHE_BYTES = 256 * 2**20

__all__ = ["Inputs", "display_path", "country_name", "table_source", "is_builtin", "Regionalization", "ClusterFit",
           "year_of"]

REGIONAL_FLAG = "estimated (location-quotient regionalization)"


def is_builtin(v: Any) -> bool:
    """Whether a study value names a table bundled with the package (``builtin:<name>``).

    Parameters
    ----------
    v : Any
        A value of the study (a path, a string, a number).

    Returns
    -------
    bool
        True for a string starting with ``builtin:``.

    Examples
    --------
    >>> is_builtin("builtin:germany-1995"), is_builtin(Path("builtin:x")), is_builtin("tables/kaz.csv")
    (True, False, False)
    """
    return isinstance(v, str) and v.startswith("builtin:")


def display_path(p: str | os.PathLike) -> str:
    """A path as shown on the page: the study's own spelling (``shared:...``, ``builtin:...``) or the file
    name, never an absolute machine path.

    Parameters
    ----------
    p : str or os.PathLike
        A path of the study (or a ``builtin:`` name).

    Returns
    -------
    str
        ``shared:<relative path>`` for a file under the shared data folder, the file name of
        any other absolute path, a relative path or a ``builtin:`` name as written.

    Examples
    --------
    >>> display_path("/home/analyst/tables/kaz_2021.csv"), display_path("tables/kaz_2021.csv")
    ('kaz_2021.csv', 'tables/kaz_2021.csv')
    >>> display_path("builtin:germany-1995")
    'builtin:germany-1995'
    """
    from .._data import shared_data_dir

    s = str(p)
    d = shared_data_dir()
    if d is not None and s.startswith(str(d)):
        return "shared:" + s[len(str(d)):].lstrip("/")
    if s.startswith("/"):
        return Path(s).name
    return s


def year_of(text: str) -> str:
    """The years (1950-2049) a name or source mentions, in order, each once.

    Parameters
    ----------
    text : str
        A table name, source or file name.

    Returns
    -------
    str
        The years joined by ``", "``; empty when there is none.

    Examples
    --------
    >>> year_of("OECD ICIO 2023 release, KAZ 2020 and 2018; 2020 again"), year_of("no year, 12345")
    ('2023, 2020, 2018', '')
    """
    ys = re.findall(r"\b(19[5-9]\d|20[0-4]\d)\b", str(text))
    return ", ".join(dict.fromkeys(ys))


def table_source(tab: IOTable) -> str:
    """The data source of a table (its flags are shown separately, beside each table and figure).

    Parameters
    ----------
    tab : IOTable
        An input-output table.

    Returns
    -------
    str
        Its ``source``, else its ``name``, else a generic description.

    Examples
    --------
    >>> from valuechain.report import load_builtin
    >>> table_source(load_builtin("germany-1995")).split(",")[0]
    'Eurostat Manual of Supply'
    """
    return tab.source or tab.name or "the study's input-output table"


@dataclasses.dataclass(frozen=True)
class Regionalization:
    """The regionalized table of [regional] with what it was made from.

    Made by :meth:`Inputs.regionalization` (not by hand in a build).

    Parameters
    ----------
    result : RegionalizationResult
        The result of :func:`valuechain.regional.regionalize` (coefficients, location quotients).
    vectors : Any
        The employment (size) vectors of the region and the nation.
    table : IOTable
        The regional table, flagged as estimated.
    flags : tuple of str
        Provenance flags (estimated, synthetic, ...).
    source : str
        The source of the size data.
    size : pandas.DataFrame
        The size data as read (``attrs``: unit, section_of, section_names, crosscheck).

    Examples
    --------
    >>> r = Regionalization(result=None, vectors=None, table=None, flags=(REGIONAL_FLAG,), source="BNS 2022",
    ...                     size=pd.DataFrame({"region": [10.0], "nation": [100.0]}))
    >>> r.flags, r.source
    (('estimated (location-quotient regionalization)',), 'BNS 2022')
    """

    result: Any          # RegionalizationResult of valuechain.regional
    vectors: Any         # employment (size) vectors
    table: Any           # the regional IOTable, flagged as estimated
    flags: tuple[str, ...]
    source: str
    size: pd.DataFrame   # the size data as read (attrs: unit, section_of, section_names, crosscheck)


@dataclasses.dataclass(frozen=True)
class ClusterFit:
    """The factor-analysis clusters of one table (national or regional), named and assigned by the clusters family.

    Made by :meth:`Inputs.clusters` (not by hand in a build).

    Parameters
    ----------
    scope : str
        ``national`` or ``regional``.
    where : str
        The table's name as shown (which table was analysed).
    table : IOTable
        The table analysed.
    analysis : ClusterAnalysis
        The fitted factor analysis of :mod:`valuechain.clusters`.
    names : dict
        Factor -> cluster name.
    members : dict
        Cluster name -> its industries (each industry in its highest-loading cluster).
    labels : dict, optional
        Code -> name of the table's rows when they are sections; empty for industries.

    Examples
    --------
    >>> fit = ClusterFit("national", "the national table", table=None, analysis=None, names={0: "Metals"},
    ...                  members={"Metals": ["basic_metals", "fabricated_metals"]})
    >>> fit.members["Metals"], fit.labels
    (['basic_metals', 'fabricated_metals'], {})
    """

    scope: str
    where: str
    table: Any           # the IOTable analysed
    analysis: Any        # fitted ClusterAnalysis
    names: dict          # factor -> name
    members: dict        # cluster name -> industries (each in its highest-loading cluster)
    labels: dict = dataclasses.field(default_factory=dict)  # code -> name of the table's rows (sections), empty for industries


class Inputs:
    """The inputs of one build (see the module docstring).

    Parameters
    ----------
    study : Study
        The validated study.
    record : Record
        The build's record of inputs, provenance flags and data-status rows; each input
        loaded adds to it.
    log : logging.Logger, optional
        Where reads are logged (default the ``valuechain.report`` logger).

    Examples
    --------
    >>> from valuechain.report import parse_study
    >>> from valuechain.report._model import Record
    >>> inp = Inputs(parse_study('[io]\\ntable = "builtin:germany-1995"\\n'), Record())
    >>> inp.national_table.n, inp.record.data_status[0][:2]
    (6, ('National input-output table', 'real'))
    """

    def __init__(self, study: Study, record: Record, log: logging.Logger | None = None):
        self.study = study
        self.record = record
        self.log = log or logging.getLogger("valuechain.report")
        self._flows: dict = {}
        self._clusters: dict = {}
        self._icio_zx: dict = {}
        self._totals: dict = {}
        self._position: dict = {}  # zx table path -> Prefetch of its position measures

    # ------------------------------------------------------------------ national
    @cached_property
    def national_table(self):
        """The national IOTable of [io] (with the study's name/unit/source/flags applied)."""
        io = self.study.get("io")
        src = io["table"]
        if is_builtin(src):
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
        rec = self.record
        rec.add_input("national IO table", f"{display_path(src)} — {tab.name} ({tab.n} industries, {tab.unit or 'unit not stated'})")
        status = ("estimated" if any("estimated" in f or "RAS" in f for f in tab.flags)
                  else "synthetic" if any("synthetic" in f for f in tab.flags) else "real")
        cov = f"{tab.n} industries" + ("; primary inputs and final uses are residuals" if any("residual" in f for f in tab.flags) else "")
        rec.add_status("National input-output table", status, tab.source or tab.name, year_of(tab.name), cov)
        for f in tab.flags:
            rec.add_flag(f"National IO table: {f}")
        self.log.info(f"read national table {src}: {tab!r}")
        self._prefetch_position(src)
        return tab

    def _prefetch_position(self, io_src) -> None:
        """With the OECD extract in memory (the national table is built from it) and a [gvc] section on
        that extract, start its position measures (an LU of 4000 x 4000) in a child process (:class:`Prefetch`)."""
        if not (self.study.has("gvc") and str(io_src).startswith("builtin:kazakhstan-icio")):
            return
        gv = self.study.get("gvc")
        from ..datasets.kazakhstan_icio import ICIO_FOLDER

        p = Path(str(gv["table"]))
        if gv.get("format") != "zx" or not (p.name == ICIO_FOLDER or (p / ICIO_FOLDER).is_dir()):
            return
        table = self.icio_zx(gv["table"])[0]  # the extract already read for the national table
        self._position[str(gv["table"])] = Prefetch(_position_one_thread, table)

    def position_prefetch(self, path) -> Prefetch | None:
        """The :class:`Prefetch` of the position measures of the zx table at ``path``, or None (not started)."""
        return self._position.pop(str(path), None)

    @cached_property
    def labels(self) -> dict[str, str]:
        """Code -> long name from [io] labels (empty when not given)."""
        p = self.study.get("io").get("labels") if self.study.has("io") else None
        if not p:
            return {}
        df = pd.read_csv(p, dtype=str)
        if df.shape[1] < 2:
            raise ValidationError(f"[io] labels {p}: needs two columns (code, label); add the label column")
        return dict(zip(df.iloc[:, 0].str.strip(), df.iloc[:, 1].str.strip()))

    # ------------------------------------------------------------------ regional
    @cached_property
    def employment(self):
        """(long size frame, flags, source) for [regional]."""
        reg = self.study.get("regional")
        src = reg["employment"]
        if is_builtin(src):
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
        rec = self.record
        rec.add_input("regional size", f"{display_path(src)} — region {reg['region']}")
        status = "synthetic" if any("synthetic" in f for f in flags) else "estimated" if any("estimated" in f for f in flags) else "real"
        rec.add_status(f"Regional size, {reg['region']}", status, source, year_of(source),
                       "by OKED section (industries of a section share its quotient)" if any("section" in f for f in flags) else "by industry")
        for f in flags:
            rec.add_flag(f"Regional employment: {f}")
        self.log.info(f"read employment {src}: {len(emp)} rows")
        return emp, flags, source

    @cached_property
    def crosscheck(self):
        """(table, source) of the region's employment cross-check, when the regional size data offers one."""
        fn = getattr(self.employment[0], "attrs", {}).get("crosscheck")
        return None if fn is None else fn()

    @cached_property
    def regionalization(self) -> Regionalization:
        """The national table regionalized for [regional] region (valuechain.regional)."""
        reg = self.study.get("regional")
        tab = self.national_table
        emp, flags, source = self.employment
        measure = str(emp.attrs.get("measure", "employment")) if hasattr(emp, "attrs") else "employment"
        ev = employment_vectors(emp, reg["region"], industries=list(tab.industries), unmatched="raise", measure=measure)
        r = regionalize(tab, ev, method=reg["method"], delta=reg["delta"], region=reg["region"])
        rt = r.io_table
        new_flags = tuple(dict.fromkeys([*rt.flags, *[f"regional size: {f}" for f in flags], REGIONAL_FLAG]))
        rt = dataclasses.replace(rt, flags=new_flags, name=rt.name or f"{reg['region']} ({reg['method'].upper()})",
                                 source=f"{table_source(tab)}; regional size: {source}")
        self.log.info(f"regionalized for {reg['region']}: {rt.n} of {tab.n} industries kept, dropped {list(r.dropped)}")
        return Regionalization(result=r, vectors=ev, table=rt, flags=tuple(flags), source=source, size=emp)

    @cached_property
    def regional_sections(self):
        """(RegionalSectionsResult, PlausibilityResult) when the regional data is by OKED section, else None.

        The national table is aggregated to sections through the documented bridge and regionalized there
        (:func:`valuechain.datasets.kazakhstan_regional_sections`), so no industry becomes a regional key sector only
        because it shares a section; the plausibility check names the industries whose implied regional output in the
        industry-level table is out of line with the regional data.
        """
        reg = self.study.get("regional")
        if str(reg["employment"]) != "builtin:east-kazakhstan-bns-gva":
            return None
        from .._data import shared_data_dir
        from ..datasets import kazakhstan_regional_sections

        return kazakhstan_regional_sections(shared_data_dir(), region="VKO", year=2022, borders="pre2022", method=reg["method"],
                                            delta=reg["delta"], exclude=())

    @cached_property
    def regional_analysis_table(self):
        """The regional table key sectors and clusters are computed on: by section when the data is by section."""
        rs = self.regional_sections
        if rs is None:
            return self.regionalization.table
        t = rs[0].regionalization.io_table
        flags = tuple(dict.fromkeys([*t.flags, REGIONAL_FLAG, "regional data by OKED section: the table is aggregated to sections"]))
        return dataclasses.replace(t, flags=flags, name=f"{self.study.get('regional')['region']}, by OKED section")

    # ------------------------------------------------------------------ clusters
    def clusters(self, scope: str) -> ClusterFit:
        """The factor-analysis clusters of the national or the regional table ([clusters] settings)."""
        if scope not in self._clusters:
            from ..clusters import ClusterAnalysis
            from ..clusters.assign import cluster_members, cluster_names

            cl = self.study.get("clusters")
            if scope == "national":
                tab, where = self.national_table, "the nation"
            else:
                tab, where = self.regional_analysis_table, self.study.get("regional")["region"]
            exclude = list(cl["exclude"])
            if scope == "regional" and self.regional_sections is not None:
                from .._data import shared_data_dir
                from ..datasets.kazakhstan_icio import icio_industry_names
                from ..regional import section_bridge

                b = section_bridge("oecd_icio50")
                sec_of_code = dict(zip(b["code"], b["section"]))
                sec_of = {name: sec_of_code.get(code, "") for code, name in icio_industry_names(shared_data_dir()).items()}
                sec_of.update(dict(zip(b["name"], b["section"])))
                exclude = sorted({s for i in exclude for s in str(sec_of.get(i, "")).split("+") if s in set(tab.industries)})
            ca = ClusterAnalysis(threshold=cl["threshold"], exclude=exclude, exclude_from="membership",
                                 drop_constant=True).fit(tab)
            t = ca.table
            labels = {}
            if scope == "regional" and self.regional_sections is not None:
                from ..datasets.kazakhstan_bns import OKED_SECTIONS

                labels = dict(OKED_SECTIONS)
                t = t.assign(industry=t["industry"].map(lambda c: labels.get(c, c)))
            self._clusters[scope] = ClusterFit(scope=scope, where=where, table=tab, analysis=ca, names=cluster_names(t),
                                               members=cluster_members(t, cl["max_factors"]), labels=labels)
        return self._clusters[scope]

    # ------------------------------------------------------------------ trade
    def country(self, section: str = "trade") -> str:
        sec = self.study.get(section) if self.study.has(section) else {}
        tr = self.study.get("trade") if self.study.has("trade") else {}
        return sec.get("country") or tr.get("country") or self.study.get("study").get("country") or ""

    @cached_property
    def con(self):
        """The engine connection of [trade] engine (None: the trade family's default DuckDB)."""
        engine = self.study.get("trade").get("engine", "duckdb") if self.study.has("trade") else "duckdb"
        if engine == "duckdb":
            return None
        self.log.info(f"trade engine: {engine}")
        return connect(engine)

    def flows(self, section: str = "trade"):
        """(flows object, flags, source, unit) for [trade] or [survival].

        The flows are read once per set of files; the flags and source are those of the
        section (a [survival] section without its own flows uses the [trade] ones and flags).
        """
        sec = self.study.get(section)
        tr = self.study.get("trade")
        own = bool(sec.get("flows"))
        srcs = sec.get("flows") or tr.get("flows")
        k = repr(srcs)
        if k not in self._flows:
            self._flows[k] = self._read_flows(srcs, section)
        data, base_flags, base_source = self._flows[k]
        extra = list(sec.get("flags", [])) if (own or section == "trade") else list(tr.get("flags", [])) + list(sec.get("flags", []))
        flags = list(dict.fromkeys([*base_flags, *extra]))
        source = sec.get("source") or ("" if own and section != "trade" else tr.get("source", "")) or base_source
        unit = tr.get("unit") or getattr(data, "unit", "") or ""
        for f in flags:
            self.record.add_flag(f"{'Trade' if section == 'trade' else 'Survival'} flows: {f}")
        return data, flags, source, unit

    def _small(self, paths) -> bool:
        """Whether flows files are small enough (<= 256 MB on disk, DuckDB engine) to be materialised
        once in the engine (``read_flows(cache=True)``): the report queries them dozens of times."""
        if self.con is not None:
            return False
        total = 0
        for p in map(Path, map(str, paths)):
            files = p.rglob("*") if p.is_dir() else [p]
            total += sum(f.stat().st_size for f in files if f.is_file())
        return total <= _CACHE_BYTES

    def _read_flows(self, srcs, section: str):
        tr = self.study.get("trade")
        if len(srcs) == 1 and is_builtin(srcs[0]):
            from ._builtins import load_builtin

            df = load_builtin(str(srcs[0]).split(":", 1)[1], country=self.country(section))
            flags, source = list(df.attrs.get("flags", [])), df.attrs.get("source", str(srcs[0]))
            # register the frame with the engine once (not once per indicator)
            data = TradeFlows(table=flows_table(df, con=self.con), unit=df.attrs.get("unit", "thousand USD"), hs_revision=None,
                              bilateral=bool(df["importer"].notna().any()), synthetic=True, source=source)
        else:
            kw = {}
            if tr.get("format", "auto") != "auto":
                kw["format"] = tr["format"]
            if tr.get("hs_revision"):
                kw["hs_revision"] = tr["hs_revision"]
            if self.con is not None:
                kw["con"] = self.con
            # small files queried by many indicators: materialised once in the engine
            data = read_flows([str(p) for p in srcs] if len(srcs) > 1 else str(srcs[0]), cache=self._small(srcs), **kw)
            flags = ["synthetic"] if getattr(data, "synthetic", False) else []
            source = getattr(data, "source", "") or ", ".join(map(str, srcs))
        self.record.add_input(f"{section} flows", ", ".join(display_path(p) for p in srcs))
        self.log.info(f"read flows {', '.join(map(str, srcs))}")
        return data, flags, source

    @cached_property
    def groups(self) -> tuple[Groups, str]:
        """(product and destination groups, where they come from) of [trade]."""
        tr = self.study.get("trade")
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

    @cached_property
    def bilateral(self):
        """The [trade] partners flows (None when not given)."""
        tr = self.study.get("trade")
        if not tr.get("partners"):
            return None
        ps = tr["partners"]
        kw = {"con": self.con} if self.con is not None else {}
        bil = read_flows([str(p) for p in ps] if len(ps) > 1 else str(ps[0]), cache=self._small(ps), **kw)
        self.record.add_input("bilateral trade flows (product detail)", ", ".join(display_path(p) for p in ps))
        return bil

    @cached_property
    def destinations(self):
        """Exports by partner and country group with coverage (valuechain.trade.export_destinations), or None."""
        tr = self.study.get("trade")
        if not tr.get("partner_exports"):
            return None
        from ..datasets.kazakhstan_trade import kaz_export_totals, kaz_partner_exports
        from ..trade.destinations import export_destinations

        pe = kaz_partner_exports(tr["partner_exports"], source=tr["partner_source"])
        tot = kaz_export_totals(Path(str(tr["partner_exports"])).parent, scope="customs")
        years = list(tr.get("destination_years") or []) or None
        self.record.add_input("exports by partner", display_path(tr["partner_exports"]))
        r = export_destinations(pe, tot, years=years)
        cov = r.coverage
        self.record.add_status("Exports by partner (destinations)", "real", str(pe.attrs.get("source", "partner file")),
                               ", ".join(str(int(y)) for y in cov["year"]),
                               "; ".join(f"{int(y)}: {c:.1f}% of total" if c == c else f"{int(y)}: no total held"
                                         for y, c in zip(cov["year"], cov["coverage_pct"])))
        return r

    @cached_property
    def trade_diagnostic(self):
        """The trade family's one pipeline (:func:`valuechain.trade.diagnostic.trade_diagnostic`) on [trade]."""
        from .._data import shared_data_dir
        from ..trade.diagnostic import trade_diagnostic

        tr = self.study.get("trade")
        flows = self.flows("trade")[0]
        country = self.country("trade")
        years = (min(tr["years"]), max(tr["years"])) if tr.get("years") else None
        tot = self.trade_totals(years)
        tot = tot[tot["country"] == country]
        if tot.empty:
            raise ValidationError(f"[trade] country = {country!r} has no exports in the flows; check the country code (ISO3) and the years")
        ys = sorted(int(y) for y in tot["year"].unique())
        gdp = pd.read_csv(tr["gdp"]) if tr.get("gdp") is not None else None
        classes = None if isinstance(tr.get("lall"), bool) else pd.read_csv(tr["lall"], dtype=str)
        gdppc = self.gdp_per_capita
        return trade_diagnostic(flows, country=country, groups=self.groups[0], periods=display_periods(ys), years=years,
                                bilateral=self.bilateral, gdp=gdp, gdp_scale=tr["gdp_scale"], lall=tr.get("lall") is not False,
                                lall_classes=classes, hs_revision=tr.get("hs_revision") or None, con=self.con,
                                gdppc=None if gdppc is None else gdppc[0], data_dir=shared_data_dir())

    def trade_totals(self, years=None) -> pd.DataFrame:
        """Exports by exporter and year of the [trade] flows (:func:`valuechain.trade.trade_totals`), computed
        once per ``years`` window (the trade section and the diagnostic both need them)."""
        if years not in self._totals:
            from ..trade import trade_totals

            self._totals[years] = trade_totals(self.flows("trade")[0], years=years)
        return self._totals[years]

    @cached_property
    def gdp_per_capita(self):
        """(year, country, gdppc frame, source) of [trade] gdp_per_capita, or None."""
        tr = self.study.get("trade")
        g = tr.get("gdp_per_capita")
        if g is None:
            return None
        if is_builtin(g):
            from ._builtins import load_builtin

            df = load_builtin(g.split(":", 1)[1], flows=self.flows("trade")[0])
            src = df.attrs.get("source", g)
            self.record.add_status("GDP per capita", "synthetic", src, "", "exporters of the panel")
            return df, src
        return pd.read_csv(g), display_path(g)

    # ------------------------------------------------------------------ peers
    @cached_property
    def peer_flows(self):
        pe = self.study.get("peers")
        srcs = pe["flows"]
        fl = read_flows([str(p) for p in srcs] if len(srcs) > 1 else str(srcs[0]), hs_revision=pe["hs_revision"] or None,
                        unit=pe["unit"] or None, cache=self._small(srcs))
        self.record.add_input("peer flows", ", ".join(display_path(p) for p in srcs))
        return fl

    @cached_property
    def peer_world(self):
        pe = self.study.get("peers")
        if not pe.get("world"):
            return None
        w = pd.read_parquet(pe["world"]) if str(pe["world"]).endswith(".parquet") else pd.read_csv(pe["world"], dtype={"hs6": str})
        w = w.rename(columns={"hs6": "product", "k": "product", "t": "year", "v": "value"})
        self.record.add_input("world exports by product", display_path(pe["world"]))
        return w[["year", "product", "value"]]

    # ------------------------------------------------------------------ inter-country tables
    @cached_property
    def icio(self):
        """(inter-country table, flags, source, unit) for [gvc] (a full table)."""
        gv = self.study.get("gvc")
        src = gv["table"]
        flags = list(gv.get("flags", []))
        if is_builtin(src):
            from ._builtins import load_builtin

            t = load_builtin(src.split(":", 1)[1])
        else:
            kw = {} if gv["format"] == "auto" else {"format": gv["format"]}
            t = read_icio(src, **kw)
        flags = list(dict.fromkeys([*getattr(t, "flags", ()), *flags]))
        source = gv.get("source") or getattr(t, "source", "") or str(src)
        unit = gv.get("unit") or getattr(t, "unit", "")
        self.record.add_input("inter-country IO table", display_path(src))
        self.record.add_status("Inter-country table", "synthetic" if any("synthetic" in f for f in flags) else "real", source, "", "")
        for f in flags:
            self.record.add_flag(f"Inter-country table: {f}")
        return t, flags, source, unit

    def icio_zx(self, path):
        """(intermediate-only inter-country table, industry names or None), read once per path."""
        k = str(path)
        if k not in self._icio_zx:
            from ..datasets.kazakhstan_icio import ICIO_FOLDER, icio_industry_names, oecd_icio

            p = Path(k)
            if p.name == ICIO_FOLDER or (p / ICIO_FOLDER).is_dir():
                self._icio_zx[k] = (oecd_icio(p), icio_industry_names(p))
            else:
                from ..gvc import read_zx

                self._icio_zx[k] = (read_zx(p), None)
        return self._icio_zx[k]


def _position_one_thread(table):
    """:func:`valuechain.gvc.position_measures` on one BLAS thread (run beside the report, in a child process).

    Beside the report's own process a second OpenBLAS thread mostly waits for a core: the
    measures of the 4,000-node OECD extract took 1.3-2.2 s of CPU (2.0-3.2 s wall) with two
    threads and 1.1-1.2 s (1.5-1.8 s wall) with one on the shared two-core machine under load
    (the numbers differ in the last bit; the report's tables, written to 12 digits, are the same).
    Without ``threadpoolctl`` the call is unchanged.
    """
    from ..gvc import position_measures

    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover
        return position_measures(table)
    with threadpool_limits(limits=1, user_api="blas"):
        return position_measures(table)


def display_years(years) -> list[int]:
    """At most three years shown in the wide tables: first, middle, last."""
    ys = sorted(set(int(y) for y in years))
    return ys if len(ys) <= 3 else [ys[0], ys[len(ys) // 2], ys[-1]]


def display_periods(years) -> list[tuple[int, int]] | None:
    """The growth periods between the displayed years (and first-last when there are three)."""
    ys = display_years(years)
    if len(ys) < 2:
        return None
    return [(a, b) for a, b in zip(ys[:-1], ys[1:])] + ([(ys[0], ys[-1])] if len(ys) > 2 else [])


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


def country_name(code: object) -> str:
    """The English name of an ISO3 code (the OECD ICIO code list when held; the code itself when unknown).

    Parameters
    ----------
    code : object
        An ISO 3166-1 alpha-3 code (``KAZ``); anything else is shown as its string.

    Returns
    -------
    str
        The country's English name, or ``str(code)`` when unknown.

    Examples
    --------
    >>> country_name("KAZ"), country_name("TUR"), country_name("XYZ")
    ('Kazakhstan', 'Türkiye', 'XYZ')
    """
    c = str(code)
    return _NAMES.get(c) or _oecd_names().get(c) or c
