"""CLI command ``trade``: the trade-outcomes diagnostic of one country.

Thin wrapper: read the flows (:func:`valuechain.trade.readers.read_flows`) on DuckDB or
Spark, call the indicator functions of :mod:`valuechain.trade`, write one CSV per indicator
family and a summary into the output folder atomically (nothing is written on failure).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from typer.core import TyperCommand

from ._common import (connect_engine, console, copy_suffixes, flows_provenance, handle_errors, output_option, overwrite_option,
                      parquet_option, quiet_option, stata_option, steps)

__all__ = ["register"]


def _periods(text: Optional[str]) -> list[tuple[int, int]] | None:
    from ..errors import ValidationError
    from ..tables.trade.keys import parse_years

    if not text:
        return None
    out = []
    for part in text.split(","):
        a, b = parse_years(part)
        if a == b:
            raise ValidationError(f"period {part!r} needs two different years, e.g. 2000-2012")
        out.append((a, b))
    return out


def _check_within(spans, years: list[int], option: str) -> None:
    """Every (a, b) of ``spans`` must lie within the data's years (else the CSVs would be empty)."""
    from ..errors import ValidationError

    if not spans or not years:
        return
    lo, hi = min(years), max(years)
    for a, b in spans:
        if a < lo or b > hi or not any(a <= y <= b for y in years):
            raise ValidationError(f"{option} {a}-{b} lies outside the data's years {lo}-{hi}; choose years in that range")


def _read_table_file(path: Path, need: set[str], what: str):
    import pandas as pd

    from ..errors import DataNotFoundError, ValidationError

    if not path.is_file():
        raise DataNotFoundError(f"{what} file not found: {path}; check the path")
    df = pd.read_parquet(path) if path.suffix.lower() in (".parquet", ".pq") else pd.read_csv(path)
    miss = need - set(df.columns)
    if miss:
        raise ValidationError(f"the {what} file {path.name} lacks column(s) {', '.join(sorted(miss))}; it needs {', '.join(sorted(need))}")
    return df


def output_files() -> list[str]:
    """The files ``valuechain trade`` may write, in order: one per written indicator of
    :data:`valuechain.trade.indicators.TRADE_INDICATORS`, then ``summary.csv``."""
    from ..trade.indicators import TRADE_INDICATORS

    return [f"{name}.csv" for name, ind in TRADE_INDICATORS.items() if ind.written] + ["summary.csv"]


_SHORT_HELP = "Trade outcomes of one country: growth, composition, diversification, margins, RCA, Lall, EXPY."


def _help() -> str:
    """The command's help: the files come from the indicator registry."""
    from ..trade.indicators import INDICATOR_NEEDS, TRADE_INDICATORS

    lines = [_SHORT_HELP, "",
             "Writes into OUTPUT (each file only when its inputs are there):"]
    for name, ind in TRADE_INDICATORS.items():
        if ind.written:
            extra = [INDICATOR_NEEDS[n].split(" (")[0] for n in ind.needs if n not in ("flows", "groups")]
            lines.append(f"- {name}.csv: {ind.description}" + (f" (needs {'; '.join(extra)})" if extra else ""))
    lines.append("- summary.csv: country, years, unit, HS revision, engine, key figures and notes")
    return "\n\n".join(line for line in lines if line)


class _RegistryHelpCommand(TyperCommand):
    """A command whose help text is built on use (``valuechain --help`` does not load the
    trade family; ``valuechain trade --help`` reads the registry)."""

    @property
    def help(self) -> str:
        return _help()

    @help.setter
    def help(self, value) -> None:  # the docstring given by typer is replaced by _help()
        pass


