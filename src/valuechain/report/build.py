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
from . import _sections_extra as sx
from . import _sections_io as sio
from . import _sections_peers as speers
from . import _sections_sourcing as ssrc
from . import _sections_trade as strd
from . import narrative
from ._context import BuildContext, LogLines, make_logger
from ._model import ReportDoc, ReportSection
from .excel import write_workbook
from .figures import render_figure
from .html import render_html
from .study import Study, load_study

__all__ = ["build_report", "ReportResult", "SECTIONS", "SECTION_ORDER", "assemble", "write_outputs"]

#: The public registry of sections: (key, title, study section needed, builder). A builder
#: is ``fn(ctx: BuildContext, sec: ReportSection) -> None`` that fills ``sec``. Adding a
#: section is one line here.
SECTIONS: tuple[tuple[str, str, str, Callable[[BuildContext, ReportSection], None]], ...] = (
    ("national", "National input-output structure and key sectors", "io", sio.national),
    ("regional", "Regional structure", "regional", sio.regional),
    ("regional_keysectors", "Key sectors of the region", "regional", sio.regional_keysectors),
    ("clusters", "Industrial clusters (factor analysis)", "clusters", sio.clusters),
    ("impact", "Impact of a spending shock", "impact", sx.impact),
    ("trade", "Trade outcomes", "trade", strd.trade),
    ("peers", "Comparison with peer countries", "peers", speers.peers),
    ("opportunities", "Where to diversify next: product space and opportunities", "opportunities", sx.opportunities),
    ("survival", "Export survival", "survival", strd.survival),
    ("gvc", "Participation and position in global value chains", "gvc", sx.gvc),
    ("sourcing", "Intermediate inputs from abroad", "sourcing", ssrc.sourcing),
    ("seeds", "Comparison with the seed studies", "study", narrative.seed_comparison),
)

#: (key, title, study section) of :data:`SECTIONS` (kept for callers of earlier versions).
SECTION_ORDER = tuple((k, t, n) for k, t, n, _ in SECTIONS)


@dataclass
class ReportResult:
    """What :func:`build_report` wrote."""

    outdir: Path
    files: list[Path]
    sections: list[tuple[str, str, str]]  # (key, title, status)
    doc: ReportDoc = field(repr=False, default=None)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return all(s != "failed" for _, _, s in self.sections)

    def summary(self) -> str:
        lines = [f"report written to {self.outdir} in {self.seconds:.1f} s"]
        for key, title, status in self.sections:
            lines.append(f"  {status:<12} {title}")
        return "\n".join(lines)


# ---------------------------------------------------------------------- building
def _run_section(ctx: BuildContext, key: str, title: str, needs: str, fn: Callable) -> ReportSection:
    sec = ReportSection(key=key, title=title)
    if not ctx.study.has(needs):
        sec.status = "skipped"
        sec.notes.append(f"Skipped: the study file has no [{needs}] section.")
        ctx.log.info(f"section {key}: skipped (no [{needs}] in the study)")
        return sec
    t = time.perf_counter()
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fn(ctx, sec)
        _note_warnings(ctx, sec, caught)
        ctx.log.info(f"section {key}: done in {time.perf_counter() - t:.2f} s "
                     f"({len(sec.tables)} tables, {len(sec.figures)} figures)")
    except ValidationError:
        raise
    except Exception as exc:
        if not ctx.keep_going:
            raise
        sec.status = "failed"
        sec.notes.append(f"This section failed: {type(exc).__name__}: {exc}. See run.log.")
        ctx.log.error(f"section {key}: failed\n{traceback.format_exc()}")
    return sec


def _note_warnings(ctx: BuildContext, sec: ReportSection, caught) -> None:
    """Warnings of the families go to run.log and (except synthetic-data ones, flagged anyway) to the page."""
    seen = set()
    for w in caught or ():
        msg = " ".join(str(w.message).split())
        if issubclass(w.category, (DeprecationWarning, FutureWarning, PendingDeprecationWarning)) or msg in seen:
            continue
        seen.add(msg)
        ctx.log.warning(f"section {sec.key}: {w.category.__name__}: {msg}")
        if not issubclass(w.category, SyntheticDataWarning):
            sec.notes.append(f"Warning: {msg}.")


