"""CLI commands ``valuechain clusters`` (Feser-Sweeney-Renski factor analysis) and ``valuechain ras``."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer

from ._common import console, handle_errors

__all__ = ["register"]


def _read_table(path: Path):
    """The IO table at ``path`` via the foundation's reader (matrix CSV/XLSX, OECD, long)."""
    from ..errors import DataNotFoundError
    from ..tables import read_table

    if not path.is_file():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    return read_table(path)


def _read_matrix(path: Path, what: str) -> pd.DataFrame:
    from ..errors import DataNotFoundError, ValidationError

    if not path.is_file():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    try:
        df = pd.read_csv(path, index_col=0)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read {what} {path} as CSV ({str(exc).splitlines()[0]}); give a comma-separated matrix") from None
    if df.empty:
        raise ValidationError(f"{what} {path} is empty; give a matrix with labels in the first column and the header")
    df.index = df.index.map(lambda s: str(s).strip())
    df.columns = df.columns.map(lambda s: str(s).strip())
    bad = [c for c in df.columns if not pd.api.types.is_numeric_dtype(df[c])]
    if bad:
        raise ValidationError(f"{what} {path} has non-numeric values in column(s) {', '.join(bad[:5])}; every cell must be a number")
    return df.astype(float)


def _read_margin(path: Path, what: str) -> pd.Series:
    from ..errors import DataNotFoundError, ValidationError

    if not path.is_file():
        raise DataNotFoundError(f"file not found: {path}; check the path")
    try:
        df = pd.read_csv(path)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValidationError(f"cannot read {what} {path} ({str(exc).splitlines()[0]}); give a CSV with columns label,value") from None
    if df.shape[1] != 2 or df.empty:
        raise ValidationError(f"{what} {path} must have two columns (label,value); found {df.shape[1]}")
    lab, val = df.columns
    vals = pd.to_numeric(df[val], errors="coerce")
    if vals.isna().any():
        k = int(vals.isna().to_numpy().argmax())
        raise ValidationError(f"{what} {path}: value for {df[lab].iloc[k]!r} is missing or not a number")
    labels = df[lab].map(lambda s: str(s).strip())
    if labels.duplicated().any():
        raise ValidationError(f"{what} {path}: duplicate label(s) {', '.join(sorted(set(labels[labels.duplicated()]))[:5])}")
    return pd.Series(vals.to_numpy(dtype=float), index=pd.Index(labels), name=what)


def register(app: typer.Typer) -> None:
    """Add ``clusters`` and ``ras`` to the ``valuechain`` app."""

    @app.command("clusters")
    @handle_errors
    def clusters_cmd(
        table: Path = typer.Argument(..., help="IO table file (matrix CSV/XLSX as written by valuechain, OECD IOT, or long format)."),
        output: Path = typer.Option(..., "-o", "--output", help="CSV: one row per factor x industry."),
        threshold: float = typer.Option(0.5, "--threshold", help="Membership cut-off for rotated loadings."),
        exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Industry to leave out (repeatable)."),
        exclude_from: str = typer.Option("analysis", "--exclude-from", help="'analysis' (drop from Z) or 'membership' (factor, never a member)."),
        n_factors: Optional[int] = typer.Option(None, "--n-factors", help="Number of factors (default: Kaiser's rule, eigenvalue >= 1)."),
        drop_constant: bool = typer.Option(False, "--drop-constant", help="Drop industries with constant/empty purchase or sales patterns."),
        scree: Optional[Path] = typer.Option(None, "--scree", help="Also save the scree plot (.svg, .png, .html)."),
    ) -> None:
        """Industrial clusters by factor analysis of the linkage matrix (Feser, Sweeney & Renski 2005)."""
        import warnings

        from .._charts import save_chart
        from .._files import write_csv
        from ..clusters.factor import ClusterAnalysis

        from ..errors import ValidationError

        if scree is not None and scree.suffix.lower() not in (".svg", ".png", ".html", ".json"):
            raise ValidationError(f"cannot write the scree plot as {scree.suffix or 'a file without suffix'!r}; use .svg, .png, .html or .json")
        tab = _read_table(table)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ca = ClusterAnalysis(
                threshold, exclude=exclude or (), exclude_from=exclude_from, n_factors=n_factors, drop_constant=drop_constant
            ).fit(tab)
        chart = ca.scree_chart() if scree is not None else None
        write_csv(ca.table, output)
        if chart is not None:
            save_chart(chart, scree)
        for w in caught:
            console.print(f"[yellow]warning:[/] {w.message}")
        console.print(ca.summary())
        if ca.flags_:
            console.print(f"[bold]note:[/] the table is flagged: {'; '.join(ca.flags_)}")
        console.print(f"wrote {output}" + (f" and {scree}" if scree else ""))

    @app.command("ras")
    @handle_errors
    def ras_cmd(
        prior: Path = typer.Argument(..., help="Prior matrix CSV (labels in the first column and the header)."),
        rows: Path = typer.Option(..., "--rows", help="Row targets CSV: label,value."),
        cols: Path = typer.Option(..., "--cols", help="Column targets CSV: label,value."),
        output: Path = typer.Option(..., "-o", "--output", help="Balanced matrix CSV."),
        method: str = typer.Option("ras", "--method", help="'ras' (non-negative) or 'gras' (entries of both signs)."),
        tol: float = typer.Option(1e-10, "--tol", help="Convergence: residual <= tol x max|target|."),
        max_iter: int = typer.Option(10_000, "--max-iter", help="Maximum iterations."),
    ) -> None:
        """Balance a matrix to new row and column margins by RAS or GRAS."""
        from .._files import write_csv
        from ..errors import ValidationError
        from ..regional.ras import gras, ras

        m = method.lower()
        if m not in ("ras", "gras"):
            raise ValidationError(f"--method must be 'ras' or 'gras'; got {method!r}")
        P = _read_matrix(prior, "PRIOR")
        u = _read_margin(rows, "row targets")
        v = _read_margin(cols, "column targets")
        fn = ras if m == "ras" else gras
        res = fn(P, u, v, tol=tol, max_iter=max_iter)
        out = res.matrix.copy()
        out.index.name = P.index.name or ""
        write_csv(out, output, index=True)
        console.print(res.summary())
        console.print(f"[bold]note:[/] the balanced matrix is an estimate (estimated by {res.method}); wrote {output}")
