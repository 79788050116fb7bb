"""CLI command ``gvc``: TiVA indicators and export decompositions of an inter-country table.

Thin wrapper: read the table (OECD ICIO CSV, WIOD matrices folder or decompr folder), call
the public API of :mod:`valuechain.gvc`, check the accounting identities, and write one
CSV atomically (nothing is written when anything fails).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._common import console, handle_errors, output_option, quiet_option

__all__ = ["register"]

def _choices() -> dict:
    """CLI choices read from the GVC method registry (``valuechain.gvc.GVC_METHODS``)."""
    from ..gvc import GVC_METHODS

    return GVC_METHODS


_METHOD_HELP = "tiva | leontief | kww | wwz | bm | my | oecd | position | absorption (the GVC method registry)"


def _run(icio: Path, fmt: Optional[str], method: str, level: Optional[str], perspective: str, approach: Optional[str],
         groups: Optional[str] = None, rest: Optional[str] = None, terms: str = "detailed", merge_splits: bool = False,
         year: Optional[int] = None):
    from ..errors import ValidationError
    from ..gvc import ICIO_FORMATS, decomposition, read_icio

    methods = _choices()
    method = method.lower()
    if method not in methods:
        raise ValidationError(f"--method {method!r} is unknown; use one of {', '.join(methods)}")
    m = methods[method]
    if fmt is not None and fmt.lower() not in ICIO_FORMATS:
        raise ValidationError(f"--format {fmt!r} is unknown; use one of {', '.join(ICIO_FORMATS)}")
    if terms not in ("detailed", "standard"):
        raise ValidationError(f"--terms {terms!r} is unknown; use detailed or standard")
    if terms not in m.terms:
        raise ValidationError(f"--terms {terms} is not available for --method {method}; use {' or '.join(m.terms)}")
    if perspective not in m.perspectives:
        others = sorted({p for x in methods.values() for p in x.perspectives} - set(m.perspectives))
        owners = ", ".join(x.name for x in methods.values() if perspective in x.perspectives) or "none"
        raise ValidationError(f"--perspective {perspective!r} is not available for --method {method}; use one of "
                              f"{', '.join(m.perspectives)}" + (f" ({perspective}: {owners} only)" if perspective in others else ""))
    if level is not None and level.lower() not in m.levels:
        raise ValidationError(f"--level {level!r} is not available for --method {method}; use one of {', '.join(m.levels)}")
    if level is not None and terms == "standard" and level.lower() != "country":
        raise ValidationError(f"--level {level!r}: the standard terms are at the country (exporter) level; use --level country")
    if approach is not None and approach not in m.approaches:
        raise ValidationError(f"--approach {approach!r} is not available for --method {method}"
                              + (f"; use one of {', '.join(m.approaches)}" if m.approaches else " (it has none)"))
    if rest is not None and method != "absorption":
        raise ValidationError("--rest applies to --method absorption only")
    if groups is not None and not (method == "absorption" or terms == "standard"):
        raise ValidationError("--groups applies to --terms standard (groups as exporters) and to --method absorption")
    if merge_splits and fmt is not None and fmt.lower() != "oecd":
        raise ValidationError("--merge-splits applies to --format oecd (the OECD ICIO's CN1/CN2, MX1/MX2 splits)")
    kw = {}
    if merge_splits:
        kw["merge_splits"] = True
    table = read_icio(icio, format=fmt.lower() if fmt else None, **kw)
    note = ""
    res = decomposition(table, method, terms=terms, perspective=perspective, approach=approach,
                        level=level.lower() if level else None,
                        groups=groups, year=year, rest=rest)
    checks = res.check(rtol=1e-8)
    df = res.at(res.level) if hasattr(res, "at") and hasattr(res, "level") else res.table
    if getattr(table, "splits", ()):
        # processing splits kept: a country's blocks are one exporter; rows by industry name their block
        from ..gvc import label_blocks

        for c, i, b in (("exporter", "industry", "block"), ("country", "industry", "block"),
                        ("source_country", "source_industry", "source_block")):
            df = label_blocks(df, table, country=c, industry=i, block=b)
    if table.flags:
        df["flags"] = ";".join(table.flags)
    return table, res, df, checks, note


def _carry_release(df, table, path: Path, method: str):
    """The output carries where the table came from (issue 21): ``source`` and ``release``
    columns when the table is a download imported by ``valuechain data import`` (its sidecar
    names them), and, for ``.dta`` / ``.parquet`` outputs, the provenance in the file's
    metadata (dataset label; ``valuechain.source`` / ``valuechain.release``)."""
    from .._provenance import read_sidecar

    side = read_sidecar(path)
    if side.get("source"):
        df["source"] = str(side["source"])
        df["release"] = str(side.get("release") or "not stated")
    df.attrs["provenance"] = {k: v for k, v in (("title", f"gvc {method}"), ("source", getattr(table, "source", "") or ""),
                                                ("release", str(side.get("release") or "")),
                                                ("unit", getattr(table, "unit", "") or "")) if v}
    return df


def _panel_year(path: Path, **options):
    """One year of a panel: ``_run``'s table, identities checked (module level: picklable for Spark)."""
    table, res, df, checks, _note = _run(path, **options)
    df = _carry_release(df, table, path, options.get("method", ""))
    bad = checks[~checks["ok"]]
    if len(bad):
        from ..errors import ValidationError

        raise ValidationError(f"{path.name}: accounting identity {bad.iloc[0]['identity']} fails "
                              f"(relative error {bad.iloc[0]['rel_error']:.2e}); the table is probably unbalanced")
    return df