def register(app: typer.Typer) -> None:
    """Add the ``trade`` command to ``app``."""

    @app.command("trade", cls=_RegistryHelpCommand, short_help=_SHORT_HELP)
    @handle_errors
    def trade(
        flows: List[Path] = typer.Argument(..., help="Flows: CSV / Parquet file(s) or a folder of Parquet files (schema, BACI, Comtrade)."),
        country: str = typer.Option(..., "--country", "-c", help="Exporter ISO3 code, e.g. KAZ."),
        output: Path = output_option("Output folder."),
        overwrite: bool = overwrite_option(),
        years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 2000-2018 (default: all years)."),
        groups: Optional[Path] = typer.Option(None, "--groups", help="Groups TOML (sectors by HS prefix, destinations by ISO3); default: the seed's groups."),
        engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) | spark"),
        format: str = typer.Option("auto", "--format", help="auto | baci | comtrade | schema | csv"),
        hs_revision: Optional[str] = typer.Option(None, "--hs-revision", help="HS revision of the product codes (HS1992, HS2002, HS2012 ...)."),
        country_codes: Optional[Path] = typer.Option(None, "--country-codes", help="BACI country_codes CSV (country_code, country_iso3) for numeric codes."),
        duplicates: str = typer.Option("error", "--duplicates", help="Repeated (year, exporter, importer, product) rows: error (default) | sum."),
        periods: Optional[str] = typer.Option(None, "--periods", help="CAGR periods, e.g. 2000-2012,2012-2018 (default: first-last year)."),
        base: Optional[str] = typer.Option(None, "--base", help="Margins: base year or window (default: first year)."),
        end: Optional[str] = typer.Option(None, "--end", help="Margins: end year or window (default: last year)."),
        world: Optional[Path] = typer.Option(None, "--world", help="World exports by product (year, product, value) for RCA; default: the panel's totals."),
        gdp: Optional[Path] = typer.Option(None, "--gdp", help="GDP table (year, country, gdp) in the flows' unit, for openness."),
        gdppc: Optional[Path] = typer.Option(None, "--gdppc", help="GDP per capita PPP table (year, country, gdppc), for PRODY/EXPY."),
        min_value: float = typer.Option(0.0, "--min-value", help="Minimum value for a product/market to count (default 0)."),
        top: int = typer.Option(5, "--top", help="Top-k shares (default 5)."),
        hhi_n: Optional[int] = typer.Option(None, "--hhi-n", help="N of the normalised HHI (default: number of products/markets exported)."),
        strict: bool = typer.Option(False, "--strict", help="Mcp = 1 when RCA > 1 (default: RCA >= 1)."),
        validate: str = typer.Option("country", "--validate", help="country (default: check the country's rows fully; every other row's "
                                     "values, years, codes and keys in the world aggregation) | all (every row fully, codes included)."),
        drop_blank: bool = typer.Option(False, "--drop-blank", help="Drop rows whose exporter or product code is blank (counted in "
                                        "summary.csv); by default such a row is an error."),
        cache: bool = typer.Option(True, "--cache/--no-cache", help="Keep the panel's world totals and the country's imports between runs "
                                   "(in $VALUECHAIN_CACHE_DIR or ~/.cache/valuechain, keyed by the files' paths, sizes and times)."),
        stata: bool = stata_option(),
        parquet: bool = parquet_option(),
        quiet: bool = quiet_option(),
    ) -> None:
        """Trade outcomes of one country (help text: ``_help()``, from the indicator registry)."""
        from .._files import check_output_dir
        from .._validators import number
        from ..errors import ValidationError
        from ..tables.trade.keys import parse_years
        from ..trade.groups import load_groups

        check_output_dir(output, overwrite=overwrite)
        number("--min-value", min_value, lo=0)  # 0 counts every positive flow
        if top < 1:
            raise ValidationError(f"--top {top}; give a positive number of top products/markets such as 5")
        if hhi_n is not None and hhi_n < 1:
            raise ValidationError(f"--hhi-n {hhi_n}; give a positive number, or leave it out")
        if engine != "duckdb":
            from ..tables.trade.engine import ENGINES

            if engine not in ENGINES:
                raise ValidationError(f"--engine {engine!r} is unknown; use duckdb or spark")
        if duplicates not in ("error", "sum"):
            raise ValidationError(f"--duplicates {duplicates!r} is unknown; use error or sum")
        if validate not in ("country", "all"):
            raise ValidationError(f"--validate {validate!r} is unknown; use country or all")
        country = country.strip().upper()
        yrs = parse_years(years)
        per = _periods(periods)
        grp = load_groups(groups) if groups is not None else load_groups()
        if (engine == "duckdb" and format in ("auto", "schema") and world is None and gdp is None and gdppc is None
                and country_codes is None and duplicates == "error" and validate == "country" and not drop_blank
                and not stata and not parquet):
            # plain Parquet flows on DuckDB: the one-pass path (no pandas, no Ibis); None: the general pipeline
            if _one_pass(flows, country=country, yrs=yrs, per=per, base=base, end=end, min_value=min_value, top=top,
                         hhi_n=hhi_n, strict=strict, grp=grp, hs_revision=hs_revision, output=output, overwrite=overwrite,
                         quiet=quiet, cache_options=(lambda a, b: _cache_options(format, duplicates, engine, country_codes, a, b,
                                                                                  drop_blank)) if cache else None):
                return
        import pandas as pd

        from .._files import atomic_dir, write_csv
        from ..tables.trade.engine import to_pandas
        from ..tables.trade.readers import read_flows, read_world_totals
        from .._data import shared_data_dir
        from ..tables.trade.schema import check_country, check_years, validate_flows

        notes: list[str] = []
        files: dict[str, pd.DataFrame] = {}
        from ..trade.indicators import TRADE_INDICATORS, diagnostic_steps

        with steps(len(diagnostic_steps()) + 3, quiet) as step:  # reading, checking, the diagnostic's steps, writing
            step("reading flows")
            con = connect_engine(engine)
            ctab = _read_table_file(country_codes, set(), "country codes") if country_codes is not None else None
            tf = read_flows(flows, format=format, hs_revision=hs_revision, con=con, validate=(validate == "all"),
                            duplicates=duplicates, country_table=ctab, drop_blank=drop_blank)
            t = tf.table
            step("checking the flows")
            if validate == "country":
                sub = t.filter(t.exporter == country)
                n = int(to_pandas(sub.limit(1).count()))
                if n == 0:
                    check_country(to_pandas(t.select("exporter").distinct())["exporter"].tolist(), country)
                raw_sub = sub
                sub = validate_flows(sub, duplicates=duplicates)
                if duplicates == "sum":
                    merged = int(to_pandas(raw_sub.count())) - int(to_pandas(sub.count()))
                    tf = tf.replace(ledger=tf.ledger.add("summed", f"rows of {country} repeating a (year, exporter, importer, product) key "
                                                         "into one", merged, "--duplicates sum"))
                    t = t.filter(t.exporter != country).union(sub)
            avail = to_pandas(t.filter(t.exporter == country).select("year").distinct())["year"].tolist()
            check_years(avail, yrs)
            in_range = sorted(y for y in avail if yrs is None or yrs[0] <= y <= yrs[1])
            first, last = in_range[0], in_range[-1]
            if per is None and last > first:
                per = [(first, last)]
            _check_within(per, in_range, "--periods")
            if base:
                _check_within([parse_years(base)], in_range, "--base")
            if end:
                _check_within([parse_years(end)], in_range, "--end")
            t = t.filter((t.year >= first) & (t.year <= last))
            unit, flags = tf.unit, "; ".join(tf.flags)

            def tag(df: pd.DataFrame, value_cols: bool = True) -> pd.DataFrame:
                df = df.copy()
                if value_cols:
                    df["unit"] = unit
                if flags:
                    df["flags"] = flags
                return df

            from ..trade.diagnostic import trade_diagnostic

            wt = read_world_totals(world, con=con) if world is not None else None
            if wt is not None:  # a missing year would blank that year's RCA and set Mcp = 0
                from ..tables.trade.checks import check_world_years

                check_world_years(wt, in_range, what=f"world totals {world.name}")
            g = _read_table_file(gdp, {"year", "country", "gdp"}, "GDP") if gdp is not None else None
            gp = _read_table_file(gdppc, {"year", "country", "gdppc"}, "GDP per capita") if gdppc is not None else None
            pc = None
            if cache:
                from ..tables.trade.panel_cache import panel_cache

                pc = panel_cache(flows, options=_cache_options(format, duplicates, engine, country_codes, first, last, drop_blank))
            diag = trade_diagnostic(t, country=country, groups=grp, periods=per, years=(first, last), base=base, end=end,
                                    world=wt, gdp=g, gdppc=gp, min_value=min_value, top=top, hhi_n=hhi_n,
                                    inclusive=not strict, hs_revision=tf.hs_revision, partners=tf.bilateral, con=con,
                                    progress=step, cache=pc, data_dir=shared_data_dir())
            notes.extend(diag.notes)
            for name, ind in TRADE_INDICATORS.items():
                if ind.written and name in diag.tables:
                    files[f"{name}.csv"] = tag(diag.tables[name], ind.values)
            step("writing")
            summary = _summary(files, country=country, first=first, last=last, tf=tf, engine=engine, notes=notes)
            files["summary.csv"] = summary
            with atomic_dir(output, overwrite=overwrite) as tmp:
                for name, df in files.items():
                    write_csv(df, tmp / name, float_format="%.10g")
                from .._tablefiles import write_copies  # --stata / --parquet: the same tables, labelled (issue 21)

                write_copies(files, tmp, copy_suffixes(stata, parquet), unit=unit, metadata=flows_provenance(tf, flows, "trade"))
        if not quiet:
            _print_summary(summary[["item", "value"]].itertuples(index=False), country=country, n=len(files), output=output,
                           synthetic=tf.synthetic)


