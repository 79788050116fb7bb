"""Build the diagnostic report of a study: HTML page, Excel workbook, figures, CSVs, log.

:func:`build_report` reads the study's inputs with the families' readers, calls their
methods (``valuechain.leontief``, ``regional``, ``clusters``, ``trade``, ``gvc``), and
lays the results out in the sections of :data:`SECTIONS`, which mirror the two seed
studies. It computes no economics itself. A section whose study section is absent is
skipped with a note. A section that fails is a failure: by default the build stops with
the error; ``keep_going=True`` writes the report with the section marked as failed (and
:attr:`ReportResult.ok` is False, so the CLI exits non-zero). Bad input raises
:class:`ValidationError` before any file is written (the output folder is written atomically).
"""

from __future__ import annotations

import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .._files import atomic_dir, write_csv, write_text
from ..errors import SyntheticDataWarning, ValidationError
from ._context import LogLines, Prefetch, make_logger
from ._model import Record, ReportDoc, ReportSection
from .claims import ClaimBook
from .excel import write_workbook
from .figures import FigureRenderer, render_figures
from .html import render_html
from .inputs import Inputs
from .sections import SECTIONS, Page, Section
from .study import Study, load_study
from .summary import summary_findings

__all__ = ["build_report", "ReportResult", "SECTIONS", "SECTION_ORDER", "assemble", "write_outputs"]

#: (key, title, study section) of :data:`SECTIONS` (kept for callers of earlier versions).
SECTION_ORDER = tuple((s.key, s.title, s.needs) for s in SECTIONS)


@dataclass
class ReportResult:
    """What :func:`build_report` wrote.

    Parameters
    ----------
    outdir : Path
        The report folder.
    files : list of Path
        Every file written (figures, CSV tables, ``tables.xlsx``, ``index.html``,
        ``study.toml``, ``run.log``).
    sections : list of (key, title, status)
        One entry per registered section in page order; status ``"ok"``, ``"skipped"``
        (the study has no input for it) or ``"failed"`` (``keep_going=True`` only).
    doc : ReportDoc, optional
        The assembled document (tables, figures, claims), for callers that lay it out
        again.
    seconds : float
        Wall time of the build.

    Attributes
    ----------
    ok : bool
        No section failed.

    Examples
    --------
    >>> r = ReportResult(outdir=Path("out"), files=[Path("out/index.html")],
    ...                  sections=[("national", "National input-output structure", "ok"),
    ...                            ("trade", "Trade outcomes", "skipped")], seconds=1.25)
    >>> r.ok
    True
    >>> print(r.summary())
    report written to out in 1.2 s
      ok           National input-output structure
      skipped      Trade outcomes
    """

    outdir: Path
    files: list[Path]
    sections: list[tuple[str, str, str]]  # (key, title, status)
    doc: ReportDoc = field(repr=False, default=None)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(s != "failed" for _, _, s in self.sections)

    def __repr__(self) -> str:
        """A short summary: the folder, the number of files and of sections by status."""
        from collections import Counter

        by = Counter(s for _, _, s in self.sections)
        status = ", ".join(f"{n} {k}" for k, n in sorted(by.items()))
        return f"ReportResult({str(self.outdir)!r}, {len(self.files)} files, sections: {status or 'none'})"

    def summary(self) -> str:
        lines = [f"report written to {self.outdir} in {self.seconds:.1f} s"]
        for key, title, status in self.sections:
            lines.append(f"  {status:<12} {title}")
        return "\n".join(lines)


# ---------------------------------------------------------------------- building
def _run_section(spec: Section, study: Study, data: Inputs, book: ClaimBook, record: Record, log, keep_going: bool,
                 **extra) -> ReportSection:
    sec = ReportSection(key=spec.key, title=spec.title)
    if not study.has(spec.needs):
        sec.status = "skipped"
        sec.notes.append(spec.skip_note or f"Skipped: the study file has no [{spec.needs}] section.")
        log.info(f"section {spec.key}: skipped (no [{spec.needs}] in the study)")
        return sec
    t = time.perf_counter()
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            x = spec.load(study, data, **extra)
            spec.build(x, Page(sec=sec, claims=book, record=record))
        _note_warnings(log, sec, caught)
        log.info(f"section {spec.key}: done in {time.perf_counter() - t:.2f} s "
                 f"({len(sec.tables)} tables, {len(sec.figures)} figures)")
    except ValidationError:
        raise
    except Exception as exc:
        if not keep_going:
            raise
        book.drop_section(spec.key)
        sec.status = "failed"
        sec.notes.append(f"This section failed: {type(exc).__name__}: {exc}. See run.log.")
        log.error(f"section {spec.key}: failed\n{traceback.format_exc()}")
    return sec


