"""The study file: a TOML document naming the inputs of one diagnostic report.

Every section is optional (a trade-only study is valid). The file is validated up
front, before anything is computed; each error is one line that names the key, the
file and the fix, e.g.::

    study.toml: [regional] delta = 1.5 is outside (0, 1); use a value such as 0.3

Paths are relative to the folder of the study file. Two prefixes name data that is not
a path: ``builtin:NAME`` (small examples shipped inside the package, see
:func:`valuechain.report.demo.builtin_names`) and ``shared:PATH`` (a path inside the real
public data folder, ``../shared/data`` or ``$VALUECHAIN_DATA``).

Example
-------
.. code-block:: toml

    [study]
    title = "East Kazakhstan: regional structure, clusters, trade and value chains"
    country = "KAZ"

    [io]
    table = "kz_2009.csv"          # matrix layout (see valuechain.tables.read_table)
    unit = "million KZT"
    exclude = ["Construction"]      # local-serving sectors left out of key-sector tables

    [regional]
    employment = "employment.csv"   # columns industry, region, employment
    region = "East Kazakhstan"
    method = "flq"
    delta = 0.3

    [trade]
    flows = "baci/"                  # BACI CSV files or a Parquet folder
    country = "KAZ"
    years = "2002-2021"
"""

from __future__ import annotations

import difflib
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from ..errors import ValidationError
from ..leontief.linkages import LINKAGE_METHODS
from ..regional.quotients import LQ_REGISTRY
from ._builtins import builtin_names
from .study_schema import check_study, coerce_years

__all__ = ["Study", "load_study", "parse_study", "STUDY_SCHEMA"]

# --------------------------------------------------------------------------- schema
# key -> (kind, default, help). kinds: str, path, int, float, bool, list[str], list[int],
# list[float], years, mapping (str -> list[str]), choice:a|b|c, str|list


def _k(kind: str, default: Any = None, help: str = "") -> tuple[str, Any, str]:
    return (kind, default, help)