def _summary_items(tables, *, country, first, last, unit, hs_revision, source, engine, bilateral, synthetic, ledger_rows,
                   notes) -> list[tuple[str, str]]:
    """The ``(item, value)`` rows of ``summary.csv``; ``tables`` maps a file name to (columns, rows)."""
    def col(name, column):
        cols, rows = tables[name]
        k = cols.index(column)
        return [r[k] for r in rows], cols, rows

    def at(name, key_col, key, value_col):
        cols, rows = tables[name]
        i, j = cols.index(key_col), cols.index(value_col)
        return next(r[j] for r in rows if r[i] == key)

    items = [
        ("country", country), ("years", f"{first}-{last}"), ("unit", unit), ("hs_revision", hs_revision or "unknown"),
        ("source", source), ("engine", engine), ("bilateral", str(bilateral).lower()), ("synthetic", str(synthetic).lower()),
    ]
    items += [(f"exports {first}", f"{at('totals.csv', 'year', first, 'exports'):.6g}"),
              (f"exports {last}", f"{at('totals.csv', 'year', last, 'exports'):.6g}")]
    if "composition_growth.csv" in tables:
        cols, rows = tables["composition_growth.csv"]
        d, g, a0, b0, c0 = (cols.index(c) for c in ("dimension", "group", "start", "end", "cagr"))
        whole = [r[c0] for r in rows if r[d] == "sector" and r[g] == "Total" and r[a0] == first and r[b0] == last]
        if whole:
            items.append((f"exports CAGR {first}-{last} (%)", f"{whole[0]:.4g}"))
    items.append((f"products exported {last}", str(int(at("counts.csv", "year", last, "n_products")))))
    cols, rows = tables["concentration.csv"]
    d, y, h, t = (cols.index(c) for c in ("dimension", "year", "hhi", "top_share"))
    for dim in ("product", "market"):
        r = [row for row in rows if row[d] == dim and row[y] == last]
        if r:
            items.append((f"HHI {dim}s {last}", f"{r[0][h]:.4g}"))
            items.append((f"top share {dim}s {last}", f"{r[0][t]:.4g}"))
    if "margins.csv" in tables:
        cols, rows = tables["margins.csv"]
        c, b, e, sh = (cols.index(x) for x in ("component", "base", "end", "share"))
        for r in rows:
            if r[c] != "total":
                items.append((f"margin {r[c]} {r[b]}->{r[e]} (% of growth)", f"{_nan(r[sh]):.4g}"))
    items.append(("files", ", ".join(sorted(tables))))
    items += list(ledger_rows)  # what reading and checking changed in the rows, with counts
    items += [("note", n) for n in notes]
    return items