def _note_warnings(log, sec: ReportSection, caught) -> None:
    """Warnings of the families go to run.log and (except synthetic-data ones, flagged anyway) to the page."""
    seen = set()
    for w in caught or ():
        msg = " ".join(str(w.message).split())
        if issubclass(w.category, (DeprecationWarning, FutureWarning, PendingDeprecationWarning)) or msg in seen:
            continue
        seen.add(msg)
        log.warning(f"section {sec.key}: {w.category.__name__}: {msg}")
        if not issubclass(w.category, SyntheticDataWarning):
            sec.notes.append(f"Warning: {msg}.")


def assemble(study: Study, *, keep_going: bool = False, strict: bool | None = None, log_lines: list[str] | None = None,
             progress: Callable[[str], None] | None = None,
             on_section: Callable[[ReportSection], None] | None = None) -> ReportDoc:
    r"""Compute every section of ``study`` into a :class:`ReportDoc` (nothing written).

    Each registered section loads what it needs from one :class:`~valuechain.report.inputs.Inputs`
    and builds its part of the page, registering its numbers as claims; the seed comparison is
    built last from the ids on the page. The claims are then checked
    (:meth:`~valuechain.report.claims.ClaimBook.verify`): a report that states one indicator twice
    differently, says 'not computed' of something it shows, or cites a table that is not on the
    page raises :class:`~valuechain.report.claims.ClaimConflict`.

    ``keep_going=False`` (default) re-raises the first error inside a section;
    ``keep_going=True`` marks that section failed and goes on. ``strict`` is the old name
    of ``not keep_going``.

    Parameters
    ----------
    study : Study
        The validated study; sections it does not configure are marked skipped.
    keep_going : bool, default False
        Go on after an error inside a section, marking it failed.
    strict : bool, optional
        The old name of ``not keep_going`` (overrides it when given).
    log_lines : list of str, optional
        Where the run log is collected (a fresh list by default).
    progress : callable, optional
        Called with each section's title as it starts.
    on_section : callable, optional
        Called with each section as soon as it is built (:func:`build_report` sends its
        figures to a :class:`~valuechain.report.figures.FigureRenderer`).

    Returns
    -------
    ReportDoc
        The page: sections with their tables, figures and paragraphs, the ranked findings,
        the inputs and data status, and the build's :class:`~valuechain.report.claims.ClaimBook`.

    Raises
    ------
    ClaimConflict
        The report contradicts itself (see above).
    ValidationError
        An input of the study cannot be read or is invalid (with ``keep_going=False``).

    Examples
    --------
    >>> from valuechain.report import parse_study
    >>> doc = assemble(parse_study('[io]\ntable = "builtin:germany-1995"\n'))
    >>> [s.key for s in doc.sections if s.status == "ok"]
    ['national', 'seeds']
    >>> doc.title, doc.claims.problems() == []
    ('Diagnostic report', True)
    """
    from .. import __version__

    if strict is not None:
        keep_going = not strict
    lines = log_lines if log_lines is not None else LogLines()
    log = make_logger(lines)
    log.info(f"valuechain {__version__}: report of {study.file_label!r}")
    record = Record(flags=list(study.get("study").get("flags", [])))
    data = Inputs(study, record, log)
    book = ClaimBook()
    built: dict[str, ReportSection] = {}
    for spec in SECTIONS:
        if spec.after_page:
            continue
        if progress:
            progress(spec.title)
        built[spec.key] = _run_section(spec, study, data, book, record, log, keep_going)
        if on_section:
            on_section(built[spec.key])
    ok = {k for k, s in built.items() if s.status == "ok"}
    rendered = {b.key: list(b.flags) for s in built.values() for b in (*s.tables, *s.figures)}
    for spec in SECTIONS:
        if spec.after_page:
            if progress:
                progress(spec.title)
            built[spec.key] = _run_section(spec, study, data, book, record, log, keep_going, rendered=rendered, ok_sections=ok)
            if on_section:
                on_section(built[spec.key])
    sections = [built[s.key] for s in SECTIONS]
    book.verify({b.key for s in sections for b in (*s.tables, *s.figures)})
    st = study.get("study")
    sub = " · ".join(x for x in (st.get("country_name") or st.get("country"), st.get("region")) if x)
    return ReportDoc(title=study.title, subtitle=sub, summary=st.get("summary", ""), author=st.get("author", ""),
                     flags=list(record.flags), inputs=[("study file", study.file_label), *record.inputs],
                     highlights=summary_findings(book, sections_ok=ok), sections=sections, version=__version__,
                     data_status=list(record.data_status), claims=book)


