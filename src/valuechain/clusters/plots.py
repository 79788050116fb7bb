"""Figures of the cluster analysis (Altair charts; save with ``valuechain._charts.save_chart``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any  # Any: a fitted ClusterAnalysis (factor imports this module)

import pandas as pd

if TYPE_CHECKING:
    import altair as alt


__all__ = ["scree_chart", "loadings_chart"]


def scree_chart(analysis: Any, *, max_components: int | None = 40, title: str | None = None, source: str | None = None) -> alt.LayerChart:
    """Scree plot of the eigenvalues of the linkage matrix with Kaiser's line at 1.

    Parameters
    ----------
    analysis : fitted ClusterAnalysis
    max_components : int or None, default 40
        Show at most this many eigenvalues (``None``: all).
    title, source : str, optional
        Chart title and a source note (the table's flags are appended, e.g.
        "estimated by RAS", "synthetic").

    Returns
    -------
    altair.LayerChart
        Eigenvalues by component and the line at 1.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from valuechain.clusters import ClusterAnalysis
    >>> rng = np.random.default_rng(0)
    >>> Z = pd.DataFrame(rng.gamma(1.0, size=(8, 8)), index=list("abcdefgh"), columns=list("abcdefgh"))
    >>> ca = ClusterAnalysis(threshold=0.5).fit(Z)
    >>> type(scree_chart(ca)).__name__
    'LayerChart'
    """
    import altair as alt  # imported on use: altair takes about a second to import
    from .._charts import source_note

    d = analysis.scree
    if max_components is not None:
        d = d.head(int(max_components))
    d = d.assign(kept=d["retained"].map({True: "retained", False: "not retained"}))
    note = source or getattr(analysis, "source_name_", "") or "transactions table"
    flags = getattr(analysis, "flags_", ())
    if flags:
        note += " [" + "; ".join(flags) + "]"
    base = alt.Chart(d)
    line = base.mark_line(color="#4c78a8").encode(x=alt.X("component:Q", title="component"), y=alt.Y("eigenvalue:Q", title="eigenvalue of L"))
    pts = base.mark_point(filled=True, size=40).encode(
        x="component:Q",
        y="eigenvalue:Q",
        color=alt.Color("kept:N", title="Kaiser's rule", scale=alt.Scale(domain=["retained", "not retained"], range=["#e45756", "#9d9d9d"])),
        tooltip=["component", alt.Tooltip("eigenvalue:Q", format=".3f"), alt.Tooltip("variance_share:Q", format=".1%")],
    )
    rule = alt.Chart(pd.DataFrame({"y": [1.0]})).mark_rule(strokeDash=[4, 4], color="#555").encode(y="y:Q")
    return (line + pts + rule).properties(
        width=420, height=260, title=alt.Title(title or "Scree plot of the linkage matrix", **source_note(note))
    )


def loadings_chart(analysis: Any, *, factor: int = 1, title: str | None = None) -> alt.Chart:
    """Bar chart of the rotated loadings on one factor, members highlighted.

    Parameters
    ----------
    analysis : fitted ClusterAnalysis
        The analysis to plot.
    factor : int, default 1
        The factor (1-based).
    title : str, optional
        Chart title.

    Returns
    -------
    altair.Chart
        Bars of the rotated loadings, members highlighted.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from valuechain.clusters import ClusterAnalysis
    >>> rng = np.random.default_rng(0)
    >>> Z = pd.DataFrame(rng.gamma(1.0, size=(8, 8)), index=list("abcdefgh"), columns=list("abcdefgh"))
    >>> ca = ClusterAnalysis(threshold=0.5).fit(Z)
    >>> type(loadings_chart(ca, factor=1)).__name__
    'Chart'
    """
    import altair as alt  # imported on use: altair takes about a second to import
    from .._charts import source_note

    t = analysis.table
    d = t[(t["factor"] == int(factor)) & t["loading"].notna()].sort_values("loading", ascending=False)
    flags = getattr(analysis, "flags_", ())
    note = "Feser-Sweeney-Renski factor analysis" + (" [" + "; ".join(flags) + "]" if flags else "")
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("loading:Q", title="rotated loading"),
            y=alt.Y("industry:N", sort="-x", title=None),
            color=alt.Color("member:N", title="member", scale=alt.Scale(domain=[True, False], range=["#e45756", "#9d9d9d"])),
            tooltip=["industry", alt.Tooltip("loading:Q", format=".3f")],
        )
        .properties(width=360, title=alt.Title(title or f"Loadings on factor {factor}", **source_note(note)))
    )
