"""CLI command ``valuechain clusters`` (Feser-Sweeney-Renski factor analysis)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import console, handle_errors, load_table, output_option

__all__ = ["register"]


def register(app: typer.Typer) -> None:
    """Add ``clusters`` to the ``valuechain`` app."""

    @app.command("clusters")
    @handle_errors
    def clusters_cmd(
        table: Path = typer.Argument(..., help="IO table file (matrix CSV/XLSX as written by valuechain, OECD IOT, or long format)."),
        output: Path = output_option("CSV: one row per factor x industry."),
        threshold: float = typer.Option(0.5, "--threshold", help="Membership cut-off for rotated loadings."),
        exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Industry to leave out (repeatable)."),
        exclude_from: str = typer.Option("analysis", "--exclude-from", help="'analysis' (drop from Z) or 'membership' (factor, never a member)."),
        n_factors: Optional[int] = typer.Option(None, "--n-factors", help="Number of factors (default: Kaiser's rule, eigenvalue >= 1)."),
        drop_constant: bool = typer.Option(False, "--drop-constant", help="Drop industries with constant/empty purchase or sales patterns."),
        scree: Optional[Path] = typer.Option(None, "--scree", help="Also save the scree plot (.svg, .png, .html)."),
    ) -> None:
        """Industrial clusters by factor analysis of the linkage matrix (Feser, Sweeney & Renski 2005)."""
        from .._charts import save_chart
        from .._files import Outputs, check_output_file, write_csv
        from ..clusters.factor import ClusterAnalysis
        from ..errors import ValidationError

        check_output_file(output)
        if output.suffix.lower() not in (".csv", ".dta", ".parquet"):
            raise ValidationError(f"cannot write {output.name}: the output must end in .csv, .dta or .parquet")
        if scree is not None:
            check_output_file(scree)
        if scree is not None and scree.suffix.lower() not in (".svg", ".png", ".html", ".json"):
            raise ValidationError(f"cannot write the scree plot as {scree.suffix or 'a file without suffix'!r}; use .svg, .png, .html or .json")
        tab = load_table(table)
        ca = ClusterAnalysis(
            threshold, exclude=exclude or (), exclude_from=exclude_from, n_factors=n_factors, drop_constant=drop_constant
        ).fit(tab)
        chart = ca.scree_chart() if scree is not None else None
        with Outputs() as outs:  # both files or neither
            write_csv(ca.table, outs.file(output))
            if chart is not None:
                save_chart(chart, outs.file(scree))
        console.print(ca.summary())
        if ca.flags_:
            console.print(f"[bold]note:[/] the table is flagged: {'; '.join(ca.flags_)}")
        console.print(f"wrote {output}" + (f" and {scree}" if scree else ""))