STUDY_SCHEMA: dict[str, dict[str, tuple[str, Any, str]]] = {
    "study": {
        "title": _k("str", "Diagnostic report", "title of the report"),
        "country": _k("str", "", "ISO3 code or name of the country studied"),
        "country_name": _k("str", "", "the country's name as shown on the page (default: the code)"),
        "region": _k("str", "", "region studied (defaults to [regional] region)"),
        "author": _k("str", "", "author or institution shown on the page"),
        "summary": _k("str", "", "a paragraph shown under the title"),
        "flags": _k("list[str]", [], "provenance flags shown at the top, e.g. 'synthetic'"),
        "compare_seeds": _k("bool", True, "add the section comparing the run with the two seed studies"),
    },
    "economy": {
        "gva": _k("path", None, "BNS GVA by region and section (default shared:kz_bns_regional_gva_employment)"),
        "year": _k("int", 2022, "year of the structure"),
        "base_year": _k("int", 0, "base year of the contributions to GVA growth (0 = none)"),
        "region": _k("str", "", "name of the region (default: the codes' names)"),
        "region_codes": _k("list[str]", [], "BNS region codes summed into the region (e.g. VKO, ABY for the pre-2022 borders)"),
    },
    "io": {
        "table": _k("path", None, "the national input-output table (file or builtin:NAME)"),
        "format": _k("choice:auto|matrix|oecd|long", "auto", "layout of the table file"),
        "name": _k("str", "", "name of the table shown on the page"),
        "unit": _k("str", "", "currency unit of the table, e.g. 'million EUR'"),
        "source": _k("str", "", "data source shown under every table and figure"),
        "flags": _k("list[str]", [], "provenance flags such as 'estimated by RAS'"),
        "exclude": _k("list[str]", [], "local-serving sectors left out of the oriented key-sector tables"),
        "backward": _k("choice:" + "|".join(LINKAGE_METHODS), "rasmussen", "backward linkage measure for key sectors (the linkage registry)"),
        "forward": _k("choice:" + "|".join(LINKAGE_METHODS), "rasmussen", "forward linkage measure for key sectors (the linkage registry)"),
        "cv": _k("str|float", "median", "'median', 'none' or a number: the 'relatively low' CV rule"),
        "multipliers": _k("choice:I|II", "I", "multiplier type (II closes the model with households)"),
        "labels": _k("path", None, "optional CSV code,label giving long sector names"),
        "rtol": _k("float", 1e-6, "relative tolerance of the table's row/column balance check (published tables may need 0.01)"),
        "drop_zero_output": _k("bool", False, "drop industries with zero output (else they stay with zero coefficients)"),
    },
    "regional": {
        "employment": _k("path", None, "employment by industry and region (file or builtin:NAME)"),
        "region": _k("str", None, "the region to regionalize the national table for"),
        "method": _k("choice:" + "|".join(LQ_REGISTRY), "flq", "location-quotient method (the LQ registry)"),
        "delta": _k("float", 0.3, "FLQ/AFLQ delta, in (0, 1)"),
        "deltas": _k("list[float]", [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4], "delta grid of the sensitivity table"),
        "source": _k("str", "", "source of the employment data"),
        "flags": _k("list[str]", [], "provenance flags, e.g. 'synthetic'"),
        "two_region": _k("bool", True, "also run the two-region (region + rest of country) model"),
        "region_column": _k("str", "region", "column of the employment file naming the region (e.g. 'state_pow')"),
        "year": _k("int", 0, "keep only this year of a file with a 'year' column (0 = the file has one year)"),
        "drop": _k("list[str]", [], "industry categories of the file to leave out (e.g. 'Not stated')"),
    },
    "clusters": {
        "table": _k("choice:regional|national|both", "both", "which table(s) to run the factor analysis on"),
        "threshold": _k("float", 0.5, "loading above which an industry belongs to a cluster"),
        "exclude": _k("list[str]", [], "industries left out of cluster membership"),
        "max_factors": _k("int", 0, "show at most this many factors (0 = all retained)"),
    },
    "trade": {
        "flows": _k("path|list", None, "trade flows: files or a folder (BACI, Comtrade, schema CSV/Parquet) or builtin:NAME"),
        "partners": _k("path|list", None, "bilateral flows (exporter x importer x product), if flows has no partner"),
        "gold": _k("bool", True, "semi-manufactured gold (HS 7108) on its own row in composition and Lall"),
        "openness_peers": _k("bool", False, "trade openness of the country and the [peers] comparators (WDI 2021, real data folder)"),
        "partner_exports": _k("path", None, "exports by partner and year (the kaz_bilateral_adb_mrio_gravity folder): destinations"),
        "partner_source": _k("str", "baci", "column of the partner file: baci | comtrade | imf (see valuechain.datasets)"),
        "destination_years": _k("list[int]", [], "years of the destination table (default: every year of the partner file)"),
        "format": _k("choice:auto|baci|comtrade|schema", "auto", "layout of the flow files"),
        "country": _k("str", None, "exporter studied (ISO3); defaults to [study] country"),
        "years": _k("years", None, "years to use: a list or 'YYYY-YYYY'"),
        "engine": _k("choice:duckdb|spark", "duckdb", "engine that computes the indicators"),
        "hs_revision": _k("str", "", "HS revision of the product codes, e.g. 'HS2002' (for the Lall concordance)"),
        "unit": _k("str", "", "value unit of the flows, e.g. 'thousand USD'"),
        "source": _k("str", "", "data source shown under every trade table and figure"),
        "flags": _k("list[str]", [], "provenance flags, e.g. 'synthetic'"),
        "sectors": _k("mapping|path", None, "product -> sector groups: a table of NAME = [HS prefixes] or a TOML/CSV file"),
        "destinations": _k("mapping|path", None, "destination groups: a table of NAME = [ISO3 codes] or a TOML/CSV file"),
        "gdp": _k("path", None, "GDP series (columns year, country, gdp) for trade openness"),
        "gdp_scale": _k("float", 1.0, "factor turning GDP into the flows' unit (e.g. 0.001 for GDP in USD and BACI in thousand USD)"),
        "gdp_per_capita": _k("path", None, "GDP per capita, PPP (columns year, country, gdppc) for EXPY"),
        "lall": _k("path|bool", True, "Lall classification: true (shared data), false, or a lookup CSV"),
        "top": _k("int", 10, "number of products shown in top-RCA and composition tables"),
    },
    "survival": {
        "flows": _k("path|list", None, "annual bilateral flows for spells (defaults to [trade] flows)"),
        "country": _k("str", None, "exporter studied; defaults to [trade] country"),
        "by": _k("list[str]", ["sector", "destination"], "groupings of the Kaplan-Meier curves: sector, destination, period"),
        "merge_gaps": _k("int", 0, "gaps of this many years or fewer do not end a spell"),
        "keep_left_censored": _k("bool", False, "keep spells already active in the first year"),
        "source": _k("str", "", "data source"),
        "flags": _k("list[str]", [], "provenance flags, e.g. 'synthetic'"),
    },
    "peers": {
        "countries": _k("list[str]", [], "ISO3 codes of the peer countries compared with the country studied"),
        "flows": _k("path|list", None, "exports of the peers by product to the world (e.g. shared:baci_brics_hs6_2015_2024/world_exports.parquet)"),
        "world": _k("path", None, "world exports by year and product (the exact RCA denominator)"),
        "products": _k("path", None, "HS6 product descriptions (columns hs6, desc_en)"),
        "hs_revision": _k("str", "HS2012", "HS revision of the peers' product codes"),
        "years": _k("years", None, "years of the peer panel"),
        "year": _k("int", 0, "the year of the side-by-side comparison (0 = the latest year both hold)"),
        "unit": _k("str", "USD", "value unit of the peer flows"),
        "source": _k("str", "", "data source of the peer flows"),
        "survival": _k("bool", True, "product-level export survival of the peers (to the world)"),
        "reference": _k("list[str]", [], "published reference figures shown as cited (never computed here): 'text|source' lines"),
        "cited_concentration": _k("path", None, "a published concentration series (CSV: t, one column per country), shown as cited"),
        "cited_source": _k("str", "", "the source of the cited series"),
    },
    "va_trade": {
        "data": _k("path", None, "the ADB value-added indicators folder (default shared:adb_mrio_gvc_indicators)"),
        "country": _k("str", "", "economy studied (ISO3); default [study] country"),
        "peers": _k("list[str]", [], "comparators (default: [peers] countries, else the trade seed's)"),
    },
    "sourcing": {
        "table": _k("path", None, "folder of the OECD ICIO intermediate-flows extract (e.g. shared:oecd_icio2025_2022_intermediate)"),
        "country": _k("str", "", "ISO3 code of the country (default [study] country)"),
        "cited_participation": _k("path", None, "a published GVC participation series (CSV: t, gvcp_trade_f, gvcp_trade_b, gvcp_prod; shares), shown as cited"),
        "cited_source": _k("str", "", "the source of the cited series"),
    },
    "gvc": {
        "table": _k("path", None, "inter-country IO table (file/folder or builtin:NAME)"),
        "format": _k("choice:auto|oecd|wiod|decompr|zx|figaro|adb", "auto",
                     "layout of the inter-country table; zx = intermediate flows and output only (a position section)"),
        "country": _k("str", None, "country (or region of the table) studied (default [study] country)"),
        "comparators": _k("list[str]", [], "countries shown beside it (format zx: default the [peers] countries)"),
        "method": _k("choice:bm|kww|tiva", "bm", "decomposition behind the DVA/FVA figures"),
        "unit": _k("str", "", "value unit of the table"),
        "source": _k("str", "", "data source shown under every GVC table and figure"),
        "flags": _k("list[str]", [], "provenance flags"),
    },
    "opportunities": {
        "data": _k("path", None, "the real data folder holding baci_kaz_exports/ and baci_brics_hs6_2015_2024/ (default: the shared data folder)"),
        "country": _k("str", "", "exporter studied (ISO3; default [study] country)"),
        "year": _k("int", 2021, "year of the product space"),
        "weight": _k("float", 0.5, "weight on attractiveness in the opportunity score, in [0, 1]"),
        "top": _k("int", 15, "opportunities listed"),
        "clusters": _k("choice:regional|national|none", "regional",
                       "whose factor-analysis clusters get a bridge table (needs [clusters])"),
        "network": _k("bool", True, "also draw the product-space network"),
    },
    "impact": {
        "shock": _k("path", None, "shock CSV: year (optional), industry, final_demand (the table's unit)"),
        "type": _k("choice:I|II", "I", "Type I (direct + indirect) or II (+ induced; needs households in the table)"),
        "region": _k("str", "", "apply the shock to the regionalized table of this [regional] region ('' = the national table)"),
        "illustration": _k("bool", False, "flag the shock as an invented illustration"),
        "title": _k("str", "", "a name for the shock shown in the section title"),
        "top": _k("int", 12, "industries shown in the figure of the largest effects"),
    },
    "prices": {
        "shock": _k("path", None, "cost-shock CSV: industry, cost_change (relative: 0.10 = +10 %)"),
        "exogenous": _k("list[str]", [], "industries whose price is set outside the model (their cost_change is their price change)"),
        "component": _k("str", "primary", "cost component shocked: primary | value_added | compensation | imports | taxes | a row"),
        "table": _k("choice:national|regional", "national", "the table of the price model (regional: the [regional] table)"),
        "illustration": _k("bool", False, "flag the shock as an invented illustration (not a forecast)"),
        "title": _k("str", "", "a name for the shock shown in the section title"),
        "note": _k("str", "", "what the shock represents and why it is modelled this way (shown under the shock)"),
        "top": _k("int", 15, "industries shown in the table and figure of the largest price changes"),
    },
    "spa": {
        "to": _k("list[str]", [], "target industries (the trees)"),
        "sources": _k("list[str]", [], "only paths starting from final demand for these industries ([] = all)"),
        "final_demand": _k("str", "", "final-use column the paths start from ('' = all final-use columns summed)"),
        "order": _k("int", 6, "largest number of links of a path"),
        "top": _k("int", 20, "paths listed"),
        "threshold": _k("float", 1e-6, "subtrees below this share of the trees' total are cut"),
        "extension": _k("str", "output", "what the paths carry: output, value_added, employment or a row of the table"),
        "table": _k("choice:national|regional", "national", "the table of the paths (regional: the [regional] table)"),
        "illustration": _k("bool", True, "flag the paths as an illustration of the method (kept out of the summary)"),
        "title": _k("str", "", "a name for the question shown in the section title"),
        "note": _k("str", "", "why these targets and this final demand (shown under the paths)"),
    },
    "sda": {
        "tables": _k("path|list", None, "two tables of the same industries, earlier first (same layouts as [io] table)"),
        "years": _k("list[int]", [], "the two tables' years, earlier first"),
        "format": _k("choice:auto|matrix|oecd|long", "auto", "layout of the two table files"),
        "rtol": _k("float", 1e-6, "balance tolerance of the two tables"),
        "unit": _k("str", "", "value unit of the tables"),
        "source": _k("str", "", "data source of the two tables"),
        "extension": _k("str", "output", "quantity decomposed: output, value_added, employment or a row of both tables"),
        "deflator": _k("path", None, "price index of the later table relative to the earlier by industry (CSV: industry, price_index)"),
        "flags": _k("list[str]", [], "provenance flags"),
    },
    "uncertainty": {
        "draws": _k("int", 200, "Monte Carlo draws (bands on multipliers, key-sector classes and the impact)"),
        "seed": _k("int", 1, "random seed (same seed, same bands)"),
        "coef_cv": _k("float", 0.1, "coefficient of variation of the technical coefficients"),
        "delta_range": _k("list[float]", [], "[low, high] range of the FLQ delta drawn for a regional table ([] = fixed delta)"),
    },
}

