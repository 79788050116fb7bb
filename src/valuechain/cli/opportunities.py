"""CLI commands ``opportunities`` (where to diversify next) and ``bridge`` (products → industries).

Thin wrappers over :mod:`valuechain.trade.opportunities` and :mod:`valuechain.trade.bridge`;
outputs are written atomically (nothing is written when anything fails).
"""

from __future__ import annotations

from pathlib import Path

import typer

from ._common import (console, copy_suffixes, flows_provenance, handle_errors, output_option, overwrite_option, parquet_option,
                      quiet_option, stata_option)

__all__ = ["register"]


def _exports_frame(tf, year: int):
    """Exporter x product values of one year (importers summed), as pandas."""
    from ..tables.trade.engine import to_pandas

    t = tf.table
    t = t.filter((t.year == int(year)) & (t.value > 0))
    g = t.group_by(["year", "exporter", "product"]).aggregate(value=t.value.sum())
    return to_pandas(g, sort=["exporter", "product"])


def _world_frame(path: Path | None, con, year: int):
    if path is None:
        return None
    from ..tables.trade.engine import to_pandas
    from ..tables.trade.readers import read_world_totals

    from ..tables.trade.checks import check_world_years

    w = read_world_totals(path, con=con)
    check_world_years(w, [year], what=f"world totals {path.name}")
    return to_pandas(w.filter(w.year == int(year)))


def _names(path: Path | None):
    """Product descriptions from a CSV / Parquet file with a code column and a text column."""
    if path is None:
        return None
    import pandas as pd

    from ..errors import DataNotFoundError, ValidationError

    if not path.exists():
        raise DataNotFoundError(f"file not found: {path}; check the --names path")
    df = pd.read_parquet(path) if path.suffix.lower() in (".parquet", ".pq") else pd.read_csv(path, dtype=str)
    code = next((c for c in ("product", "hs6", "k", "code") if c in df.columns), None)
    text = next((c for c in ("name", "desc_en", "description", "hs02_desc", "hs6_desc") if c in df.columns), None)
    if code is None or text is None:
        raise ValidationError(f"--names {path.name}: needs a code column (product, hs6, k) and a text column (name, desc_en, description)")
    return pd.Series(df[text].astype(str).to_numpy(), index=df[code].astype(str).str.zfill(6)).groupby(level=0).first()


