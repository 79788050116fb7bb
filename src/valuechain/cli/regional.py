"""CLI commands of the regional family: ``regionalize`` and ``tworegion``.

Thin wrappers: read the national table and the employment file, call
:func:`valuechain.regional.regionalize` / :func:`~valuechain.regional.two_region_model`,
write the results atomically (nothing is written when anything fails).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import typer
from rich.table import Table

from ..regional.quotients import DELTA_METHODS, LQ_REGISTRY
from ._common import console, handle_errors, load_table, output_option, overwrite_option
from ._montecarlo import COEF_CV, COEF_DIST, DELTA_RANGE, DRAWS, MEASURE_CV, SEED, report_draws, settings  # Monte Carlo (issue 14)

# the method choices and what each needs come from the registry
_METHOD_HELP = " | ".join(LQ_REGISTRY) + "."
_VECTOR_METHODS = tuple(k for k, m in LQ_REGISTRY.items() if m.needs_delta_vector)

__all__ = ["register"]

_FIG_SUFFIXES = (".svg", ".png", ".html", ".json")


def _check_figure(path: Optional[Path]) -> None:
    from .._files import check_output_file
    from ..errors import ValidationError

    if path is not None:
        check_output_file(path)
    if path is not None and path.suffix.lower() not in _FIG_SUFFIXES:
        raise ValidationError(f"cannot write a figure as {path.suffix or 'a file without suffix'!r}; use .svg, .png, .html or .json")


def _check_csv(path: Optional[Path], what: str) -> None:
    from .._files import check_output_file
    from ..errors import ValidationError

    if path is None:
        return
    check_output_file(path)
    if path.suffix.lower() not in (".csv", ".dta", ".parquet") and what != "table":
        raise ValidationError(f"cannot write the {what} as {path.suffix or 'a file without suffix'!r}; use .csv, .dta or .parquet")
    if path.suffix.lower() not in (".csv", ".xlsx") and what == "table":
        raise ValidationError(f"cannot write the regional table as {path.suffix or 'a file without suffix'!r}; use .csv or .xlsx")
    if path.exists() and path.is_dir():
        raise ValidationError(f"{path} is a folder; give a file name for the {what}")


def _read_delta_file(path: Path):
    import pandas as pd

    from ..errors import DataNotFoundError, ValidationError

    if not path.exists():
        raise DataNotFoundError(f"delta file not found: {path}; check the path")
    try:
        df = pd.read_csv(path)
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read delta file {path}: {str(exc).splitlines()[0]}; give a CSV with columns industry, delta") from None
    cols = {str(c).strip().lower(): c for c in df.columns}
    if "industry" not in cols or "delta" not in cols:
        raise ValidationError(f"delta file {path.name} needs columns industry, delta (found {list(df.columns)})")
    vals = pd.to_numeric(df[cols["delta"]], errors="coerce")
    if vals.isna().any():
        raise ValidationError(f"delta file {path.name} has a non-numeric delta; give a number in (0, 1) per industry")
    return pd.Series(vals.to_numpy(float), index=df[cols["industry"]].astype(str).str.strip())


def _inputs(table: Path, employment: Path, region: str, drop_unmatched: bool, fmt: str):
    from ..regional import employment_vectors, read_employment

    t = load_table(table, fmt=fmt, name_from_file=True)
    emp = read_employment(employment)
    e = employment_vectors(emp, region, industries=t.industries, unmatched="ignore" if drop_unmatched else "raise")
    return t, e


def _delta_arg(method: str, delta: float, delta_file: Optional[Path]):
    from ..errors import ValidationError

    from ..regional.quotients import lq_method

    spec = lq_method(method)
    if spec.needs_delta_vector:
        if delta_file is None:
            raise ValidationError(f"--method {spec.name} needs --delta-file (a CSV with columns industry, delta: one delta_j per industry)")
        return _read_delta_file(delta_file)
    if delta_file is not None:
        raise ValidationError(
            f"--delta-file is only used with --method {' or '.join(_VECTOR_METHODS)}; use --delta for {'/'.join(m.upper() for m in DELTA_METHODS)}"
        )
    return delta


def _print_notes(e, res_notes, flags) -> None:
    if e.ignored:
        console.print(f"ignored employment categories not in the table: {', '.join(e.ignored)}")
    for n in res_notes:
        console.print(f"[yellow]note:[/] {n}")
    console.print("flags: " + "; ".join(flags) + " — estimated, not survey data")


def regionalize_cmd(
    table: Path = typer.Argument(..., help="National IO table (matrix CSV/XLSX, OECD or long layout)."),
    employment: Path = typer.Option(..., "--employment", "-e", help="CSV with columns industry, region, employment."),
    region: str = typer.Option(..., "--region", "-r", help="The region to regionalize for."),
    out: Path = output_option("Regional table (.csv or .xlsx, matrix layout)."),
    method: str = typer.Option("flq", "--method", "-m", help=_METHOD_HELP),
    delta: float = typer.Option(0.3, "--delta", help="Flegg's delta in (0, 1) for FLQ/AFLQ."),
    delta_file: Optional[Path] = typer.Option(None, "--delta-file", help="SFLQ: CSV industry, delta (delta_j by industry)."),
    diagonal: str = typer.Option("slq", "--diagonal", help="Diagonal of cross-industry LQs: slq (Round 1978) or formula (=1)."),
    drop_unmatched: bool = typer.Option(False, "--drop-unmatched", help="Ignore employment industries that are not in the table (listed)."),
    lq_out: Optional[Path] = typer.Option(None, "--lq-out", help="Also write the location quotients (CSV, long)."),
    industries_out: Optional[Path] = typer.Option(None, "--industries-out", help="Also write one row per industry: SLQ, outputs, multipliers (CSV)."),
    sensitivity: Optional[Path] = typer.Option(None, "--sensitivity", help="Also write regional output multipliers over a delta grid (CSV)."),
    figure: Optional[Path] = typer.Option(None, "--figure", help="Figure of the delta sensitivity (.svg/.png/.html)."),
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto | matrix | oecd | long."),
    draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    delta_range: Optional[Tuple[float, float]] = DELTA_RANGE, measure_cv: float = MEASURE_CV,
) -> None:
    """Regionalize a national IO table with location quotients (SLQ ... FLQ, AFLQ, SFLQ)."""
    import pandas as pd

    from .._charts import save_chart
    from .._files import Outputs, write_csv
    from ..errors import ValidationError
    from ..regional import delta_sensitivity, regionalize
    from ..tables import write_table

    _check_csv(out, "table")
    _check_csv(lq_out, "location quotients")
    _check_csv(industries_out, "industry table")
    _check_csv(sensitivity, "sensitivity table")
    _check_figure(figure)
    if figure is not None and sensitivity is None:
        raise ValidationError("--figure draws the delta sensitivity; give --sensitivity too")
    t, e = _inputs(table, employment, region, drop_unmatched, fmt)
    d = _delta_arg(method, delta, delta_file)
    res = regionalize(t, e, method=method, delta=d, diagonal=diagonal)
    u = settings(draws, seed, coef_cv, coef_dist, delta_range, measure_cv)
    mc = None
    if u is not None:  # Monte Carlo bands on the regional multipliers (valuechain.regional.regionalize_uncertainty)
        from ..regional import regionalize_uncertainty

        if industries_out is None:
            raise ValidationError("--draws adds bands to the per-industry table; give --industries-out FILE.csv too")
        mc = regionalize_uncertainty(t, e, method=method, delta=d, diagonal=diagonal, uncertainty=u)
    sens = None
    if sensitivity is not None:
        if method.lower() not in DELTA_METHODS:
            raise ValidationError(f"--sensitivity needs --method {' or '.join(DELTA_METHODS)} (δ has no role in {method.upper()})")
        sens = delta_sensitivity(t, e, method=method, diagonal=diagonal)
    lq = res.lq
    if isinstance(lq, pd.Series):
        lq_long = lq.rename("lq").rename_axis("industry").reset_index()
    else:
        lq_long = lq.rename_axis(index="seller", columns="buyer").stack().rename("lq").reset_index()
    lq_long["method"] = method.upper()
    # everything computed: now write, all files or none
    with Outputs() as outs:
        if figure is not None:
            save_chart(sens.chart(source="national IO table + regional employment; estimated"), outs.file(figure))
        if sens is not None:
            write_csv(sens.table, outs.file(sensitivity))
        if lq_out is not None:
            write_csv(lq_long, outs.file(lq_out))
        if industries_out is not None:
            write_csv(mc.table if mc is not None else res.table, outs.file(industries_out))
        write_table(res.io_table, outs.file(out))

    rt = res.io_table
    console.print(f"[bold]{rt.name}[/]")
    console.print(
        f"{region}: {res.regional.sum() / res.national_measure.sum():.2%} of national {res.measure}; "
        + (f"λ* = {res.lambda_star:.4f}; " if res.lambda_star is not None else "")
        + f"{rt.n} of {t.n} industries kept"
    )
    if res.dropped:
        console.print(f"dropped (zero regional employment): {', '.join(res.dropped)}")
    tab = Table("industry", "SLQ", "output multiplier (region)", "national", title="regional output multipliers (estimated)")
    for _, row in res.table[res.table["in_region"]].iterrows():
        tab.add_row(str(row["industry"]), f"{row['slq']:.3f}", f"{row['output_multiplier_region']:.4f}", f"{row['output_multiplier_national']:.4f}")
    console.print(tab)
    _print_notes(e, res.notes, rt.flags)
    if mc is not None:
        report_draws(console, mc)
    console.print(f"wrote {out}")


def tworegion_cmd(
    table: Path = typer.Argument(..., help="National IO table (matrix CSV/XLSX, OECD or long layout)."),
    employment: Path = typer.Option(..., "--employment", "-e", help="CSV with columns industry, region, employment."),
    region: str = typer.Option(..., "--region", "-r", help="The region; the rest of the country is the other."),
    out: Path = output_option("Output folder."),
    overwrite: bool = overwrite_option(),
    method: str = typer.Option("flq", "--method", "-m", help=_METHOD_HELP),
    delta: float = typer.Option(0.3, "--delta", help="Flegg's delta in (0, 1) for FLQ/AFLQ."),
    delta_file: Optional[Path] = typer.Option(None, "--delta-file", help="SFLQ: CSV industry, delta."),
    diagonal: str = typer.Option("slq", "--diagonal", help="Diagonal of cross-industry LQs: slq or formula."),
    rest: str = typer.Option("rest of country", "--rest", help="Label of the rest of the country."),
    drop_unmatched: bool = typer.Option(False, "--drop-unmatched", help="Ignore employment industries not in the table."),
    fmt: str = typer.Option("auto", "--format", help="Table layout: auto | matrix | oecd | long."),
) -> None:
    """Two-region model (region + rest of country): intraregional, feedback and spillover effects.

    Writes to OUT: effects.csv (per region and industry), sectors.csv (output, final
    demand), coefficients.csv (the 2n interregional A, long), check.csv (aggregation to
    the national table), regional_table.csv (the region's IO table) and effects.svg.
    """
    from .._charts import save_chart
    from .._files import atomic_dir, check_output_dir
    from ..errors import ValidationError
    from ..regional import regionalize, two_region_model, two_region_effects_chart
    from ..tables import write_table

    check_output_dir(out, overwrite=overwrite)
    t, e = _inputs(table, employment, region, drop_unmatched, fmt)
    d = _delta_arg(method, delta, delta_file)
    model = two_region_model(t, e, method=method, delta=d, diagonal=diagonal, rest=rest)
    reg = regionalize(t, e, method=method, delta=d, diagonal=diagonal)
    chk = model.check()
    if not chk["ok"].all():  # pragma: no cover - an identity failing is a bug, not bad input
        raise ValidationError("the two-region model does not aggregate to the national table: " + ", ".join(chk.loc[~chk["ok"], "identity"]))
    A = model.A
    A = A.rename_axis(index=["from_region", "from_industry"], columns=["to_region", "to_industry"])
    coef = A.stack(level=[0, 1], future_stack=True).rename("coefficient").reset_index()
    coef = coef[coef["coefficient"] != 0]
    sectors = model.table[["region", "industry", "output", "final_demand"]].copy()
    sectors["note"] = "estimated (LQ two-region model)"
    chart = two_region_effects_chart(model)
    with atomic_dir(out, overwrite=overwrite) as tmp:
        model.table.to_csv(tmp / "effects.csv", index=False, lineterminator="\n")
        sectors.to_csv(tmp / "sectors.csv", index=False, lineterminator="\n")
        coef.to_csv(tmp / "coefficients.csv", index=False, lineterminator="\n")
        chk.to_csv(tmp / "check.csv", index=False, lineterminator="\n")
        write_table(reg.io_table, tmp / "regional_table.csv")
        save_chart(chart, tmp / "effects.svg")

    console.print(f"[bold]{model.region} + {model.rest}[/] ({model.table['method'].iat[0]}; estimated by LQ regionalization)")
    tab = Table("industry", "intraregional", "feedback", "spillover", "total", title=f"output effects of final demand in {model.region}")
    for _, row in model.table[model.table["region"] == model.region].iterrows():
        tab.add_row(str(row["industry"]), f"{row['intraregional']:.4f}", f"{row['feedback']:.5f}", f"{row['spillover']:.4f}", f"{row['total']:.4f}")
    console.print(tab)
    console.print("aggregation to the national table: passed (Z, x, f; x = L f)")
    _print_notes(e, model.notes, reg.io_table.flags)
    console.print(f"wrote {out}/ (effects.csv, sectors.csv, coefficients.csv, check.csv, regional_table.csv, effects.svg)")


def register(app: typer.Typer) -> None:
    """Add ``regionalize`` and ``tworegion`` to the ``valuechain`` app."""
    app.command("regionalize")(handle_errors(regionalize_cmd))
    app.command("tworegion")(handle_errors(tworegion_cmd))
