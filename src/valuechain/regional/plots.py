"""Figures of the regional family (Altair charts; save them with ``valuechain._charts.save_chart``).

The report never recomputes: these functions take results and only draw them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any  # Any: DeltaSensitivity (sensitivity imports this module)

import pandas as pd

if TYPE_CHECKING:
    from .tworegion import TwoRegionModel
    import altair as alt


__all__ = ["delta_sensitivity_chart", "two_region_effects_chart"]


def delta_sensitivity_chart(result: Any, *, width: int = 560, height: int = 340, source: str = "") -> alt.LayerChart:
    """Regional output multipliers against δ, one line per industry, with Flegg's 0.1-0.4 band.

    Parameters
    ----------
    result : DeltaSensitivity
        From :func:`valuechain.regional.delta_sensitivity`.
    width, height : int
        Size in pixels.
    source : str
        Data source shown under the title.

    Returns
    -------
    altair.LayerChart
        The lines and the shaded δ band.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import delta_sensitivity
    >>> type(delta_sensitivity_chart(delta_sensitivity(t, r, n, deltas=[0.1, 0.3]))).__name__
    'LayerChart'
    """
    import altair as alt  # imported on use: altair takes about a second to import
    from .._charts import source_note

    df = result.table[["delta", "industry", "output_multiplier"]].copy()
    band = pd.DataFrame({"lo": [0.1], "hi": [0.4], "label": ["Flegg's range 0.1-0.4"]})
    shade = alt.Chart(band).mark_rect(opacity=0.12, color="#4c78a8").encode(x="lo:Q", x2="hi:Q")
    lines = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(size=18))
        .encode(
            x=alt.X("delta:Q", title="δ (Flegg)", scale=alt.Scale(domain=[0, 1])),
            y=alt.Y("output_multiplier:Q", title="regional output multiplier", scale=alt.Scale(zero=False)),
            color=alt.Color("industry:N", legend=alt.Legend(title=None, labelLimit=260, columns=1)),
            tooltip=["industry", "delta", alt.Tooltip("output_multiplier:Q", format=".4f")],
        )
    )
    sub = f"{result.method.upper()}; estimated by LQ regionalization (not survey data)"
    title = alt.Title(
        f"Regional output multipliers of {result.region} by δ",
        **(source_note(source) if source else {"subtitle": sub, "subtitleFontSize": 10, "subtitleColor": "#555"}),
    )
    return alt.layer(shade, lines).properties(width=width, height=height, title=title)


def two_region_effects_chart(model: TwoRegionModel, *, region: str | None = None, width: int = 560, source: str = "") -> alt.Chart:
    """Stacked bars of intraregional, feedback and spillover effects by industry of one region.

    Parameters
    ----------
    model : TwoRegionModel
        From :func:`valuechain.regional.two_region_model`.
    region : str, optional
        Which region's industries (default: the region, not the rest of the country).
    width : int
        Width in pixels.
    source : str
        Data source shown under the title.

    Returns
    -------
    altair.Chart
        The stacked bars.

    Examples
    --------
    >>> import pandas as pd
    >>> from valuechain import IOTable
    >>> t = IOTable.from_frames([[150, 500], [200, 100]], Y=[[350], [1700]], V=[[650, 1400]],
    ...                         industries=["agri", "manu"])   # Miller & Blair, Table 2.3
    >>> r = pd.Series({"agri": 5.0, "manu": 30.0})     # regional employment
    >>> n = pd.Series({"agri": 100.0, "manu": 200.0})  # national employment
    >>> from valuechain.regional import two_region_model
    >>> type(two_region_effects_chart(two_region_model(t, r, n))).__name__
    'Chart'
    """
    import altair as alt  # imported on use: altair takes about a second to import
    from .._charts import source_note

    region = region or model.region
    e = model.table
    e = e[e["region"] == region]
    long = e.melt(id_vars=["industry"], value_vars=["intraregional", "feedback", "spillover"], var_name="effect", value_name="value")
    order = list(e.sort_values("total", ascending=False)["industry"])
    title = alt.Title(
        f"Output effects of final demand in {region} (two-region model)",
        **(source_note(source) if source else {"subtitle": "estimated by LQ regionalization", "subtitleFontSize": 10, "subtitleColor": "#555"}),
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("industry:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("value:Q", title="output per unit of final demand", stack="zero"),
            color=alt.Color("effect:N", sort=["intraregional", "feedback", "spillover"], title=None),
            order=alt.Order("effect_order:Q"),
            tooltip=["industry", "effect", alt.Tooltip("value:Q", format=".4f")],
        )
        .transform_calculate(effect_order="indexof(['intraregional','feedback','spillover'], datum.effect)")
        .properties(width=width, height=max(120, 16 * len(e)), title=title)
    )