_SECTION_HELP = {
    "study": "title and country", "io": "the national input-output table",
    "regional": "regional employment and regionalization", "clusters": "factor-analysis clusters",
    "trade": "trade flows", "survival": "export survival", "gvc": "the inter-country table",
    "peers": "peer countries", "sourcing": "intermediate sourcing",
    "opportunities": "product space and diversification opportunities", "impact": "a spending shock",
    "uncertainty": "Monte Carlo bands",
    "prices": "a cost or price shock (Leontief price model)", "spa": "structural path analysis",
    "sda": "structural decomposition between two tables",
}


@dataclass(frozen=True)
class Study:
    r"""A validated study: one mapping of settings per section, paths resolved.

    ``sections`` maps a section name to its settings with defaults filled in; absent
    sections are absent (``study.has("trade")``). Path values are :class:`pathlib.Path`
    (or strings starting with ``builtin:``). Made by :func:`load_study` (a file) or
    :func:`parse_study` (TOML text), which validate every key; not built by hand.

    Parameters
    ----------
    path : Path or None
        The study file (None for text parsed without a file).
    sections : mapping section -> mapping key -> value
        The validated settings, defaults filled in (read-only mappings).
    text : str
        The study's TOML text, copied into the report folder as ``study.toml``.
    base : Path
        The folder relative paths are resolved against (the study file's folder; default
        the current folder).

    Examples
    --------
    >>> s = parse_study('[study]\ntitle = "German table"\n[io]\ntable = "builtin:germany-1995"\n')
    >>> s.title, s.has("io"), s.has("trade")
    ('German table', True, False)
    >>> s.get("io")["table"], s.get("io")["backward"]      # a default filled in
    ('builtin:germany-1995', 'rasmussen')
    """

    path: Path | None
    sections: Mapping[str, Mapping[str, Any]]
    text: str = ""
    base: Path = field(default_factory=Path.cwd)

    def has(self, section: str) -> bool:
        return section in self.sections

    def get(self, section: str) -> Mapping[str, Any]:
        return self.sections.get(section, MappingProxyType({}))

    @property
    def title(self) -> str:
        return str(self.get("study").get("title") or "Diagnostic report")

    @property
    def file_label(self) -> str:
        return self.path.name if self.path is not None else "study"


