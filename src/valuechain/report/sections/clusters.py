"""Section ``clusters``: industrial clusters by factor analysis of the linkage matrix (regional seed, Tables 4-6 of part 3).

The clusters are fitted, named and assigned by the clusters family
(:class:`~valuechain.clusters.ClusterAnalysis`, :mod:`valuechain.clusters.assign`) through
:meth:`valuechain.report.inputs.Inputs.clusters`; this module lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .._model import ReportFigure, ReportTable
from ..inputs import ClusterFit, Inputs, table_source
from ..study import Study
from . import Page, Section
from .common import badge_of, flags_of

__all__ = ["SECTION", "ClustersInputs", "load", "build"]


@dataclass(frozen=True)
class ClustersInputs:
    settings: Mapping[str, Any]
    fits: tuple[ClusterFit, ...]


def load(study: Study, data: Inputs) -> ClustersInputs:
    cl = study.get("clusters")
    which = {"both": ["national", "regional"], "national": ["national"], "regional": ["regional"]}[cl["table"]]
    if "regional" in which and not study.has("regional"):
        which.remove("regional")
    return ClustersInputs(settings=cl, fits=tuple(data.clusters(s) for s in which))


def build(x: ClustersInputs, page: Page) -> None:
    sec = page.sec
    cl = x.settings
    sec.intro = ("Feser, Sweeney & Renski (2005): the linkage matrix L (for each pair of industries, the largest correlation "
                 "of their purchase and sales patterns) is factor-analysed with principal components, Kaiser's rule "
                 f"(eigenvalue ≥ 1) and varimax rotation; industries with rotated loadings above {cl['threshold']:g} form a "
                 "cluster, named here after its two highest-loading industries.")
    for fit in x.fits:
        scope, tab, where, ca = fit.scope, fit.table, fit.where, fit.analysis
        src = table_source(tab)
        flags = flags_of(tab)
        sec.flags += [f for f in flags if f not in sec.flags]
        sec.badge = badge_of(sec.flags)
        fac = ca.factors.copy()
        lab = dict(fit.labels)
        t = ca.table if not lab else ca.table.assign(industry=ca.table["industry"].map(lambda c, lab=lab: lab.get(c, c)))
        kmax = cl["max_factors"] or len(fac)
        named = fit.names
        fac.insert(1, "name", fac["factor"].map(named))
        for c in ("variance_share", "cumulative_share", "rotated_variance_share"):
            fac[c] = 100 * fac[c]
        show = fac[["factor", "name", "eigenvalue", "variance_share", "cumulative_share", "n_members"]]
        page.add(ReportTable(key=f"clusters_{scope}_factors", title=f"Clusters of {where}: retained factors of the linkage matrix", df=show,
                            source=src, units={"eigenvalue": "", "variance_share": "%", "cumulative_share": "%",
                                               "n_members": "industries"},
                            headers={"factor": "Factor", "name": "Cluster (two highest-loading industries)", "eigenvalue": "Eigenvalue",
                                     "variance_share": "Share of the trace", "cumulative_share": "Cumulative", "n_members": "Members"},
                            decimals={"eigenvalue": 2, "variance_share": 1, "cumulative_share": 1}, flags=flags))
        over = fac["cumulative_share"].iloc[-1] > 100
        page.add(f"{where[:1].upper() + where[1:]}: {len(fac)} factors have an eigenvalue of at least 1 and together account for "
                f"{fac['cumulative_share'].iloc[-1]:.0f}% of the trace of L" + (" (more than 100% because other eigenvalues are negative)" if over else "")
                + f". The largest, '{named[fac['factor'].iloc[0]]}' "
                f"(eigenvalue {fac['eigenvalue'].iloc[0]:.2f}, {fac['variance_share'].iloc[0]:.0f}% of the trace), has "
                f"{int(fac['n_members'].iloc[0])} members.")
        page.claim(f"{scope}_n_clusters", "clusters.count", int((fac["n_members"] > 0).sum()), unit="", decimals=0, scope=where,
                   source=src, ref=f"clusters_{scope}_factors",
                   definition=f"factors with an eigenvalue ≥ 1 and at least one member loading above {cl['threshold']:g}")
        page.claim(f"{scope}_largest_members", "clusters.largest.members", int(fac["n_members"].iloc[0]), unit="industries",
                   decimals=0, scope=where, source=src, ref=f"clusters_{scope}_factors",
                   definition="members of the factor with the largest eigenvalue")
        if scope == "national":
            page.finding("clusters", f"{{clusters.national_n_clusters}} clusters in the nation; the largest, "
                         f"'{named[fac['factor'].iloc[0]]}', has {{clusters.national_largest_members}}.",
                         comparison="The regional seed found 14 factors nationally, the largest 'metalworking', then 'oil processing'.",
                         why="Clusters group industries that buy from and sell to each other; policy aimed at one reaches its partners.",
                         kind="thin")
        ev_all = pd.Series(getattr(ca, "eigenvalues_", []), dtype=float)
        lo = pd.Series(t["loading"], dtype=float)
        n_neg, n_big = int((ev_all < -1e-9).sum()), int((lo.abs() > 1 + 1e-9).sum())
        if n_neg or n_big:
            parts = ([f"{n_neg} of its {len(ev_all)} eigenvalues are negative (smallest {ev_all.min():.2f})"] if n_neg else []) + \
                    ([f"{n_big} rotated loadings exceed 1 in absolute value"] if n_big else [])
            page.add(f"{where[:1].upper() + where[1:]}: L is a matrix of maximum correlations, not the correlation matrix of observed "
                    f"variables, so it need not be positive semi-definite: {' and '.join(parts)}. Eigenvalue shares are therefore "
                    "shares of the trace, not of a variance, and loadings are weights rather than correlations; membership "
                    "(a loading above the threshold) is read as usual (Feser, Sweeney & Renski 2005).")
        page.add(ReportFigure(key=f"clusters_{scope}_scree", title=f"Scree plot of the linkage matrix, {where}",
                             chart=ca.scree_chart(title=f"Scree plot, {where}", source=src), source=src, flags=flags,
                             notes=["Components above the dashed line (eigenvalue 1) are retained."]))
        rows = []
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if len(mem):
                rows.append((int(f), named[f], "; ".join(f"{i} ({v:.2f})" for i, v in zip(mem["industry"], mem["loading"]))))
        if rows:
            page.add(ReportTable(key=f"clusters_{scope}_members", title=f"The {len(rows)} largest clusters of {where} and their members",
                                df=pd.DataFrame(rows, columns=["factor", "name", "members"]), source=src, flags=flags,
                                headers={"factor": "Factor", "name": "Cluster", "members": "Members (rotated loading)"},
                                notes=["Industries with a loading above the threshold, highest first (the regional seed's Tables 4-6)."]))
        for f in list(fac["factor"])[:kmax]:
            mem = t[(t["factor"] == f) & t["member"]].sort_values("loading", ascending=False, kind="stable")
            if mem.empty:
                continue
            ev = float(fac.loc[fac["factor"] == f, "eigenvalue"].iloc[0])
            page.add(ReportTable(key=f"clusters_{scope}_factor_{int(f)}",
                                title=f"Cluster '{named[f]}', {where} (factor {int(f)}, eigenvalue {ev:.2f})",
                                df=mem[["industry", "loading"]].reset_index(drop=True), source=src,
                                units={"loading": "rotated factor loading"}, headers={"industry": "Industry", "loading": "Loading"},
                                decimals={"loading": 2}, flags=flags, max_rows=40, annex=True))


SECTION = Section(key="clusters", title="Industrial clusters (factor analysis)", needs="clusters", load=load, build=build,
                  summary="factor analysis of the linkage matrix: retained factors, scree plot, members")
