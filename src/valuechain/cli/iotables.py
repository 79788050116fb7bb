"""CLI commands of the national IO table family: ``multipliers``, ``linkages``, ``keysectors``.

Thin: read the table (:func:`valuechain.tables.read_table`), call the public API, write
one CSV row per sector (``sector`` first) atomically. Bad input prints one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer

from ._common import console, handle_errors, load_table, output_option
from ._montecarlo import COEF_CV, COEF_DIST, DRAWS, SEED, report_draws, settings  # Monte Carlo (issue 14)

__all__ = ["register"]

_FORMATS = ("auto", "matrix", "oecd", "long")


def _load(table: Path, fmt: str, sheet: Optional[str], rtol: float, check_balance: str, drop_zero: bool, sep: str,
          role: Optional[List[str]] = None, label_column: Optional[str] = None, ignore: Optional[List[str]] = None):
    return load_table(table, fmt=fmt, sheet=sheet, rtol=rtol, check_balance=check_balance, drop_zero_output=drop_zero,
                      sep=sep, role=role, label_column=label_column, ignore=ignore)


def _check_out(out: Path, suffixes=(".csv", ".dta", ".parquet")) -> None:  # the table writer picks the format by the suffix
    from .._files import check_output_file
    from ..errors import ValidationError

    check_output_file(out)
    if out.suffix.lower() not in suffixes:
        raise ValidationError(f"cannot write {out.name}: the output must end in {' or '.join(suffixes)}")


def _tidy(df: pd.DataFrame, t) -> pd.DataFrame:
    out = df.reset_index()
    out = out.rename(columns={out.columns[0]: "sector"})
    if t.flags:
        out["note"] = "; ".join(t.flags)
    return out


def _write(df: pd.DataFrame, out: Path, figure=None, chart=None) -> None:
    """Write the CSV (and the figure) all or none."""
    from .._charts import save_chart
    from .._files import Outputs, write_csv

    with Outputs() as outs:
        write_csv(df, outs.file(out))
        if figure is not None:
            save_chart(chart, outs.file(figure))


def _done(t, df: pd.DataFrame, out: Path, what: str) -> None:
    console.print(f"{what} of {t.n} industries ({t.name or 'table'}) written to {out}", highlight=False)
    if t.flags:
        console.print(f"note: the table is flagged {', '.join(t.flags)}", highlight=False)


# options shared by every command
_FMT = typer.Option("auto", "--format", help="Table layout: auto, matrix, oecd or long.")
_SHEET = typer.Option(None, "--sheet", help="XLSX sheet name or index (default: the first).")
_RTOL = typer.Option(1e-6, "--rtol", help="Relative tolerance of the row/column balance check.")
_BAL = typer.Option("raise", "--check-balance", help="raise, warn or ignore when the table does not balance.")
_DROP = typer.Option(False, "--drop-zero-output", help="Drop industries with zero output.")
_SEP = typer.Option(",", "--sep", help="CSV delimiter.")
_LABEL = typer.Option(None, "--label-column", help="Column holding the row labels (default: the first).")
_IGNORE = typer.Option([], "--ignore", help="Row or column label to leave out, e.g. extra label columns (repeatable).")
_ROLE = typer.Option([], "--role", help="Role of a row/column, KEY=LABEL, e.g. households=HFCE, compensation=D1 (repeatable).")


def register(app: typer.Typer) -> None:
    """Add ``multipliers``, ``linkages`` and ``keysectors`` to the ``valuechain`` app."""
    from ..leontief.linkages import LINKAGE_METHODS  # the choices come from the registry

    @app.command("multipliers")
    @handle_errors
    def multipliers_cmd(
        table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
        out: Path = output_option("Output CSV, one row per sector."),
        type_: str = typer.Option("I", "--type", help="I (households exogenous) or II (households endogenous)."),
        kind: str = typer.Option("simple", "--kind", help="simple (effect per unit of final demand) or ratio (total / direct)."),
        fmt: str = _FMT, sheet: Optional[str] = _SHEET, rtol: float = _RTOL, check_balance: str = _BAL,
        drop_zero_output: bool = _DROP, sep: str = _SEP, role: List[str] = _ROLE,
        label_column: Optional[str] = _LABEL, ignore: List[str] = _IGNORE,
        draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    ) -> None:
        """Output, value-added, income and employment multipliers (Type I or II)."""
        from ..errors import ValidationError
        from ..leontief import multipliers

        _check_out(out)
        typ = type_.upper()
        if typ not in ("I", "II"):
            raise ValidationError(f"--type {type_!r}; use I or II")
        t = _load(table, fmt, sheet, rtol, check_balance, drop_zero_output, sep, role, label_column, ignore)
        u = settings(draws, seed, coef_cv, coef_dist)
        if u is not None:  # Monte Carlo bands (valuechain.leontief.multipliers_uncertainty)
            from ..leontief import multipliers_uncertainty

            mc = multipliers_uncertainty(t, u, type=typ, kind=kind)
            df = mc.table
            report_draws(console, mc)
        else:
            df = _tidy(multipliers(t, type=typ, kind=kind), t)
        _write(df, out)
        _done(t, df, out, f"Type {typ} {kind} multipliers")

    @app.command("linkages")
    @handle_errors
    def linkages_cmd(
        table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
        out: Path = output_option("Output CSV, one row per sector."),
        method: List[str] = typer.Option(
            ["all"], "--method", "-m",
            help=", ".join(k.replace("_", "-") for k in LINKAGE_METHODS) + " or all (repeatable).",
        ),
        fmt: str = _FMT, sheet: Optional[str] = _SHEET, rtol: float = _RTOL, check_balance: str = _BAL,
        drop_zero_output: bool = _DROP, sep: str = _SEP, role: List[str] = _ROLE,
        label_column: Optional[str] = _LABEL, ignore: List[str] = _IGNORE,
        draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    ) -> None:
        """Backward and forward linkages (<method>_backward, <method>_forward columns)."""
        from ..leontief import linkages

        _check_out(out)
        from ..errors import ValidationError
        from ..leontief.linkages import linkage_method

        for m in method:
            if str(m).strip().lower() != "all":
                try:
                    linkage_method(m)
                except ValidationError:
                    raise ValidationError(
                        f"--method {m!r} is unknown; use {', '.join(k.replace('_', '-') for k in LINKAGE_METHODS)} or all"
                    ) from None
        t = _load(table, fmt, sheet, rtol, check_balance, drop_zero_output, sep, role, label_column, ignore)
        u = settings(draws, seed, coef_cv, coef_dist)
        if u is not None:  # Monte Carlo bands (valuechain.leontief.linkages_uncertainty)
            from ..leontief import linkages_uncertainty

            mc = linkages_uncertainty(t, u, method=method)
            df = mc.table
            report_draws(console, mc)
        else:
            df = _tidy(linkages(t, method=method), t)
        _write(df, out)
        _done(t, df, out, "Linkages (" + ", ".join(method) + ")")

    @app.command("keysectors")
    @handle_errors
    def keysectors_cmd(
        table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
        out: Path = output_option("Output CSV, one row per sector with its class."),
        backward: str = typer.Option("rasmussen", "--backward", help="Backward linkage method."),
        forward: Optional[str] = typer.Option(None, "--forward", help="Forward linkage method (default: as --backward)."),
        exclude: List[str] = typer.Option([], "--exclude", help="Local-serving sector to leave out (repeatable)."),
        cv_filter: Optional[str] = typer.Option(None, "--cv-filter", help="Rasmussen CV filter: 'median' or a number."),
        figure: Optional[Path] = typer.Option(None, "--figure", help="Quadrant chart (.svg, .png, .html)."),
        fmt: str = _FMT, sheet: Optional[str] = _SHEET, rtol: float = _RTOL, check_balance: str = _BAL,
        drop_zero_output: bool = _DROP, sep: str = _SEP, role: List[str] = _ROLE,
        label_column: Optional[str] = _LABEL, ignore: List[str] = _IGNORE,
        draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    ) -> None:
        """Key sectors: key / backward / forward / weak from a backward-forward linkage pair."""
        from ..errors import ValidationError
        from ..leontief import key_sectors, quadrant_chart

        _check_out(out)
        if figure is not None and figure.suffix.lower() not in (".svg", ".png", ".html", ".json"):
            raise ValidationError(f"cannot write the figure {figure.name}; use .svg, .png, .html or .json")
        cvf = None
        if cv_filter is not None:
            if cv_filter.strip().lower() == "median":
                cvf = "median"
            else:
                try:
                    cvf = float(cv_filter)
                except ValueError:
                    raise ValidationError(f"--cv-filter {cv_filter!r}; use 'median' or a number such as 1.5") from None
        t = _load(table, fmt, sheet, rtol, check_balance, drop_zero_output, sep, role, label_column, ignore)
        res = key_sectors(t, backward=backward, forward=forward, cv_filter=cvf, exclude=exclude)
        cols = ["sector", res.backward_column, res.forward_column]
        cols += [c for c in ("rasmussen_backward_cv", "rasmussen_forward_cv") if c in res.table and c not in cols]
        cols += ["class"] + (["note"] if "note" in res.table else [])
        df = res.table[cols]
        u = settings(draws, seed, coef_cv, coef_dist)
        if u is not None:  # Monte Carlo class probabilities (valuechain.leontief.key_sectors_uncertainty)
            from ..leontief import key_sectors_uncertainty

            mc = key_sectors_uncertainty(t, u, backward=backward, forward=forward, cv_filter=cvf, exclude=exclude)
            df = mc.table.drop(columns=[c for c in ("backward_cv_ok", "forward_cv_ok") if c in mc.table])
            report_draws(console, mc)
        chart = quadrant_chart(res) if figure is not None else None
        _write(df, out, figure, chart)
        console.print(res.summary(), highlight=False, markup=False)
        console.print(f"written to {out}" + (f" and {figure}" if figure else ""), highlight=False)
