"""Figures of the GVC analysis (Altair charts; save with ``valuechain._charts.save_chart``).

The charts only draw results computed by :mod:`valuechain.gvc`; they never recompute.
"""

from __future__ import annotations

from typing import Sequence

import altair as alt
import pandas as pd

from .._charts import source_note
from .core import GVCResult  # annotations
from .tiva import TiVAResult  # annotations

__all__ = ["participation_chart", "decomposition_chart", "fva_sources_chart"]


def _note(result, source: str | None) -> str:
    note = source or "inter-country input-output table"
    flags = getattr(result, "flags", ())
    if flags:
        note += " [" + "; ".join(flags) + "]"
    return note


def participation_chart(tiva: TiVAResult, *, highlight: str | None = None, title: str | None = None, source: str | None = None) -> alt.Chart:
    r"""Stacked bars of GVC participation (Koopman et al. 2010): backward (FVA) + forward (DVA_FX).

    Parameters
    ----------
    tiva : TiVAResult
        From :func:`~valuechain.gvc.tiva_indicators`.
    highlight : str, optional
        A country drawn with a black outline (e.g. ``"KAZ"``).
    title : str, optional
        Chart title (default ``"GVC participation index"``).
    source : str, optional
        Source note under the title (default ``"inter-country input-output table"``); the
        result's flags (e.g. ``synthetic``) are appended.

    Returns
    -------
    altair.Chart
        The chart (data in ``chart.data``); save it with ``valuechain._charts.save_chart``
        or display it in a notebook.

    Notes
    -----
    .. math:: GVC\_BACK_s = \frac{EXGR\_FVA_s}{EXGR_s}, \qquad GVC\_FWD_s = \frac{DVA\_FX_s}{EXGR_s}

    Bars are sorted by :math:`GVC\_PART_s = GVC\_BACK_s + GVC\_FWD_s`.

    References
    ----------
    .. [1] Koopman, R., Powers, W., Wang, Z. and Wei, S.-J. (2010). Give credit where credit
       is due: tracing value added in global production chains. NBER Working Paper 16426,
       Section 5 (GVC participation index).

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc import tiva_indicators
    >>> chart = participation_chart(tiva_indicators(synthetic_icio(3, 2, seed=1)), highlight="C01")
    >>> chart.data.shape   # 3 exporters x (backward, forward)
    (6, 4)
    >>> chart.to_dict()["title"]["subtitle"]
    'Source: inter-country input-output table [synthetic]'
    """
    t = tiva.at("country")
    d = pd.concat([
        pd.DataFrame({"exporter": t["exporter"], "part": "backward (foreign VA in own exports)", "share": t["GVC_BACK"]}),
        pd.DataFrame({"exporter": t["exporter"], "part": "forward (own VA in third-country exports)", "share": t["GVC_FWD"]}),
    ], ignore_index=True)
    d["highlight"] = d["exporter"] == highlight
    order = t.sort_values("GVC_PART", ascending=False)["exporter"].tolist()
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("exporter:N", sort=order, title=None),
            y=alt.Y("share:Q", stack="zero", axis=alt.Axis(format="%"), title="share of gross exports"),
            color=alt.Color("part:N", title="GVC participation"),
            stroke=alt.condition("datum.highlight", alt.value("black"), alt.value(None)),
            tooltip=["exporter", "part", alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=420, height=260, title=alt.Title(title or "GVC participation index", **source_note(_note(tiva, source))))
    )


