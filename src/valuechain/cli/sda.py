"""CLI command ``sda``: structural decomposition of the change between two tables.

Thin: read both tables, call :func:`valuechain.leontief.structural_decomposition`
(Monte Carlo bands with ``--draws`` through :func:`valuechain.leontief.sda_uncertainty`)
and write ``industry, total_change, technology, final_demand`` (with ``--detail`` the
final-demand sub-effects and the two polar forms; with ``--extension`` also
``extension_intensity``) and a ``total`` row.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import console, handle_errors, load_table, output_option
from ._montecarlo import COEF_CV, COEF_DIST, DRAWS, SEED, report_draws, settings

__all__ = ["register", "sda_cmd"]


def sda_cmd(
    t0: Path = typer.Argument(..., help="The earlier IO table."),
    t1: Path = typer.Argument(..., help="The later IO table (same industries)."),
    out: Path = output_option("Output CSV: industry, total_change, technology, final_demand (+ sub-effects) and a total row."),
    extension: Optional[str] = typer.Option(None, "--extension", help="Decompose value_added, employment or a row of the "
                                            "tables instead of output (adds extension_intensity)."),
    detail: bool = typer.Option(False, "--detail", help="Add the final-demand sub-effects (level, product mix, category "
                                "mix) and the two polar decompositions."),
    deflator: Optional[Path] = typer.Option(None, "--deflator", help="CSV industry, price_index (later / earlier): "
                                            "decompose in constant prices."),
    draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto, matrix, oecd or long."),
    role: List[str] = typer.Option([], "--role", help="Role of a row/column, KEY=LABEL (repeatable)."),
) -> None:
    """Why output (value added, employment) changed: technology and final demand (level, mix, destination)."""
    import pandas as pd

    from .._files import check_output_file, write_csv
    from ..errors import ValidationError
    from ..leontief import sda_uncertainty, structural_decomposition

    if out.suffix.lower() != ".csv":
        raise ValidationError(f"cannot write the decomposition as {out.name}: give a file ending in .csv")
    check_output_file(out)
    u = settings(draws, seed, coef_cv, coef_dist)
    a = load_table(t0, fmt=fmt, role=role, name_from_file=True)
    b = load_table(t1, fmt=fmt, role=role, name_from_file=True)
    p = None
    if deflator is not None:
        if not deflator.is_file():
            raise ValidationError(f"--deflator {deflator}: not a file; give a CSV with columns industry, price_index")
        d = pd.read_csv(deflator, dtype={"industry": str})
        if not {"industry", "price_index"} <= set(d.columns):
            raise ValidationError("the deflator needs columns industry, price_index (later / earlier, 1.05 = +5 %)")
        vals = pd.to_numeric(d["price_index"], errors="coerce")
        p = pd.Series(vals.to_numpy(dtype=float), index=d["industry"].astype(str).str.strip())
    res = structural_decomposition(a, b, extension=extension, deflator=p)
    base = ["industry", "total_change", "technology", "final_demand"]
    sub = ["final_demand_level", "final_demand_product_mix", "final_demand_category_mix"]
    cols = base + (sub if detail else []) + (["extension_intensity"] if "extension_intensity" in res.table else [])
    df = res.table[cols]
    if detail:
        df = df.merge(res.polar, on="industry", how="left", sort=False)
    mc = None
    if u is not None:
        mc = sda_uncertainty(a, b, u, extension=extension, deflator=p)
        bands = [c for c in mc.table.columns if any(c.startswith(e + "_p") for e in mc.banded) and (detail or not
                 any(c.startswith(s) for s in sub))]
        df = pd.concat([df.reset_index(drop=True), mc.table[bands].reset_index(drop=True)], axis=1)
    write_csv(df, out)
    console.print(res.summary(), highlight=False, markup=False)
    if mc is not None:
        report_draws(console, mc)
    console.print(f"written to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``sda`` to the ``valuechain`` app."""
    app.command("sda")(handle_errors(sda_cmd))
