"""CLI command ``valuechain ras``: balance a matrix to new margins by RAS or GRAS."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from ._common import console, output_option

__all__ = ["register"]


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
    """Add ``ras`` to the ``valuechain`` app."""

    @app.command("ras")
    def ras_cmd(
        prior: Path = typer.Argument(..., help="Prior matrix CSV (labels in the first column and the header)."),
        rows: Path = typer.Option(..., "--rows", help="Row targets CSV: label,value."),
        cols: Path = typer.Option(..., "--cols", help="Column targets CSV: label,value."),
        output: Path = output_option("Balanced matrix CSV."),
        method: str = typer.Option("ras", "--method", help="'ras' (non-negative) or 'gras' (entries of both signs)."),
        tol: float = typer.Option(1e-10, "--tol", help="Convergence: residual <= tol x max|target|."),
        max_iter: int = typer.Option(10_000, "--max-iter", help="Maximum iterations."),
    ) -> None:
        """Balance a matrix to new row and column margins by RAS or GRAS."""
        import math

        from .._files import check_output_file, write_csv
        from ..errors import ValidationError
        from ..regional.ras import gras, ras

        check_output_file(output)
        if not math.isfinite(tol) or tol <= 0:
            raise ValidationError(f"--tol {tol}; give a positive tolerance such as 1e-10")
        if max_iter < 1:
            raise ValidationError(f"--max-iter {max_iter}; give a positive number of iterations")
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
