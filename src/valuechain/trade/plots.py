"""Altair charts of the trade-outcome tables (seed Figures 5-13). Save with ``valuechain._charts.save_chart``.

Each function takes the tidy frame returned by the matching indicator function and only
draws it; a ``flags`` column saying ``synthetic`` adds "(synthetic data)" to the title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    import altair as alt

__all__ = ["composition_chart", "margins_chart", "concentration_chart", "lall_chart"]


def _title(text: str, df: pd.DataFrame) -> str:
    if "flags" in df.columns and df["flags"].astype(str).str.contains("synthetic").any():
        return f"{text} (synthetic data)"
    return text


def composition_chart(levels: pd.DataFrame, *, title: str = "Share of exports by group") -> alt.Chart:
    """Stacked bars of export shares by group and year (from :func:`~valuechain.trade.outcomes.composition`).

    Parameters
    ----------
    levels : DataFrame
        ``exporter, group, year, value, share``: the levels table of :func:`~valuechain.trade.outcomes.composition` (the ``Total`` group is left out).
    title : str
        Chart title.

    Returns
    -------
    altair.Chart
        The chart (save it with ``valuechain._charts.save_chart``); the title says
        "(synthetic data)" when a ``flags`` column says ``synthetic``.

    Examples
    --------
    >>> import pandas as pd
    >>> levels = pd.DataFrame({"exporter": "KAZ", "group": ["Oil and gas", "Metals", "Total"], "year": 2020,
    ...                        "value": [80.0, 20.0, 100.0], "share": [80.0, 20.0, 100.0]})
    >>> chart = composition_chart(levels)
    >>> chart.to_dict()["mark"]["type"], chart.title
    ('bar', 'Share of exports by group')
    """
    import altair as alt  # imported on use: altair takes about a second to import

    d = levels[levels["group"] != "Total"]
    order = list(dict.fromkeys(d["group"]))
    return (
        alt.Chart(d, title=_title(title, levels))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("share:Q", title="% of exports", stack="zero"),
            color=alt.Color("group:N", sort=order, title=None),
            order=alt.Order("group_rank:Q"),
            tooltip=["group", "year", alt.Tooltip("share:Q", format=".1f"), alt.Tooltip("value:Q", format=",.0f")],
        )
        .transform_calculate(group_rank=f"indexof({order!r}, datum.group)")
        .properties(width=360, height=240)
    )


def margins_chart(margins: pd.DataFrame, *, title: str = "Export growth decomposition") -> alt.Chart:
    """Bars of each margin's share of total growth (from :func:`~valuechain.trade.margins.export_margins`).

    Parameters
    ----------
    margins : DataFrame
        ``exporter, component, value, share``: the table of :func:`~valuechain.trade.margins.export_margins` (the ``total`` row is left out).
    title : str
        Chart title.

    Returns
    -------
    altair.Chart
        The chart (save it with ``valuechain._charts.save_chart``); the title says
        "(synthetic data)" when a ``flags`` column says ``synthetic``.

    Examples
    --------
    >>> import pandas as pd
    >>> margins = pd.DataFrame({"exporter": "KAZ", "component": ["intensive", "exits", "total"],
    ...                         "value": [30.0, -10.0, 20.0], "share": [150.0, -50.0, 100.0]})
    >>> margins_chart(margins).to_dict()["mark"]["type"]
    'bar'
    """
    import altair as alt  # imported on use: altair takes about a second to import

    d = margins[margins["component"] != "total"].copy()
    d["label"] = d["component"].str.replace("_", " ")
    return (
        alt.Chart(d, title=_title(title, margins))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", sort=list(d["label"]), title=None),
            x=alt.X("share:Q", title="% of total export growth"),
            color=alt.Color("exporter:N", title=None),
            yOffset="exporter:N",
            tooltip=["exporter", "label", alt.Tooltip("share:Q", format=".1f"), alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(width=360, height=200)
    )


def concentration_chart(conc: pd.DataFrame, *, measure: str = "hhi", title: str | None = None) -> alt.Chart:
    """Lines of HHI (``measure="hhi"``, ``"hhi_normalized"``) or the top-k share by year
    (from :func:`~valuechain.trade.concentration.concentration`).

    Parameters
    ----------
    conc : DataFrame
        ``year, exporter, dimension`` and the measure: the table of :func:`~valuechain.trade.concentration.concentration`.
    measure : {"hhi", "hhi_normalized", "top_share"}
        The column drawn (default ``"hhi"``).
    title : str, optional
        Chart title; default "Export concentration: <measure>".

    Returns
    -------
    altair.Chart
        The chart (save it with ``valuechain._charts.save_chart``); the title says
        "(synthetic data)" when a ``flags`` column says ``synthetic``.

    Examples
    --------
    >>> import pandas as pd
    >>> conc = pd.DataFrame({"year": [2020, 2021], "exporter": "KAZ", "dimension": "product",
    ...                      "hhi": [0.68, 0.72], "hhi_normalized": [0.36, 0.44], "top_share": [1.0, 1.0]})
    >>> concentration_chart(conc, measure="hhi_normalized").title
    'Export concentration: normalised HHI'
    """
    import altair as alt  # imported on use: altair takes about a second to import

    label = {"hhi": "HHI", "hhi_normalized": "normalised HHI", "top_share": "share of top products/markets"}.get(measure, measure)
    return (
        alt.Chart(conc, title=_title(title or f"Export concentration: {label}", conc))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y(f"{measure}:Q", title=label),
            color=alt.Color("exporter:N", title=None),
            strokeDash=alt.StrokeDash("dimension:N", title=None),
            tooltip=["exporter", "dimension", "year", alt.Tooltip(f"{measure}:Q", format=".3f")],
        )
        .properties(width=360, height=220)
    )


def lall_chart(lall: pd.DataFrame, *, title: str = "Exports by technology class (Lall 2000)") -> alt.Chart:
    """Stacked bars of export shares by Lall tier (from :func:`~valuechain.trade.lall.lall_shares`).

    Parameters
    ----------
    lall : DataFrame
        ``exporter, year, tier, share``: the table of :func:`~valuechain.trade.lall.lall_shares` (shares summed by tier).
    title : str
        Chart title.

    Returns
    -------
    altair.Chart
        The chart (save it with ``valuechain._charts.save_chart``); the title says
        "(synthetic data)" when a ``flags`` column says ``synthetic``.

    References
    ----------
    Lall, S. (2000). The technological structure and performance of developing country
    manufactured exports, 1985-98. Oxford Development Studies 28(3), 337-369.

    Examples
    --------
    >>> import pandas as pd
    >>> lall = pd.DataFrame({"exporter": "KAZ", "year": 2020, "tier": ["Primary", "High technology"],
    ...                      "share": [90.0, 10.0], "flags": "synthetic"})
    >>> lall_chart(lall).title
    'Exports by technology class (Lall 2000) (synthetic data)'
    """
    import altair as alt  # imported on use: altair takes about a second to import

    d = lall.groupby(["exporter", "year", "tier"], as_index=False)["share"].sum()
    if "flags" in lall.columns:
        d["flags"] = lall["flags"].iloc[0]
    tiers = ["Primary", "Resource-based", "Low technology", "Medium technology", "High technology", "Unclassified"]
    return (
        alt.Chart(d, title=_title(title, lall))
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=None),
            y=alt.Y("share:Q", title="% of exports", stack="zero"),
            color=alt.Color("tier:N", sort=tiers, title=None),
            column=alt.Column("exporter:N", title=None),
            tooltip=["exporter", "year", "tier", alt.Tooltip("share:Q", format=".1f")],
        )
        .properties(width=220, height=220)
    )