def _err(where: str, section: str, key: str | None, what: str, fix: str) -> ValidationError:
    loc = f"[{section}] {key}" if key else f"[{section}]"
    return ValidationError(f"{where}: {loc} {what}; {fix}")


def _suggest(word: str, options) -> str:
    m = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"did you mean {m[0]!r}?" if m else f"known keys: {', '.join(options)}"


def _resolve_path(value: str, base: Path, where: str, section: str, key: str) -> Path | str:
    if value.startswith("builtin:"):
        name = value.split(":", 1)[1]
        if name not in builtin_names():
            raise _err(where, section, key, f"names unknown built-in data {value!r}",
                       f"use one of {', '.join('builtin:' + n for n in builtin_names())}")
        return value
    if value.startswith("shared:"):
        from .._data import shared_data_dir

        d = shared_data_dir()
        if d is None:
            raise _err(where, section, key, f"= {value!r} needs the real data folder, which is absent",
                       "set VALUECHAIN_DATA to the shared/data folder or give a file path")
        p = d / value.split(":", 1)[1]
    else:
        p = Path(os.path.expanduser(value))
        if not p.is_absolute():
            p = base / p
    if any(ch in str(p) for ch in "*?["):
        if not sorted(p.parent.glob(p.name)):
            raise _err(where, section, key, f"= {value!r} matches no file", "check the pattern and the folder")
        return p
    if not p.exists():
        raise _err(where, section, key, f"file not found: {value!r} (looked in {p.parent})",
                   "fix the path (relative paths start at the study file's folder)")
    return p


