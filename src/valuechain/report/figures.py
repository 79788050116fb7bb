"""Figures of the report: render Altair charts to self-contained SVG and PNG.

The method families draw their own charts (``leontief.plots.quadrant_chart``,
``clusters.plots``, ``trade.plots``, ...). This module only titles them with their data
source, renders them offline with vl-convert, and makes the SVG safe to inline in a
page that holds many of them (element ids are prefixed per figure so clip paths do not
collide; scripts and event attributes are removed). It also has a few generic charts
(bars, lines, stacked shares) for the tidy tables that a family returns without a plot.
"""

from __future__ import annotations

import re
import threading

import altair as alt
import pandas as pd

from .._charts import FONT
from ._model import ReportFigure
from ._render_worker import render_spec

__all__ = ["render_figure", "render_figures", "FigureRenderer", "figure_spec", "prefix_svg_ids", "sanitize_svg"]

_ID_RE = re.compile(r'\bid="([^"]+)"')


def prefix_svg_ids(svg: str, prefix: str) -> str:
    """Prefix every ``id`` and its references (``url(#id)``, ``href="#id"``) with ``prefix``.

    Two SVGs inlined in one page must not share an id (a clip path of one figure would clip
    another); the renderer prefixes each figure's ids with its number.

    Parameters
    ----------
    svg : str
        The SVG text.
    prefix : str
        Text put before every id (``f3-``).

    Returns
    -------
    str
        The SVG with every id, ``url(#id)`` and ``href="#id"`` prefixed; unchanged when it has no id.

    Examples
    --------
    >>> prefix_svg_ids('<clipPath id="c1"/><g clip-path="url(#c1)"/><use href="#c1"/>', "f3-")
    '<clipPath id="f3-c1"/><g clip-path="url(#f3-c1)"/><use href="#f3-c1"/>'
    """
    ids = set(_ID_RE.findall(svg))
    if not ids:
        return svg
    pat = "|".join(sorted((re.escape(i) for i in ids), key=len, reverse=True))
    svg = re.sub(rf'\bid="({pat})"', lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = re.sub(rf"url\(#({pat})\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(rf'href="#({pat})"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
    return svg


_SCRIPT_RE = re.compile(r"<\s*script\b.*?<\s*/\s*script\s*>", re.IGNORECASE | re.DOTALL)
_EVENT_RE = re.compile(r"\s+on[a-z]+\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_FOREIGN_RE = re.compile(r"<\s*foreignObject\b.*?<\s*/\s*foreignObject\s*>", re.IGNORECASE | re.DOTALL)


def sanitize_svg(svg: str) -> str:
    """Remove ``<script>``, ``<foreignObject>`` and ``on*=`` attributes from an SVG.

    vl-convert already escapes text (a label ``<script>`` is written ``&lt;script&gt;``);
    this is a second line of defence before the SVG is inlined into the page.
    ``javascript:`` links become ``#``.

    Parameters
    ----------
    svg : str
        The SVG text.

    Returns
    -------
    str
        The SVG without scripts, foreign objects, event handlers or ``javascript:`` links.

    Examples
    --------
    >>> sanitize_svg('<svg onload="alert(1)"><script>alert(2)</script><a href="javascript:x()">t</a></svg>')
    '<svg><a href="#">t</a></svg>'
    """
    svg = _SCRIPT_RE.sub("", svg)
    svg = _FOREIGN_RE.sub("", svg)
    svg = _EVENT_RE.sub("", svg)
    svg = re.sub(r'(href\s*=\s*")\s*javascript:[^"]*"', r'\1#"', svg, flags=re.IGNORECASE)
    return svg


#: Width of a full-width figure (px); the page shows it at the column width, so text stays >= 11 px.
FULL_WIDTH = 760


def titled(chart, title: str, source: str, *, width: int = 120):
    """Give ``chart`` a title and a subtitle naming its data source (wrapped into lines)."""
    import textwrap

    lines = textwrap.wrap(f"Source: {source}", width=width) or [""]
    return chart.properties(
        title=alt.Title(text=title, subtitle=lines[:2], anchor="start", fontSize=14,
                        subtitleFontSize=12, subtitleColor="#555")
    )


def figure_spec(fig: ReportFigure) -> dict:
    """The Vega-Lite spec of ``fig`` as rendered.

    Titled with its source (and its input flags: ``[synthetic]``, ``[estimated]``,
    ``[partial]``), the report's fonts and sizes, inline data rounded to 12 significant
    digits (as in the CSVs), so that two runs draw the same figure.

    Parameters
    ----------
    fig : ReportFigure
        The figure (its ``chart`` an Altair chart).

    Returns
    -------
    dict
        The Vega-Lite specification that :func:`render_figure` and the helper processes render.

    Examples
    --------
    >>> from valuechain.report._model import ReportFigure
    >>> chart = alt.Chart(pd.DataFrame({"x": ["a"], "v": [1 / 3]})).mark_bar().encode(x="x", y="v")
    >>> spec = figure_spec(ReportFigure("f", "Shares", chart, source="BACI", flags=["synthetic data"]))
    >>> spec["title"]["text"], spec["title"]["subtitle"]
    ('Shares', ['Source: BACI [synthetic]'])
    >>> next(iter(spec["datasets"].values()))[0]["v"]
    0.333333333333
    """
    kinds = sorted({k for f in fig.flags for k in ("synthetic", "estimated", "partial") if k in f.lower()})
    source = fig.source + (f" [{', '.join(kinds)}]" if kinds else "")  # the file on its own still flags its inputs
    chart = titled(fig.chart, fig.title, source)
    chart = (chart.configure(font=FONT).configure_view(stroke=None)
             .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=320)
             .configure_legend(labelFontSize=12, titleFontSize=12, labelLimit=0, symbolLimit=0, columns=1)
             .configure_text(fontSize=12))
    # Altair's schema validation (~40 % of this function) only checks: the dict is the same, and a chart
    # the renderer cannot draw still fails there (render_figure, in this process, raises vl-convert's error)
    return _round_data(chart.to_dict(validate=False))


def _finish(fig: ReportFigure, index: int, svg: str, png: bytes) -> ReportFigure:
    """Make the raw SVG inline-safe (ids prefixed ``f<index>-``, scripts removed, an ARIA label) and store both."""
    svg = sanitize_svg(prefix_svg_ids(svg, f"f{index}-"))
    label = f'<svg role="img" aria-label="{_attr(fig.title)}" '
    svg = re.sub(r"<svg ", lambda _m: label, svg, count=1)  # a function: a backslash in the title is text, not an escape
    fig.svg = svg
    fig.png = png
    return fig


def render_figure(fig: ReportFigure, *, index: int = 0, png: bool = True, scale: float = 2.0) -> ReportFigure:
    """Render ``fig.chart`` into ``fig.svg`` (inline-safe) and ``fig.png`` (bytes), in this process.

    The chart gets its title and a subtitle naming its source (with ``[synthetic]``,
    ``[estimated]`` or ``[partial]`` when its flags say so) and the report's fonts; its
    inline data is rounded to 12 significant digits (as in the CSVs), so that two runs
    draw the same figure. The SVG's ids are prefixed (:func:`prefix_svg_ids`), it is
    sanitised (:func:`sanitize_svg`) and labelled for screen readers with the title.

    Parameters
    ----------
    fig : ReportFigure
        The figure (its ``chart`` an Altair chart); changed in place.
    index : int, default 0
        The figure's number on the page (prefixes its SVG ids ``f<index>-``).
    png : bool, default True
        Also render the PNG (for the output folder); False leaves ``fig.png`` empty.
    scale : float, default 2.0
        Scale of the PNG relative to the SVG's size.

    Returns
    -------
    ReportFigure
        ``fig`` itself, with ``svg`` and ``png`` filled.

    Examples
    --------
    >>> from valuechain.report._model import ReportFigure
    >>> chart = alt.Chart(pd.DataFrame({"sector": ["Oil", "Metals"], "share": [52.0, 18.1]})).mark_bar().encode(
    ...     x="sector", y="share")
    >>> fig = render_figure(ReportFigure("exports", "Exports <by sector>", chart, source="BACI"), index=3, png=False)
    >>> fig.svg.startswith('<svg role="img" aria-label="Exports &lt;by sector&gt;"'), fig.png
    (True, b'')
    """
    svg, data = render_spec(figure_spec(fig), png=png, scale=scale)
    return _finish(fig, index, svg, data)


def _signature(fig: ReportFigure) -> tuple:
    """What the spec of ``fig`` is made of: a figure changed after it was submitted is rendered again."""
    return (id(fig.chart), fig.title, fig.source, tuple(fig.flags))


class FigureRenderer:
    """Render the report's figures in helper processes while the report is still being computed.

    vl-convert holds the GIL while it renders, so rendering in a thread would stop the
    computation; a helper process (``python -P -c`` on :mod:`._render_worker`, which imports
    nothing but vl-convert) renders each section's figures as soon as the section is built
    (:meth:`submit`), and :meth:`finish` collects them in page order. The figures are the
    same bytes as rendered in this process (the same :func:`render_spec`; the ids are
    prefixed here, by page position). Whatever the helper cannot do (it does not start,
    it dies, a spec fails, a figure changed after it was submitted) is rendered here, so a
    failing spec raises vl-convert's own error as before. Use it as a context manager: the
    helpers are stopped on exit, also on an error or Ctrl-C.

    Parameters
    ----------
    png : bool
        Also rasterize each figure to PNG (default True).
    scale : float
        PNG scale factor (default 2: 2 pixels per CSS pixel).
    workers : int
        Helper processes (default 1: one renders while this process computes; 0 renders
        everything here). Jobs go to the helpers in turn.

    Examples
    --------
    >>> with FigureRenderer(workers=0) as r:     # no helper: renders on finish(), in this process
    ...     r.finish([])
    """

    def __init__(self, *, png: bool = True, scale: float = 2.0, workers: int = 1):
        self.png, self.scale, self.workers = png, float(scale), max(0, int(workers))
        self._procs: list = []
        self._started = False
        self._jobs: dict[int, tuple[int, tuple, ReportFigure]] = {}  # id(fig) -> (job id, signature, fig)
        self._results: dict[int, tuple[str, bytes] | None] = {}  # job id -> (svg, png), None: failed there
        self._dead: set[int] = set()  # helpers that stopped answering
        self._owner: dict[int, int] = {}  # job id -> helper
        self._cond = threading.Condition()
        self._next = 0

    # ------------------------------------------------------------------ helpers
    def _start(self) -> None:
        import queue
        import subprocess
        import sys
        from pathlib import Path

        self._started = True
        code = Path(__file__).with_name("_render_worker.py").read_text(encoding="utf-8")
        for k in range(self.workers):
            try:
                p = subprocess.Popen([sys.executable, "-P", "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
            except OSError:
                break
            q: queue.SimpleQueue = queue.SimpleQueue()
            threads = (threading.Thread(target=self._read, args=(k, p), daemon=True, name=f"valuechain-figures-read-{k}"),
                       threading.Thread(target=self._write, args=(k, p, q), daemon=True, name=f"valuechain-figures-write-{k}"))
            self._procs.append((p, q, threads))
            for t in threads:
                t.start()

    def _write(self, k: int, proc, q) -> None:
        """Feed the helper's input from a queue (a large spec never blocks the computation)."""
        try:
            while (data := q.get()) is not None:
                proc.stdin.write(data)
                proc.stdin.flush()
            proc.stdin.close()
        except (OSError, ValueError):
            with self._cond:
                self._dead.add(k)
                self._cond.notify_all()

    def _read(self, k: int, proc) -> None:
        import json

        out = proc.stdout
        try:
            while True:
                line = out.readline()
                if not line:
                    break
                head = json.loads(line)
                svg = out.read(head["svg"]).decode("utf-8")
                png = out.read(head["png"])
                with self._cond:
                    self._results[head["id"]] = None if head.get("error") else (svg, png)
                    self._cond.notify_all()
        except Exception:  # a broken helper: its jobs are rendered here
            pass
        with self._cond:
            self._dead.add(k)
            self._cond.notify_all()

    def submit(self, figs) -> None:
        """Send ``figs`` (e.g. one section's figures) to the helpers; returns at once."""
        import json

        figs = list(figs)
        if not figs or self.workers == 0:
            return
        if not self._started:
            self._start()
        for fig in figs:
            with self._cond:
                alive = [k for k in range(len(self._procs)) if k not in self._dead]
            if not alive:
                return
            try:
                spec = json.dumps(figure_spec(fig))
            except Exception:  # rendered (and its error raised) by finish(), in this process, as before
                continue
            k = alive[self._next % len(alive)]
            job = self._next
            self._next += 1
            line = json.dumps({"id": job, "spec": spec, "png": self.png, "scale": self.scale})
            self._owner[job] = k
            self._jobs[id(fig)] = (job, _signature(fig), fig)
            self._procs[k][1].put(line.encode("ascii") + b"\n")

    def _wait(self, job: int) -> tuple[str, bytes] | None:
        with self._cond:
            while job not in self._results and self._owner.get(job) not in self._dead:
                self._cond.wait()
            return self._results.get(job)

    def finish(self, figs) -> None:
        """Fill ``svg`` and ``png`` of every figure of ``figs`` (the page's figures, in page order)."""
        for i, fig in enumerate(figs, 1):
            got = self._jobs.get(id(fig))
            res = self._wait(got[0]) if got is not None and got[2] is fig and got[1] == _signature(fig) else None
            if res is None:
                render_figure(fig, index=i, png=self.png, scale=self.scale)
            else:
                _finish(fig, i, res[0], res[1] if self.png else b"")

    def close(self) -> None:
        """Stop the helpers (each ends when its input closes; killed if it has not after 5 s)."""
        for _p, q, _t in self._procs:
            q.put(None)
        for p, _q, threads in self._procs:
            try:
                p.wait(timeout=5)
            except Exception:  # also KeyboardInterrupt while waiting: never leave a helper behind
                p.kill()
                p.wait()
            for t in threads:
                t.join(timeout=1)
            if p.stdout is not None:
                p.stdout.close()
        self._procs = []

    def __enter__(self) -> "FigureRenderer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def render_figures(figs, *, png: bool = True, workers: int = 2, renderer: FigureRenderer | None = None) -> None:
    """Render every figure of the page in one batch.

    With ``renderer``, collect what it rendered while the report was computed; otherwise
    render over ``workers`` helper processes (a :class:`FigureRenderer`), or in this process
    for fewer than 4 figures or ``workers <= 1``.

    Parameters
    ----------
    figs : iterable of ReportFigure
        The figures in page order; each is rendered in place, its number (from 1) prefixing
        its SVG ids.
    png : bool, default True
        Also rasterize each figure to PNG.
    workers : int, default 2
        Helper processes of the batch (ignored with ``renderer``).
    renderer : FigureRenderer, optional
        The renderer that got the figures while the report was computed.

    Examples
    --------
    >>> from valuechain.report._model import ReportFigure
    >>> chart = alt.Chart(pd.DataFrame({"year": [2020, 2021], "v": [1.0, 2.0]})).mark_line().encode(x="year", y="v")
    >>> figs = [ReportFigure("a", "A", chart, source="s"), ReportFigure("b", "B", chart, source="s")]
    >>> render_figures(figs, png=False)
    >>> [f.svg[:36] for f in figs]
    ['<svg role="img" aria-label="A" xmlns', '<svg role="img" aria-label="B" xmlns']
    """
    figs = list(figs)
    if renderer is not None:
        renderer.finish(figs)
        return
    n = workers if (len(figs) >= 4 and workers > 1) else 0
    with FigureRenderer(png=png, workers=n) as r:
        r.submit(figs)
        r.finish(figs)


def _round_data(spec: dict) -> dict:
    """Round the floats of the inline datasets to 12 significant digits (as in the CSVs), so that
    last-bit differences of parallel sums do not change the drawing."""
    import math

    def r(v):
        if isinstance(v, float) and math.isfinite(v) and v != 0:
            return float(f"{v:.12g}")
        return v

    for name, rows in (spec.get("datasets") or {}).items():
        spec["datasets"][name] = [{k: r(v) for k, v in row.items()} if isinstance(row, dict) else row for row in rows]
    return spec


def _attr(text: str) -> str:
    return (str(text).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;"))


# ----------------------------------------------------------------- generic charts
def _fmt_unit(title: str, unit: str) -> str:
    return f"{title} ({unit})" if unit else title


def bar_chart(df: pd.DataFrame, *, category: str, value: str, unit: str = "", color: str | None = None,
              horizontal: bool = True, sort: str = "-x", width: int = FULL_WIDTH - 260, height: int | None = None):
    """Bars of ``value`` by ``category`` (optionally coloured/stacked by ``color``)."""
    n = df[category].nunique()
    h = height or max(120, min(22 * n, 700))
    val = alt.X(f"{value}:Q", title=_fmt_unit(value, unit)) if horizontal else alt.Y(f"{value}:Q", title=_fmt_unit(value, unit))
    cat = (alt.Y(f"{category}:N", sort=sort if horizontal else None, title=None, axis=alt.Axis(labelLimit=260))
           if horizontal else alt.X(f"{category}:N", title=None, axis=alt.Axis(labelLimit=160)))
    enc = {"x": val, "y": cat} if horizontal else {"x": cat, "y": val}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=color)
    tip = [alt.Tooltip(f"{category}:N"), alt.Tooltip(f"{value}:Q", format=",.4g")]
    if not color:
        return alt.Chart(df).mark_bar(color="#3b6ea5").encode(**enc, tooltip=tip).properties(width=width, height=h)
    return alt.Chart(df).mark_bar().encode(**enc, tooltip=tip).properties(width=width, height=h)


def _year_axis(df: pd.DataFrame, x: str):
    """A true time axis for years: spaced by their distance, labelled without thousands separators."""
    ys = sorted(pd.to_numeric(df[x], errors="coerce").dropna().unique())
    vals = [int(v) for v in ys] if len(ys) <= 12 else None
    axis = alt.Axis(format="d", values=vals, labelOverlap=True) if vals else alt.Axis(format="d", labelOverlap=True)
    return alt.X(f"{x}:Q", title=x if x != "year" else None, scale=alt.Scale(zero=False, nice=False), axis=axis)


def line_chart(df: pd.DataFrame, *, x: str, y: str, unit: str = "", color: str | None = None, width: int = FULL_WIDTH - 200,
               height: int = 260, y_title: str | None = None, color_title: str | None = None, x_title: str | None = None):
    """Lines of ``y`` over ``x`` (e.g. an indicator by year), one per ``color``; years on a true time axis."""
    xe = _year_axis(df, x) if x == "year" else alt.X(f"{x}:Q", title=x_title or x, scale=alt.Scale(zero=False))
    enc = {"x": xe, "y": alt.Y(f"{y}:Q", title=_fmt_unit(y_title or y, unit))}
    if color:
        enc["color"] = alt.Color(f"{color}:N", title=color_title or color, legend=alt.Legend(orient="right"),
                                 scale=alt.Scale(scheme="tableau20"))
    return alt.Chart(df).mark_line(point=True).encode(**enc).properties(width=width, height=height)


def share_chart(df: pd.DataFrame, *, x: str, share: str, group: str, unit: str = "%", width: int = FULL_WIDTH - 300,
                height: int = 280, group_order: list | None = None, x_order: list | None = None, group_title: str | None = None,
                y_title: str = "Share"):
    """Stacked bars of shares (e.g. Lall technology classes by year); years on a true time axis."""
    if group_order:
        df = df.assign(_order=df[group].map({g: i for i, g in enumerate(group_order)}).fillna(len(group_order)))
    return (
        alt.Chart(df)
        .mark_bar(size=26)
        .encode(
            x=_year_axis(df, x) if x == "year" else alt.X(f"{x}:N", title=None, sort=x_order, axis=alt.Axis(labelAngle=-40)),
            y=alt.Y(f"{share}:Q", title=_fmt_unit(y_title, unit), stack="zero"),
            color=alt.Color(f"{group}:N", title=group_title or group.capitalize(), sort=group_order,
                            scale=alt.Scale(scheme="tableau10"), legend=alt.Legend(orient="right")),
            order=alt.Order("_order:Q") if group_order else alt.Order(f"{group}:N"),
            tooltip=[alt.Tooltip(f"{x}:O"), alt.Tooltip(f"{group}:N"), alt.Tooltip(f"{share}:Q", format=".3g")],
        )
        .properties(width=width, height=height)
    )


def label_top(chart, df: pd.DataFrame, *, x: str, y: str, text: str, n: int = 8, by: str | None = None,
              width: int = 520, height: int = 420):
    """Layer text labels on at most ``n`` points of ``df`` with the largest ``by`` (default ``x + y``),
    skipping any label whose box (estimated at 7 px a character, 14 px high on a ``width`` x
    ``height`` plot) would overlap one already placed, so that labels never overlap."""
    d = df.copy()
    d["_rank"] = d[by] if by else d[x] + d[y]
    d = d.sort_values("_rank", ascending=False, kind="stable")
    x0, x1 = float(d[x].min()), float(d[x].max())
    y0, y1 = float(d[y].min()), float(d[y].max())
    sx = width / ((x1 - x0) * 1.15 or 1.0)
    sy = height / ((y1 - y0) * 1.15 or 1.0)
    mid = (x0 + x1) / 2
    boxes: list[tuple[float, float, float, float]] = []
    keep: list[tuple[int, str]] = []
    for i, r in d.iterrows():
        if len(keep) >= n:
            break
        px, py = (float(r[x]) - x0) * sx, (y1 - float(r[y])) * sy
        w = 7.0 * len(str(r[text]))
        right = float(r[x]) > mid  # points in the right half are labelled to their left, inside the plot
        bx0, bx1 = (px - 7 - w, px - 7) if right else (px + 7, px + 7 + w)
        box = (bx0, py - 19, bx1, py - 3)
        if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3]) for b in boxes):
            continue
        boxes.append(box)
        keep.append((i, "right" if right else "left"))
    layers = [chart]
    for align, dx in (("left", 7), ("right", -7)):
        part = d.loc[[i for i, a in keep if a == align]].drop(columns="_rank")
        if len(part):
            layers.append(alt.Chart(part).mark_text(align=align, dx=dx, dy=-6, fontSize=12)
                          .encode(x=f"{x}:Q", y=f"{y}:Q", text=f"{text}:N"))
    return alt.layer(*layers)


def step_chart(df: pd.DataFrame, *, x: str, y: str, color: str, x_title: str, y_title: str, color_title: str,
               width: int = FULL_WIDTH - 260, height: int = 300):
    """Step lines (e.g. Kaplan-Meier survival curves), one per ``color``, with a full legend."""
    return (alt.Chart(df).mark_line(interpolate="step-after").encode(
        x=alt.X(f"{x}:Q", title=x_title), y=alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(domain=[0, 1])),
        color=alt.Color(f"{color}:N", title=color_title, scale=alt.Scale(scheme="tableau20"), legend=alt.Legend(orient="right")))
        .properties(width=width, height=height))
