"""``valuechain report STUDY.toml -o OUTDIR`` and ``valuechain demo -o OUTDIR``."""

from __future__ import annotations

from pathlib import Path

import typer

from .._files import check_output_dir, output_policy
from ._common import console, err_console, handle_errors, output_option, overwrite_option

__all__ = ["register"]


def _run(study, outdir: Path, *, quiet: bool, keep_going: bool, png: bool, overwrite: bool = False, stata: bool = False) -> None:
    with output_policy(overwrite=overwrite):  # the report's atomic_dir refuses a non-empty folder unless --overwrite
        _run_inner(study, outdir, quiet=quiet, keep_going=keep_going, png=png, stata=stata)


def _run_inner(study, outdir: Path, *, quiet: bool, keep_going: bool, png: bool, stata: bool = False) -> None:
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from ..report.build import SECTION_ORDER, LogLines, assemble, write_outputs
    from ..report.figures import FigureRenderer

    from .._files import declare_inputs
    from ..report.study_schema import study_input_paths

    declare_inputs([p for p in (study.path,) if p is not None] + study_input_paths(study.sections))  # outputs never touch them
    check_output_dir(outdir)
    lines = LogLines()
    import time

    t0 = time.perf_counter()
    # figures are rendered in a helper process while the sections are computed
    with FigureRenderer(png=png) as renderer:
        def submit(sec) -> None:
            renderer.submit(sec.figures)

        if quiet:
            doc = assemble(study, keep_going=keep_going, log_lines=lines, on_section=submit)
            files = write_outputs(doc, outdir, study_text=study.text, log_lines=lines, png=png, stata=stata, renderer=renderer)
        else:
            with Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                          TimeElapsedColumn(), console=err_console.real(), transient=False) as prog:
                task = prog.add_task("sections", total=len(SECTION_ORDER))
                first = [True]

                def step(name: str) -> None:
                    if first[0]:
                        first[0] = False
                    else:
                        prog.advance(task)
                    prog.update(task, description=f"section: {name}")

                doc = assemble(study, keep_going=keep_going, log_lines=lines, progress=step, on_section=submit)
                prog.update(task, completed=len(SECTION_ORDER), description="sections done")
                n_out = len(doc.figures) + 3
                task2 = prog.add_task("writing", total=n_out)

                def wstep(name: str) -> None:
                    prog.update(task2, advance=1, description=f"writing: {name}")

                files = write_outputs(doc, outdir, study_text=study.text, log_lines=lines, png=png, progress=wstep, stata=stata,
                                      renderer=renderer)
                prog.update(task2, completed=n_out, description="files written")
    failed = [s.title for s in doc.sections if s.status == "failed"]
    if quiet:
        if failed:
            raise typer.Exit(1)
        return
    from rich.table import Table

    tab = Table(title=f"{doc.title}", show_header=True, header_style="bold")
    tab.add_column("section")
    tab.add_column("status")
    tab.add_column("tables", justify="right")
    tab.add_column("figures", justify="right")
    colour = {"ok": "green", "skipped": "dim", "unavailable": "yellow", "failed": "red"}
    for s in doc.sections:
        tab.add_row(s.title, f"[{colour[s.status]}]{s.status}[/]", str(len(s.tables)), str(len(s.figures)))
    console.print(tab)
    for f in doc.flags:
        console.print(f"[yellow]caveat:[/] {f}")
    n_csv = sum(1 for f in files if f.suffix == ".csv")
    n_svg = sum(1 for f in files if f.suffix == ".svg")
    n_png = sum(1 for f in files if f.suffix == ".png")
    console.print(f"wrote {len(files)} files to [bold]{outdir}[/] in {time.perf_counter() - t0:.1f} s: "
                  f"index.html, tables.xlsx ({len(doc.tables)} sheets), {n_csv} CSV in data/, "
                  f"{n_svg} SVG + {n_png} PNG in figures/, run.log")
    console.print(f"open {outdir / 'index.html'}")
    if failed:  # the report is written, but incomplete: exit code 1
        err_console.print(f"[red]warning:[/] {len(failed)} section(s) failed (see run.log): {', '.join(failed)}")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``report`` and ``demo`` commands to ``app``."""

    @app.command("report")
    @handle_errors
    def report_cmd(
        study: Path = typer.Argument(..., help="Study file (TOML) naming the inputs; see docs/report.md."),
        out: Path = output_option("Output folder (index.html, tables.xlsx, figures/, data/, run.log)."),
        overwrite: bool = overwrite_option(),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars and no summary."),
        keep_going: bool = typer.Option(False, "--keep-going", help="Write the report even when a section fails (marked failed on the page; exit code 1)."),
        png: bool = typer.Option(True, "--png/--no-png", help="Also write PNG copies of the figures."),
        stata: bool = typer.Option(False, "--stata", help="Also write each table as a labelled Stata file data/<table>.dta."),
    ) -> None:
        """Write the diagnostic report of STUDY (HTML page, Excel workbook, figures, CSVs, log)."""
        from ..report.study import load_study

        check_output_dir(out, overwrite=overwrite)  # before the study is read and computed
        _run(load_study(study), out, quiet=quiet, keep_going=keep_going, png=png, overwrite=overwrite, stata=stata)

    @app.command("demo")
    @handle_errors
    def demo_cmd(
        out: Path = output_option("Output folder.", default=Path("demo-out")),
        overwrite: bool = overwrite_option(),
        example: str = typer.Option("auto", "--example", help="auto (Kazakhstan when the real data folder is present), kazakhstan or example."),
        quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bars and no summary."),
        keep_going: bool = typer.Option(False, "--keep-going", help="Write the report even when a section fails (exit code 1)."),
        png: bool = typer.Option(True, "--png/--no-png", help="Also write PNG copies of the figures."),
        stata: bool = typer.Option(False, "--stata", help="Also write each table as a labelled Stata file data/<table>.dta."),
    ) -> None:
        """Write the report of the built-in example study (needs nothing else)."""
        from ..report.demo import demo_study

        check_output_dir(out, overwrite=overwrite)
        study = demo_study(example)
        if not quiet:
            kind = "Kazakhstan study (real data folder found)" if "kazakhstan" in str(study.path) else "built-in example (small data shipped in the package)"
            console.print(f"demo: {kind}; study file {study.path}")
        _run(study, out, quiet=quiet, keep_going=keep_going, png=png, overwrite=overwrite, stata=stata)
