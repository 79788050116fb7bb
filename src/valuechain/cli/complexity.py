"""CLI commands ``complexity`` (ECI / PCI) and ``survival`` (Kaplan-Meier export survival).

Thin wrappers: read the flows (any format :func:`valuechain.trade.readers.read_flows`
understands) on DuckDB or Spark, call :func:`valuechain.trade.complexity.economic_complexity`
or :func:`valuechain.trade.survival.survival_analysis`, and write the CSV files into the
output folder atomically (nothing is written when anything fails).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._common import (
    connect_engine,
    console,
    copy_suffixes,
    flows_provenance,
    handle_errors,
    ledger_summary,
    output_option,
    overwrite_option,
    parquet_option,
    quiet_option,
    read_cli_flows,
    stata_option,
    steps,
    with_flags,
)

__all__ = ["register"]


def _copies(tmp: Path, stems: list[str], stata: bool, parquet: bool, tf, flows, command: str) -> None:
    """``--stata`` / ``--parquet``: each table written in ``tmp`` also as ``.dta`` / ``.parquet``
    (:func:`valuechain._tablefiles.write_copies`), read back from its CSV (``opportunities.csv``
    is streamed to disk year by year, so it is in memory only here, and only when asked)."""
    sufs = copy_suffixes(stata, parquet)
    if not sufs:
        return
    import pandas as pd

    from .._tablefiles import write_copies

    text = {c: str for c in ("product", "country", "exporter", "importer", "group", "group_a", "group_b", "flags", "item", "value")}
    frames = {}
    for stem in stems:
        f = tmp / f"{stem}.csv"
        if f.is_file():
            cols = pd.read_csv(f, nrows=0).columns
            frames[f.name] = pd.read_csv(f, dtype={c: t for c, t in text.items() if c in cols and (c != "value" or stem == "summary")})
    write_copies(frames, tmp, sufs, unit=tf.unit, metadata=flows_provenance(tf, flows, command))


def _steps(names: list[str], quiet: bool):
    """A progress bar over the named steps; yields ``step(name)``."""
    return steps(len(names), quiet)


def _check_outdir(outdir: Path, overwrite: bool) -> None:
    from .._files import check_output_dir

    check_output_dir(outdir, overwrite=overwrite)


def _years(text: Optional[str]):
    if text is None:
        return None
    from ..tables.trade.schema import parse_years

    a, b = parse_years(text)
    return list(range(a, b + 1))


def register(app: typer.Typer) -> None:
    """Add the ``complexity`` and ``survival`` commands to ``app``."""

    @app.command("complexity")
    @handle_errors
    def complexity(
        flows: Path = typer.Argument(..., help="Flows: CSV / Parquet file or folder of Parquet files (schema, BACI or Comtrade)."),
        output: Path = output_option("Output folder (countries.csv, products.csv)."),
        overwrite: bool = overwrite_option(),
        year: Optional[str] = typer.Option(None, "--year", "-y", help="A year (2019) or a range (2015-2024); default: every year."),
        method: str = typer.Option("eigenvector", "--method", "-m", help="eigenvector (default) | reflections | fitness (Tacchella et al. 2012) | atlas (Growth Lab cleaning rules, ECI projected to the rest)"),
        threshold: float = typer.Option(1.0, "--threshold", help="RCA cut-off of Mcp (default 1)."),
        strict: bool = typer.Option(False, "--strict", help="Mcp = 1 when RCA > threshold (default: RCA >= threshold)."),
        normalize: str = typer.Option("zscore", "--normalize", help="zscore (ECI and PCI each; default) | eci (PCI on ECI's mean/sd, as py-ecomplexity)."),
        world: Optional[Path] = typer.Option(None, "--world", help="World exports by product (year, product, value) for the RCA denominator."),
        outlook: str = typer.Option("stata", "--outlook", help="COI/COG normalisation: stata (default) | py-ecomplexity | pci."),
        product_space: bool = typer.Option(True, "--product-space/--no-product-space", help="Also density, distance, COG (opportunities.csv) and COI (default on)."),
        engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) | spark"),
        population: Optional[Path] = typer.Option(None, "--population", help="atlas: year, country, population CSV/Parquet (rule 1; not applied without it)."),
        min_population: float = typer.Option(1.2e6, "--min-population", help="atlas rule 1: persons (default 1,200,000; Atlas 2013)."),
        min_exports: float = typer.Option(1e6, "--min-exports", help="atlas rule 2: average yearly exports, in the flows' unit (default 1e6 = 1 bn USD in BACI's thousand USD)."),
        min_product_trade: float = typer.Option(1e4, "--min-product-trade", help="atlas rule 5: average yearly world exports of a product, flows' unit (default 1e4)."),
        stata: bool = stata_option(),
        parquet: bool = parquet_option(),
        quiet: bool = quiet_option(),
    ) -> None:
        """Economic Complexity Index (ECI) and Product Complexity Index (PCI) by year.

        Writes countries.csv (year, country, eci, diversity, coi), products.csv (year,
        product, pci, ubiquity) and opportunities.csv (year, country, product, mcp, density,
        distance, cog). Mcp = 1 when RCA >= 1; ECI signed to rise with diversity. With
        --method fitness: fitness and complexity (Tacchella et al. 2012) instead of ECI/PCI.
        """
        from .._files import atomic_dir, write_csv
        from ..errors import ValidationError

        import math

        _check_outdir(output, overwrite)
        if not math.isfinite(threshold) or threshold <= 0:
            raise ValidationError(f"--threshold {threshold}; give a positive RCA cut-off such as 1")
        if method not in ("eigenvector", "reflections", "fitness", "atlas"):
            raise ValidationError(f"--method {method!r} is unknown; use eigenvector, reflections, fitness or atlas")
        if outlook not in ("stata", "py-ecomplexity", "pci"):
            raise ValidationError(f"--outlook {outlook!r} is unknown; use stata, py-ecomplexity or pci")
        years = _years(year)
        with _steps(["reading flows", "one pass: RCA, Mcp, ECI/PCI, product space", "writing"], quiet) as step:
            step("reading flows")
            from ..complexity.panel import complexity_panel

            from ..tables.trade.readers import read_flows

            # every row is checked as everywhere (finite, non-negative, plausible years, non-blank codes,
            # known country codes, unique keys: issue 24), inside the one aggregation of complexity_panel
            tf = read_flows(flows, con=connect_engine(engine), validate=False)
            wt = None
            if world is not None:
                from ..tables.trade.checks import check_world_years
                from ..tables.trade.engine import to_pandas
                from ..tables.trade.readers import read_world_totals

                wt_table = read_world_totals(world, con=tf.con)
                t = tf.table
                have = to_pandas(t.select("year").distinct(), sort=False)["year"].tolist()
                check_world_years(wt_table, [y for y in have if years is None or y in years], what=f"world totals {world.name}")
                wt = to_pandas(wt_table)
            rules = pop = None
            if method == "atlas":
                from ..complexity.atlas import AtlasRules

                for name, v in (("--min-population", min_population), ("--min-exports", min_exports),
                                ("--min-product-trade", min_product_trade)):
                    if not math.isfinite(v) or v < 0:
                        raise ValidationError(f"{name} {v}; give a number >= 0")
                rules = AtlasRules(min_population=min_population, min_exports=min_exports, min_product_trade=min_product_trade)
                if population is not None:
                    from ..tables.trade.engine import read_table, to_pandas

                    pop = to_pandas(read_table(population))
            step("one pass: RCA, Mcp, ECI/PCI, product space")
            with atomic_dir(output, overwrite=overwrite) as tmp:  # opportunities.csv is streamed in, year by year
                pc = complexity_panel(tf, years=years, method=method, threshold=threshold, inclusive=not strict,
                                      normalize=normalize, outlook=outlook, product_space=product_space, world=wt,
                                      flags=("synthetic",) if tf.synthetic else (), opportunities_path=tmp / "opportunities.csv",
                                      atlas_rules=rules, population=pop)
                res, countries = pc.result, pc.countries
                step("writing")
                write_csv(with_flags(countries, tf), tmp / "countries.csv", float_format="%.10g")
                write_csv(with_flags(pc.products, tf), tmp / "products.csv", float_format="%.10g")
                if pc.excluded is not None:
                    write_csv(pc.excluded, tmp / "excluded.csv")
                write_csv(ledger_summary(tf, [("command", "complexity"), ("method", method)]), tmp / "summary.csv")
                _copies(tmp, ["countries", "products", "opportunities", "excluded", "summary"], stata, parquet, tf, flows, "complexity")
        if not quiet:
            console.print(res.summary())
            console.print(f"wrote countries.csv, products.csv{', opportunities.csv' if product_space else ''} to {output}")
            if tf.synthetic:
                console.print("[yellow]note:[/] computed from synthetic data (column 'flags')")

    @app.command("survival")
    @handle_errors
    def survival(
        flows: Path = typer.Argument(..., help="Flows: CSV / Parquet file or folder of Parquet files (schema, BACI or Comtrade)."),
        output: Path = output_option("Output folder (kaplan_meier.csv, logrank.csv, medians.csv)."),
        overwrite: bool = overwrite_option(),
        country: Optional[str] = typer.Option(None, "--country", "-c", help="Exporter ISO3 code(s), comma-separated (default: all)."),
        by: Optional[str] = typer.Option(None, "--by", help="sector | destination | period | exporter | importer (default: one pooled curve)."),
        level: Optional[str] = typer.Option(None, "--level", help="destination (exporter x product x importer) | product (exporter x product); default: destination for bilateral flows."),
        years: Optional[str] = typer.Option(None, "--years", help="Year range, e.g. 2000-2018 (default: all years)."),
        max_gap: int = typer.Option(0, "--max-gap", help="Missing years that do not end a spell (0: any gap ends it; 1: merge one-year gaps)."),
        keep_left_censored: bool = typer.Option(False, "--keep-left-censored", help="Keep spells already active in the first year (default: drop them)."),
        period_break: int = typer.Option(2010, "--period-break", help="--by period: first year of the second period."),
        groups: Optional[Path] = typer.Option(None, "--groups", help="Groups TOML (sectors, destinations); default: the seed's groups."),
        alpha: float = typer.Option(0.05, "--alpha", help="1 - confidence level of the bands (default 0.05)."),
        figure: bool = typer.Option(True, "--figure/--no-figure", help="Also write kaplan_meier.svg."),
        engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) | spark"),
        stata: bool = stata_option(),
        parquet: bool = parquet_option(),
        quiet: bool = quiet_option(),
    ) -> None:
        """Export survival: Kaplan-Meier curves with confidence bands, medians, log-rank tests.

        A spell is an unbroken run of years of exporter x product x destination (or
        exporter x product with --level product); spells active in the first year are
        left out, spells active in the last year are right-censored. Writes
        kaplan_meier.csv (group, time, survival, ci_lower, ci_upper, at_risk; the pooled
        curve is group 'all'), logrank.csv and medians.csv.
        """
        from .._charts import save_chart
        from .._files import atomic_dir, write_csv
        from ..errors import ValidationError
        from ..survival.survival import kaplan_meier_chart, survival_analysis

        _check_outdir(output, overwrite)
        if max_gap < 0:
            raise ValidationError(f"--max-gap {max_gap}; give a whole number of years >= 0")
        if not 0 < alpha < 1:
            raise ValidationError(f"--alpha {alpha}; give a number between 0 and 1 such as 0.05")
        if by is not None and by not in ("sector", "destination", "period", "exporter", "importer"):
            raise ValidationError(f"--by {by!r} is unknown; use sector, destination, period, exporter or importer")
        if level is not None and level not in ("destination", "product"):
            raise ValidationError(f"--level {level!r} is unknown; use destination or product")
        span = None
        if years is not None:
            from ..tables.trade.schema import parse_years

            span = parse_years(years)
        g = None
        if groups is not None:
            from ..trade.groups import load_groups

            g = load_groups(groups)
        exporters = [c.strip().upper() for c in country.split(",") if c.strip()] if country else None
        with _steps(["reading flows", "spells (engine)", "Kaplan-Meier and log-rank", "writing"], quiet) as step:
            step("reading flows")
            tf = read_cli_flows(flows, engine, exporters, batched=True)
            lvl = level or ("destination" if tf.bilateral else "product")
            if lvl == "destination" and not tf.bilateral:
                raise ValidationError("--level destination needs bilateral flows; these are exporter x product only: use --level product")
            step("spells (engine)")
            stages = iter(["Kaplan-Meier and log-rank"])

            def progress(msg: str) -> None:
                if msg != "building spells":
                    step(next(stages, msg))

            res = survival_analysis(tf, by=by, level=lvl, max_gap=max_gap,
                                    left_censoring="keep" if keep_left_censored else "drop",
                                    exporters=exporters, years=span, groups=g, period_break=period_break,
                                    alpha=alpha, progress=progress)
            step("writing")
            with atomic_dir(output, overwrite=overwrite) as tmp:
                write_csv(with_flags(res.table, tf), tmp / "kaplan_meier.csv", float_format="%.10g")
                write_csv(with_flags(res.logrank, tf), tmp / "logrank.csv", float_format="%.10g")
                write_csv(with_flags(res.medians, tf), tmp / "medians.csv", float_format="%.10g")
                write_csv(with_flags(res.counts, tf), tmp / "spell_counts.csv")
                write_csv(ledger_summary(tf, [("command", "survival"), ("level", lvl)]), tmp / "summary.csv")
                _copies(tmp, ["kaplan_meier", "logrank", "medians", "spell_counts", "summary"], stata, parquet, tf, flows, "survival")
                if figure:
                    who = ", ".join(exporters) if exporters else "all exporters"
                    save_chart(kaplan_meier_chart(res, title=f"Export survival, {who} ({lvl} spells)"), tmp / "kaplan_meier.svg")
        if not quiet:
            console.print(res.summary())
            console.print(f"wrote kaplan_meier.csv, logrank.csv, medians.csv, spell_counts.csv to {output}")
            if tf.synthetic:
                console.print("[yellow]note:[/] computed from synthetic data (column 'flags')")
