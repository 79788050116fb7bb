"""Section ``impact``: the effects of a spending shock on the national or regionalized table, with
Monte Carlo bands (``[impact]``, ``[uncertainty]``; :func:`~valuechain.report.blocks.impact.impact_section`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ...errors import ValidationError
from ..inputs import Inputs, display_path, table_source
from ..study import Study
from . import Page, Section
from .common import copy_section

__all__ = ["SECTION", "ImpactInputs", "load", "build"]


@dataclass(frozen=True)
class ImpactInputs:
    settings: Mapping[str, Any]
    shock: pd.DataFrame
    table: Any
    where: str
    uncertainty: Any
    sampler: Any
    exclude: tuple[str, ...]


def load(study: Study, data: Inputs) -> ImpactInputs:
    """[impact] (+ [uncertainty]): the shock, the table it hits (national or regionalized) and the sampler of the bands."""
    from ...leontief import Uncertainty, read_shock

    im = study.get("impact")
    shock = read_shock(Path(str(im["shock"])))
    sampler = None
    un = study.get("uncertainty") if study.has("uncertainty") else None
    u = None
    if un is not None:
        u = Uncertainty(draws=un["draws"], seed=un["seed"], coef_cv=un["coef_cv"],
                        delta_range=tuple(un["delta_range"]) if un["delta_range"] else None)
    if im["region"]:
        reg = study.get("regional")
        rg = data.regionalization
        table, where = rg.table, reg["region"]
        if u is not None and u.delta_range is not None:
            from ...regional import regional_sampler

            _point, sampler, u = regional_sampler(data.national_table, rg.vectors, method=reg["method"], delta=reg["delta"],
                                                  region=reg["region"], uncertainty=u)
    else:
        table = data.national_table
        where = study.get("study").get("country_name") or study.get("study").get("country") or "the nation"
    unknown = sorted(set(shock["industry"]) - set(table.industries))
    if unknown:
        raise ValidationError(f"[impact] shock = {display_path(im['shock'])}: industries {unknown[:4]} are not in the "
                              f"table of {where}; use its industry names (e.g. {', '.join(list(table.industries)[:3])})")
    exclude = tuple(i for i in study.get("io").get("exclude", []) if i in set(table.industries))
    data.record.add_input("impact shock", display_path(im["shock"]))
    return ImpactInputs(settings=im, shock=shock, table=table, where=where, uncertainty=u, sampler=sampler, exclude=exclude)


def build(x: ImpactInputs, page: Page) -> None:
    from ..blocks.impact import impact_section

    im, table, where, u, sampler, shock, exclude = x.settings, x.table, x.where, x.uncertainty, x.sampler, x.shock, list(x.exclude)
    sec = page.sec
    title = f"Impact of {im['title']}" if im["title"] else f"Impact of a spending shock in {where}"
    s = impact_section(table, shock, type=im["type"], uncertainty=u, sampler=sampler, exclude=exclude,
                       illustration=im["illustration"], source=table_source(table), title=title, top=im["top"],
                       claims=page.claims, value_added=not any("residual" in f for f in table.flags))
    copy_section(s, sec)
    _tidy_impact(sec, residual=any("residual" in f for f in table.flags), where=where)
    page.record.add_status("Impact shock", "illustration" if im["illustration"] else "as given",
                   display_path(im["shock"]) + (" (invented to show the method; not a real project)" if im["illustration"] else ""),
                   "", f"{len(shock)} shock lines on the table of {where}")
    if im["illustration"]:
        page.record.add_flag(f"Impact: illustration: the shock ({display_path(im['shock'])}) is invented to show the method "
                             "(not a real project)")
        sec.badge = "illustration"
    if "impact.output_total" in page.claims:
        page.finding("impact", f"{im['title'] or 'The shock'} raises output in {where} by {{impact.output_total}}.",
                     comparison="an illustration of the method, not a projection" if im["illustration"] else "as given",
                     why="shows how a spending shock spreads through the region's purchases",
                     kind="illustration" if im["illustration"] else "finding")


def _tidy_impact(sec, *, residual: bool, where: str) -> None:
    """Value added hidden where the table's primary inputs are a residual; one decimal for money; long tables capped."""
    if residual:
        sec.notes.append("Value-added effects are not shown: the table's primary inputs are a residual (value added, net "
                         "taxes and inputs from outside the inter-country table), not published value added.")
    for b in sec.tables:
        if b.key in ("impact_effects", "impact_by_year", "impact_regions"):
            if residual:
                b.df = b.df[[c for c in b.df.columns if not str(c).lower().startswith("value added")]]
            num = [c for c in b.df.columns if str(b.df[c].dtype).startswith("float") and c not in b.decimals]
            b.decimals = {**dict(b.decimals), **{c: 1 for c in num}}
        if b.key in ("impact_multiplier_bands", "impact_keysector_probabilities"):
            b.annex = True  # one row per industry; the section's paragraph sums them up
            b.headers = {**dict(b.headers), "class (point estimate)": "Class at the point estimate"}
        if b.key == "impact_effects" and "Industry" in b.df.columns:
            tot = b.df["Industry"] == "total"
            b.df = pd.concat([b.df[tot].assign(Industry="Total"), b.df[~tot]], ignore_index=True)
            b.max_rows = 21


SECTION = Section(key="impact", title="Impact of a spending shock", needs="impact", load=load, build=build,
                  summary="output (and value-added) effects of a shock, with uncertainty bands")
