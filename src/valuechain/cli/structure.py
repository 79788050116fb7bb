"""CLI commands of the structure of an economy: ``prices`` (the Leontief price model),
``sda`` (structural decomposition between two tables) and ``spa`` (structural paths).

Thin: read the table(s) and the shock, call :func:`valuechain.leontief.price_effects`,
:func:`valuechain.leontief.structural_decomposition` or
:func:`valuechain.leontief.structural_paths` (Monte Carlo bands with ``--draws`` where the
method has them), write the CSV the command documents.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional
import typer
from ._common import console, handle_errors, load_table, output_option
from ._montecarlo import COEF_CV, COEF_DIST, DRAWS, SEED, report_draws, settings

__all__ = ["register", "prices_cmd", "sda_cmd", "spa_cmd"]


def prices_cmd(
    table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
    shock: Path = typer.Option(..., "--shock", "-s", help="CSV with columns industry, cost_change (relative: 0.10 = +10 %)."),
    out: Path = output_option("Output CSV: industry, price_change, direct, indirect (relative changes)."),
    exogenous: List[str] = typer.Option([], "--exogenous", help="Industry whose price is set outside the model; its "
                                        "cost_change is its price change (repeatable)."),
    component: str = typer.Option("primary", "--component", help="Cost shocked: primary (all primary inputs), value_added, "
                                  "compensation (wages), imports, taxes, or a primary-input row label."),
    draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto, matrix, oecd or long."),
    role: List[str] = typer.Option([], "--role", help="Role of a row/column, KEY=LABEL, e.g. compensation=D1 (repeatable)."),
) -> None:
    """Price effects of a cost shock: wages, taxes, margins, import prices or a commodity price set outside the model."""
    import pandas as pd

    from .._files import check_output_file, write_csv
    from ..errors import ValidationError
    from ..leontief import price_effects, prices_uncertainty, read_cost_shock
    from ..leontief.prices import CPI_LABEL

    if out.suffix.lower() != ".csv":
        raise ValidationError(f"cannot write the prices as {out.name}: give a file ending in .csv")
    check_output_file(out)
    u = settings(draws, seed, coef_cv, coef_dist)
    if u is not None and exogenous:
        raise ValidationError("--draws bands the cost-push model; drop --exogenous (or --draws)")
    t = load_table(table, fmt=fmt, role=role, name_from_file=True)
    sh = read_cost_shock(shock)
    res = price_effects(t, sh, component=component, exogenous=exogenous or None)
    df = res.table
    mc = None
    if u is not None:
        mc = prices_uncertainty(t, sh, u, component=component)
        df = mc.table
    if res.consumer_price_change is not None:
        df = pd.concat([df, pd.DataFrame([{"industry": CPI_LABEL, "price_change": res.consumer_price_change}])], ignore_index=True)
    write_csv(df, out)
    console.print(res.summary(), highlight=False, markup=False)
    if mc is not None:
        report_draws(console, mc)
    console.print(f"written to {out}", highlight=False)


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
    """Add ``prices``, ``sda`` and ``spa`` to the ``valuechain`` app."""
    app.command("prices")(handle_errors(prices_cmd))
    app.command("sda")(handle_errors(sda_cmd))
    app.command("spa")(handle_errors(spa_cmd))
