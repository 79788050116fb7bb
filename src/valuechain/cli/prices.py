"""CLI command ``prices``: the Leontief price model (cost-push effects of a cost shock).

Thin: read the table and the shock (``industry, cost_change``), call
:func:`valuechain.leontief.price_effects` (Monte Carlo bands with ``--draws`` through
:func:`valuechain.leontief.prices_uncertainty`) and write one row per industry
(``industry, price_change, direct, indirect, cost_change, exogenous``) plus, where the
table has household consumption, a row ``consumer prices (household weights)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import console, handle_errors, load_table, output_option
from ._montecarlo import COEF_CV, COEF_DIST, DRAWS, SEED, report_draws, settings

__all__ = ["register", "prices_cmd"]


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


def register(app: typer.Typer) -> None:
    """Add ``prices`` to the ``valuechain`` app."""
    app.command("prices")(handle_errors(prices_cmd))