def register(app: typer.Typer) -> None:
    """Add the ``opportunities`` and ``bridge`` commands to ``app``."""

    @app.command("opportunities")
    @handle_errors
    def opportunities_cmd(
        flows: Path = typer.Argument(..., help="Flows of many exporters (CSV / Parquet; schema, BACI or Comtrade)."),
        country: str = typer.Option(..., "--country", "-c", help="Exporter ISO3 code, e.g. KAZ."),
        year: int = typer.Option(..., "--year", "-y", help="The year."),
        output: Path = output_option("Output folder (opportunities.csv, feasibility.svg, product_space.svg)."),
        overwrite: bool = overwrite_option(),
        weight: float = typer.Option(0.5, "--weight", "-w", help="Weight on attractiveness in [0, 1] (0: feasibility only; default 0.5)."),
        world: Path | None = typer.Option(None, "--world", help="World exports by product (year, product, value) for the RCA denominator."),
        names: Path | None = typer.Option(None, "--names", help="Product descriptions (CSV/Parquet: product|hs6 and name|desc_en) for labels."),
        top: int = typer.Option(12, "--top", help="Products labelled in the feasibility chart."),
        nodes: int = typer.Option(400, "--nodes", help="Products drawn in the product-space network (largest world exports)."),
        figures: bool = typer.Option(True, "--figures/--no-figures", help="Write the two figures."),
        engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) | spark"),
        stata: bool = stata_option(),
        parquet: bool = parquet_option(),
        quiet: bool = quiet_option(),
    ) -> None:
        """Products a country does not yet export with RCA >= 1, ranked by feasibility and attractiveness.

        Writes opportunities.csv (product, density, distance, pci, cog, world_exports, score,
        rank; only Mcp = 0, sorted by rank), feasibility.svg (feasibility against
        attractiveness) and product_space.svg (maximum spanning tree of proximity plus the
        strongest links; the country's products highlighted).
        """
        from .._charts import save_chart
        from .._files import atomic_dir, write_csv
        from ..errors import ValidationError
        from ..complexity.opportunities import (
            feasibility_chart,
            find_opportunities,
            product_space_chart,
        )
        from .._files import check_output_dir
        from ._common import ledger_summary, read_cli_flows, with_flags

        check_output_dir(output, overwrite=overwrite)
        if not 0 <= weight <= 1:
            raise ValidationError(f"--weight {weight} must be between 0 and 1")
        tf = read_cli_flows(flows, engine)
        wt = None
        if world is not None:
            from ..tables.trade.readers import read_world_totals

            from ..tables.trade.checks import check_world_years

            wt = read_world_totals(world, con=tf.con)
            check_world_years(wt, [year], what=f"world totals {world.name}")
        nm = _names(names)
        opp, ps = find_opportunities(tf, country.upper(), year=year, weight=weight, world=wt, names=nm)
        with atomic_dir(output, overwrite=overwrite) as tmp:
            tables = {"opportunities.csv": with_flags(opp.csv_table(), tf),
                      "summary.csv": ledger_summary(tf, [("command", "opportunities"), ("country", country.upper()), ("year", str(year))])}
            write_csv(tables["opportunities.csv"], tmp / "opportunities.csv", float_format="%.10g")
            write_csv(tables["summary.csv"], tmp / "summary.csv")
            from .._tablefiles import write_copies  # --stata / --parquet: the same tables, labelled (issue 21)

            write_copies(tables, tmp, copy_suffixes(stata, parquet), unit=tf.unit, metadata=flows_provenance(tf, flows, "opportunities"))
            if figures:
                save_chart(feasibility_chart(opp, top=top), tmp / "feasibility.svg")
                save_chart(product_space_chart(ps, country.upper(), year=year, max_nodes=nodes, names=nm), tmp / "product_space.svg")
        if not quiet:
            console.print(opp.summary())
            console.print(f"wrote opportunities.csv{', feasibility.svg, product_space.svg' if figures else ''} to {output}")

    @app.command("bridge")
    @handle_errors
    def bridge_cmd(
        flows: Path = typer.Argument(..., help="Flows (CSV / Parquet; schema, BACI or Comtrade)."),
        country: str = typer.Option(..., "--country", "-c", help="Exporter ISO3 code, e.g. KAZ."),
        year: int = typer.Option(..., "--year", "-y", help="The year."),
        to: str = typer.Option(..., "--to", help="isic4 (ISIC Rev.4 divisions) | icio50 (OECD ICIO industries A01 ... T)."),
        output: Path = output_option("Output CSV file (industries.csv)."),
        hs: str | None = typer.Option(None, "--hs", help="HS revision of the codes: HS1992 | HS1996 | HS2002 | HS2007 | HS2012 | HS2017 (default: from the data)."),
        world: Path | None = typer.Option(None, "--world", help="World exports by product (year, product, value) for RCA."),
        concordances: Path | None = typer.Option(None, "--concordances", help="Folder of the concordance files (default: ../shared/data/hs_isic_concordance)."),
        engine: str = typer.Option("duckdb", "--engine", help="duckdb (default) | spark"),
        quiet: bool = quiet_option(),
    ) -> None:
        """Exports of one country by industry: exports, share, number of products, RCA and complexity.

        Writes industries.csv (industry, exports, share, n_products, then rca, world_share,
        n_rca, pci_mean, pci_weighted, n_opportunities, best_opportunity where world totals
        and several exporters are available, and name), with an 'unallocated' row for
        products the concordance does not map to a single industry.
        """
        from .._files import write_csv
        from ..errors import ValidationError
        from ..complexity.bridge import industry_bridge, read_concordance
        from .._files import check_output_file
        from ._common import read_cli_flows

        if to not in ("isic4", "icio50"):
            raise ValidationError(f"--to {to!r} is unknown; use isic4 or icio50")
        check_output_file(output)
        if output.suffix.lower() not in (".csv", ".dta", ".parquet"):
            raise ValidationError(f"-o {output.name}: the output must be a .csv, .dta or .parquet file, e.g. industries.csv")
        tf = read_cli_flows(flows, engine)
        rev = hs or tf.hs_revision
        if rev is None:
            raise ValidationError("the HS revision of the flows is not known; give it with --hs (e.g. --hs HS2002)")
        if concordances is None:
            from .._data import data_folder

            concordances = data_folder("hs_isic_concordance")
        conc = read_concordance(rev, to=to, folder=concordances)
        x = _exports_frame(tf, year)
        if x.empty:
            raise ValidationError(f"no exports in {year}; check --year")
        if country.upper() not in set(x["exporter"]):
            raise ValidationError(f"no exports of {country.upper()} in {year}; the flows hold {', '.join(sorted(set(x['exporter']))[:12])}")
        w = _world_frame(world, tf.con, year)
        space = opp = None
        if x["exporter"].nunique() >= 2:
            from ..complexity.opportunities import rank_opportunities
            from ..complexity.productspace import product_space

            wt = None
            if world is not None:
                from ..tables.trade.readers import read_world_totals

                wt = read_world_totals(world, con=tf.con)
            space = product_space(tf, years=[year], world=wt, keep_proximity=False)
            opp = rank_opportunities(space, country.upper(), year=year)
            if w is None:  # the panel's own totals
                w = x.groupby("product", as_index=False)["value"].sum()
        res = industry_bridge(x, country=country, year=year, to=to, hs=rev, world=w, space=space, opportunities=opp, concordance=conc,
                              folder=concordances)
        table = res.table
        if getattr(tf, "synthetic", False):
            table = table.assign(flags="synthetic")
        write_csv(table, output, float_format="%.10g")
        if not quiet:
            console.print(res.summary())
            for item, value in tf.ledger.rows():  # what reading changed in the rows
                console.print(f"{item}: {value}")
            console.print(f"wrote {output}")