def _coerce(kind: str, value: Any, where: str, section: str, key: str, base: Path) -> Any:
    def bad(expect: str, example: str):
        return _err(where, section, key, f"= {value!r} is not {expect}", f"write e.g. {key} = {example}")

    if kind == "str":
        if not isinstance(value, str):
            raise bad("a string", '"text"')
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise bad("true or false", "true")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise bad("a non-negative integer", "10")
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise bad("a number", "0.5")
        return float(value)
    if kind.startswith("choice:"):
        opts = kind.split(":", 1)[1].split("|")
        if not isinstance(value, str) or value.lower() not in [o.lower() for o in opts]:
            raise _err(where, section, key, f"= {value!r} is not a known choice", f"use one of {', '.join(opts)}")
        return next(o for o in opts if o.lower() == value.lower())
    if kind.startswith("list["):
        inner = kind[5:-1]
        if not isinstance(value, list):
            raise bad("a list", '["a", "b"]' if inner == "str" else "[0.1, 0.2]")
        out = []
        for v in value:
            if inner == "str" and not isinstance(v, str):
                raise bad("a list of strings", '["a", "b"]')
            if inner in ("float", "int") and (isinstance(v, bool) or not isinstance(v, (int, float))):
                raise bad("a list of numbers", "[0.1, 0.2]")
            out.append(float(v) if inner == "float" else v)
        return out
    if kind == "str|float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str) and value.lower() in ("median", "none"):
            return value.lower()
        raise bad("'median', 'none' or a number", '"median"')
    if kind == "path":
        if not isinstance(value, str) or not value:
            raise bad("a file path", '"data/table.csv"')
        return _resolve_path(value, base, where, section, key)
    if kind == "path|list":
        vals = value if isinstance(value, list) else [value]
        if not vals or not all(isinstance(v, str) and v for v in vals):
            raise bad("a path or a list of paths", '["exports_2002.csv", "exports_2021.csv"]')
        return [_resolve_path(v, base, where, section, key) for v in vals]
    if kind == "path|bool":
        if isinstance(value, bool):
            return value
        return _coerce("path", value, where, section, key, base)
    if kind == "mapping|path":
        if isinstance(value, str):
            return _resolve_path(value, base, where, section, key)
        if not isinstance(value, dict) or not value:
            raise bad("a table of NAME = [codes] or a file", '{ "Oil and gas" = ["27"] }')
        out = {}
        for name, codes in value.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, (str, int)) for c in codes):
                raise _err(where, section, f"{key}.{name}", f"= {codes!r} is not a list of codes",
                           f'write e.g. "{name}" = ["27", "2601"]')
            out[str(name)] = [str(c) for c in codes]
        return out
    if kind == "years":  # plausible ends, no list with gaps (valuechain.report.study_schema)
        return coerce_years(value, where=where, section=section, key=key)
    raise AssertionError(kind)  # pragma: no cover