def assemble(study: Study, *, keep_going: bool = False, strict: bool | None = None, log_lines: list[str] | None = None,
             progress: Callable[[str], None] | None = None) -> ReportDoc:
    """Compute every section of ``study`` into a :class:`ReportDoc` (nothing written).

    ``keep_going=False`` (default) re-raises the first error inside a section;
    ``keep_going=True`` marks that section failed and goes on. ``strict`` is the old name
    of ``not keep_going``.
    """
    from .. import __version__

    if strict is not None:
        keep_going = not strict
    lines = log_lines if log_lines is not None else LogLines()
    log = make_logger(lines)
    log.info(f"valuechain {__version__}: report of {study.file_label!r}")
    ctx = BuildContext(study, log=log, keep_going=keep_going)
    sections: list[ReportSection] = []
    ctx.sections = sections  # the seed-comparison section reads what the others produced
    for key, title, needs, fn in SECTIONS:
        if progress:
            progress(title)
        sections.append(_run_section(ctx, key, title, needs, fn))
    st = study.get("study")
    sub = " · ".join(x for x in (st.get("country_name") or st.get("country"), st.get("region")) if x)
    doc = ReportDoc(title=study.title, subtitle=sub, summary=st.get("summary", ""), author=st.get("author", ""),
                    flags=list(st.get("flags", [])), inputs=[("study file", study.file_label), *ctx.inputs],
                    highlights=[h for h in ctx.highlights if any(s.key == h[0] and s.status == "ok" for s in sections)],
                    sections=sections, version=__version__, data_status=list(ctx.data_status))
    return doc


def write_outputs(doc: ReportDoc, outdir: Path, *, study_text: str = "", log_lines: list[str],
                  png: bool = True, progress: Callable[[str], None] | None = None, stata: bool = False) -> list[Path]:
    """Render figures and write every output file into ``outdir`` (atomically); with
    ``stata``, a Stata file ``data/<key>.dta`` beside each table's CSV."""
    log = make_logger(log_lines)
    written: list[str] = []
    with atomic_dir(outdir) as tmp:
        for i, fig in enumerate(doc.figures, 1):
            if progress:
                progress(f"figure {fig.key}")
            render_figure(fig, index=i, png=png)
            write_text(fig.svg, tmp / "figures" / f"{fig.key}.svg")
            written.append(f"figures/{fig.key}.svg")
            if png:
                (tmp / "figures" / f"{fig.key}.png").write_bytes(fig.png)
                written.append(f"figures/{fig.key}.png")
        for t in doc.tables:
            write_csv(t.df, tmp / "data" / f"{t.key}.csv", float_format="%.12g")
            written.append(f"data/{t.key}.csv")
            if stata:  # issue 21: the same table for Stata, labelled (title, source, units)
                from .._tablefiles import write_frame

                labels = {c: f"{c} ({t.units.get(c) or t.unit})" for c in t.df.columns
                          if (t.units.get(c) or (t.unit and t.df[c].dtype.kind in "fiu"))}
                write_frame(t.df, tmp / "data" / f"{t.key}.dta", labels=labels, metadata={"title": t.title, "source": t.source})
                written.append(f"data/{t.key}.dta")
        if progress:
            progress("workbook")
        names = write_workbook(doc, tmp / "tables.xlsx")
        written.append("tables.xlsx")
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
    """
    t0 = time.perf_counter()
    if not isinstance(study, Study):
        study = load_study(study)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ValidationError(f"-o {outdir} is a file; give a folder for the report")
    lines = LogLines()
    doc = assemble(study, keep_going=keep_going, strict=strict, log_lines=lines, progress=progress)
    files = write_outputs(doc, outdir, study_text=study.text, log_lines=lines, png=png, progress=progress, stata=stata)
    return ReportResult(outdir=outdir, files=files, sections=[(s.key, s.title, s.status) for s in doc.sections],
                        doc=doc, seconds=time.perf_counter() - t0)
