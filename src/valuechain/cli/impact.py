"""CLI command ``impact``: direct, indirect and induced effects of a final-demand shock.

Thin: read the table and the shock, call :func:`valuechain.leontief.impact` (or
:func:`valuechain.regional.two_region_impact` with ``--region``; Monte Carlo bands with
``--draws`` through :func:`valuechain.leontief.impact_uncertainty`), write one CSV row
per industry (plus total rows) atomically. Bad input prints one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Tuple

import typer

from ..errors import ValidationError
from ._common import console, handle_errors, load_table, output_option
from ._montecarlo import (
    COEF_CV,
    COEF_DIST,
    DELTA_RANGE,
    DRAWS,
    SEED,
    report_draws,
    settings,
)

__all__ = ["register", "impact_cmd", "check_impact_method"]


def check_impact_method(method: str) -> str:
    """The registry name of ``--method``, refusing a method ``impact`` cannot feed.

    ``impact`` takes Flegg's scalar ``--delta``; a method of
    :data:`~valuechain.regional.quotients.LQ_REGISTRY` that needs one :math:`\\delta_j` per
    industry (``needs_delta_vector``, the SFLQ) would get the scalar repeated, i.e. the
    FLQ's numbers under the SFLQ's label, so it is refused with the way round.

    Examples
    --------
    >>> check_impact_method("FLQ")
    'flq'
    """
    from ..regional.quotients import lq_method

    spec = lq_method(method)
    if spec.needs_delta_vector:
        raise ValidationError(
            f"--method {spec.name} needs region-specific delta_j (one per industry), which impact does not read "
            f"(--delta would give the FLQ under the {spec.name.upper()} label); regionalize first with "
            f"'valuechain regionalize TABLE -e EMP.csv -r REGION --method {spec.name} --delta-file D.csv -o REG.csv' and run impact on REG.csv, "
            "or use --method flq --delta D"
        )
    return spec.name


def _check_out(out: Path, what: str = "output") -> None:
    from .._files import check_output_file
    from ..errors import ValidationError

    if out.suffix.lower() not in (".csv", ".dta", ".parquet"):  # the table writer picks the format by the suffix
        raise ValidationError(f"cannot write the {what} as {out.name}: give a file ending in .csv, .dta or .parquet")
    check_output_file(out)


def impact_cmd(
    table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout), national or regional."),
    shock: Path = typer.Option(..., "--shock", "-s", help="CSV with columns industry, final_demand (change, table's unit) and optionally year."),
    out: Path = output_option("Output CSV: one row per industry plus total rows."),
    type_: str = typer.Option("I", "--type", help="I (direct + indirect) or II (adds the induced effect of household spending)."),
    region: Optional[str] = typer.Option(None, "--region", "-r", help="Two-region impact: the region of the shock (needs --employment)."),
    employment: Optional[Path] = typer.Option(None, "--employment", "-e", help="With --region: CSV industry, region, employment."),
    method: str = typer.Option("flq", "--method", "-m", help="With --region: slq | plq | cilq | flq | aflq (sflq: regionalize --delta-file, then impact)."),
    delta: float = typer.Option(0.3, "--delta", help="With --region: Flegg's delta for FLQ/AFLQ."),
    rest: str = typer.Option("rest of country", "--rest", help="With --region: label of the rest of the country."),
    effects_out: Optional[Path] = typer.Option(None, "--effects-out", help="With --region: also write intraregional, feedback and spillover output by year (CSV)."),
    draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    delta_range: Optional[Tuple[float, float]] = DELTA_RANGE,
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto, matrix, oecd or long."),
    rtol: float = typer.Option(1e-6, "--rtol", help="Relative tolerance of the row/column balance check."),
    check_balance: str = typer.Option("raise", "--check-balance", help="raise, warn or ignore when the table does not balance."),
    role: List[str] = typer.Option([], "--role", help="Role of a row/column, KEY=LABEL, e.g. compensation=D1 (repeatable)."),
    label_column: Optional[str] = typer.Option(None, "--label-column", help="Column holding the row labels (default: the first)."),
    ignore: List[str] = typer.Option([], "--ignore", help="Row or column label to leave out (repeatable)."),
) -> None:
    """Impact of a final-demand shock: output, value added, income and jobs (direct, indirect, induced)."""
    from .._files import Outputs, write_csv
    from ..leontief import impact, impact_uncertainty, read_shock

    _check_out(out)
    if effects_out is not None:
        _check_out(effects_out, "effects")
        if region is None:
            raise ValidationError("--effects-out writes the two-region effects; give --region and --employment too")
    typ = type_.strip().upper()
    if typ not in ("I", "II"):
        raise ValidationError(f"--type {type_!r}; use I or II")
    if (region is None) != (employment is None):
        raise ValidationError("--region and --employment go together (the two-region model needs the region's employment)")
    u = settings(draws, seed, coef_cv, coef_dist, delta_range)
    if region is not None and typ == "II":
        raise ValidationError("the two-region impact is Type I (the regionalized table has no household closure); drop --type II")
    if region is not None:
        method = check_impact_method(method)
    if delta_range is not None and region is None:
        raise ValidationError("--delta-range draws Flegg's delta of the two-region model; give --region and --employment too")
    t = load_table(table, fmt=fmt, rtol=rtol, check_balance=check_balance, role=role, label_column=label_column,
                   ignore=ignore, name_from_file=True)
    sh = read_shock(shock)
    res_mc = None
    if region is not None:
        from ..regional import (
            employment_vectors,
            read_employment,
            two_region_impact,
            two_region_model,
        )

        emp = read_employment(employment)
        e = employment_vectors(emp, region, industries=t.industries)
        model = two_region_model(t, e, method=method, delta=delta, rest=rest)
        res = two_region_impact(model, sh, employment=e.national, flags=e.flags)
        if u is not None:
            from ..regional import two_region_impact_uncertainty

            res_mc = two_region_impact_uncertainty(t, e, sh, employment=e.national, flags=e.flags, method=method,
                                                   delta=delta, rest=rest, uncertainty=u)
    elif u is not None:
        res = impact(t, sh, type=typ)
        res_mc = impact_uncertainty(t, sh, u, type=typ)
    else:
        res = impact(t, sh, type=typ)
    if res_mc is not None:  # a draw's band can overflow where the point estimate does not
        from ..leontief.impact import check_finite_effects

        check_finite_effects(res_mc.table, res.shock)
    chk = res.check()
    if not chk["ok"].all():  # pragma: no cover - an identity failing is a bug, not bad input
        raise ValidationError("the impact identities do not hold: " + ", ".join(chk.loc[~chk["ok"], "identity"]))
    df = res_mc.table if res_mc is not None else res.table.copy()
    if res.flags and "note" not in df:
        df["note"] = "; ".join(res.flags)
    with Outputs() as outs:  # both files or neither
        if effects_out is not None:
            write_csv(res_mc.regional_effects if res_mc is not None else res.regional_effects, outs.file(effects_out))
        write_csv(df, outs.file(out))
    console.print(res.summary(), highlight=False, markup=False)
    if res_mc is not None:
        report_draws(console, res_mc)
        if res_mc.regional_effects is not None:
            console.print("\n".join(ln for ln in res_mc.summary().splitlines() if "effects (" in ln or "spillover share" in ln),
                          highlight=False, markup=False)
    console.print(f"written to {out}" + (f" and {effects_out}" if effects_out else ""), highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``impact`` to the ``valuechain`` app."""
    app.command("impact")(handle_errors(impact_cmd))
