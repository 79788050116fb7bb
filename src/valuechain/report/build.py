"""Build the diagnostic report of a study: HTML page, Excel workbook, figures, CSVs, log.

:func:`build_report` reads the study's inputs with the families' readers, calls their
methods (``valuechain.leontief``, ``regional``, ``clusters``, ``trade``, ``gvc``), and
lays the results out in sections that mirror the two seed studies. It computes no
economics itself. A section whose study section is absent is skipped with a note; a
section that needs a family function this version lacks says so ("not available in
this version") instead of failing. Bad input raises :class:`ValidationError` before any
file is written (the output folder is written atomically).
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .._files import atomic_dir, write_csv, write_text
from ..errors import ValidationError
from ._model import ReportDoc, ReportFigure, ReportSection, ReportTable
from .study import Study, load_study

__all__ = ["build_report", "ReportResult", "Unavailable", "SECTION_ORDER"]

#: (key, title, study section needed)
SECTION_ORDER = (
    ("national", "National input-output structure and key sectors", "io"),
    ("regional", "Regional structure", "regional"),
    ("regional_keysectors", "Key sectors of the region", "regional"),
    ("clusters", "Industrial clusters (factor analysis)", "clusters"),
    ("trade", "Trade outcomes", "trade"),
    ("survival", "Export survival", "survival"),
    ("gvc", "Participation in global value chains", "gvc"),
)


class Unavailable(Exception):
    """A family function the report needs is not in this version of valuechain."""


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


def need(family: str, name: str) -> Callable:
    """Return ``valuechain.<family>.<name>`` or raise :class:`Unavailable`."""
    import importlib

    try:
        mod = importlib.import_module(f"valuechain.{family}")
    except ImportError as exc:  # pragma: no cover - a broken family
        raise Unavailable(f"valuechain.{family} could not be imported ({exc})") from None
    fn = getattr(mod, name, None)
    if fn is None:
        raise Unavailable(f"valuechain.{family}.{name}")
    return fn


def has(family: str, name: str) -> bool:
    try:
        need(family, name)
        return True
    except Unavailable:
        return False


class BuildContext:
    """Inputs loaded once and shared by the sections, plus the run log."""

    def __init__(self, study: Study, *, log: logging.Logger, strict: bool = False):
        self.study = study
        self.log = log
        self.strict = strict
        self.cache: dict[str, Any] = {}
        self.inputs: list[tuple[str, str]] = []
        self.flags: list[str] = list(study.get("study").get("flags", []))
        self.highlights: list[tuple[str, str]] = []

    def highlight(self, section: str, text: str) -> None:
        """A sentence for the 'at a glance' box, read off a family's result (no computation)."""
        self.highlights.append((section, text))

    def once(self, key: str, fn: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = fn()
        return self.cache[key]

    def add_input(self, what: str, where: Any) -> None:
        item = (what, str(where))
        if item not in self.inputs:
            self.inputs.append(item)

    def add_flag(self, flag: str) -> None:
        if flag and flag not in self.flags:
            self.flags.append(flag)


def tidy(obj: Any, index_name: str | None = None) -> pd.DataFrame:
    """A family result as a tidy DataFrame (``.table`` of a Result, or a labelled frame)."""
    if hasattr(obj, "table") and isinstance(getattr(obj, "table"), pd.DataFrame):
        obj = obj.table
    if isinstance(obj, pd.Series):
        obj = obj.to_frame()
    if not isinstance(obj, pd.DataFrame):
        raise TypeError(f"expected a DataFrame-like result, got {type(obj).__name__}")
    df = obj.copy()
    if not isinstance(df.index, pd.RangeIndex) or df.index.name is not None:
        df = df.reset_index().rename(columns={"index": index_name or "label"})
    df.columns = [str(c) for c in df.columns]
    return df


# ----------------------------------------------------------------------- logging
class LogLines(list):
    """The lines of run.log, with the time the run started."""

    def __init__(self, *a):
        super().__init__(*a)
        self.t0 = time.perf_counter()


def _make_logger(lines: list[str]) -> logging.Logger:
    log = logging.getLogger(f"valuechain.report.run{id(lines)}")
    log.handlers.clear()
    log.propagate = False
    log.setLevel(logging.INFO)
    t0 = getattr(lines, "t0", time.perf_counter())

    class _H(logging.Handler):
        def emit(self, record):
            lines.append(f"[{time.perf_counter() - t0:7.2f}s] {record.levelname:<7} {record.getMessage()}")

    log.addHandler(_H())
    return log


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
    except Unavailable as exc:
        _note_warnings(ctx, sec, caught)
        sec.status = "unavailable"
        sec.notes.append(f"Not available in this version of valuechain (needs {exc}).")
        ctx.log.warning(f"section {key}: not available in this version (needs {exc})")
    except ValidationError:
        raise
    except Exception as exc:  # a bug in a family must not lose the whole report
        if ctx.strict:
            raise
        sec.status = "failed"
        sec.notes.append(f"This section failed: {type(exc).__name__}: {exc}. See run.log.")
        ctx.log.error(f"section {key}: failed\n{traceback.format_exc()}")
    return sec


def _note_warnings(ctx: BuildContext, sec: ReportSection, caught) -> None:
    """Warnings of the families go to run.log and (except synthetic-data ones, flagged anyway) to the page."""
    from ..errors import SyntheticDataWarning

    seen = set()
    for w in caught or ():
        msg = " ".join(str(w.message).split())
        if issubclass(w.category, (DeprecationWarning, FutureWarning, PendingDeprecationWarning)) or msg in seen:
            continue
        seen.add(msg)
        ctx.log.warning(f"section {sec.key}: {w.category.__name__}: {msg}")
        if not issubclass(w.category, SyntheticDataWarning):
            sec.notes.append(f"Warning: {msg}.")


def _section_fns() -> dict[str, Callable]:
    from . import _sections_io as sio
    from . import _sections_trade as strd

    return {
        "national": sio.national,
        "regional": sio.regional,
        "regional_keysectors": sio.regional_keysectors,
        "clusters": sio.clusters,
        "trade": strd.trade,
        "survival": strd.survival,
        "gvc": strd.gvc,
    }


def assemble(study: Study, *, strict: bool = False, log_lines: list[str] | None = None,
             progress: Callable[[str], None] | None = None) -> ReportDoc:
    """Compute every section of ``study`` into a :class:`ReportDoc` (nothing written)."""
    from .. import __version__

    lines = log_lines if log_lines is not None else LogLines()
    log = _make_logger(lines)
    log.info(f"valuechain {__version__}: report of {study.file_label!r}")
    ctx = BuildContext(study, log=log, strict=strict)
    fns = _section_fns()
    sections = []
    for key, title, needs in SECTION_ORDER:
        if progress:
            progress(title)
        sections.append(_run_section(ctx, key, title, needs, fns[key]))
    st = study.get("study")
    sub = " · ".join(x for x in (st.get("country"), st.get("region")) if x)
    doc = ReportDoc(title=study.title, subtitle=sub, summary=st.get("summary", ""), author=st.get("author", ""),
                    flags=ctx.flags, inputs=[("study file", study.file_label), *ctx.inputs],
                    highlights=[h for h in ctx.highlights if any(s.key == h[0] and s.status == "ok" for s in sections)],
                    sections=sections, version=__version__)
    return doc


def write_outputs(doc: ReportDoc, outdir: Path, *, study_text: str = "", log_lines: list[str],
                  png: bool = True, progress: Callable[[str], None] | None = None) -> list[Path]:
    """Render figures and write every output file into ``outdir`` (atomically)."""
    from .excel import write_workbook
    from .figures import render_figure
    from .html import render_html

    log = _make_logger(log_lines)
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


def build_report(study: Study | str | Path, outdir: str | Path, *, strict: bool = False, png: bool = True,
                 progress: Callable[[str], None] | None = None) -> ReportResult:
    """Build the report of ``study`` (a :class:`Study` or the path of a TOML file) into ``outdir``.

    Parameters
    ----------
    study : Study or path
        The study (validated by :func:`valuechain.report.study.load_study`).
    outdir : path
        Output folder; ``index.html``, ``tables.xlsx``, ``figures/``, ``data/`` and
        ``run.log`` are written there (other files in it are left alone).
    strict : bool
        Re-raise unexpected errors inside a section instead of noting them on the page.
    png : bool
        Also write PNG copies of the figures (default True).
    progress : callable, optional
        Called with the name of each step (the CLI drives a Rich progress bar with it).
    """
    t0 = time.perf_counter()
    if not isinstance(study, Study):
        study = load_study(study)
    outdir = Path(outdir)
    if outdir.exists() and not outdir.is_dir():
        raise ValidationError(f"-o {outdir} is a file; give a folder for the report")
    lines = LogLines()
    doc = assemble(study, strict=strict, log_lines=lines, progress=progress)
    files = write_outputs(doc, outdir, study_text=study.text, log_lines=lines, png=png, progress=progress)
    return ReportResult(outdir=outdir, files=files, sections=[(s.key, s.title, s.status) for s in doc.sections],
                        doc=doc, seconds=time.perf_counter() - t0)
