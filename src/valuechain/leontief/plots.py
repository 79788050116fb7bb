"""Figures of the Leontief family: the key-sector quadrant chart (Altair).

Save with :func:`valuechain._charts.save_chart` (SVG, PNG, HTML or JSON).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

from .keysectors import KEY_CLASSES, KeySectorResult

__all__ = ["quadrant_chart"]

_COLORS = {"key": "#b2182b", "backward": "#ef8a62", "forward": "#67a9cf", "weak": "#999999"}
_LABELS = {"key": "key sector", "backward": "backward-oriented", "forward": "forward-oriented", "weak": "weak linkages"}


def quadrant_chart(result: KeySectorResult, *, title: str | None = None, label: bool = True,
                   width: int = 520, height: int = 420) -> alt.LayerChart:
    """Scatter of normalised backward (x) against forward (y) linkages with the lines at 1.

    The four quadrants are key (upper right), forward-oriented (upper left),
    backward-oriented (lower right) and weak (lower left), as in the key-sector figures
    of the regional-cluster literature. The subtitle names the data source (and any
    ``synthetic``/``estimated`` flag of the table).

    Parameters
    ----------
    result : KeySectorResult
        The classification to plot.
    title : str, optional
        Chart title (default: names the methods).
    label : bool, default True
        Label each point with its sector.
    width, height : int
        Size in pixels.

    Returns
    -------
    altair.LayerChart
        The scatter, the lines at 1 and the labels.

    Examples
    --------
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> from valuechain import key_sectors
    >>> type(quadrant_chart(key_sectors(t))).__name__
    'LayerChart'
    """
    import altair as alt  # imported on use: altair takes about a second to import
    from .._charts import source_note

    if not isinstance(result, KeySectorResult):
        raise TypeError(f"quadrant_chart needs a KeySectorResult, got {type(result).__name__}")
    df = result.table[["sector", "backward_norm", "forward_norm", "class"]].copy()
    df["class_label"] = df["class"].map(_LABELS)
    src = result.source or result.name or "input-output table"
    if result.flags:
        src += " (" + "; ".join(result.flags) + ")"
    ttl = title or f"Key sectors: {result.backward_method} backward vs {result.forward_method} forward linkages"
    xmax = max(1.2, float(df["backward_norm"].max()) * 1.05)
    ymax = max(1.2, float(df["forward_norm"].max()) * 1.05)
    xmin = min(0.8, float(df["backward_norm"].min()) * 0.95)
    ymin = min(0.8, float(df["forward_norm"].min()) * 0.95)
    base = alt.Chart(df)
    pts = base.mark_circle(size=70, opacity=0.85).encode(
        x=alt.X("backward_norm:Q", title=f"backward linkage ({result.backward_method}, mean = 1)",
                scale=alt.Scale(domain=[xmin, xmax], zero=False)),
        y=alt.Y("forward_norm:Q", title=f"forward linkage ({result.forward_method}, mean = 1)",
                scale=alt.Scale(domain=[ymin, ymax], zero=False)),
        color=alt.Color("class_label:N", title="class",
                        scale=alt.Scale(domain=[_LABELS[k] for k in KEY_CLASSES], range=[_COLORS[k] for k in KEY_CLASSES])),
        tooltip=["sector:N", alt.Tooltip("backward_norm:Q", format=".3f"), alt.Tooltip("forward_norm:Q", format=".3f"), "class:N"],
    )
    rules = [
        alt.Chart(pd.DataFrame({"v": [1.0]})).mark_rule(strokeDash=[4, 4], color="#444").encode(x="v:Q"),
        alt.Chart(pd.DataFrame({"v": [1.0]})).mark_rule(strokeDash=[4, 4], color="#444").encode(y="v:Q"),
    ]
    layers = [*rules, pts]
    if label:
        layers.append(base.mark_text(align="left", dx=6, dy=-4, fontSize=9).encode(
            x="backward_norm:Q", y="forward_norm:Q", text="sector:N"))
    return alt.layer(*layers).properties(
        width=width, height=height, title=alt.Title(ttl, **source_note(src))
    )
