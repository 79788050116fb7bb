"""CLI command ``spa``: structural path analysis.

Thin: read the table, call :func:`valuechain.leontief.structural_paths` and write
``rank, path, order, value, share`` (path ``A > B > C``: final demand for A, through B,
into the target C; order = number of links), then one ``remainder`` row per tree (the
part of the tree's total the listed paths leave: higher orders, cut subtrees and the
paths below the top).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import console, handle_errors, load_table, output_option

__all__ = ["register", "spa_cmd"]


def spa_cmd(
    table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
    out: Path = output_option("Output CSV: rank, path, order, value, share (and remainder rows)."),
    to: Optional[str] = typer.Option(None, "--to", help="Target industry (default: every industry)."),
    source: Optional[str] = typer.Option(None, "--from", help="Only paths from final demand for this industry."),
    order: int = typer.Option(6, "--order", help="Largest number of links."),
    top: int = typer.Option(50, "--top", help="Number of paths listed."),
    threshold: float = typer.Option(1e-6, "--threshold", help="Cut subtrees below this share of the total."),
    extension: Optional[str] = typer.Option(None, "--extension", help="output (default), value_added, employment or a row label."),
    final_demand: Optional[str] = typer.Option(None, "--final-demand", help="One final-use column (default: all summed)."),
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto, matrix, oecd or long."),
    role: List[str] = typer.Option([], "--role", help="Role of a row/column, KEY=LABEL (repeatable)."),
) -> None:
    """The strongest supply chains from final demand to an industry's output (or jobs, value added, emissions)."""
    import pandas as pd

    from .._files import check_output_file, write_csv
    from ..errors import ValidationError
    from ..leontief import structural_paths

    if out.suffix.lower() != ".csv":
        raise ValidationError(f"cannot write the paths as {out.name}: give a file ending in .csv")
    check_output_file(out)
    t = load_table(table, fmt=fmt, role=role, name_from_file=True)
    res = structural_paths(t, to=to, source=source, order=order, top=top, threshold=threshold, extension=extension,
                           final_demand=final_demand)
    df = res.table[["rank", "path", "order", "value", "share"]].astype({"rank": "Int64", "order": "Int64"})
    grand = float(res.trees["total"].sum())
    listed = df["value"].sum()
    rest = grand - listed
    df = pd.concat([df, pd.DataFrame([{"rank": pd.NA, "path": "remainder (paths not listed)", "order": pd.NA,
                                       "value": rest, "share": rest / grand if grand else float("nan")}])], ignore_index=True)
    write_csv(df, out)
    console.print(res.summary(), highlight=False, markup=False)
    console.print(f"written to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``spa`` to the ``valuechain`` app."""
    app.command("spa")(handle_errors(spa_cmd))