def decomposition_chart(result: GVCResult, *, terms: Sequence[str] = ("DAVAX", "VAX3", "VAX4", "REF", "DDC", "FVA", "FDC"),
                        title: str | None = None,
                        source: str | None = None) -> alt.Chart:
    """Stacked shares of gross exports by term, one bar per exporter (e.g. Borin-Mancini terms).

    ``terms`` must add up to gross exports (``GEXP``) for the bars to reach 100%.

    Parameters
    ----------
    result : GVCResult
        A decomposition with a country level (e.g. :func:`~valuechain.gvc.bm_decomposition`).
    terms : sequence of str
        The terms stacked, bottom to top (default: the Borin-Mancini exporter/source terms
        ``DAVAX, VAX3, VAX4, REF, DDC, FVA, FDC``, which add up to ``GEXP``).
    title : str, optional
        Chart title (default ``"Decomposition of gross exports: <method>"``).
    source : str, optional
        Source note under the title (default ``"inter-country input-output table"``); the
        result's flags are appended.

    Returns
    -------
    altair.Chart
        The chart (data in ``chart.data``); save it with ``valuechain._charts.save_chart``
        or display it in a notebook.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc import bm_decomposition
    >>> chart = decomposition_chart(bm_decomposition(synthetic_icio(3, 2, seed=1)))
    >>> chart.data.shape   # 3 exporters x 7 terms
    (21, 4)
    >>> chart.data.groupby("exporter")["share"].sum().round(12).tolist()
    [1.0, 1.0, 1.0]
    """
    t = result.at("country")
    gexp = t["GEXP"] if "GEXP" in t else t[list(terms)].sum(axis=1)
    d = t.melt(id_vars=["exporter"], value_vars=list(terms), var_name="term", value_name="value")
    d["share"] = d["value"] / d["exporter"].map(dict(zip(t["exporter"], gexp)))
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("exporter:N", title=None),
            y=alt.Y("share:Q", stack="zero", axis=alt.Axis(format="%"), title="share of gross exports"),
            color=alt.Color("term:N", sort=list(terms), title="term"),
            order=alt.Order("term_order:Q"),
            tooltip=["exporter", "term", alt.Tooltip("value:Q", format=",.1f"), alt.Tooltip("share:Q", format=".1%")],
        )
        .transform_calculate(term_order=" + ".join(f"(datum.term == '{k}') * {i}" for i, k in enumerate(terms)))
        .properties(width=420, height=260, title=alt.Title(title or f"Decomposition of gross exports: {result.method}",
                                                           **source_note(_note(result, source))))
    )


def fva_sources_chart(tiva: TiVAResult, exporter: str, *, top: int = 10, title: str | None = None, source: str | None = None) -> alt.Chart:
    """Horizontal bars: foreign value added in ``exporter``'s exports by source country (top ``top``).

    Parameters
    ----------
    tiva : TiVAResult
        From :func:`~valuechain.gvc.tiva_indicators` (its :meth:`~TiVAResult.fva_by_source`).
    exporter : str
        The exporting country's code.
    top : int
        How many source countries to show, largest first (default 10); shares are of the
        countries shown.
    title : str, optional
        Chart title (default ``"Sources of foreign value added in <exporter>'s exports"``).
    source : str, optional
        Source note under the title (default ``"inter-country input-output table"``); the
        result's flags are appended.

    Returns
    -------
    altair.Chart
        The chart (data in ``chart.data``); save it with ``valuechain._charts.save_chart``
        or display it in a notebook.

    Examples
    --------
    >>> from valuechain.datasets import synthetic_icio
    >>> from valuechain.gvc import tiva_indicators
    >>> chart = fva_sources_chart(tiva_indicators(synthetic_icio(3, 2, seed=1)), "C00", top=1)
    >>> chart.data["source_country"].tolist(), chart.data["share"].tolist()
    (['C02'], [1.0])
    """
    d = tiva.fva_by_source(by_industry=False)
    d = d[d["exporter"] == exporter].sort_values("EXGR_FVA", ascending=False).head(int(top))
    tot = d["EXGR_FVA"].sum()
    d = d.assign(share=d["EXGR_FVA"] / tot if tot else 0.0)
    return (
        alt.Chart(d)
        .mark_bar()
        .encode(
            x=alt.X("EXGR_FVA:Q", title="foreign value added in exports"),
            y=alt.Y("source_country:N", sort="-x", title=None),
            tooltip=["source_country", alt.Tooltip("EXGR_FVA:Q", format=",.1f"), alt.Tooltip("share:Q", format=".1%")],
        )
        .properties(width=380, height=22 * max(len(d), 1),
                    title=alt.Title(title or f"Sources of foreign value added in {exporter}'s exports", **source_note(_note(tiva, source))))
    )
