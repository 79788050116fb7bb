"""``valuechain data list | verify | import``: the data folder and published downloads.

Thin: the work is in :mod:`valuechain.datasets.catalog` (list, hashes) and
:mod:`valuechain.datasets.importers` (BACI, OECD ICIO, ADB MRIO).
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from ._common import console, handle_errors, output_option, overwrite_option, quiet_option, steps

__all__ = ["register"]

_DATA = typer.Option(None, "--data", help="The data folder (default: $VALUECHAIN_DATA, else shared/data found upwards).")


def register(app: typer.Typer) -> None:
    """Add the ``data`` command group to ``app``."""
    data_app = typer.Typer(help="The data folder (list, verify) and published downloads (import).", no_args_is_help=True)

    @data_app.command("list")
    @handle_errors
    def list_cmd(
        data: Optional[Path] = _DATA,
        output: Optional[Path] = output_option("Also write the list as a table (.csv, .dta or .parquet).", default=None),
    ) -> None:
        """List the datasets of the data folder with source, release, licence and units (from PROVENANCE.md)."""
        from rich.table import Table

        from .._files import check_output_file, write_csv
        from .._tablefiles import check_table_suffix
        from ..datasets.catalog import data_folder, datasets_frame, list_datasets

        if output is not None:
            check_table_suffix(check_output_file(output), "list")
        root = data_folder(data)
        infos = list_datasets(root)
        tab = Table(title=f"datasets in {root}", show_lines=True)
        for c in ("dataset", "source", "release", "licence", "units", "files"):
            tab.add_column(c, overflow="fold")
        for i in infos:
            tab.add_row(i.name, i.source, i.release, i.licence, i.units, f"{i.files} ({i.bytes / 1e6:.1f} MB)")
        console.print(tab)
        missing = [i.name for i in infos if not i.extra.get("provenance")]
        if missing:
            console.print(f"[yellow]warning:[/] no PROVENANCE.md in {', '.join(missing)}", highlight=False)
        if output is not None:
            write_csv(datasets_frame(infos), output)
            console.print(f"wrote {output}", highlight=False)

    @data_app.command("verify")
    @handle_errors
    def verify_cmd(
        data: Optional[Path] = _DATA,
        manifest: Optional[Path] = typer.Option(None, "--manifest", help="The manifest (default: DATA/valuechain-manifest.json)."),
        record: bool = typer.Option(False, "--record", help="Record the content hashes (once) instead of checking them."),
    ) -> None:
        """Check the data folder's files against the recorded SHA-256 hashes (exit 1 when a file changed or is missing)."""
        from ..datasets.catalog import data_folder, record_manifest, verify_manifest

        root = data_folder(data)
        if record:
            path = record_manifest(root, manifest)
            console.print(f"recorded the hashes of the files in {root} to {path}", highlight=False)
            return
        res = verify_manifest(root, manifest)
        counts = res["status"].value_counts().to_dict()
        for _, row in res[res["status"] != "ok"].iterrows():
            console.print(f"{row['status']}: {row['file']}", highlight=False)
        console.print(", ".join(f"{counts.get(k, 0)} {k}" for k in ("ok", "changed", "missing", "new")), highlight=False)
        if counts.get("changed", 0) or counts.get("missing", 0):
            raise typer.Exit(1)

    @data_app.command("import")
    @handle_errors
    def import_cmd(
        kind: str = typer.Argument(..., help="What the download is: baci, oecd-icio or adb-mrio."),
        files: List[Path] = typer.Argument(..., help="The downloaded file(s): BACI zip(s), an OECD ICIO zip, an ADB MRIO .xlsx."),
        output: Path = output_option("The folder to create (a Parquet panel for BACI; the table layout for ICIO / ADB)."),
        years: Optional[List[int]] = typer.Option(None, "--year", help="BACI: only this year (repeatable)."),
        release: Optional[str] = typer.Option(None, "--release", help="The release, when the file names do not say (e.g. V202501)."),
        overwrite: bool = overwrite_option(),
        quiet: bool = quiet_option(),
    ) -> None:
        """Turn a published download into the layout the commands read, recording its source and release."""
        from .._files import check_output_dir, output_policy
        from ..datasets.importers import IMPORTERS
        from ..errors import ValidationError

        if kind not in IMPORTERS:
            raise ValidationError(f"unknown kind {kind!r}; use one of {', '.join(IMPORTERS)}")
        check_output_dir(output, overwrite=overwrite)
        if kind != "baci" and len(files) != 1:
            raise ValidationError(f"{kind} takes one file; got {len(files)}")
        if kind != "baci" and years:
            raise ValidationError("--year is for baci only")
        from ..errors import DataNotFoundError

        for f in files:  # checked before the progress bar starts
            if not f.exists():
                raise DataNotFoundError(f"file not found: {f}; check the path")
            if f.is_dir():
                raise ValidationError(f"{f} is a folder; give the downloaded file")
        total = 1
        if kind in ("baci", "oecd-icio"):
            import re
            import zipfile

            for f in files:
                if not zipfile.is_zipfile(f):
                    raise ValidationError(f"{f.name} is not a zip file; give the zip as downloaded")
            if kind == "baci":
                total = sum(1 for f in files for m in zipfile.ZipFile(f).namelist()
                            if re.search(r"_Y\d{4}_", m) and (not years or int(re.search(r"_Y(\d{4})_", m).group(1)) in years))
        with output_policy(overwrite=overwrite), steps(max(total, 1), quiet) as step:
            if kind == "baci":
                meta = IMPORTERS[kind](files, output, years=years or None, release=release, progress=step)
            else:
                meta = IMPORTERS[kind](files[0], output, release=release, progress=step)
        what = {"baci": "Parquet panel", "oecd-icio": "ICIO tables", "adb-mrio": "decompr-layout table"}[kind]
        console.print(f"wrote the {what} to {output}: {meta['source']}, release {meta['release']}"
                      + (f", years {', '.join(str(y) for y in meta['years'])}" if "years" in meta else ""), highlight=False)

    app.add_typer(data_app, name="data")
