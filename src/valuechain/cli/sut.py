"""CLI command ``sut``: a symmetric input-output table from supply and use tables.

Thin: read the two tables (:func:`valuechain.tables.read_sut`), transform them
(:func:`valuechain.tables.sut_to_iot`, Eurostat models A-D) and write the table in the
matrix layout (:func:`valuechain.tables.write_table`) atomically. Bad input prints one
line and exits 2; nothing is written.
"""

from __future__ import annotations

from pathlib import Path

import typer

from ._common import console, handle_errors, output_option

__all__ = ["register", "sut_cmd"]


def sut_cmd(
    use: Path = typer.Option(..., "--use", help="Use table CSV (products x industries, final-use columns, primary-input rows)."),
    supply: Path = typer.Option(..., "--supply", help="Supply (make) table CSV (products x industries, imports column)."),
    model: str = typer.Option(..., "--model", help="A (product technology), B (industry technology), C (fixed industry sales "
                              "structure) or D (fixed product sales structure)."),
    out: Path = output_option("Output CSV: the symmetric table (matrix layout, readable by every other command)."),
    fmt: str = typer.Option("generic", "--format", help="Layout of the two files: bea, abs or generic."),
    negatives: str = typer.Option("report", "--negatives", help="Negative flows (models A, C): report (refuse), almon "
                                  "(remove by Almon 2000) or move (to a final-use column and a primary row)."),
    special: str = typer.Option("primary", "--special", help="BEA scrap and noncomparable imports: primary (primary-input "
                                "rows) or keep (as products; models B and D only)."),
    unit: str = typer.Option("", "--unit", help="Unit of the tables, e.g. 'million USD'."),
) -> None:
    """Build a symmetric input-output table from supply and use tables (Eurostat models A-D)."""
    from .._files import check_output_file
    from ..errors import ValidationError
    from ..tables import read_sut, sut_to_iot, write_table

    if out.suffix.lower() != ".csv":
        raise ValidationError(f"cannot write the table as {out.name}: give a file ending in .csv")
    check_output_file(out)
    m = model.strip().upper()
    if m not in ("A", "B", "C", "D"):
        raise ValidationError(f"--model {model!r}; use A, B, C or D")
    if negatives not in ("report", "almon", "move"):
        raise ValidationError(f"--negatives {negatives!r}; use report, almon or move")
    sut = read_sut(use, supply, format=fmt.strip().lower(), special=special, unit=unit)
    res = sut_to_iot(sut, m, negatives=negatives)
    chk = res.check()
    if not chk["ok"].all():  # pragma: no cover - an identity failing is a bug, not bad input
        raise ValidationError("the table's identities do not hold: " + ", ".join(chk.loc[~chk["ok"], "identity"]))
    iot = res.iot  # refuses negative flows left in Z (with the count and the fix)
    write_table(iot, out)
    console.print(res.summary(), highlight=False, markup=False)
    console.print(f"written to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add ``sut`` to the ``valuechain`` app."""
    app.command("sut")(handle_errors(sut_cmd))