def _nan(v):
    return float("nan") if v is None else v


def _summary(files, *, country, first, last, tf, engine, notes):
    import pandas as pd

    tables = {name: (list(df.columns), df.values.tolist()) for name, df in files.items()}
    items = _summary_items(tables, country=country, first=first, last=last, unit=tf.unit, hs_revision=tf.hs_revision,
                           source=tf.source, engine=engine, bilateral=tf.bilateral, synthetic=tf.synthetic,
                           ledger_rows=tf.ledger.rows(), notes=notes)
    out = pd.DataFrame(items, columns=["item", "value"])
    if tf.synthetic:
        out["flags"] = "synthetic"
    return out


def _cache_options(format, duplicates, engine, country_codes, first, last, drop_blank) -> dict:
    """What the panel cache's key holds besides the files (one definition for both paths)."""
    return {"format": format, "duplicates": duplicates, "engine": engine, "country_codes_file": country_codes,
            "years": [first, last], **({"drop_blank": True} if drop_blank else {})}


def _one_pass(flows, *, country, yrs, per, base, end, min_value, top, hhi_n, strict, grp, hs_revision, output, overwrite,
              quiet, cache_options=None) -> bool:
    """The diagnostic by :func:`valuechain.trade.onepass.run` and its files; False when the general pipeline must run."""
    from .._data import shared_data_dir
    from .._files import atomic_dir, write_rows
    from ..tables.trade.keys import parse_years
    from ..trade import onepass
    from ..trade.indicators import TRADE_INDICATORS
    from ._common import DUCKDB_MEMORY_LIMIT

    import shutil
    import tempfile

    cache = {}

    def cached(first: int, last: int) -> bool:
        """With the cache on: a panel whose world totals AND this country's imports are cached is
        the general path's (faster); with only the world totals (another country ran first) the
        one-pass path reads the panel and stores the imports (the general path's filtered pass
        for them took 4x the one-pass run at BACI size)."""
        from ..tables.trade.panel_cache import imports_name, panel_cache

        cache["pc"] = pc = panel_cache(flows, options=cache_options(first, last))
        iname = imports_name(country)
        return pc is not None and pc.has("world") and (iname is None or pc.has(iname))

    spill = tempfile.mkdtemp(prefix="valuechain-duckdb-")
    try:
        res = onepass.run(flows, country=country, years=yrs, periods=per, base=parse_years(base) if base else None,
                          end=parse_years(end) if end else None, min_value=min_value, top=top, hhi_n=hhi_n,
                          inclusive=not strict, groups=grp, data_dir=shared_data_dir(), hs_revision=hs_revision,
                          memory_limit=DUCKDB_MEMORY_LIMIT, temp_directory=spill,
                          skip=cached if cache_options is not None else None)
    finally:
        shutil.rmtree(spill, ignore_errors=True)
    if res is None:
        return False
    pc = cache.get("pc")
    if pc is not None:  # stored as the general path stores them, for the later runs
        import pandas as pd

        from ..tables.trade.panel_cache import imports_name

        def frame(rows):
            return pd.DataFrame({"year": pd.Series([r[0] for r in rows], dtype="int64"),
                                 "product": pd.Series([r[1] for r in rows], dtype=object).astype(str),
                                 "value": pd.Series([r[2] for r in rows], dtype="float64")})

        if not pc.has("world"):  # (another country's run may have stored them: kept as they are)
            pc.put("world", frame(res.extra["world"]))
        iname = imports_name(country)
        if iname is not None:
            pc.put(iname, frame(res.extra["imports"]))
    flags = "synthetic" if res.synthetic else ""
    files: dict[str, tuple[list[str], list[list]]] = {}
    for name, ind in TRADE_INDICATORS.items():
        if ind.written and name in res.tables:
            cols, rows = res.tables[name]
            cols = list(cols) + (["unit"] if ind.values else []) + (["flags"] if flags else [])
            tail = ([res.unit] if ind.values else []) + ([flags] if flags else [])
            rows = [[*r, *tail] for r in rows]
            files[f"{name}.csv"] = (cols, rows)
    items = _summary_items(files, country=country, first=res.first, last=res.last, unit=res.unit, hs_revision=res.hs_revision,
                           source=res.source, engine="duckdb", bilateral=True, synthetic=res.synthetic, ledger_rows=(),
                           notes=res.notes)
    files["summary.csv"] = (["item", "value"] + (["flags"] if flags else []),
                            [[i, v] + ([flags] if flags else []) for i, v in items])
    with atomic_dir(output, overwrite=overwrite) as tmp:
        for name, (cols, rows) in files.items():
            write_rows(cols, rows, tmp / name, float_format="%.10g")
    if not quiet:
        _print_summary(items, country=country, n=len(files), output=output, synthetic=res.synthetic)
    return True


def _print_summary(items, *, country, n, output, synthetic) -> None:
    from rich.table import Table


    tbl = Table("item", "value", title=f"trade outcomes: {country}", show_lines=False)
    for item, value in items:
        tbl.add_row(str(item), str(value))
    console.print(tbl)
    console.print(f"wrote {n} files to {output}")
    if synthetic:
        console.print("[yellow]note:[/] computed from SYNTHETIC data (column 'flags')")