def _check_values(where: str, sections: dict) -> None:
    reg = sections.get("regional")
    if reg is not None:
        if reg.get("employment") is None:
            raise _err(where, "regional", "employment", "is missing", 'add employment = "employment.csv" (columns industry, region, employment)')
        if not reg.get("region"):
            raise _err(where, "regional", "region", "is missing", 'add region = "NAME" (a region of the employment file)')
        d = reg["delta"]
        if not 0 < d < 1:
            raise _err(where, "regional", "delta", f"= {d:g} is outside (0, 1)", "use a value such as 0.3 (Flegg's range is 0.1-0.4)")
        bad = [x for x in reg["deltas"] if not 0 < x < 1]
        if bad:
            raise _err(where, "regional", "deltas", f"has values outside (0, 1): {bad}", "keep every delta strictly between 0 and 1")
        if "io" not in sections:
            raise _err(where, "regional", None, "needs a national table", 'add an [io] section with table = "national.csv"')
    clu = sections.get("clusters")
    if clu is not None:
        if not 0 < clu["threshold"] < 1:
            raise _err(where, "clusters", "threshold", f"= {clu['threshold']:g} is outside (0, 1)", "use a loading threshold such as 0.5")
        if "io" not in sections:
            raise _err(where, "clusters", None, "needs a national table", 'add an [io] section with table = "national.csv"')
        if clu["table"] in ("regional",) and "regional" not in sections:
            raise _err(where, "clusters", "table", '= "regional" needs a [regional] section', 'add [regional] or set table = "national"')
    tr = sections.get("trade")
    if tr is not None:
        if tr.get("flows") is None:
            raise _err(where, "trade", "flows", "is missing", 'add flows = "exports.csv" (or a folder of files)')
        if not (tr.get("country") or sections["study"].get("country")):
            raise _err(where, "trade", "country", "is missing", 'add country = "KAZ" here or in [study]')
    sv = sections.get("survival")
    if sv is not None:
        if sv.get("flows") is None and (tr is None or tr.get("flows") is None):
            raise _err(where, "survival", "flows", "is missing and there is no [trade] flows", 'add flows = "panel.parquet" (annual bilateral flows)')
        bad = [b for b in sv["by"] if b not in ("sector", "destination", "period")]
        if bad:
            raise _err(where, "survival", "by", f"has unknown groupings {bad}", 'use any of "sector", "destination", "period"')
    gv = sections.get("gvc")
    if gv is not None:
        if gv.get("table") is None:
            raise _err(where, "gvc", "table", "is missing", 'add table = "icio.csv" (OECD ICIO, WIOD or a decompr folder)')
        if not (gv.get("country") or sections["study"].get("country")):
            raise _err(where, "gvc", "country", "is missing", 'add country = "KAZ" (a country of the inter-country table)')
    op = sections.get("opportunities")
    if op is not None:
        if not 0 <= op["weight"] <= 1:
            raise _err(where, "opportunities", "weight", f"= {op['weight']:g} is outside [0, 1]", "use a weight such as 0.5")
        if not (op.get("country") or sections["study"].get("country")):
            raise _err(where, "opportunities", "country", "is missing", 'add country = "KAZ" here or in [study]')
        if op["clusters"] != "none" and "clusters" not in sections:
            raise _err(where, "opportunities", "clusters", f'= "{op["clusters"]}" needs a [clusters] section',
                       'add [clusters] or set clusters = "none"')
        if op["clusters"] == "regional" and "regional" not in sections:
            raise _err(where, "opportunities", "clusters", '= "regional" needs a [regional] section',
                       'add [regional] or set clusters = "national"')
    im = sections.get("impact")
    if im is not None:
        if im.get("shock") is None:
            raise _err(where, "impact", "shock", "is missing", 'add shock = "shock.csv" (columns year, industry, final_demand)')
        if "io" not in sections:
            raise _err(where, "impact", None, "needs a national table", 'add an [io] section with table = "national.csv"')
        if im["region"]:
            reg = sections.get("regional")
            if reg is None:
                raise _err(where, "impact", "region", f"= {im['region']!r} needs a [regional] section",
                           'add [regional] or set region = "" (the national table)')
            if im["region"] != reg.get("region"):
                raise _err(where, "impact", "region", f"= {im['region']!r} is not the [regional] region {reg.get('region')!r}",
                           f'use region = "{reg.get("region")}"')
    for name in ("prices", "spa"):
        sec = sections.get(name)
        if sec is None:
            continue
        if "io" not in sections:
            raise _err(where, name, None, "needs a national table", 'add an [io] section with table = "national.csv"')
        if sec["table"] == "regional" and "regional" not in sections:
            raise _err(where, name, "table", '= "regional" needs a [regional] section', 'add [regional] or set table = "national"')
    pr = sections.get("prices")
    if pr is not None and pr.get("shock") is None:
        raise _err(where, "prices", "shock", "is missing", 'add shock = "shock.csv" (columns industry, cost_change; 0.10 = +10 %)')
    sp = sections.get("spa")
    if sp is not None:
        if not sp["to"]:
            raise _err(where, "spa", "to", "is missing", 'add to = ["INDUSTRY"] (the industries whose output the paths reach)')
        if not 1 <= sp["order"] <= 20:
            raise _err(where, "spa", "order", f"= {sp['order']} is outside 1-20", "use e.g. order = 6")
        if sp["top"] < 1:
            raise _err(where, "spa", "top", "= 0 lists no path", "use e.g. top = 20")
        if not 0 <= sp["threshold"] < 1:
            raise _err(where, "spa", "threshold", f"= {sp['threshold']:g} is outside [0, 1)", "use e.g. threshold = 1e-6")
    sd = sections.get("sda")
    if sd is not None:
        if sd.get("tables") is None or len(sd["tables"]) != 2:
            raise _err(where, "sda", "tables", "needs two tables of the same industries (an earlier and a later year)",
                       'add tables = ["io_2015.csv", "io_2020.csv"]; without a second year leave [sda] out')
        ys = sd["years"]
        if len(ys) != 2 or ys[0] >= ys[1]:
            raise _err(where, "sda", "years", f"= {ys} is not [earlier, later]", "write e.g. years = [2015, 2020]")
    un = sections.get("uncertainty")
    if un is not None:
        if un["draws"] < 2:
            raise _err(where, "uncertainty", "draws", f"= {un['draws']} is too few", "use at least 2 draws (e.g. 200)")
        if not 0 <= un["coef_cv"] < 1:
            raise _err(where, "uncertainty", "coef_cv", f"= {un['coef_cv']:g} is outside [0, 1)", "use a coefficient of variation such as 0.1")
        dr = un["delta_range"]
        if dr and (len(dr) != 2 or not 0 < dr[0] < dr[1] < 1):
            raise _err(where, "uncertainty", "delta_range", f"= {dr} is not [low, high] inside (0, 1)", "write e.g. delta_range = [0.2, 0.4]")
        if "io" not in sections:
            raise _err(where, "uncertainty", None, "needs a national table", 'add an [io] section with table = "national.csv"')


