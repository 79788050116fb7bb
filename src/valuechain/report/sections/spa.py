"""Section ``spa``: the chains through which final demand reaches the output of chosen industries, by structural
path analysis (``[spa]``). Every number is read off :func:`valuechain.leontief.structural_paths`.

A path ``A > B > C`` is final demand for A's output, which buys inputs from B, which buys from the target
C; its value is :math:`a_{CB}\\, a_{BA}\\, y_A` (for output). All paths of all orders add up to the part of the
target's output that the chosen final demand accounts for (:math:`(Ly)_C`); the page lists the strongest
and states what the listed paths leave (the remainder of every tree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import altair as alt

from ...errors import ValidationError
from .._model import ReportFigure, ReportTable
from ..figures import FULL_WIDTH
from ..inputs import Inputs, table_source, year_of
from ..study import Study
from . import Page, Section
from .common import badge_of, flags_of, names_list, table_words

__all__ = ["SECTION", "SPAInputs", "load", "build"]


@dataclass(frozen=True)
class SPAInputs:
    settings: Mapping[str, Any]
    table: Any
    where: str
    year: str


def load(study: Study, data: Inputs) -> SPAInputs:
    """[spa]: the table, the targets, the sources and the final-use column, checked against the table."""
    sp = study.get("spa")
    table = data.regionalization.table if sp["table"] == "regional" else data.national_table
    ind = set(table.industries)
    for key in ("to", "sources"):
        bad = [v for v in sp[key] if v not in ind]
        if bad:
            raise ValidationError(f"[spa] {key} names industries not in the table: {bad[:4]}; use its industry names "
                                  f"(e.g. {', '.join(list(table.industries)[:3])})")
    if sp["final_demand"] and sp["final_demand"] not in set(table.Y.columns):
        raise ValidationError(f"[spa] final_demand = {sp['final_demand']!r} is not a final-use column of the table; use one of "
                              f"{list(map(str, table.Y.columns))[:6]} or '' (all summed)")
    if sp["table"] == "regional":
        where = study.get("regional")["region"]
    else:
        st = study.get("study")
        where = st.get("country_name") or st.get("country") or "the nation"
    return SPAInputs(settings=sp, table=table, where=where, year=year_of(table.name) or year_of(table.source or ""))


def _unit(table, extension: str) -> str:
    if extension in ("output", "value_added"):
        return table.unit or "the table's value unit"
    return f"{extension} (the table's unit of that row)"


def build(x: SPAInputs, page: Page) -> None:
    from ...leontief import structural_paths

    sp, table, where, year = x.settings, x.table, x.where, x.year
    sec = page.sec
    ext = sp["extension"] or "output"
    res = structural_paths(table, to=list(sp["to"]), source=list(sp["sources"]) or None, order=sp["order"], top=sp["top"],
                           threshold=sp["threshold"], extension=None if ext == "output" else ext,
                           final_demand=sp["final_demand"] or None)
    src = table_source(table)
    flags = flags_of(table)
    unit = _unit(table, ext)
    yr = f", {year}" if year else ""
    targets = list(sp["to"])
    fd = (f"the final-use column '{sp['final_demand']}'" if sp["final_demand"]
          else f"all final-use columns of the table summed ({names_list(list(map(str, table.Y.columns))), 4})")
    fd_short = sp["final_demand"] or "all final uses"
    label = sp["title"] or f"paths into {names_list(targets, 4)}"
    sec.title = f"Structural paths: {label}"
    sec.badge = "illustration" if sp["illustration"] else badge_of(flags)
    residual = any("residual" in f for f in flags)
    sec.intro = (f"Through which chains of purchases does final demand reach the {ext.replace('_', ' ')} of "
                 f"{names_list(targets, 4)} in {where}? A path 'A > B > C' is final demand for A's output, which buys "
                 f"inputs from B, which buys from C; its value is the final demand for A times the input coefficients along "
                 f"the chain. Final demand: {page.label(fd)}. " + table_words(table, year, page=page, ref="spa_trees"))
    sec.intro = page.claims.render(sec.intro)
    if sp["note"]:
        sec.add(sp["note"])
    trees = res.trees.copy()
    out = table.x.reindex(trees["target"]).to_numpy(dtype=float)
    trees["output"] = out if ext == "output" else float("nan")
    total = float(trees["total"].sum())
    found = float(trees["found"].sum())
    scope = f"{where}|{fd_short}>{'+'.join(targets)}"
    cov = (f"{table.n} industries; paths up to order {res.order}, subtrees below {res.threshold:g} of the total cut; "
           f"final demand: {fd_short}")
    k = page.key
    page.claim("total", "spa.total", total, unit=unit, year=year, scope=scope, source=src, ref="spa_trees", coverage=cov,
               definition=f"the targets' {ext.replace('_', ' ')} that the chosen final demand accounts for, (L y) summed "
                          "over the targets: the sum of all paths of all orders")
    page.claim("found_share", "spa.found_share", 100 * found / total if total else float("nan"), unit="% of the trees' total",
               year=year, scope=scope, source=src, ref="spa_trees", coverage=cov,
               definition=f"share of the total carried by the paths found (orders 0-{res.order}, above the cut)")
    fd_words = f"final demand in the column '{sp['final_demand']}'" if sp["final_demand"] else "all final uses together"
    text = (f"Of the {ext.replace('_', ' ')} of {names_list(targets, 4)}, {{{k}.total}} is due to {fd_words}")
    if ext == "output" and len(targets) and out.sum() > 0:
        page.claim("of_output", "spa.share_of_output", 100 * total / float(out.sum()), unit="% of the targets' output",
                   year=year, scope=scope, source=src, ref="spa_trees", coverage=cov,
                   definition="the trees' total divided by the targets' gross output (the rest is bought by other final-use "
                              "columns or, in this table, is not final demand)")
        text += f" ({{{k}.of_output}} of {'its' if len(targets) == 1 else 'their'} gross output)"
    page.claim("order", "setting.spa.order", res.order, unit="links", decimals=0, year=year, scope=scope, source="study file ([spa] order)",
               ref="spa_paths", definition="the longest path searched (number of links)")
    text += f". The paths found up to order {{{k}.order|n}} carry {{{k}.found_share}} of it."
    tab = res.table.copy()
    if len(tab):
        best = tab.iloc[0]
        page.claim("top_share", "spa.path.share", 100 * float(best["share"]), unit="% of the trees' total", year=year,
                   scope=f"{scope}|{best['path']}", source=src, ref="spa_paths", coverage=cov,
                   definition="the strongest path's value divided by the trees' total")
        direct = tab[tab["order"] == 0]
        page.claim("n_long", "spa.paths.two_links", int((tab["order"] >= 2).sum()), unit="paths", decimals=0, year=year, scope=scope,
                   source=src, ref="spa_paths", coverage=cov, definition="listed paths with two links or more")
        page.claim("n_listed", "spa.paths.listed", len(tab), unit="paths", decimals=0, year=year, scope=scope, source=src,
                   ref="spa_paths", coverage=cov, definition="paths listed (the strongest, above the cut)")
        text += (f" The strongest single path is {page.label(best['path'])} ({{{k}.top_share}}); "
                 f"{{{k}.n_long|n}} of the {{{k}.n_listed|n}} listed paths have two links or more.")
        if len(direct):
            text += (" Paths of order zero (a target's own final demand) are among them: "
                     f"{page.label(names_list(list(direct['path']), 3))}.")
        page.finding("paths", f"The strongest path from {fd_short} into {names_list(targets, 3)} in {where} is "
                     f"{best['path']}, {{{k}.top_share}} of the total.",
                     comparison="an illustration of the method on the study's table",
                     why="shows which domestic chains carry final demand to the target industries",
                     kind="illustration" if sp["illustration"] else "finding")
    page.say(text)
    if residual:
        sec.notes.append("The table's final uses are a residual (output less intermediate sales), not published final "
                         "demand: the paths show the structure of the intermediate flows, their starting values are estimates.")
    tab["share"] = 100 * tab["share"]
    show = tab[["rank", "path", "order", "value", "share"]]
    heads = {"rank": "Rank", "path": "Path (final demand > ... > target)", "order": "Links", "value": ext.replace("_", " ").capitalize(),
             "share": "Share"}
    sec.add(ReportTable(key="spa_paths", title=f"The {len(show)} strongest paths from {fd_short} into "
                        f"{names_list(targets, 3)}, {where}{yr}", df=show, source=src,
                        units={"value": unit, "share": "% of the trees' total"}, headers=heads,
                        decimals={"value": 1, "share": 1}, flags=flags,
                        notes=["Order (links): 0 is the target's own final demand; 1, final demand for an industry that buys "
                               "from the target; and so on. Defourny & Thorbecke (1984); Miller & Blair (2009), sec. 12.3.",
                               f"Search: paths up to {res.order} links; a subtree whose whole total is below "
                               f"{res.threshold:g} of the trees' total is cut (Peters & Hertwich 2006)."]))
    trees["remainder_share"] = 100 * trees["remainder_share"]
    tshow = trees[["target", "output", "total", "paths_found", "found", "remainder", "remainder_share"]]
    if ext != "output":
        tshow = tshow.drop(columns="output")
    sec.add(ReportTable(key="spa_trees", title=f"Every tree: total, paths found and what they leave, {where}{yr}", df=tshow,
                        source=src, headers={"target": "Target", "output": "Gross output", "total": "Total from final demand",
                                             "paths_found": "Paths found", "found": "Carried by the paths found",
                                             "remainder": "Remainder", "remainder_share": "Remainder share"},
                        units={"output": unit, "total": unit, "found": unit, "remainder": unit,
                               "remainder_share": "% of the tree's total", "paths_found": "count"},
                        decimals={"output": 1, "total": 1, "found": 1, "remainder": 1, "remainder_share": 1, "paths_found": 0},
                        flags=flags,
                        notes=["Total: the target's " + ext.replace("_", " ") + " due to the chosen final demand, (L y) at the "
                               "target; remainder: paths longer than the order and the cut subtrees (total - found)."]))
    n_fig = min(10, len(tab))
    if n_fig:
        fig = tab.head(n_fig)[["path", "order", "share"]].copy()
        fig["path"] = fig["path"].where(fig["order"] > 0, fig["path"] + " (its own final demand)")
        chart = alt.Chart(fig).mark_bar(color="#3b6ea5").encode(
            x=alt.X("share:Q", title="Share of the trees' total (%)"),
            y=alt.Y("path:N", sort=list(fig["path"]), title=None, axis=alt.Axis(labelLimit=0)),
            tooltip=[alt.Tooltip("path:N"), alt.Tooltip("share:Q", format=".2f")],
        ).properties(width=FULL_WIDTH - 560, height=max(120, 24 * n_fig))
        sec.add(ReportFigure(key="spa_paths", title=f"The {n_fig} strongest paths into {names_list(targets, 3)}, {where}{yr}",
                             chart=chart, source=src, flags=flags,
                             notes=["Read 'A > B > C' as: final demand for A, which buys from B, which buys from C."]))
    if sp["illustration"]:
        page.record.add_flag("Structural paths: an illustration of the method (kept out of the summary)")


SECTION = Section(key="spa", title="Structural path analysis", needs="spa", load=load, build=build,
                  summary="the strongest chains from final demand to the output of chosen industries, with the remainder of every tree")