def write_outputs(doc: ReportDoc, outdir: Path, *, study_text: str = "", log_lines: list[str],
                  png: bool = True, progress: Callable[[str], None] | None = None, stata: bool = False,
                  renderer: FigureRenderer | None = None) -> list[Path]:
    """Render figures and write every output file into ``outdir`` (atomically); with
    ``stata``, a Stata file ``data/<key>.dta`` beside each table's CSV.

    Parameters
    ----------
    doc : ReportDoc
        The page (from :func:`assemble`).
    outdir : Path
        The report folder: ``index.html``, ``tables.xlsx``, ``figures/``, ``data/``,
        ``run.log`` and ``study.toml`` are written there as one atomic step (other files in
        it are left alone; a failure leaves it as it was).
    study_text : str, default ""
        The study's TOML text, copied as ``study.toml`` (nothing written when empty).
    log_lines : list of str
        The run log, written as ``run.log`` (the write itself is logged into it).
    png : bool, default True
        Also write a PNG of each figure.
    progress : callable, optional
        Called with ``figures``, ``workbook`` and ``page`` as each step starts.
    stata : bool, default False
        Also write ``data/<key>.dta`` (Stata, variable labels with units) beside each CSV.
    renderer : FigureRenderer, optional
        The renderer that got the figures while the report was computed (default: render
        them here, in one batch). The tables and the workbook are written first, while the
        last figures are still being rendered.

    Returns
    -------
    list of Path
        The files written, under ``outdir``.

    Examples
    --------
    >>> import tempfile
    >>> import pandas as pd
    >>> from valuechain.report._model import ReportTable
    >>> t = ReportTable("exports", "Exports", pd.DataFrame({"sector": ["Oil"], "value": [52.04]}), source="BACI")
    >>> doc = ReportDoc(title="Kazakhstan", sections=[ReportSection("trade", "Trade", blocks=[t])])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     files = write_outputs(doc, Path(d), log_lines=[], png=False)
    ...     names = sorted(str(f.relative_to(d)) for f in files)
    >>> names
    ['data/exports.csv', 'index.html', 'run.log', 'tables.xlsx']
    """
    log = make_logger(log_lines)
    written: list[str] = []
    with atomic_dir(outdir) as tmp:
        # the workbook is written by a child process while this one writes the CSVs and collects the figures
        # (Prefetch: Linux; elsewhere it is written first, in turn)
        book = Prefetch(write_workbook, doc, tmp / "tables.xlsx")
        try:
            _write_tables(doc, tmp, written, stata)
            if progress:
                progress("workbook")
            written.append("tables.xlsx")
            if progress:
                progress("figures")
            render_figures(doc.figures, png=png, renderer=renderer)
            for fig in doc.figures:
                write_text(fig.svg, tmp / "figures" / f"{fig.key}.svg")
                written.append(f"figures/{fig.key}.svg")
                if png:
                    (tmp / "figures" / f"{fig.key}.png").write_bytes(fig.png)
                    written.append(f"figures/{fig.key}.png")
        finally:
            done, names = book.result()
        if not done:  # the child failed: written here, so that its error is raised here
            names = write_workbook(doc, tmp / "tables.xlsx")
        if progress:
            progress("page")
        write_text(render_html(doc, sheet_names=names), tmp / "index.html")
        written.append("index.html")
        if study_text:
            write_text(study_text, tmp / "study.toml")
            written.append("study.toml")
        log.info(f"wrote {len(written) + 1} files: {len(doc.figures)} figures, {len(doc.tables)} tables")
        write_text("\n".join(log_lines) + "\n", tmp / "run.log")
        written.append("run.log")
    return [outdir / w for w in written]