def parse_study(text: str, *, path: str | os.PathLike | None = None, base: str | os.PathLike | None = None) -> Study:
    r"""Validate study text (TOML) and return a :class:`Study`.

    Parameters
    ----------
    text : str
        The study as TOML text (see the module docstring for its keys).
    path : str or path-like, optional
        The file the text was read from (named in errors, kept as ``Study.path``); None
        for text without a file (errors name ``study``).
    base : str or path-like, optional
        The folder relative paths are resolved against; default the folder of ``path``,
        else the current folder.

    Returns
    -------
    Study
        The validated study, defaults filled in, paths resolved.

    Raises
    ------
    ValidationError
        Not TOML, an unknown section or key, a value of the wrong kind or out of range
        (one line naming the file, the key and the fix).

    Examples
    --------
    >>> s = parse_study('[io]\ntable = "builtin:germany-1995"\n', base="/data")
    >>> s.get("io")["table"], s.base
    ('builtin:germany-1995', PosixPath('/data'))
    >>> parse_study('[trade]\ngdp_scale = 2.0\n', path="kaz.toml")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: kaz.toml: [trade] flows is missing; add flows = "exports.csv" (or a folder of files)
    """
    p = Path(path) if path is not None else None
    where = p.name if p is not None else "study"
    base_dir = Path(base) if base is not None else (p.resolve().parent if p is not None else Path.cwd())
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(f"{where}: not valid TOML ({exc}); fix the syntax (strings need quotes, tables [name])") from None
    sections: dict[str, dict[str, Any]] = {}
    for name, body in raw.items():
        if name not in STUDY_SCHEMA:
            hint = _suggest(name, STUDY_SCHEMA)
            if isinstance(body, dict):
                raise ValidationError(f"{where}: unknown section [{name}]; {hint} (sections: {', '.join(f'[{s}]' for s in STUDY_SCHEMA)})")
            raise ValidationError(f"{where}: unknown top-level key {name!r}; put settings inside a section such as [study]")
        if not isinstance(body, dict):
            raise ValidationError(f"{where}: {name!r} must be a section; write [{name}] on its own line")
        schema = STUDY_SCHEMA[name]
        out: dict[str, Any] = {}
        for key, value in body.items():
            if key not in schema:
                raise _err(where, name, key, "is not a known key", _suggest(key, schema))
            out[key] = _coerce(schema[key][0], value, where, name, key, base_dir)
        for key, (_, default, _h) in schema.items():
            if key not in out:
                out[key] = list(default) if isinstance(default, list) else default
        sections[name] = out
    if "study" not in sections:
        sections["study"] = {k: (list(d) if isinstance(d, list) else d) for k, (_, d, _h) in STUDY_SCHEMA["study"].items()}
    if len(sections) == 1:
        raise ValidationError(f"{where}: the study names no data; add at least one of [io], [trade] or [gvc]")
    _check_values(where, sections)
    check_study(where, sections, STUDY_SCHEMA)  # the CLI's validators: finite numbers, ranges
    frozen = {k: MappingProxyType(v) for k, v in sections.items()}
    return Study(path=p, sections=MappingProxyType(frozen), text=text, base=base_dir)


