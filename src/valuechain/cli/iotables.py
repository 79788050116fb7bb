"""CLI commands of the national IO table family: ``multipliers``, ``linkages``, ``keysectors``.

Thin: read the table (:func:`valuechain.tables.read_table`), call the public API, write
one CSV row per sector (``sector`` first) atomically. Bad input prints one line and exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pandas as pd
import typer

from ._common import console, handle_errors
from ._montecarlo import COEF_CV, COEF_DIST, DRAWS, SEED, report_draws, settings  # Monte Carlo (issue 14)

__all__ = ["register"]

_FORMATS = ("auto", "matrix", "oecd", "long")


def _roles(items: List[str]) -> dict:
    from ..errors import ValidationError
    from ..tables import ROLE_KEYS

    roles: dict = {}
    for it in items or []:
        key, sep_, label = it.partition("=")
        key = key.strip()
        if not sep_ or key not in ROLE_KEYS or not label.strip():
            raise ValidationError(f"--role {it!r}; write KEY=LABEL with KEY one of {', '.join(ROLE_KEYS)}")
        if key in ("households", "compensation", "employment"):
            roles[key] = label.strip()
        else:
            roles.setdefault(key, []).append(label.strip())
    return roles


def _load(table: Path, fmt: str, sheet: Optional[str], rtol: float, check_balance: str, drop_zero: bool, sep: str,
          role: Optional[List[str]] = None, label_column: Optional[str] = None, ignore: Optional[List[str]] = None):
    import warnings

    from ..errors import ValidationError, ValuechainWarning
    from ..tables import read_table

    if fmt not in _FORMATS:
        raise ValidationError(f"--format {fmt!r}; use one of {', '.join(_FORMATS)}")
    roles = _roles(role or [])
    sheet_arg = int(sheet) if sheet is not None and sheet.isdigit() else sheet
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ValuechainWarning)
        t = read_table(table, format=fmt, sheet=sheet_arg, rtol=rtol, check_balance=check_balance,
                       drop_zero_output=drop_zero, sep=sep, roles=roles or None,
                       label_column=label_column, ignore=tuple(ignore or ()))
    for w in caught:
        if issubclass(w.category, ValuechainWarning):
            console.print(f"[yellow]warning:[/] {w.message}", highlight=False)
    return t


def _check_out(out: Path, suffixes=(".csv",)) -> None:
    from ..errors import ValidationError

    if out.suffix.lower() not in suffixes:
        raise ValidationError(f"cannot write {out.name}: the output must end in {' or '.join(suffixes)}")
    if out.exists() and out.is_dir():
        raise ValidationError(f"{out} is a folder; give a file name such as out.csv")


def _tidy(df: pd.DataFrame, t) -> pd.DataFrame:
    out = df.reset_index()
    out = out.rename(columns={out.columns[0]: "sector"})
    if t.flags:
        out["note"] = "; ".join(t.flags)
    return out


def _write(df: pd.DataFrame, out: Path, figure=None, chart=None) -> None:
    from .._charts import save_chart
    from .._files import atomic_path

    with atomic_path(out) as tmp:
        df.to_csv(tmp, index=False, lineterminator="\n")
        if figure is not None:
            save_chart(chart, figure)


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

    @app.command("multipliers")
    @handle_errors
    def multipliers_cmd(
        table: Path = typer.Argument(..., help="IO table (.csv/.xlsx; matrix, OECD or long layout)."),
        out: Path = typer.Option(..., "-o", "--out", help="Output CSV, one row per sector."),
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
        out: Path = typer.Option(..., "-o", "--out", help="Output CSV, one row per sector."),
        method: List[str] = typer.Option(
            ["all"], "--method", "-m",
            help="chenery-watanabe, rasmussen, total, hazari, jones, extraction or all (repeatable).",
        ),
        fmt: str = _FMT, sheet: Optional[str] = _SHEET, rtol: float = _RTOL, check_balance: str = _BAL,
        drop_zero_output: bool = _DROP, sep: str = _SEP, role: List[str] = _ROLE,
        label_column: Optional[str] = _LABEL, ignore: List[str] = _IGNORE,
        draws: Optional[int] = DRAWS, seed: int = SEED, coef_cv: float = COEF_CV, coef_dist: str = COEF_DIST,
    ) -> None:
        """Backward and forward linkages (<method>_backward, <method>_forward columns)."""
        from ..leontief import linkages

        _check_out(out)
        from ..leontief.linkages import _FUNCS, _method_name
        from ..errors import ValidationError

        for m in method:
            if _method_name(m) not in _FUNCS and _method_name(m) != "all":
                raise ValidationError(
                    f"--method {m!r} is unknown; use chenery-watanabe, rasmussen, total, hazari, jones, extraction or all"
                )
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
        out: Path = typer.Option(..., "-o", "--out", help="Output CSV, one row per sector with its class."),
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
