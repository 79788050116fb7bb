"""CLI command ``gvc``: TiVA indicators and export decompositions of an inter-country table.

Thin wrapper: read the table (OECD ICIO CSV, WIOD matrices folder or decompr folder), call
the public API of :mod:`valuechain.gvc`, check the accounting identities, and write one
CSV atomically (nothing is written when anything fails).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._common import console, handle_errors, output_option, quiet_option

__all__ = ["register"]

_METHODS = ("tiva", "leontief", "kww", "wwz", "bm", "position", "absorption")
_DEFAULT_LEVEL = {"tiva": "country", "leontief": "sector", "kww": "country", "wwz": "bilateral", "bm": "country",
                  "position": "sector", "absorption": "country"}
_DEFAULT_BM_LEVEL = {"exporter": "country", "world": "country", "pair": "bilateral", "self": "sector", "importer": "country"}


def _run(icio: Path, fmt: Optional[str], method: str, level: Optional[str], perspective: str, approach: Optional[str],
         groups: Optional[str] = None, rest: Optional[str] = None):
    from ..errors import ValidationError
    from ..gvc import (
        bm_decomposition,
        bm_imports,
        parse_groups,
        position_measures,
        va_absorption,
        kww_decomposition,
        leontief_decomposition,
        read_icio,
        tiva_indicators,
        wwz_decomposition,
    )

    method = method.lower()
    if method not in _METHODS:
        raise ValidationError(f"--method {method!r} is unknown; use one of {', '.join(_METHODS)}")
    if fmt is not None and fmt.lower() not in ("oecd", "wiod", "decompr", "zx"):
        raise ValidationError(f"--format {fmt!r} is unknown; use oecd, wiod, decompr or zx")
    if method != "bm" and (perspective != "exporter" or approach is not None):
        raise ValidationError("--perspective and --approach apply to --method bm only")
    if method != "absorption" and (groups is not None or rest is not None):
        raise ValidationError("--groups and --rest apply to --method absorption only")
    if perspective not in _DEFAULT_BM_LEVEL:
        raise ValidationError(f"--perspective {perspective!r} is unknown; use exporter, world, pair, self or importer")
    if approach is not None and approach not in ("source", "sink"):
        raise ValidationError(f"--approach {approach!r} is unknown; use source or sink")
    default = _DEFAULT_BM_LEVEL[perspective] if method == "bm" else _DEFAULT_LEVEL[method]
    level = (level or default).lower()
    group_map = parse_groups(groups) if groups is not None else None
    table = read_icio(icio, format=fmt.lower() if fmt else None)
    if method == "tiva":
        res = tiva_indicators(table, level=level)
    elif method == "kww":
        res = kww_decomposition(table, level=level)
    elif method == "wwz":
        res = wwz_decomposition(table, level=level)
    elif method == "bm" and perspective == "importer":
        res = bm_imports(table, level=level)
    elif method == "bm":
        res = bm_decomposition(table, perspective=perspective, approach=approach, level=level)
    elif method == "position":
        res = position_measures(table, level=level)
    elif method == "absorption":
        if level != "country":
            raise ValidationError(f"--level {level!r} is not available for --method absorption; use country (groups with --groups)")
        res = va_absorption(table, origin_groups=group_map, destination_groups=group_map, rest=rest)
    else:
        res = leontief_decomposition(table)
        if level not in ("sector", "country"):
            raise ValidationError(f"--level {level!r} is not available for the Leontief decomposition; use sector or country")
    checks = res.check(rtol=1e-8)
    df = res.at(level)
    if table.flags:
        df["flags"] = ";".join(table.flags)
    return table, res, df, checks


def register(app: typer.Typer) -> None:
    """Add the ``gvc`` command to ``app``."""

    @app.command("gvc")
    @handle_errors
    def gvc(
        icio: Path = typer.Argument(..., help="OECD ICIO CSV file, or a folder (WIOD matrices / decompr inter.csv, final.csv, out.csv / zx: a wide Z file and a nodes CSV)."),
        method: str = typer.Option(..., "--method", "-m", help="tiva | leontief | kww | wwz | bm | position | absorption"),
        fmt: Optional[str] = typer.Option(None, "--format", "-f", help="oecd | wiod | decompr | zx (default: guessed from the path; zx is never guessed)."),
        level: Optional[str] = typer.Option(None, "--level", "-l", help="country | sector | bilateral (default depends on the method)."),
        perspective: str = typer.Option("exporter", "--perspective", help="bm only: exporter (default) | world | pair | self | importer."),
        approach: Optional[str] = typer.Option(None, "--approach", help="bm only: source (default) | sink (world default)."),
        groups: Optional[str] = typer.Option(None, "--groups", help="absorption only: country groups, e.g. 'EAEU=KAZ,RUS,BLR;EU=DEU,FRA'."),
        rest: Optional[str] = typer.Option(None, "--rest", help="absorption only: name for countries in no group (default: their own code)."),
        output: Path = output_option("CSV file to write."),
        quiet: bool = quiet_option(),
    ) -> None:
        """Trade in value added, gross-export decompositions and GVC position of an inter-country IO table.

        One row per exporter (and industry, and importer at finer levels), one column per
        term; the accounting identities are checked before anything is written.
        """
        from .._files import check_output_file, write_csv
        from ..errors import ValidationError

        check_output_file(output)
        if output.suffix.lower() not in (".csv", ".dta", ".parquet"):
            raise ValidationError(f"-o {output.name}: the output must be a .csv, .dta or .parquet file")
        table, res, df, checks = _run(icio, fmt, method, level, perspective.lower(), approach.lower() if approach else None,
                                      groups, rest)
        bad = checks[~checks["ok"]]
        if len(bad):
            row = bad.iloc[0]
            raise ValidationError(
                f"accounting identity {row['identity']} fails at {row['level']} level (relative error {row['rel_error']:.2e}); "
                "the table is probably unbalanced: recompute output as Z1 + Y1"
            )
        write_csv(df, output, float_format="%.10g")
        if quiet:
            return
        console.print(f"{res.method if hasattr(res, 'method') else 'Leontief decomposition'}: "
                      f"{table.G} countries x {table.N} industries -> {len(df)} rows written to {output}")
        console.print(f"accounting identities hold (max relative error {checks['rel_error'].max():.1e})")
        if table.flags:
            console.print(f"[yellow]note:[/] computed from {', '.join(table.flags)} data (column 'flags')")