def register(app: typer.Typer) -> None:
    """Add the ``gvc`` command to ``app``."""

    @app.command("gvc")
    @handle_errors
    def gvc(
        icio: Path = typer.Argument(..., help="OECD ICIO CSV file, or a folder (WIOD matrices / decompr inter.csv, final.csv, out.csv / zx: a wide Z file and a nodes CSV)."),
        method: str = typer.Option(..., "--method", "-m", help=_METHOD_HELP),
        fmt: Optional[str] = typer.Option(None, "--format", "-f", help="oecd | wiod | decompr | zx | figaro | adb (default: guessed from the path; zx, figaro and adb are never guessed)."),
        level: Optional[str] = typer.Option(None, "--level", "-l", help="country | sector | bilateral (default depends on the method)."),
        perspective: str = typer.Option("exporter", "--perspective", help="bm only: exporter (default) | world | pair | self | importer."),
        approach: Optional[str] = typer.Option(None, "--approach", help="bm only: source (default) | sink (world default)."),
        groups: Optional[str] = typer.Option(None, "--groups", help="--terms standard: exporter groups, e.g. 'NAFTA=MEX,USA;EAEU=KAZ,RUS,BLR,ARM,KGZ' or built-in names (EU27_2020, EAEU, ASEAN, USMCA, OECD, BRICS_PLUS); absorption: groups of origin and destination."),
        terms: str = typer.Option("detailed", "--terms", help="detailed (the method's own terms, default) | standard (EXGR, DC, DVA, VAX, REF, DDC, FC, FVA, FDC [+ GVC, GVCB, GVCF]; kww, wwz, bm, my, oecd)."),
        merge_splits: bool = typer.Option(False, "--merge-splits", help="--format oecd: add China's and Mexico's processing splits (CN1/CN2, MX1/MX2) into CHN and MEX (default: keep them, as OECD TiVA does)."),
        year: Optional[int] = typer.Option(None, "--groups-year", help="Year of the built-in groups' membership (default: current)."),
        rest: Optional[str] = typer.Option(None, "--rest", help="absorption only: name for countries in no group (default: their own code)."),
        output: Path = output_option("CSV file to write."),
        quiet: bool = quiet_option(),
        years: Optional[str] = typer.Option(None, "--years", help="Panel: ICIO is a FOLDER of yearly tables (names with the year); e.g. 1995-2022. One CSV with a year column."),
        engine: str = typer.Option("local", "--engine", help="Panel only: local (default, one year at a time) | spark (years on Spark executors)."),
    ) -> None:
        """Trade in value added, gross-export decompositions and GVC position of an inter-country IO table.

        One row per exporter (and industry, and importer at finer levels), one column per
        term; the accounting identities are checked before anything is written.
        """
        from .._files import check_output_file, write_csv
        from ..errors import ValidationError

        check_output_file(output)
        if output.suffix.lower() not in (".csv", ".dta", ".parquet"):
            raise ValidationError(f"-o {output.name}: the output must be a .csv, .dta or .parquet file")
        if years is not None or engine != "local":
            import functools

            from ..gvc.panel import parse_year_range, run_panel

            if years is None:
                raise ValidationError("--engine applies to panels: give --years (e.g. 1995-2022) and a folder of yearly tables")
            fn = functools.partial(_panel_year, fmt=fmt, method=method, level=level, perspective=perspective.lower(),
                                   approach=approach.lower() if approach else None, groups=groups, rest=rest,
                                   terms=terms.lower(), merge_splits=merge_splits, year=year)
            run = run_panel(icio, fn, output, years=parse_year_range(years), engine=engine)
            if not quiet:
                console.print(f"{len(run.years)} years ({run.years[0]}-{run.years[-1]}) -> {run.rows} rows written to {output}")
            return
        table, res, df, checks, note = _run(icio, fmt, method, level, perspective.lower(), approach.lower() if approach else None,
                                            groups, rest, terms.lower(), merge_splits, year)
        bad = checks[~checks["ok"]]
        if len(bad):
            row = bad.iloc[0]
            raise ValidationError(
                f"accounting identity {row['identity']} fails at {row['level']} level (relative error {row['rel_error']:.2e}); "
                "the table is probably unbalanced: recompute output as Z1 + Y1"
            )
        df = _carry_release(df, table, icio, method.lower())
        write_csv(df, output, float_format="%.10g")
        if quiet:
            return
        console.print(f"{res.method if hasattr(res, 'method') else 'Leontief decomposition'}: "
                      f"{table.G} countries x {table.N} industries -> {len(df)} rows written to {output}")
        console.print(f"accounting identities hold (max relative error {checks['rel_error'].max():.1e})")
        if "release" in df.columns:
            console.print(f"source: {df['source'].iloc[0]}, release {df['release'].iloc[0]}")
        if note:
            console.print(f"[yellow]note:[/] {note}")
        if table.flags:
            console.print(f"[yellow]note:[/] computed from {', '.join(table.flags)} data (column 'flags')")