def load_study(path: str | os.PathLike) -> Study:
    r"""Read and validate a study file (see the module docstring for its keys).

    Parameters
    ----------
    path : str or path-like
        A UTF-8 TOML study file; relative paths inside it are resolved against its folder.

    Returns
    -------
    Study
        The validated study, defaults filled in.

    Raises
    ------
    ValidationError
        If the file is missing, is a folder, is not UTF-8 or not TOML, or a key or value is
        invalid (one line naming the file, the key and the fix; nothing is computed).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     f = Path(folder) / "study.toml"
    ...     _ = f.write_text('[study]\ntitle = "German table"\n[io]\ntable = "builtin:germany-1995"\n')
    ...     study = load_study(f)
    >>> study.title, sorted(study.sections)
    ('German table', ['io', 'study'])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     f = Path(folder) / "study.toml"
    ...     _ = f.write_text('[io]\ntabel = "builtin:germany-1995"\n')
    ...     load_study(f)
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: study.toml: [io] tabel is not a known key; did you mean 'table'?
    """
    p = Path(path)
    if not p.exists():
        raise ValidationError(f"study file not found: {p}; give the path of a .toml study file")
    if p.is_dir():
        raise ValidationError(f"{p} is a folder; give the path of a .toml study file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{p.name}: not UTF-8 text; save the study file as UTF-8") from None
    return parse_study(text, path=p)