def _write_tables(doc: ReportDoc, tmp: Path, written: list[str], stata: bool) -> None:
    """data/<key>.csv (and with ``stata`` data/<key>.dta) of every table."""
    for t in doc.tables:
        write_csv(t.df, tmp / "data" / f"{t.key}.csv", float_format="%.12g", excel_safe=True)
        written.append(f"data/{t.key}.csv")
        if stata:  # issue 21: the same table for Stata, labelled (title, source, units)
            from .._tablefiles import write_frame

            labels = {c: f"{c} ({t.units.get(c) or t.unit})" for c in t.df.columns
                      if (t.units.get(c) or (t.unit and t.df[c].dtype.kind in "fiu"))}
            write_frame(t.df, tmp / "data" / f"{t.key}.dta", labels=labels, metadata={"title": t.title, "source": t.source})
            written.append(f"data/{t.key}.dta")


def build_report(study: Study | str | Path, outdir: str | Path, *, keep_going: bool = False, strict: bool | None = None, png: bool = True,
                 progress: Callable[[str], None] | None = None, stata: bool = False) -> ReportResult:
    """Build the report of ``study`` (a :class:`Study` or the path of a TOML file) into ``outdir``.

    Parameters
    ----------
    study : Study or path
        The study (validated by :func:`valuechain.report.study.load_study`).
    outdir : path
        Output folder; ``index.html``, ``tables.xlsx``, ``figures/``, ``data/`` and
        ``run.log`` are written there (other files in it are left alone).
    keep_going : bool
        Go on after an error inside a section, marking it failed on the page (default
        False: the error is raised and nothing is written).
    strict : bool, optional
        The old name of ``not keep_going``.
    png : bool
        Also write PNG copies of the figures (default True).
    progress : callable, optional
        Called with the name of each step (the CLI drives a Rich progress bar with it).
    stata : bool
        Also write each table as a labelled Stata file ``data/<key>.dta`` (default False).

    Returns
    -------
    ReportResult
        The folder, the files written and the status of every section.

    Raises
    ------
    ValidationError
        If the study file is missing or invalid (one line naming the key and the fix), an
        input named by the study cannot be read or fails its checks, or ``outdir`` is a
        file. Raised also with ``keep_going=True``.
    ClaimConflict
        If two sections state contradicting claims on the page
        (:class:`~valuechain.report.claims.ClaimConflict`).
    Exception
        With ``keep_going=False`` (default), the first error inside a section, as raised
        by the family; nothing is written then.

    Examples
    --------
    A study with a national table only (the other sections are skipped). The build
    writes ``index.html``, ``tables.xlsx``, figures and CSVs; it takes a few seconds, so
    it is not run with the doctests:

    >>> import tempfile
    >>> from valuechain.report.study import parse_study
    >>> study = parse_study('[study]\\ntitle = "German table"\\n[io]\\ntable = "builtin:germany-1995"\\n')
    >>> with tempfile.TemporaryDirectory() as out:                  # doctest: +SKIP
    ...     r = build_report(study, out, png=False)
    ...     print(r.ok, [key for key, _, status in r.sections if status == "ok"])
    True ['national', 'seeds']

    A study file that is not there is one error line:

    >>> build_report("no_such_study.toml", "out")
    Traceback (most recent call last):
    ...
    valuechain.errors.ValidationError: study file not found: no_such_study.toml; give the path of a .toml study file
    """
    t0 = time.perf_counter()
    if not isinstance(study, Study):
        study = load_study(study)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ValidationError(f"-o {outdir} is a file; give a folder for the report")
    lines = LogLines()
    # the figures are rendered in a helper process while the next sections are computed
    with FigureRenderer(png=png) as renderer:
        doc = assemble(study, keep_going=keep_going, strict=strict, log_lines=lines, progress=progress,
                       on_section=lambda sec: renderer.submit(sec.figures))
        files = write_outputs(doc, outdir, study_text=study.text, log_lines=lines, png=png, progress=progress, stata=stata,
                              renderer=renderer)
    return ReportResult(outdir=outdir, files=files, sections=[(s.key, s.title, s.status) for s in doc.sections],
                        doc=doc, seconds=time.perf_counter() - t0)
